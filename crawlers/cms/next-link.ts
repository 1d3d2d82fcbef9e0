// Generic idiom: explicit 下一页 / 尾页 anchors (any CMS). The 尾页 link is taken too, so a list whose middle pages
// repeat still has its end reached.
import { LAST_TEXT, NEXT_TEXT } from '../rules/vocabulary.ts';
import type { CmsIdiom, NextPage } from './types.ts';

export const nextLink: CmsIdiom = {
  name: 'next-link',
  discover(page) {
    const next: NextPage[] = [];
    for (const a of page.anchors()) {
      if (!a.url || a.url === page.url) continue;
      const label = a.text || a.title;
      if (NEXT_TEXT.test(label) || LAST_TEXT.test(label) || /^(下一页|尾页)$/.test(a.title)) next.push({ url: a.url, kind: 'list' });
    }
    return next.length ? { links: [], next } : null;
  },
};
