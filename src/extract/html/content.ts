// Choosing the body: known CMS containers first, the generic scorer otherwise.
import { CMS_RULES } from '../rules/cms.ts';
import { contains, elementsUnder, textOf, type AnyNode, type Element } from './dom.ts';
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

function linkDensity(el: Element): number {
  const t = textOf(el).length;
  if (t === 0) return 1;
  let l = 0;
  for (const a of elementsUnder(el)) if (a.name === 'a') l += textOf(a).length;
  return l / t;
}

/** CMS containers, outermost first, disjoint, in document order. */
export function findCmsRoots(doc: AnyNode, html: string): ContentChoice | null {
  const marked = markerRoot(doc, html);
  if (marked && textOf(marked.root).length >= MIN_CMS_TEXT) return { roots: [marked.root], method: `cms:${marked.cms}` };
  for (const rule of COMPILED) {
    if (!rule.hint.test(html)) continue;
    const found = selectAll(doc, rule.match);
    const ok = found.filter((el) => {
      const len = textOf(el).length;
      if (len < MIN_CMS_TEXT) return false;
      return linkDensity(el) < (rule.loose ? 0.3 : 0.5);
    });
    if (ok.length === 0) continue;
    // Nested matches (UCAP around TRS, or a rule matching twice): keep the outer one.
    const outer = ok.filter((el) => !ok.some((o) => o !== el && contains(o, el)));
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
