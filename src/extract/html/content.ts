// Choosing the body: known CMS containers first, the generic scorer otherwise.
import { CMS_RULES } from '../rules/cms.ts';
import { TextStats, textLengthAtLeast, textOf, type AnyNode, type Element } from './dom.ts';
import { markerRoot } from './markers.ts';
import { firstPost } from './posts.ts';
import { scoreTree } from './score.ts';
import { compileSelector, selectAll } from './select.ts';

const COMPILED = CMS_RULES.map((r) => ({ ...r, match: compileSelector(r.selector) }));

export interface ContentChoice {
  roots: Element[];
  method: string;
}

// Below this a CMS container is an empty shell (the body is elsewhere or loaded by script).
const MIN_CMS_TEXT = 40;

function linkDensity(el: Element, st: TextStats): number {
  const t = st.len(el);
  return t === 0 ? 1 : st.linkLen(el) / t;
}

/** CMS containers, outermost first, disjoint, in document order. */
export function findCmsRoots(doc: AnyNode, html: string): ContentChoice | null {
  const marked = markerRoot(doc, html);
  if (marked && textLengthAtLeast(marked.root, MIN_CMS_TEXT)) return { roots: [marked.root], method: `cms:${marked.cms}` };
  // Text and link lengths of every element, bottom-up once: a page of thousands of nested matches (unclosed
  // TRS divs) must not cost a textOf per match.
  const st = new TextStats();
  for (const rule of COMPILED) {
    if (!rule.hint.test(html)) continue;
    const found = selectAll(doc, rule.match);
    // Nested matches (UCAP around TRS, or a rule matching twice): keep the outer one that qualifies. Matches come
    // in document order, so an accepted ancestor is always seen first; a match inside one is skipped unmeasured.
    // The set of kept matches is the same as “all that qualify, minus those inside another that qualifies”.
    const accepted = new Set<AnyNode>();
    const outer: Element[] = [];
    for (const el of found) {
      let inside = false;
      for (let p = el.parent; p && !inside; p = p.parent) inside = accepted.has(p);
      if (inside) continue;
      if (st.len(el) < MIN_CMS_TEXT || linkDensity(el, st) >= (rule.loose ? 0.3 : 0.5)) continue;
      accepted.add(el);
      outer.push(el);
    }
    if (outer.length === 0) continue;
    if (outer.length === 1) return { roots: outer, method: `cms:${rule.cms}` };
    // Several disjoint containers: TRS pages sometimes split one article; keep those of comparable size so a
    // stray styled box in the sidebar does not join.
    const texts = outer.map((e) => textOf(e));
    const biggest = Math.max(...texts.map((t) => t.length));
    // Pages often carry the same body twice (a print copy, a mobile copy): keep the first of equal texts.
    const roots = outer.filter((e, i) => texts[i]!.length >= biggest * 0.2 && texts.indexOf(texts[i]!) === i);
    return { roots, method: `cms:${rule.cms}` };
  }
  return null;
}

export function findGenericRoot(body: AnyNode): ContentChoice | null {
  const tree = scoreTree(body);
  if (!tree.best) return null;
  const root = firstPost(tree.best, tree);
  return { roots: [root], method: root === tree.best ? 'generic' : 'generic:first-post' };
}
