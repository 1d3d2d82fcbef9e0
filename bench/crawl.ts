// Crawl speed: our crawlPortal against a bare CheerioCrawler that only fetches the same URLs, both over a
// generated TRS-style portal served by a separate process on 127.0.0.1 (so server CPU is not counted).
//   npx tsx bench/crawl.ts [--pages 2000]
// Prints pages/s, CPU ms/page and peak RSS for each. Target: ours ≥ 80 % of the bare rate; < 600 MB at 10,000 pages.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { CheerioCrawler } from '@crawlee/cheerio';
import { Configuration, log, LogLevel } from '@crawlee/core';
import { crawlPortal } from '../crawlers/crawl-portal.ts';
import { Portal, PortalsFile } from '../src/schema/config.ts';
import { Archive } from '../storage/archive.ts';

const PER_LIST = 20;
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

// ── the generated portal (child process)
function serve(total: number) {
  const seed = readFileSync(path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'seeds', '001_d50b10d434d38268.txt'), 'utf8');
  const body = seed.split('\n').filter(Boolean).map((l) => `<p>${l}</p>`).join('\n');
  const lists = Math.ceil(total / (PER_LIST + 1));
  const chrome = (title: string, inner: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/b/list/">政府信息公开年报</a></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/b/list/">政府信息公开年报</a></div>${inner}
<div class="footer">网站标识码：3500000000 闽ICP备00000000号 版权所有</div></body></html>`;
  const server = http.createServer((req, res) => {
    const u = req.url ?? '/';
    let m = u.match(/^\/b\/list\/(?:index(?:_(\d+))?\.html)?$/);
    if (m) {
      const k = Number(m[1] ?? 0);
      const items = Array.from({ length: PER_LIST }, (_, i) => k * PER_LIST + i).filter((id) => id < total - lists)
        .map((id) => `<li><a href="./2023${String((id % 12) + 1).padStart(2, '0')}/t20230120_${id}.html">第${id}局2022年政府信息公开工作年度报告</a><span>2023-01-20</span></li>`).join('\n');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(chrome('政府信息公开年报', `<ul class="list">${items}</ul><script>createPageHTML(${lists}, ${k}, "index", "html");</script>`));
    }
    m = u.match(/^\/b\/list\/2023\d\d\/t20230120_(\d+)\.html$/);
    if (m) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(chrome(`第${m[1]}局2022年政府信息公开工作年度报告`, `<h1>第${m[1]}局2022年政府信息公开工作年度报告</h1><div class="TRS_Editor">${body}<p>编号 ${m[1]}</p></div>`));
    }
    res.writeHead(404).end();
  });
  // Die with the parent, whatever way it ends.
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port, lists }));
}

async function main() {
  const total = arg('pages', 2000);
  const child = fork(import.meta.filename, ['--serve', String(total)], { execArgv: ['--import', 'tsx'] });
  try {
    await bench(child, total);
  } finally {
    child.kill();
  }
}

async function bench(child: ReturnType<typeof fork>, total: number) {
  const { port, lists } = await new Promise<{ port: number; lists: number }>((r) => child.once('message', (m) => r(m as { port: number; lists: number })));
  const base = `http://127.0.0.1:${port}`;
  const urls: string[] = [];
  for (let k = 0; k < lists; k++) urls.push(`${base}/b/list/${k ? `index_${k}.html` : ''}`);
  for (let id = 0; id < total - lists; id++) urls.push(`${base}/b/list/2023${String((id % 12) + 1).padStart(2, '0')}/t20230120_${id}.html`);

  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const measure = async (name: string, run: () => Promise<number>) => {
    peak = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const pages = await run();
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const row = { name, pages, secs: +secs.toFixed(2), pages_per_s: +(pages / secs).toFixed(1), cpu_ms_per_page: +((cpu.user + cpu.system) / 1000 / pages).toFixed(2), peak_rss_mb: Math.round(peak / 2 ** 20) };
    console.log(JSON.stringify(row));
    return row;
  };

  log.setLevel(LogLevel.WARNING);
  const bare = await measure('bare CheerioCrawler (fetch only)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-cheerio-'));
    let n = 0;
    const crawler = new CheerioCrawler(
      { minConcurrency: 8, maxConcurrency: 8, maxRequestRetries: 0, requestHandler: async () => void n++ },
      new Configuration({ persistStorage: false, storageClientOptions: { localDataDirectory: dir } }),
    );
    await crawler.run(urls);
    await rm(dir, { recursive: true, force: true });
    return n;
  });
  const ours = await measure('ogi crawlPortal (discover + extract + archive)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-crawl-'));
    const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'bench', name: 'bench', start_urls: [base] }], rate: 100 });
    const portal = Portal.parse({ id: 'bench', name: 'bench', start_urls: [`${base}/b/list/`], allowed_hosts: [`127.0.0.1:${port}`], max_pages: 100_000 });
    const r = await crawlPortal({ portal, settings, runId: 'bench', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async () => {} });
    await rm(dataDir, { recursive: true, force: true });
    if (r.reports_new !== total - lists) console.error(`warning: ${r.reports_new} reports emitted, expected ${total - lists}`);
    return r.pages_fetched;
  });
  clearInterval(sampler);
  console.log(`ours/bare rate: ${((ours.pages_per_s / bare.pages_per_s) * 100).toFixed(0)} %  (target ≥ 80 %); peak RSS ${ours.peak_rss_mb} MB at ${ours.pages} pages`);
}

if (process.argv[2] === '--serve') serve(Number(process.argv[3]));
else await main();
