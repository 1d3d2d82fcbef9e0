// TRS WCM classic pager written inline (docs/domain.md, Portal idioms), on thousands of county portals:
//   var currentPage = 0;   var countPage = 2
//   document.write("<a href=\"index"+"_" + i + "."+"html\">"+(i+1)+"</a>") …  下一页 / 尾页 the same way
// No createPageHTML call: the page count and the file stem are only in the script. Pages are stem.ext,
// stem_1.ext … stem_{countPage-1}.ext beside the current page (0-based, as createPageHTML's classic form).
import { foldScriptMarkup } from '../links.ts';
import type { BudgetCut, CmsIdiom, NextPage } from './types.ts';

const COUNT = /\bcountPage\s*=\s*["']?(\d{1,5})\b/;
/** The numbered-page template a folded document.write leaves: `href="index_{}.html"`. */
const TEMPLATE = /href\s*=\s*["']((?:\.\/)?[\w-]+)_\{\}\.(s?html?|jhtml)["']/i;

export const trsScriptPager: CmsIdiom = {
  name: 'trs-countPage',
  discover(page, { maxPages }) {
    if (!page.body.includes('document.write') || /createPageHTML\s*\(/.test(page.body)) return null;
    const count = page.body.match(COUNT);
    if (!count) return null;
    const tpl = foldScriptMarkup(page.body).match(TEMPLATE);
    if (!tpl) return null;
    const [, stem, ext] = tpl;
    const pages = Number(count[1]);
    const n = Math.min(pages, maxPages);
    const nth = (i: number): NextPage => ({ url: new URL(`${stem}_${i}.${ext}`, page.url).toString(), kind: 'list' });
    const next: NextPage[] = [{ url: new URL(`${stem}.${ext}`, page.url).toString(), kind: 'list' }];
    for (let i = 1; i < n; i++) next.push(nth(i));
    const cut: BudgetCut | undefined = pages > n ? { next: nth(n), remaining: pages - n } : undefined;
    return pages > 1 ? { links: [], next, cut } : null;
  },
};
