// Generic idiom: `?page=` / `pageNo=` / `pageIndex=` / `currPage=` / `PAGENUM=` style pagination written as plain
// anchors to the same path with a different page number (numbered pager links; 下一页 is next-link's job).
import type { CmsIdiom, NextPage } from './types.ts';

const PARAM = /^(page|pageno|pagenum|pageindex|currpage|curpage|pn|p|pagecurrent|current)$/i;

export const pageParam: CmsIdiom = {
  name: 'page-param',
  discover(page) {
    const here = new URL(page.url);
    const next: NextPage[] = [];
    for (const a of page.anchors()) {
      if (!a.url || a.url === page.url) continue;
      const u = new URL(a.url);
      if (u.host !== here.host || u.pathname !== here.pathname) continue;
      const keys = [...u.searchParams.keys()].filter((k) => PARAM.test(k));
      if (keys.length && keys.every((k) => /^\d{1,5}$/.test(u.searchParams.get(k)!))) next.push({ url: a.url, kind: 'list' });
    }
    return next.length ? { links: [], next } : null;
  },
};
