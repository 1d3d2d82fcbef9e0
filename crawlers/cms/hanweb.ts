// Hanweb / 大汉 JCMS (and jpaas): list rows live as CDATA `<record>`s inside `<script type="text/xml"><datastore>`,
// which HTML parsers skip; later rows come from `/module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage=`
// (POST form = the `nextgroup` link's parameters + col/sourceContentType), answering the same datastore XML.
import { anchorsOf } from '../links.ts';
import { cdataBlocks } from '../html-scan.ts';
import type { CmsIdiom, FoundLink, NextPage } from './types.ts';

/** dataproxy answers three pages per call, like the jpage script does. */
const PAGES_PER_CALL = 3;

function records(xml: string, base: string): { links: FoundLink[]; count: number } {
  const links: FoundLink[] = [];
  let count = 0;
  for (const m of cdataBlocks(xml, 'record')) {
    count++;
    for (const a of anchorsOf(m, base)) if (a.url) links.push({ url: a.url, text: a.text, title: a.title });
  }
  return { links, count };
}

function call(proxy: string, form: string, start: number, perpage: number): NextPage {
  const u = new URL(proxy);
  u.search = `?startrecord=${start}&endrecord=${start + perpage * PAGES_PER_CALL - 1}&perpage=${perpage}`;
  return { url: u.toString(), method: 'POST', body: form, kind: 'api', idiom: 'hanweb-datastore', data: { proxy, form, perpage: String(perpage), start: String(start) } };
}

export const hanweb: CmsIdiom = {
  name: 'hanweb-datastore',
  discover(page) {
    if (page.task.idiom === 'hanweb-datastore' && page.task.data) {
      // An answer of dataproxy.jsp.
      const { proxy, form } = page.task.data;
      const perpage = Number(page.task.data.perpage), start = Number(page.task.data.start);
      const { links, count } = records(page.body, page.url);
      const total = Number(page.body.match(/<totalrecord>\s*(\d+)/)?.[1] ?? NaN);
      const end = start + count - 1;
      const more = count > 0 && (Number.isNaN(total) ? count >= perpage : end < total);
      return { links, next: more ? [call(proxy!, form!, end + 1, perpage)] : [] };
    }
    if (!/<datastore>/i.test(page.body)) return null;
    const { links, count } = records(page.body, page.url);
    const next: NextPage[] = [];
    const group = cdataBlocks(page.body, 'nextgroup', 1)[0];
    const href = group?.match(/href\s*=\s*["']([^"']+)["']/i)?.[1]?.replace(/&amp;/g, '&');
    const perpage = Number(page.body.match(/\bper[Pp]age\s*[:=]\s*["']?(\d+)/)?.[1] ?? 15);
    const total = Number(page.body.match(/<totalrecord>\s*(\d+)/i)?.[1] ?? page.body.match(/\btotalRecord\s*[:=]\s*["']?(\d+)/)?.[1] ?? NaN);
    if (href && (Number.isNaN(total) || count < total)) {
      const target = new URL(href, page.url);
      const params = new URLSearchParams(target.search);
      params.delete('page');
      // jpage adds these to the form; columnid/unitid/webid already come from the nextgroup link.
      if (!params.has('col')) params.set('col', '1');
      if (!params.has('sourceContentType')) params.set('sourceContentType', '1');
      target.search = '';
      next.push(call(target.toString(), params.toString(), count + 1, perpage));
    }
    return { links, next };
  },
};
