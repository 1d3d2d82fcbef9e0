// Crawls that share one extraction pool (as the crawls of one worker process do): a crawl stopped, or a pool closed
// with its process, while report pages wait for extraction leaves those reports pending in the frontier, and the
// resumed crawl emits every one of them once. (With a pool closed under it, a crawl used to record each waiting page
// as an `extract` error and mark it done, and the resumed crawl never fetched it again: reports lost to the run.)
// Likewise a report page whose attachment was being fetched when the crawl stopped: pending, not emitted without it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { crawlPortal } from '../../crawlers/crawl-portal.ts';
import { ExtractPool } from '../../crawlers/extract-pool.ts';
import { Frontier } from '../../crawlers/frontier.ts';
import { startGeneratedSite, type GeneratedSite } from '../../bench/e2e/site.ts';
import { Archive } from '../../storage/archive.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';
import { readFixture } from '../helpers/poison.ts';
import { fixture } from '../helpers/tmp.ts';
import { tmpData } from './helpers.ts';

const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'site', name: 'site', start_urls: ['http://x/'] }], respect_robots: false });

function crawlOf(site: GeneratedSite, i: number, dataDir: string, extra: { pool?: ExtractPool; signal?: AbortSignal } = {}) {
  const portal = Portal.parse({ id: `gen-${i}`, name: `gen ${i}`, start_urls: [site.startUrl(i)], allowed_hosts: [new URL(site.baseUrl).host], render: 'http' });
  const urls: string[] = [];
  const report = crawlPortal({ portal, settings, runId: 'run-1', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void urls.push(d.url), ...extra });
  return { report, urls, frontierDir: path.join(dataDir, 'crawlee', portal.id, 'run-1') };
}

/** Report tasks the frontier log holds as queued and not finished: what a resumed crawl does again. */
function pendingReports(dir: string): string[] {
  const f = new Frontier(dir);
  f.close();
  return f.pendingTasks().filter((t) => t.kind === 'report').map((t) => t.url).sort();
}

test('a pool closed under a crawl (the process stopping) leaves every page it did not extract pending, and the resume emits them all', async () => {
  const REPORTS = 12;
  let pool = new ExtractPool();
  // The first report page leaves the server before any page reaches the pool: the close comes first, every time.
  const site = await startGeneratedSite({ portals: 1, reports: REPORTS, onReport: (_i, n) => { if (n === 1) void pool.close(); } });
  try {
    const dataDir = await tmpData();
    const first = crawlOf(site, 0, dataDir, { pool });
    const r1 = await first.report;
    assert.deepEqual(first.urls, [], 'nothing extracted by a closed pool is emitted');
    assert.deepEqual(r1.errors_by_kind, {}, 'a cancelled extraction is no error of the page');
    assert.equal(r1.reports_found, 0, 'pages left pending are not counted as found');
    assert.deepEqual(pendingReports(first.frontierDir), site.reportUrls(0).sort(), 'every report still pending in the frontier');

    pool = new ExtractPool();
    const again = crawlOf(site, 0, dataDir, { pool });
    const r2 = await again.report;
    assert.equal(r2.resumed, true);
    assert.deepEqual(again.urls.sort(), site.reportUrls(0).sort());
    assert.equal(r2.reports_new, REPORTS);
    assert.deepEqual(pendingReports(again.frontierDir), []);
    await pool.close();
  } finally {
    await site.close();
  }
});

test('one of two crawls sharing a pool is stopped mid-way: the other finishes whole, the stopped one resumes to every report once', async () => {
  const REPORTS = 12;
  const pool = new ExtractPool();
  const stopA = new AbortController();
  // Portal 0 is stopped once a few of its report pages are out, so some wait in the shared pool when it stops.
  const site = await startGeneratedSite({ portals: 2, reports: REPORTS, onReport: (i, n) => { if (i === 0 && n === 3) stopA.abort(); } });
  try {
    const dataDir = await tmpData();
    const a = crawlOf(site, 0, dataDir, { pool, signal: stopA.signal });
    const b = crawlOf(site, 1, dataDir, { pool });
    const [ra, rb] = await Promise.all([a.report, b.report]);
    assert.deepEqual(b.urls.sort(), site.reportUrls(1).sort(), 'the other crawl lost nothing to the stopped one');
    assert.deepEqual(rb.errors_by_kind, {});
    assert.deepEqual(ra.errors_by_kind, {}, 'the stop is no error of the pages it cut short');
    assert.ok(a.urls.length < REPORTS, 'the crawl was stopped before its end');
    // Each report is either emitted or still pending: none is marked done without its document.
    const pending = pendingReports(a.frontierDir);
    assert.deepEqual([...a.urls, ...pending].sort(), site.reportUrls(0).sort());

    const again = crawlOf(site, 0, dataDir, { pool });
    await again.report;
    assert.deepEqual(again.urls.sort(), pending);
    assert.equal(pool.pages.spawned, 1, 'one page worker for both crawls and the resume');
  } finally {
    await pool.close();
    await site.close();
  }
});

test('a crawl stopped while a report page’s attachment is fetched leaves the page pending, not emitted without its file', async () => {
  const docx = readFixture('docx', 'filled-2021-report.docx');
  const text = readFileSync(fixture('texts', 'pingtan-2019.txt'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => `<p>${l}</p>`).join('');
  const stop = new AbortController();
  let held = 0;
  const server = http.createServer((req, res) => {
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><meta charset="utf-8"><title>年报</title></head><body>${body}</body></html>`);
    if (req.url === '/list/') return void html('<ul><li><a href="/r/t20240106_1.html">平潭综合实验区2019年政府信息公开工作年度报告</a></li></ul>');
    if (req.url === '/r/t20240106_1.html') return void html(`<h1>平潭综合实验区2019年政府信息公开工作年度报告</h1><div class="TRS_Editor">${text}<p>附件：<a href="/r/P020240106_1.docx">年度报告.docx</a></p></div>`);
    if (req.url !== '/r/P020240106_1.docx') return void res.writeHead(404).end();
    // The first request for the file is held and the crawl stopped under it; later ones get the file.
    if (held++ === 0) return void stop.abort();
    res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }).end(docx);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dataDir = await tmpData();
  const portal = Portal.parse({ id: 'att', name: 'att', start_urls: [`${base}/list/`], allowed_hosts: [new URL(base).host], render: 'http' });
  const crawl = async (signal?: AbortSignal) => {
    const docs: Array<{ url: string; files: Array<string | null> }> = [];
    const report = await crawlPortal({ portal, settings, runId: 'run-1', dataDir, archive: new Archive(dataDir), politeness: false, signal, onDocument: async (d) => void docs.push({ url: d.url, files: d.attachments.map((a) => a.error ?? (a.text ? 'text' : null)) }) });
    return { report, docs };
  };
  try {
    const first = await crawl(stop.signal);
    assert.deepEqual(first.docs, [], 'the page is not emitted without its file');
    assert.deepEqual(first.report.errors_by_kind, {});
    assert.deepEqual(pendingReports(path.join(dataDir, 'crawlee', 'att', 'run-1')), [`${base}/r/t20240106_1.html`]);
    const again = await crawl();
    assert.deepEqual(again.docs, [{ url: `${base}/r/t20240106_1.html`, files: ['text'] }]);
    assert.equal(held, 2);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
