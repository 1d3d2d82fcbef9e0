// Small helpers over the htmlparser2 DOM that cheerio/slim builds. Walking nodes directly (rather than through
// cheerio wrappers) keeps a 30 KB page well under the 10 ms budget.
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { isPunct, isSpace } from '../text/normalize.ts';

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

/**
 * `textOf(el).length`, its sentence-punctuation count and the text length of the links below it, for every
 * element, computed bottom-up and memoised. Asking textOf of each of k nested candidates costs O(k × subtree),
 * quadratic on a page of unclosed tags; this is linear in the subtree whatever the order of the questions.
 * Valid only while the tree is not changed: make one per pass.
 */
export class TextStats {
  private readonly memo = new Map<AnyNode, Seg>();

  /** Same as `textOf(el).length`. */
  len(el: Element): number {
    const g = this.seg(el);
    return g.n === 0 ? 0 : Math.max(0, g.n - (g.s ? 1 : 0) - (g.e ? 1 : 0));
  }
  /** Same as `countPunct(textOf(el))`. */
  punct(el: Element): number {
    return this.seg(el).punct;
  }
  /** Sum of `textOf(a).length` over the <a> elements below `el` (not `el` itself). */
  linkLen(el: Element): number {
    return this.seg(el).link;
  }
  /** Elements visited so far: a test can check that the work is linear. */
  get size(): number {
    return this.memo.size;
  }

  private seg(root: AnyNode): Seg {
    const done = this.memo.get(root);
    if (done) return done;
    // Iterative post-order (deep trees would overflow a recursive walk); memoised subtrees are not re-entered.
    const stack: Array<{ n: AnyNode; i: number; acc: Seg }> = [{ n: root, i: 0, acc: openSeg(root) }];
    let last: Seg = EMPTY;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const kids = isElement(top.n) && top.n.name !== 'script' && top.n.name !== 'style' ? top.n.children : [];
      if (top.i < kids.length) {
        const c = kids[top.i++]!;
        const memo = this.memo.get(c);
        if (memo) addChild(top.acc, c, memo);
        else if (isText(c)) addChild(top.acc, c, textSeg(c.data));
        else if (isElement(c)) stack.push({ n: c, i: 0, acc: openSeg(c) });
        continue;
      }
      stack.pop();
      const g = closeSeg(top.n, top.acc);
      if (isElement(top.n)) this.memo.set(top.n, g);
      last = g;
      const parent = stack[stack.length - 1];
      if (parent) addChild(parent.acc, top.n, g);
    }
    return last;
  }
}

/** A collapsed-whitespace string summarised: length, starts/ends with a space, punctuation, link text below. */
interface Seg {
  n: number;
  s: boolean;
  e: boolean;
  punct: number;
  link: number;
}
const EMPTY: Seg = { n: 0, s: false, e: false, punct: 0, link: 0 };
const SPACE: Seg = { n: 1, s: true, e: true, punct: 0, link: 0 };

/** The Seg of `data.replace(/\s+/g, ' ')`, counted without building that string: this runs on every text node. */
function textSeg(data: string): Seg {
  let n = 0;
  let punct = 0;
  let s = false;
  let inSpace = false;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (isSpace(c)) {
      if (inSpace) continue;
      if (n === 0) s = true;
      n++;
      inSpace = true;
    } else {
      n++;
      inSpace = false;
      if (isPunct(c)) punct++;
    }
  }
  return n === 0 ? EMPTY : { n, s, e: inSpace, punct, link: 0 };
}

/**
 * `textOf(root).length >= min`, decided as soon as it is certain (trimming takes at most two spaces off): a check
 * that a 50 KB body “has some text” need not read all of it.
 */
export function textLengthAtLeast(root: AnyNode, min: number): boolean {
  const acc: Seg = { ...EMPTY };
  const walk = (x: AnyNode): boolean => {
    if (isText(x)) {
      concat(acc, textSeg(x.data));
      return acc.n >= min + 2;
    }
    if (isElement(x) && x.name !== 'script' && x.name !== 'style') {
      if (x.name === 'br') concat(acc, SPACE);
      for (const c of x.children) if (walk(c)) return true;
      if (BLOCK_TAGS.has(x.name)) concat(acc, SPACE);
    } else if (x.type === 'root') {
      for (const c of (x as ParentNode).children) if (walk(c)) return true;
    }
    return false;
  };
  if (walk(root)) return true;
  return Math.max(0, acc.n - (acc.s ? 1 : 0) - (acc.e ? 1 : 0)) >= min;
}
function concat(a: Seg, b: Seg): void {
  if (b.n === 0) return;
  if (a.n === 0) {
    a.n = b.n;
    a.s = b.s;
    a.e = b.e;
  } else {
    a.n += b.n - (a.e && b.s ? 1 : 0);
    a.e = b.e;
  }
  a.punct += b.punct;
}
function openSeg(n: AnyNode): Seg {
  const g = { ...EMPTY };
  if (isElement(n) && n.name === 'br') concat(g, SPACE);
  return g;
}
function addChild(acc: Seg, c: AnyNode, g: Seg): void {
  concat(acc, g);
  // Link text of the child's subtree, plus the child itself when it is a link (a length, trimmed like textOf).
  acc.link += g.link;
  if (isElement(c) && c.name === 'a') acc.link += g.n === 0 ? 0 : Math.max(0, g.n - (g.s ? 1 : 0) - (g.e ? 1 : 0));
}
function closeSeg(n: AnyNode, g: Seg): Seg {
  if (isElement(n) && n.name !== 'script' && n.name !== 'style' && BLOCK_TAGS.has(n.name)) concat(g, SPACE);
  return g;
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

/**
 * Remove many nodes at once. One removeNode per node is an indexOf and a splice on the parent's child array,
 * quadratic when thousands of siblings go (a flat page of scripts, a flattened deep page).
 */
export function removeNodes(nodes: AnyNode[]): void {
  const byParent = new Map<ParentNode, Set<AnyNode>>();
  for (const n of nodes) {
    const p = n.parent as ParentNode | null;
    if (!p) continue;
    let set = byParent.get(p);
    if (!set) byParent.set(p, (set = new Set()));
    set.add(n);
  }
  for (const [p, gone] of byParent) {
    p.children = p.children.filter((c) => !gone.has(c));
    for (let i = 0; i < p.children.length; i++) {
      p.children[i]!.prev = p.children[i - 1] ?? null;
      p.children[i]!.next = p.children[i + 1] ?? null;
    }
    for (const n of gone) {
      n.parent = null;
      n.prev = null;
      n.next = null;
    }
  }
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

/**
 * Nesting deeper than this is flattened, as Blink does (its parser caps the tree at 512 levels and puts deeper
 * nodes under the element at the cap). Only malformed pages get here (thousands of unclosed <font>/<span>/<td>);
 * without the cap the recursive passes overflow the stack and every per-element look at an ancestor chain
 * costs O(depth), which makes such a page quadratic.
 */
export const MAX_DEPTH = 512;

/**
 * Re-home every node below depth `max` under its ancestor at depth `max`, in document order (a pre-order
 * listing, so text keeps its order; the moved elements keep their attributes but lose their children).
 * Iterative and linear. Returns how many nodes moved, so the caller can warn.
 */
export function capDepth(root: AnyNode, max = MAX_DEPTH): number {
  let moved = 0;
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (!('children' in n)) continue;
    const p = n as ParentNode;
    if (d < max) {
      for (const c of p.children) stack.push([c, d + 1]);
      continue;
    }
    // At the cap: replace the children by the pre-order list of the whole subtree below.
    const flat: AnyNode[] = [];
    const sub: AnyNode[] = [];
    for (let i = p.children.length - 1; i >= 0; i--) sub.push(p.children[i]!);
    while (sub.length) {
      const c = sub.pop()!;
      flat.push(c);
      if ('children' in c) {
        const kids = (c as ParentNode).children;
        for (let i = kids.length - 1; i >= 0; i--) sub.push(kids[i]!);
        if (kids.length) moved += kids.length;
        (c as ParentNode).children = [];
      }
    }
    for (let i = 0; i < flat.length; i++) {
      const c = flat[i]!;
      c.parent = p;
      c.prev = flat[i - 1] ?? null;
      c.next = flat[i + 1] ?? null;
    }
    p.children = flat as never;
  }
  return moved;
}
