// Generic idiom: numbered page families written as plain anchors — `index_N.html`, `list_N.shtml`,
// `column-index-N.shtml` (Chengdu), `home_N.htm` (www.gov.cn) — and `countPage`/`totalPage`/`pageCount`
// variables next to such a family. Only siblings of the current page (same directory, same stem) count.
import type { BudgetCut, CmsIdiom, NextPage } from './types.ts';

const FAMILY = /^(.*\/)(index|list|home|column-index|default|more)(?:[_-](\d+))?\.(s?html?|jhtml)$/i;

export const indexN: CmsIdiom = {
  name: 'index-n',
  discover(page, { maxPages }) {
    const here = new URL(page.url);
    const hereM = (here.pathname.endsWith('/') ? here.pathname + 'index.html' : here.pathname).match(FAMILY);
    const next = new Map<string, NextPage>();
    for (const a of page.anchors()) {
      if (!a.url) continue;
      const u = new URL(a.url);
      if (u.host !== here.host || u.search) continue;
      const m = u.pathname.match(FAMILY);
      if (!m || !m[3]) continue;
      if (hereM && (m[1] !== hereM[1] || m[2]!.toLowerCase() !== hereM[2]!.toLowerCase())) continue;
      if (!hereM && !u.pathname.startsWith(here.pathname.replace(/[^/]*$/, ''))) continue;
      next.set(a.url, { url: a.url, kind: 'list' });
    }
    // `var countPage = 12` beside an index_N family: all pages are known up front.
    const count = page.body.match(/\b(?:countPage|totalPage|pageCount|totalpage|page_count)\s*[=:]\s*["']?(\d{1,5})/);
    let cut: BudgetCut | undefined;
    if (hereM && count && !/createPageHTML\s*\(/.test(page.body)) {
      const pages = Number(count[1]);
      const n = Math.min(pages, maxPages);
      const [, dir, stem, , ext] = hereM;
      const nth = (i: number) => new URL(`${dir}${stem}_${i}.${ext}`, page.url).toString();
      for (let i = 1; i < n; i++) next.set(nth(i), { url: nth(i), kind: 'list' });
      if (pages > n) cut = { next: { url: nth(n), kind: 'list' }, remaining: pages - n };
    }
    return next.size ? { links: [], next: [...next.values()], cut } : null;
  },
};
