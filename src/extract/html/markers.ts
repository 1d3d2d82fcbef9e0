// Bodies delimited by comment pairs (Hanweb's <!--ZJEG_RSS.content.begin--> … <!--ZJEG_RSS.content.end-->).
// The nodes between the two comments are moved into one new <div> at the same place, so the rest of the
// pipeline sees an ordinary element root and the page around it is unchanged.
import { Element } from 'domhandler';
import { CMS_MARKERS } from '../rules/cms.ts';
import type { AnyNode, ParentNode } from './dom.ts';

function findComment(root: AnyNode, text: string): AnyNode | null {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'comment' && (n as unknown as { data: string }).data.includes(text)) return n;
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return null;
}

/** The wrapped body and its CMS name, or null when no marker pair encloses sibling content. */
export function markerRoot(doc: AnyNode, html: string): { root: Element; cms: string } | null {
  for (const m of CMS_MARKERS) {
    if (!html.includes(m.begin)) continue;
    const begin = findComment(doc, m.begin);
    const parent = begin?.parent as ParentNode | null | undefined;
    if (!begin || !parent) continue;
    const kids = parent.children;
    const from = kids.indexOf(begin as never);
    let to = -1;
    for (let i = from + 1; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type === 'comment' && (k as unknown as { data: string }).data.includes(m.end)) {
        to = i;
        break;
      }
    }
    // The end marker lies elsewhere (a template that opened an element between them): not a clean pair.
    if (to < 0) continue;
    const inner = kids.slice(from + 1, to);
    const wrap = new Element('div', { 'data-ogi-marker': m.cms }, inner);
    for (const c of inner) c.parent = wrap;
    for (let i = 0; i < inner.length; i++) {
      inner[i]!.prev = inner[i - 1] ?? null;
      inner[i]!.next = inner[i + 1] ?? null;
    }
    kids.splice(from + 1, inner.length, wrap as never);
    wrap.parent = parent;
    wrap.prev = begin;
    wrap.next = kids[from + 2] ?? null;
    begin.next = wrap;
    if (wrap.next) wrap.next.prev = wrap;
    return { root: wrap, cms: m.cms };
  }
  return null;
}
