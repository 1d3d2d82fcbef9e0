// A tiny selector matcher for the CMS table: `#id`, `.class`, `tag`, `[attr^="prefix"]`, compound forms of
// those, and descendant chains (“.content-box .content”). One pass over the tree instead of a css-select run
// per rule keeps body detection cheap; names compare case-insensitively because portals mix “Zoom”/“zoom”.
import { attr, elementsUnder, type AnyNode, type Element } from './dom.ts';

type Simple = (el: Element) => boolean;

// Lower-cased id and class list per element, computed once: every rule asks for them.
const info = new WeakMap<Element, { id: string; classes: string[] }>();
function infoOf(el: Element): { id: string; classes: string[] } {
  let i = info.get(el);
  if (!i) {
    const cls = attr(el, 'class');
    i = { id: attr(el, 'id').toLowerCase(), classes: cls ? cls.toLowerCase().split(/\s+/) : [] };
    info.set(el, i);
  }
  return i;
}

function compileCompound(src: string): Simple {
  const tests: Simple[] = [];
  const re = /([#.]?)([\w-]+)|\[([\w-]+)\s*(\^=|=)\s*["']?([^"'\]]*)["']?\]/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[3]) {
      const name = m[3];
      const op = m[4];
      const val = m[5]!.toLowerCase();
      tests.push((el) => {
        const v = attr(el, name).toLowerCase();
        return op === '^=' ? v.startsWith(val) : v === val;
      });
    } else if (m[1] === '#') {
      const id = m[2]!.toLowerCase();
      tests.push((el) => Boolean(el.attribs.id) && infoOf(el).id === id);
    } else if (m[1] === '.') {
      const cls = m[2]!.toLowerCase();
      // Most elements carry no class: answer those before building (and caching) their info.
      tests.push((el) => Boolean(el.attribs.class) && infoOf(el).classes.includes(cls));
    } else {
      const tag = m[2]!.toLowerCase();
      tests.push((el) => el.name === tag);
    }
  }
  return (el) => tests.every((t) => t(el));
}

export type Matcher = (el: Element) => boolean;

export function compileSelector(selector: string): Matcher {
  const alternatives = selector.split(',').map((alt) => alt.trim().split(/\s+/).map(compileCompound));
  return (el) =>
    alternatives.some((chain) => {
      if (!chain[chain.length - 1]!(el)) return false;
      let i = chain.length - 2;
      for (let p = el.parent; p && i >= 0; p = p.parent) if ((p as Element).attribs && chain[i]!(p as Element)) i--;
      return i < 0;
    });
}

export function selectAll(root: AnyNode, m: Matcher): Element[] {
  const out: Element[] = [];
  for (const el of elementsUnder(root)) if (m(el)) out.push(el);
  return out;
}
