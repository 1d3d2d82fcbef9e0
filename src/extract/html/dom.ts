// Small helpers over the htmlparser2 DOM that cheerio/slim builds. Walking nodes directly (rather than through
// cheerio wrappers) keeps a 30 KB page well under the 10 ms budget.
import type { AnyNode, Element, ParentNode } from 'domhandler';

export type { AnyNode, Element, ParentNode };

export const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
export const isText = (n: AnyNode): n is AnyNode & { data: string } => n.type === 'text';

/** Elements that end a line when serialized. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', 'caption', 'html', 'title', 'option', 'legend', 'br',
]);

export function attr(el: Element, name: string): string {
  return el.attribs?.[name] ?? '';
}

/** All text below a node, whitespace collapsed (no block structure: for scoring and short labels). */
export function textOf(n: AnyNode): string {
  let out = '';
  const walk = (x: AnyNode) => {
    if (isText(x)) out += x.data;
    else if (isElement(x) && x.name !== 'script' && x.name !== 'style') {
      if (x.name === 'br') out += ' ';
      for (const c of x.children) walk(c);
      if (BLOCK_TAGS.has(x.name)) out += ' ';
    }
  };
  walk(n);
  return out.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

export function removeNode(n: AnyNode): void {
  const p = n.parent as ParentNode | null;
  if (!p) return;
  const i = p.children.indexOf(n as never);
  if (i >= 0) p.children.splice(i, 1);
  const prev = n.prev;
  const next = n.next;
  if (prev) prev.next = next;
  if (next) next.prev = prev;
  n.parent = null;
  n.prev = null;
  n.next = null;
}

/** Depth-first elements below (not including) `root`. */
export function* elementsUnder(root: AnyNode): Generator<Element> {
  const stack: AnyNode[] = [];
  if ('children' in root) for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

export function contains(ancestor: AnyNode, n: AnyNode): boolean {
  for (let p: AnyNode | null = n; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Cap long audit strings: the removed list is for humans, a whole navigation tree is not. */
export function auditText(s: string, max = 400): string {
  return s.length <= max ? s : `${s.slice(0, max)}…(+${s.length - max} chars)`;
}
