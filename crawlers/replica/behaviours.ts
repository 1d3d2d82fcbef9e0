// Portal-specific server behaviours of the replica that a static file tree cannot express. Each one mimics a
// response shape seen on real government portals (docs/domain.md, "Portal idioms"); the data they serve lives in the fixture
// tree (`<portal>/_data/*.json`), so the behaviour code holds no report content.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { scanPortalSite } from './scan-portal/index.ts';

export interface Reply { status: number; headers: Record<string, string>; body: Buffer | string }
export interface BehaviourContext { root: string; url: URL; req: IncomingMessage; body: string; host: string }
export type Behaviour = (ctx: BehaviourContext) => Promise<Reply | null>;

const readJson = async <T>(file: string): Promise<T | null> => JSON.parse(await readFile(file, 'utf8').catch(() => 'null')) as T | null;

/** 瑞数-style challenge: HTTP 412, an inline `$_ts` bootstrap and an external script; nothing else. */
const ruishu412: Behaviour = async ({ url }) => {
  if (!url.pathname.startsWith('/blk/')) return null;
  const body = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta http-equiv="Pragma" content="no-cache">
<script type="text/javascript">$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=52741;$_ts.cd="qEhcrrAlWGtbq1GmqqEcrsAlWGtbq1GmqqE";</script>
<script type="text/javascript" charset="utf-8" src="/blk/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" r="m"></script></head><body></body></html>`;
  return { status: 412, headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'FSSBBIl1UgzbN7N80S=abc; Path=/; HttpOnly' }, body };
};

/**
 * Hanweb jpage `dataproxy.jsp`: GET or POST, `startrecord`/`endrecord`/`perpage` in the query string, the column id in
 * the form body or the query; answers with the same `<datastore>` XML the list page embeds.
 */
const hanwebDataproxy: Behaviour = async ({ url, body, root }) => {
  const m = url.pathname.match(/^(.*)\/module\/web\/jpage\/dataproxy\.jsp$/);
  if (!m) return null;
  const form = new URLSearchParams(body);
  const q = (k: string) => url.searchParams.get(k) ?? form.get(k);
  const columnid = q('columnid');
  const records = await readJson<string[]>(path.join(root, m[1]!, '_data', `records-${columnid}.json`));
  if (!records) return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: '<datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>' };
  const start = Math.max(1, Number(q('startrecord') ?? 1));
  const end = Math.min(records.length, Number(q('endrecord') ?? start + 44));
  const rows = records.slice(start - 1, end).map((r) => `<record><![CDATA[\n${r}\n]]></record>`).join('\n');
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: `<?xml version="1.0" encoding="utf-8"?><datastore><totalrecord>${records.length}</totalrecord><totalpage>${Math.ceil(records.length / Number(q('perpage') ?? 15))}</totalpage><recordset>\n${rows}\n</recordset></datastore>` };
};

/** gkmlpt JSON list API; a wrong or missing SID gets the error object real deployments return. */
const gkmlptApi: Behaviour = async ({ url, root, host }) => {
  const m = url.pathname.match(/^(.*)\/gkmlpt\/api\/all\/(\d+)$/);
  if (!m) return null;
  const data = await readJson<{ sid: string; page_size: number; articles: { url: string }[] }>(path.join(root, m[1]!, '_data', `gkmlpt-${m[2]}.json`));
  const json = (status: number, v: unknown) => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(v).replaceAll('__HOST__', host) });
  if (!data) return json(404, { code: 404, msg: 'not found' });
  if (url.searchParams.get('sid') !== data.sid) return json(200, { code: 403, msg: 'sid error' });
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const articles = data.articles.slice((page - 1) * data.page_size, page * data.page_size);
  if (!articles.length) return json(404, { code: 404, msg: 'no more' });
  return json(200, { total: data.articles.length, page, page_size: data.page_size, articles });
};

/** Pagination trap: any `?page=N` serves the same rows and a link to page N+1. */
const trap: Behaviour = async ({ url, root }) => {
  if (url.pathname !== '/trap/list.html') return null;
  const html = await readFile(path.join(root, 'trap', 'list.html'), 'utf8');
  const n = Number(url.searchParams.get('page') ?? 1) || 1;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html.replaceAll('__NEXT__', String(n + 1)) };
};

/** Ordered: the first behaviour that answers wins; otherwise the static tree serves the request. */
export const behaviours: Behaviour[] = [ruishu412, hanwebDataproxy, gkmlptApi, trap, scanPortalSite];
