// <title> and <meta name=…> values, read once from the parsed document.
import { attr, elementsUnder, textOf, type AnyNode } from './dom.ts';

export interface HeadInfo {
  title: string | null;
  /** lower-cased name/property → content (first occurrence wins). */
  meta: Map<string, string>;
}

export function readHead(doc: AnyNode): HeadInfo {
  let title: string | null = null;
  const meta = new Map<string, string>();
  for (const el of elementsUnder(doc)) {
    if (el.name === 'title' && title === null) title = textOf(el) || null;
    else if (el.name === 'meta') {
      const name = (attr(el, 'name') || attr(el, 'property') || attr(el, 'itemprop')).toLowerCase().trim();
      const content = attr(el, 'content').trim();
      if (name && content && !meta.has(name)) meta.set(name, content);
    } else if (el.name === 'body') break;
  }
  return { title, meta };
}
