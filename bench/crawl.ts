// Crawl speed: our crawlPortal against a bare CheerioCrawler that only fetches the same URLs, both over a
// generated TRS-style portal served by a separate process on 127.0.0.1 (its CPU is printed apart). Each crawler runs in
// a fresh process of its own.
//   npx tsx bench/crawl.ts [--pages 2000] [--only ours|bare] [--prof]
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
  // The server shares the machine's cores with the crawler under test: the bench prints what it cost.
  process.on('message', (m) => m === 'cpu' && process.send!({ cpu: process.cpuUsage() }));
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port, lists }));
}

interface Row { name: string; pages: number; secs: number; pages_per_s: number; cpu_ms_per_page: number; server_cpu_ms_per_page: number; peak_rss_mb: number }
type Side = 'bare' | 'ours';

/** Forks `args` as a tsx child and resolves with the first IPC message it sends. */
function forkChild<T>(args: string[], opts: { execArgv?: string[] } = {}): { child: ReturnType<typeof fork>; first: Promise<T> } {
  const child = fork(import.meta.filename, args, { execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])] });
  const first = new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`${args[0]} child exited with code ${code} before reporting`)));
  });
  return { child, first };
}

async function main() {
  const total = arg('pages', 2000);
  // --only ours|bare: one side alone; --prof adds --cpu-prof to the crawler's process (profiles in .scratch/prof).
  const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] as Side) : null;
  const prof = process.argv.includes('--prof') ? ['--cpu-prof', '--cpu-prof-dir=.scratch/prof'] : [];
  const server = forkChild<{ port: number; lists: number }>(['--serve', String(total)]);
  try {
    const { port, lists } = await server.first;
    const serverCpu = () => new Promise<number>((r) => {
      server.child.once('message', (m) => {
        const { cpu } = m as { cpu: NodeJS.CpuUsage };
        r((cpu.user + cpu.system) / 1000);
      });
      server.child.send('cpu');
    });
    const rows: Partial<Record<Side, Row>> = {};
    // Each crawler in a fresh process: neither inherits the other's heap (RSS), JIT state or GC debt.
    for (const side of ['bare', 'ours'] as const) {
      if (only && only !== side) continue;
      const server0 = await serverCpu();
      const run = forkChild<Row>(['--run', side, String(port), String(lists), String(total)], { execArgv: prof });
      const row = await run.first;
      row.server_cpu_ms_per_page = +(((await serverCpu()) - server0) / row.pages).toFixed(2);
      console.log(JSON.stringify(row));
      rows[side] = row;
      await new Promise((r) => (run.child.exitCode !== null ? r(null) : run.child.once('exit', r)));
    }
    const { bare, ours } = rows;
    if (bare && ours) console.log(`ours/bare rate: ${((ours.pages_per_s / bare.pages_per_s) * 100).toFixed(0)} %  (target ≥ 80 %); peak RSS ${ours.peak_rss_mb} MB at ${ours.pages} pages (target < 600 MB)`);
  } finally {
    server.child.kill();
  }
}

/** One crawler over the served portal, measured in this (fresh) process; the row goes to the parent. */
async function runSide(side: Side, port: number, lists: number, total: number) {
  const base = `http://127.0.0.1:${port}`;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let name: string;
  let pages: number;
  log.setLevel(LogLevel.WARNING);
  if (side === 'bare') {
    name = 'bare CheerioCrawler (fetch only)';
    const urls: string[] = [];
    for (let k = 0; k < lists; k++) urls.push(`${base}/b/list/${k ? `index_${k}.html` : ''}`);
    for (let id = 0; id < total - lists; id++) urls.push(`${base}/b/list/2023${String((id % 12) + 1).padStart(2, '0')}/t20230120_${id}.html`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-cheerio-'));
    let n = 0;
    const crawler = new CheerioCrawler(
      { minConcurrency: 8, maxConcurrency: 8, maxRequestRetries: 0, requestHandler: async () => void n++ },
      new Configuration({ persistStorage: false, storageClientOptions: { localDataDirectory: dir } }),
    );
    await crawler.run(urls);
    await rm(dir, { recursive: true, force: true });
    pages = n;
  } else {
    name = 'ogi crawlPortal (discover + extract + archive)';
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-crawl-'));
    const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'bench', name: 'bench', start_urls: [base] }], rate: 100 });
    const portal = Portal.parse({ id: 'bench', name: 'bench', start_urls: [`${base}/b/list/`], allowed_hosts: [`127.0.0.1:${port}`], max_pages: 100_000 });
    const r = await crawlPortal({ portal, settings, runId: 'bench', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async () => {} });
    await rm(dataDir, { recursive: true, force: true });
    if (r.reports_new !== total - lists) console.error(`warning: ${r.reports_new} reports emitted, expected ${total - lists}`);
    pages = r.pages_fetched;
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const row: Row = {
    name, pages, secs: +secs.toFixed(2), pages_per_s: +(pages / secs).toFixed(1), cpu_ms_per_page: +((cpu.user + cpu.system) / 1000 / pages).toFixed(2),
    server_cpu_ms_per_page: 0, peak_rss_mb: Math.round(peak / 2 ** 20),
  };
  process.send!(row);
  process.disconnect();
}

if (process.argv[2] === '--serve') serve(Number(process.argv[3]));
else if (process.argv[2] === '--run') await runSide(process.argv[3] as Side, Number(process.argv[4]), Number(process.argv[5]), Number(process.argv[6]));
else await main();
