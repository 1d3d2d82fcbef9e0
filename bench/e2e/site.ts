// A generated replica of many portals, each a report column with numbered list pages and report pages whose
// bodies are the real report texts of test/fixtures (seeds and texts), varied per page so that every page has
// its own content hash and its own record. Used by the end-to-end bench (run as a child process there, so the
// server's CPU is not charged to the pipeline) and by the fault tests (in-process, with a delay and a hook
// that fires as report pages are served, so a test can kill a worker at a known point of a portal).
//
// Two list idioms the crawler supports: even portals use TRS `createPageHTML(pages, cur, "index", "html")`,
// odd ones plain `index_N.html` anchors with 下一页/尾页 links.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures');

export interface SiteOptions {
  portals: number;
  /** Report pages per portal. */
  reports: number;
  perList?: number;
  /** Milliseconds each report page waits before it is answered. */
  reportDelayMs?: number;
  /** Called after each report page is sent, with the portal index and how many of its reports were served so far. */
  onReport?: (portal: number, served: number) => void;
}

export interface GeneratedSite {
  baseUrl: string;
  /** Report pages served so far, per portal index (repeats counted). */
  served: number[];
  /** Portal start URL (first list page). */
  startUrl(portal: number): string;
  /** Every report URL the crawl must find, as absolute canonical URLs. */
  reportUrls(portal?: number): string[];
  close(): Promise<void>;
}

/** Real report texts; the first line (the title) is replaced per page. */
function loadBodies(): string[] {
  const files = [
    ...readdirSync(path.join(FIXTURES, 'seeds')).map((f) => path.join(FIXTURES, 'seeds', f)),
    ...['pingtan-2018.txt', 'pingtan-2019.txt', 'pingtan-2021.txt'].map((f) => path.join(FIXTURES, 'texts', f)),
  ];
  return files.map((f) => readFileSync(f, 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => `<p>${esc(l.trim())}</p>`).join('\n'));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const PLACES = ['三元区', '平潭县', '洪泽区', '安化县', '土右旗', '南湖区', '龙湾区', '鼓楼区', '思明区', '城关镇'];
const AGENCIES = ['人民政府', '教育局', '财政局', '卫生健康委员会', '自然资源局', '住房和城乡建设局', '交通运输局', '农业农村局', '审计局', '市场监督管理局'];

/** Report j of portal i: path, title and the year it reports on. */
function reportOf(i: number, j: number): { path: string; title: string; year: number } {
  const year = 2019 + (j % 5);
  const month = String((j % 12) + 1).padStart(2, '0');
  const agency = `${PLACES[i % PLACES.length]}第${i}片区${AGENCIES[j % AGENCIES.length]}第${j}分局`;
  return { path: `/p${i}/xxgk/ndbg/${year + 1}${month}/t${year + 1}${month}15_${i}_${j}.html`, title: `${agency}${year}年政府信息公开工作年度报告`, year };
}

export function siteHandler(opts: SiteOptions, served: number[]): http.RequestListener {
  const perList = opts.perList ?? 20;
  const lists = Math.max(1, Math.ceil(opts.reports / perList));
  const bodies = loadBodies();
  const chrome = (title: string, inner: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>
${inner}
<div class="footer">网站标识码：3500000000 闽ICP备00000000号 版权所有</div></body></html>`;
  return (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    let m = u.pathname.match(/^\/p(\d+)\/xxgk\/ndbg\/(?:index(?:_(\d+))?\.html)?$/);
    if (m && Number(m[1]) < opts.portals) {
      const i = Number(m[1]);
      const k = Number(m[2] ?? 0);
      if (k >= lists) return void res.writeHead(404).end();
      const items: string[] = [];
      for (let j = k * perList; j < Math.min(opts.reports, (k + 1) * perList); j++) {
        const r = reportOf(i, j);
        items.push(`<li><a href="${r.path}" target="_blank">${esc(r.title)}</a><span class="date">${r.year + 1}-01-15</span></li>`);
      }
      let pager: string;
      if (i % 2 === 0) pager = `<div class="page"><script>var currentPage = ${k}; var countPage = ${lists}; createPageHTML(${lists}, ${k}, "index", "html");</script></div>`;
      else {
        const a = (n: number, label: string) => `<a href="${n === 0 ? 'index.html' : `index_${n}.html`}">${label}</a>`;
        pager = `<div class="page">${k > 0 ? a(k - 1, '上一页') : ''} ${k + 1 < lists ? a(k + 1, '下一页') : ''} ${a(lists - 1, '尾页')}</div>`;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(chrome('政府信息公开年报', `<div class="column"><h2>政府信息公开年报</h2><ul class="list">${items.join('\n')}</ul>${pager}</div>`));
    }
    m = u.pathname.match(/^\/p(\d+)\/xxgk\/ndbg\/\d{6}\/t\d{8}_(\d+)_(\d+)\.html$/);
    if (m && Number(m[1]) === Number(m[2]) && Number(m[1]) < opts.portals && Number(m[3]) < opts.reports) {
      const i = Number(m[1]);
      const j = Number(m[3]);
      const r = reportOf(i, j);
      if (r.path !== u.pathname) return void res.writeHead(404).end();
      const body = bodies[(i + j) % bodies.length]!;
      const html = chrome(r.title, `<div class="article"><h1>${esc(r.title)}</h1><div class="info">发布日期：${r.year + 1}-01-15 来源：${esc(r.title.slice(0, 12))}</div><div class="TRS_Editor">${body}\n<p>本报告编号 ${i}-${j}。</p></div></div>`);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
        served[i] = (served[i] ?? 0) + 1;
        opts.onReport?.(i, served[i]!);
      };
      if (opts.reportDelayMs) setTimeout(send, opts.reportDelayMs);
      else send();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>');
  };
}

export async function startGeneratedSite(opts: SiteOptions & { port?: number }): Promise<GeneratedSite> {
  const served: number[] = Array.from({ length: opts.portals }, () => 0);
  const server = http.createServer(siteHandler(opts, served));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    served,
    startUrl: (i) => `${baseUrl}/p${i}/xxgk/ndbg/`,
    reportUrls: (portal) => {
      const out: string[] = [];
      for (let i = 0; i < opts.portals; i++) {
        if (portal !== undefined && i !== portal) continue;
        for (let j = 0; j < opts.reports; j++) out.push(new URL(reportOf(i, j).path, baseUrl).toString());
      }
      return out;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** portals.yaml content for a generated site: one portal per column, politeness decided by the caller. */
export function generatedPortalsYaml(baseUrl: string, portals: number, extra: { max_pages?: number; request_timeout_secs?: number } = {}): string {
  const host = new URL(baseUrl).host;
  const lines = [
    'user_agent: "ogi-harvest/0.1 (generated replica)"',
    'rate: 100',
    'respect_robots: false',
    `request_timeout_secs: ${extra.request_timeout_secs ?? 20}`,
    'portals:',
  ];
  for (let i = 0; i < portals; i++) {
    lines.push(`  - id: gen-${String(i).padStart(3, '0')}`, `    name: 生成门户 ${i}`, `    start_urls: ["${baseUrl}/p${i}/xxgk/ndbg/"]`, `    allowed_hosts: ["${host}"]`, `    render: http`, `    max_pages: ${extra.max_pages ?? 2000}`);
  }
  return `${lines.join('\n')}\n`;
}

// `node --import tsx bench/e2e/site.ts --serve <portals> <reports>`: serve in a child process, report the port.
if (process.argv[2] === '--serve') {
  const site = await startGeneratedSite({ portals: Number(process.argv[3]), reports: Number(process.argv[4]) });
  process.send?.({ baseUrl: site.baseUrl });
  process.on('disconnect', () => void site.close().then(() => process.exit(0)));
}
