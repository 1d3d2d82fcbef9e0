// Pages that are a list of posts — a blog's front or archive page, a forum thread, a column page that prints
// every article in full — give the generic scorer several sibling bodies built from one template. Voting then
// picks whichever post happens to be longest, which is arbitrary. Such a list is recognised by its template:
// sibling blocks of the same shape that each carry prose *and* their own date stamp (a post header or footer;
// the sections of one article share the article's single date line, so they do not qualify). The first post
// is then the page's main content: the newest entry of a reverse-chronological blog, the opening post of a
// thread. This is structure, not site knowledge: no class or id name is consulted.
import { attr, isElement, isText, type AnyNode, type Element } from './dom.ts';
import { bestWithin, type ScoredTree } from './score.ts';

// A stamp is a short text of its own (a header cell, a “posted at” footer), never a date inside prose.
const STAMP_MAX = 60;
const STAMP_RE =
  /(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}/;
// How far above the winning block the repeated post element may sit (table layouts nest deeply).
const MAX_UP = 16;

// Post stamps often sit in blocks the furniture pass removes before scoring (Blogger's `h2.date-header`, a
// `div.post-footer`): the remover notes where such a stamp was, so the post keeps the evidence.
const removedStamp = new WeakSet<AnyNode>();
export function noteRemoved(parent: AnyNode | null, text: string): void {
  if (parent && text.length <= STAMP_MAX && STAMP_RE.test(text)) removedStamp.add(parent);
}

/** Tag, class and the distinct child shapes in order: two posts of one template agree on it. */
function shape(el: Element): string {
  const kids: string[] = [];
  for (const c of el.children) {
    if (!isElement(c)) continue;
    const k = `${c.name}.${attr(c, 'class')}`;
    if (!kids.includes(k)) kids.push(k);
  }
  return `${el.name}.${attr(el, 'class')}[${kids.join(',')}]`;
}

function hasStamp(el: Element): boolean {
  if (removedStamp.has(el)) return true;
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) {
      const t = n.data.trim();
      if (t && t.length <= STAMP_MAX && STAMP_RE.test(t)) return true;
    } else if (isElement(n) && n.name !== 'script' && n.name !== 'style') {
      if (removedStamp.has(n)) return true;
      // A stamp split over inline elements (<span>2005-06-14</span><span>03:25</span>) still has its date part
      // in one text node, so looking at text nodes one by one is enough.
      for (const c of n.children) stack.push(c);
    }
  }
  return false;
}

/** Every element that holds a paragraph which voted (built once per page, only when a list is suspected). */
function proseHolders(t: ScoredTree): Set<AnyNode> {
  const out = new Set<AnyNode>();
  for (const [v, n] of t.votes) {
    if (n <= 0) continue;
    for (let p: AnyNode | null = v; p && !out.has(p); p = p.parent) out.add(p);
  }
  return out;
}

/**
 * If `best` lies inside one post of a list of posts, the body of the first post; otherwise `best` unchanged.
 */
export function firstPost(best: Element, t: ScoredTree): Element {
  let prose: Set<AnyNode> | null = null;
  // The winner may be the list itself (short posts: their shared container collects the most votes). Look
  // through wrappers that have a single child element (a <tbody>, a centring <div>) for the repeated posts.
  let list: Element = best;
  for (let k = 0; k < 4; k++) {
    const kids = list.children.filter(isElement);
    if (kids.length !== 1) break;
    list = kids[0]!;
  }
  const groups = new Map<string, Element[]>();
  for (const c of list.children) {
    if (!isElement(c)) continue;
    const s = shape(c);
    const g = groups.get(s);
    if (g) g.push(c);
    else groups.set(s, [c]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    prose ??= proseHolders(t);
    const posts = g.filter((c) => prose!.has(c) && hasStamp(c));
    if (posts.length >= 2) return bestWithin(posts[0]!, t) ?? best;
  }

  let a: Element = best;
  for (let up = 0; up < MAX_UP; up++) {
    const parent = a.parent;
    if (!parent || !isElement(parent) || a.name === 'body' || parent.name === 'html') break;
    const s = shape(a);
    const same = parent.children.filter((c): c is Element => isElement(c) && c.name === a.name && shape(c) === s);
    if (same.length >= 2) {
      prose ??= proseHolders(t);
      const posts = same.filter((c) => prose!.has(c) && hasStamp(c));
      if (posts.length >= 2 && posts.includes(a)) {
        if (posts[0] === a) return best;
        return bestWithin(posts[0]!, t) ?? best;
      }
    }
    a = parent;
  }
  return best;
}
