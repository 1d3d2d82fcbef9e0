// Node-level chrome removal before and after the body is chosen. Every removed block with text is reported.
import type { Removed } from '../../schema/document.ts';
import { CHROME_ATTR_RE, COMMENT_ATTR_RE, DROP_TAGS } from '../rules/chrome.ts';
import { attr, auditText, isElement, removeNodes, TextStats, textOf, type AnyNode, type Element } from './dom.ts';
import { noteRemoved } from './posts.ts';

const DROP = new Set(DROP_TAGS);
// Tags whose text is never worth auditing (code, styling, form plumbing).
const SILENT = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'svg', 'canvas', 'object', 'embed', 'iframe', 'input', 'select', 'textarea', 'button']);
const HIDDEN_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i;

function isHidden(el: Element): boolean {
  return 'hidden' in el.attribs || HIDDEN_STYLE.test(attr(el, 'style')) || attr(el, 'aria-hidden') === 'true';
}

/** Looks like body text: a class name such as `print_content` must not cost us the report. */
function looksLikeBody(el: Element, st: TextStats): boolean {
  const len = st.len(el);
  if (len < 200) return false;
  return st.linkLen(el) / len < 0.3 && st.punct(el) >= 8;
}

/** Remove tags that never carry report text (script, nav, footer, forms …) and hidden elements. */
export function dropNonContent(root: AnyNode, removed: Removed[], keep: Set<Element> = new Set()): void {
  const doomed: Array<{ el: Element; kind: string }> = [];
  const st = new TextStats();
  const visit = (n: AnyNode) => {
    if (n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') {
      doomed.push({ el: n as unknown as Element, kind: 'comment' });
      return;
    }
    if (!isElement(n)) {
      if (n.type === 'root') for (const c of (n as unknown as Element).children) visit(c);
      return;
    }
    if (keep.has(n)) {
      for (const c of n.children) visit(c);
      return;
    }
    if (DROP.has(n.name)) doomed.push({ el: n, kind: n.name });
    else if (isHidden(n) && !containsKept(n, keep)) doomed.push({ el: n, kind: 'hidden' });
    else for (const c of n.children) visit(c);
  };
  visit(root);
  const gone: AnyNode[] = [];
  for (const { el, kind } of doomed) {
    // Some portals wrap the whole article in <form> or <header>: keep such an element, drop its tag role.
    if ((kind === 'form' || kind === 'header' || kind === 'footer' || kind === 'aside' || kind === 'nav') && (containsKept(el, keep) || looksLikeBody(el, st))) continue;
    if (!SILENT.has(kind) && kind !== 'comment') {
      const t = textOf(el);
      if (t) removed.push({ kind, text: auditText(t) });
    }
    gone.push(el);
  }
  removeNodes(gone);
}

function containsKept(el: Element, keep: Set<Element>): boolean {
  if (keep.size === 0) return false;
  for (const k of keep) for (let p: AnyNode | null = k; p; p = p.parent) if (p === el) return true;
  return false;
}

/** Remove elements whose class/id marks them as furniture (share bars, breadcrumbs, related lists …). */
export function dropChromeByAttr(root: AnyNode, removed: Removed[], keep: Set<Element> = new Set()): void {
  const doomed: Element[] = [];
  let rootText = -1;
  const st = new TextStats();
  const visit = (n: AnyNode) => {
    if (!isElement(n)) {
      if (n.type === 'root') for (const c of (n as unknown as Element).children) visit(c);
      return;
    }
    const cls = `${attr(n, 'class')} ${attr(n, 'id')}`.trim();
    if (cls && n.name !== 'body' && n.name !== 'html' && (CHROME_ATTR_RE.test(cls) || COMMENT_ATTR_RE.test(cls)) && !keep.has(n) && !containsKept(n, keep)) {
      if (!looksLikeBody(n, st)) {
        doomed.push(n);
        return;
      }
      // Reader comments go even when they are long prose, unless they are most of what the page says.
      if (COMMENT_ATTR_RE.test(cls)) {
        if (rootText < 0) rootText = textOf(root).length;
        if (st.len(n) < 0.5 * rootText) {
          doomed.push(n);
          return;
        }
      }
    }
    for (const c of n.children) visit(c);
  };
  visit(root);
  for (const el of doomed) {
    const t = textOf(el);
    noteRemoved(el.parent, t);
    const cls = `${attr(el, 'class')} ${attr(el, 'id')}`;
    const name = CHROME_ATTR_RE.exec(cls)?.[2] ?? COMMENT_ATTR_RE.exec(cls)?.[2] ?? 'attr';
    if (t) removed.push({ kind: `chrome:${name.toLowerCase()}`, text: auditText(t) });
  }
  removeNodes(doomed);
}

// A block this link-heavy inside the body is a list of other articles, a pager or a tag cloud.
const LINK_BLOCK_SHARE = 0.6;
const LINK_BLOCK_TAGS = new Set(['div', 'ul', 'ol', 'dl', 'table', 'tr', 'td', 'p', 'section', 'span', 'font', 'li', 'center']);

/**
 * Inside the chosen body, drop blocks made mostly of link text (“more news” lists, tag clouds) even when no
 * class names them. Blocks linking to documents are kept: they are the report's attachments.
 */
export function dropLinkBlocks(root: AnyNode, removed: Removed[], isAttachmentHref: (href: string) => boolean): void {
  const doomed: Element[] = [];
  const visit = (n: AnyNode): { text: number; link: number; attach: boolean } => {
    if (n.type === 'text') {
      const l = (n as unknown as { data: string }).data.replace(/[\s\u00a0\u3000]+/g, '').length;
      return { text: l, link: 0, attach: false };
    }
    if (!isElement(n)) return { text: 0, link: 0, attach: false };
    const acc = { text: 0, link: 0, attach: false };
    const kids: Array<{ el: Element; text: number; link: number; attach: boolean }> = [];
    for (const c of n.children) {
      const r = visit(c);
      acc.text += r.text;
      acc.link += r.link;
      acc.attach ||= r.attach;
      if (isElement(c)) kids.push({ el: c, ...r });
    }
    if (n.name === 'a') {
      acc.link = acc.text;
      if (isAttachmentHref(attr(n, 'href'))) acc.attach = true;
    }
    // Decide for children here, where the parent is known: a link-heavy child is dropped unless it is the
    // whole of the parent's text (then the parent decides, one level up).
    for (const k of kids) {
      if (!LINK_BLOCK_TAGS.has(k.el.name) || k.attach) continue;
      if (k.text >= 8 && k.link >= LINK_BLOCK_SHARE * k.text && k.text < acc.text) doomed.push(k.el);
    }
    return acc;
  };
  visit(root);
  // Nested link blocks both qualify; only the outermost is removed and audited (its text holds the inner
  // ones'), so a page of nested lists costs one textOf per removed subtree, not one per level.
  const marked = new Set<AnyNode>(doomed);
  const outer: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (marked.has(n)) {
      outer.push(n as Element);
      continue;
    }
    if (isElement(n) || n.type === 'root') for (let i = (n as Element).children.length - 1; i >= 0; i--) stack.push((n as Element).children[i]!);
  }
  for (const el of outer) {
    const t = textOf(el);
    if (t) removed.push({ kind: 'link-block', text: auditText(t) });
  }
  removeNodes(outer);
}
