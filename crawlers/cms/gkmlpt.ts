// Guangdong 政府信息公开目录平台 (gkmlpt): the column page is an SPA shell; rows come from
// `GET <prefix>/gkmlpt/api/all/<catid>?page=<n>&sid=<SID>`, SID read from the page config, catid from the
// `index#<catid>` fragment of the column link. Page numbers run until a page brings no articles (some sites
// answer 404 after the last page).
import type { CmsIdiom, FoundLink, NextPage } from './types.ts';

const NAME = 'gkmlpt-json';

function apiPage(prefix: string, catid: string, sid: string, page: number): NextPage {
  return { url: `${prefix}gkmlpt/api/all/${catid}?page=${page}&sid=${sid}`, kind: 'api', idiom: NAME, data: { prefix, catid, sid, page: String(page) } };
}

interface Article { title?: string; url?: string; post_url?: string; link?: string }

export const gkmlpt: CmsIdiom = {
  name: NAME,
  discover(page, { maxPages }) {
    if (page.task.idiom === NAME && page.task.data) {
      const { prefix, catid, sid } = page.task.data;
      const n = Number(page.task.data.page);
      let json: { articles?: Article[]; total?: number };
      try {
        json = JSON.parse(page.body);
      } catch {
        return { links: [], next: [] };
      }
      const articles = Array.isArray(json.articles) ? json.articles : [];
      const links: FoundLink[] = [];
      for (const a of articles) {
        const href = a.url ?? a.post_url ?? a.link;
        if (href && a.title) links.push({ url: new URL(href, page.url).toString(), text: a.title });
      }
      const seen = n * Math.max(articles.length, 1);
      const more = articles.length > 0 && (typeof json.total !== 'number' || seen < json.total);
      if (more && n >= maxPages) {
        const remaining = typeof json.total === 'number' ? Math.ceil((json.total - seen) / articles.length) : null;
        return { links, next: [], cut: { next: apiPage(prefix!, catid!, sid!, n + 1), remaining } };
      }
      return { links, next: more ? [apiPage(prefix!, catid!, sid!, n + 1)] : [] };
    }
    const here = new URL(page.task.rawUrl);
    const prefixMatch = here.pathname.match(/^(.*\/)gkmlpt\//);
    if (!prefixMatch) return null;
    const sid = page.body.match(/\bSID\s*[:=]\s*["'](\d+)["']/)?.[1];
    if (!sid) return null;
    const prefix = `${here.origin}${prefixMatch[1]}`;
    const catids = new Set<string>();
    const frag = here.hash.match(/^#(\d+)$/)?.[1];
    if (frag) catids.add(frag);
    return { links: [], next: [...catids].map((c) => apiPage(prefix, c, sid, 1)) };
  },
};
