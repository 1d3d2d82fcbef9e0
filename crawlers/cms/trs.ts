// TRS WCM / 海云: the pager is written by `createPageHTML(...)` at load time, so the page numbers are only in the
// script call (docs/domain.md, "Portal idioms").
//   classic:  createPageHTML(<pages>, <current 0-based>, "index", "html")        → index.html, index_1.html …
//   variant:  createPageHTML('page_div', <pages>, <current 1-based>, 'list', 'shtml', <records>) → list.shtml, list_2.shtml …
import type { BudgetCut, CmsIdiom, NextPage } from './types.ts';

// Bounded: the arguments are short names and numbers, and an unclosed quote must not rescan the page per call.
const ARG = String.raw`\s*(?:'([^'\n]{0,200})'|"([^"\n]{0,200})"|(\d{1,9}))\s*`;
const CALL = new RegExp(String.raw`createPageHTML\s*\(${ARG}(?:,${ARG})?(?:,${ARG})?(?:,${ARG})?(?:,${ARG})?(?:,${ARG})?\)`, 'g');

export const trs: CmsIdiom = {
  name: 'trs-createPageHTML',
  discover(page, { maxPages }) {
    const next: NextPage[] = [];
    let cut: BudgetCut | undefined;
    for (const m of page.body.matchAll(CALL)) {
      const args: string[] = [];
      for (let i = 0; i < 6; i++) {
        const v = m[1 + i * 3] ?? m[2 + i * 3] ?? m[3 + i * 3];
        if (v !== undefined) args.push(v);
      }
      let pages: number, stem: string, ext: string, oneBased: boolean;
      if (/^\d+$/.test(args[0] ?? '')) {
        [pages, stem, ext, oneBased] = [Number(args[0]), args[2] ?? 'index', args[3] ?? 'html', false];
      } else if (/^\d+$/.test(args[1] ?? '')) {
        [pages, stem, ext, oneBased] = [Number(args[1]), args[3] ?? 'index', args[4] ?? 'html', true];
      } else continue;
      const n = Math.min(pages, maxPages);
      // 0-based sites number the second page _1, 1-based ones _2; the first page has no suffix either way.
      const nth = (i: number): NextPage => ({ url: new URL(`${stem}_${oneBased ? i + 1 : i}.${ext}`, page.url).toString(), kind: 'list' });
      for (let i = 1; i < n; i++) next.push(nth(i));
      next.push({ url: new URL(`${stem}.${ext}`, page.url).toString(), kind: 'list' });
      if (pages > n) cut ??= { next: nth(n), remaining: pages - n };
    }
    return next.length ? { links: [], next, cut } : null;
  },
};
