// Node-level chrome removal before and after the body is chosen. Every removed block with text is reported.
import type { Removed } from '../../schema/document.ts';
import { CHROME_ATTR_RE, DROP_TAGS } from '../rules/chrome.ts';
import { attr, auditText, elementsUnder, isElement, removeNode, textOf, type AnyNode, type Element } from './dom.ts';
import { countPunct } from '../text/normalize.ts';

const DROP = new Set(DROP_TAGS);
// Tags whose text is never worth auditing (code, styling, form plumbing).
const SILENT = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'svg', 'canvas', 'object', 'embed', 'iframe', 'input', 'select', 'textarea', 'button']);
const HIDDEN_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i;

function isHidden(el: Element): boolean {
  return 'hidden' in el.attribs || HIDDEN_STYLE.test(attr(el, 'style')) || attr(el, 'aria-hidden') === 'true';
}

/** Looks like body text: a class name such as `print_content` must not cost us the report. */
function looksLikeBody(el: Element): boolean {
  const t = textOf(el);
  if (t.length < 200) return false;
  let linkText = 0;
  for (const a of elementsUnder(el)) if (a.name === 'a') linkText += textOf(a).length;
  return linkText / t.length < 0.3 && countPunct(t) >= 8;
}

/** Remove tags that never carry report text (script, nav, footer, forms …) and hidden elements. */
export function dropNonContent(root: AnyNode, removed: Removed[], keep: Set<Element> = new Set()): void {
  const doomed: Array<{ el: Element; kind: string }> = [];
  const visit = (n: AnyNode) => {
    if (n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') {
      doomed.push({ el: n as unknown as Element, kind: 'comment' });
      return;
    }
    if (!isElement(n)) return;
    if (keep.has(n)) {
      for (const c of n.children) visit(c);
      return;
    }
    if (DROP.has(n.name)) doomed.push({ el: n, kind: n.name });
    else if (isHidden(n) && !containsKept(n, keep)) doomed.push({ el: n, kind: 'hidden' });
    else for (const c of n.children) visit(c);
  };
  visit(root);
  for (const { el, kind } of doomed) {
    // Some portals wrap the whole article in <form> or <header>: keep such an element, drop its tag role.
    if ((kind === 'form' || kind === 'header' || kind === 'footer' || kind === 'aside' || kind === 'nav') && (containsKept(el, keep) || looksLikeBody(el))) continue;
    if (!SILENT.has(kind) && kind !== 'comment') {
      const t = textOf(el);
      if (t) removed.push({ kind, text: auditText(t) });
    }
    removeNode(el);
  }
}

function containsKept(el: Element, keep: Set<Element>): boolean {
  if (keep.size === 0) return false;
  for (const k of keep) for (let p: AnyNode | null = k; p; p = p.parent) if (p === el) return true;
  return false;
}

/** Remove elements whose class/id marks them as furniture (share bars, breadcrumbs, related lists …). */
export function dropChromeByAttr(root: AnyNode, removed: Removed[], keep: Set<Element> = new Set()): void {
  const doomed: Element[] = [];
  const visit = (n: AnyNode) => {
    if (!isElement(n)) return;
    const cls = `${attr(n, 'class')} ${attr(n, 'id')}`.trim();
    if (cls && n.name !== 'body' && n.name !== 'html' && CHROME_ATTR_RE.test(cls) && !keep.has(n) && !containsKept(n, keep) && !looksLikeBody(n)) {
      doomed.push(n);
      return;
    }
    for (const c of n.children) visit(c);
  };
  visit(root);
  for (const el of doomed) {
    const t = textOf(el);
    if (t) removed.push({ kind: `chrome:${(CHROME_ATTR_RE.exec(`${attr(el, 'class')} ${attr(el, 'id')}`)?.[2] ?? 'attr').toLowerCase()}`, text: auditText(t) });
    removeNode(el);
  }
}
