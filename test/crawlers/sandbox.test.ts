// Extraction in a sandbox: poison files (a DOCX that inflates to 300 MB of XML, a PDF of 20,000 blank pages) are
// refused as too_large with their URL in the crawl report, the crawl goes on and the real reports around them, a
// `.txt` report among them, are emitted and parse as reports. A worker that breaks a bound is replaced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ExtractPool, Sandbox, SandboxError } from '../../crawlers/extract-pool.ts';
import type { CrawlReport } from '../../crawlers/crawl-portal.ts';
import { parseReport } from '../../src/report/index.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { blankPdf, readFixture, zipBombDocx } from '../helpers/poison.ts';
import { fixture } from '../helpers/tmp.ts';
import { crawlSite } from './helpers.ts';

describe('poison files in a crawl', () => {
  let server: http.Server;
  let base: string;
  let report: CrawlReport;
  let docs: CleanDocument[];
  before(async () => {
    const files: Record<string, [string, Buffer]> = {
      '/r/P020240101_bomb.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', await zipBombDocx(300)],
      '/r/P020240102_liar.docx': ['application/octet-stream', await zipBombDocx(300, true)],
      '/r/P020240103_blank.pdf': ['application/pdf', blankPdf(20_000)],
      '/r/P020240104_good.pdf': ['application/pdf', readFixture('pdf', 'huaian-hongze-2023.pdf')],
      '/r/P020240105_good.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', readFixture('docx', 'filled-2021-report.docx')],
      '/r/t20240106_good.html': ['text/html; charset=utf-8', readFixture('extract', 'pages', 'generic-xiangyang.html')],
      '/r/pingtan-2019.txt': ['text/plain', readFileSync(fixture('texts', 'pingtan-2019.txt'))],
    };
    const titles = ['甲区', '乙区', '丙区', '洪泽区', '丁区', '襄阳市', '平潭综合实验区'].map((a) => `${a}2023年政府信息公开工作年度报告`);
    server = http.createServer((req, res) => {
      if (req.url === '/list/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(`<html><head><meta charset="utf-8"><title>年报</title></head><body><ul>${Object.keys(files).map((p, i) => `<li><a href="${p}">${titles[i]}</a></li>`).join('')}</ul></body></html>`);
      }
      const f = files[req.url ?? ''];
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ report, docs } = await crawlSite(`${base}/list/`));
  });
  after(() => server.close());

  it('records each poison file as too_large with its URL and cause', () => {
    assert.equal(report.status, 'ok');
    assert.equal(report.errors_by_kind.too_large, 3, JSON.stringify(report.errors_by_kind));
    const tooLarge = report.errors.filter((e) => e.kind === 'too_large');
    const at = (p: string) => tooLarge.find((e) => e.url === `${base}${p}`)?.message ?? '';
    assert.match(at('/r/P020240101_bomb.docx'), /word\/document\.xml inflates to 300 MB/);
    assert.match(at('/r/P020240102_liar.docx'), /declares 0 MB but inflates to more than 32 MB/);
    assert.match(at('/r/P020240103_blank.pdf'), /20000 pages/);
    // What the bounds left out is a skip too, in the report's `skipped`.
    assert.equal(report.skipped.too_large?.count, 3);
  });

  it('emits the real reports around them, and each parses as a report', () => {
    const byPath = new Map(docs.map((d) => [new URL(d.url).pathname, d]));
    assert.deepEqual([...byPath.keys()].sort(), ['/r/P020240104_good.pdf', '/r/P020240105_good.docx', '/r/pingtan-2019.txt', '/r/t20240106_good.html']);
    for (const d of docs) assert.equal(parseReport(d).is_report, true, d.url);
    // The text report is read as text, not cleaned as an empty page.
    const txt = byPath.get('/r/pingtan-2019.txt')!;
    assert.equal(txt.kind, 'txt');
    assert.ok(txt.text.length > 1000);
  });
});

describe('the sandbox', () => {
  it('a job over the wall-time cap is a timeout; the worker is replaced and the next job runs', async () => {
    const limits = { maxOldGenerationSizeMb: 256, timeoutMs: 1 };
    const box = new Sandbox('files', limits);
    try {
      const bytes = readFixture('docx', 'filled-2021-report.docx');
      // One millisecond is less than the worker needs to start: the cap is always hit.
      await assert.rejects(box.run({ op: 'file', bytes, headers: {}, url: 'http://127.0.0.1/a.docx', filename: 'a.docx', kind: 'docx' }, 'a.docx'), (e: SandboxError) => e.kind === 'timeout' && /a\.docx/.test(e.message));
      limits.timeoutMs = 120_000;
      const m = await box.run({ op: 'file', bytes, headers: {}, url: 'http://127.0.0.1/b.docx', filename: 'b.docx', kind: 'docx' }, 'b.docx');
      assert.ok(String((m.extracted as { text: string }).text).length > 500);
      assert.equal(box.spawned, 2);
    } finally {
      await box.close();
    }
  });

  it('a page that needs more memory than the worker may use is too_large, and the next page is cleaned', async () => {
    const pool = new ExtractPool({ pages: { maxOldGenerationSizeMb: 96, timeoutMs: 600_000 } });
    try {
      // 8 MB of nested, attribute-heavy elements: a DOM many times the worker's ceiling.
      const huge = Buffer.from(`<html><body>${'<div class="a b c" data-x="1"><span>年</span>'.repeat(200_000)}</body></html>`);
      await assert.rejects(pool.run({ bytes: huge, rendered: null, headers: {}, url: 'http://127.0.0.1/huge.html' }), (e: SandboxError) => e.kind === 'too_large' && /96 MB/.test(e.message));
      const ok = await pool.run({ bytes: readFixture('extract', 'pages', 'generic-xiangyang.html'), rendered: null, headers: {}, url: 'http://127.0.0.1/ok.html' });
      assert.ok(ok.extracted.text.length > 200);
      assert.equal(pool.pages.spawned, 2);
    } finally {
      await pool.close();
    }
  });
});
