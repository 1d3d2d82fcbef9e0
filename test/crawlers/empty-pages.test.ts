// Report pages that hold no report — binary junk served as text/html, an empty body, a body of scripts only, an empty
// file — are recorded in the crawl report with their cause and evidence, never emitted as documents; pages whose
// report is an attachment, a short but real report, and a report that is only a table still are emitted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlPortal, type CrawlReport } from '../../crawlers/crawl-portal.ts';
import fc from 'fast-check';
import { emptyVerdict, hasNoContent, isThin, THIN_PAGE_CHARS } from '../../crawlers/documents.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { Archive } from '../../storage/archive.ts';
import { fixture } from '../helpers/tmp.ts';
import { tmpData } from './helpers.ts';

const page = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/list/">政府信息公开年报</a></div><div class="article"><h1>${title}</h1><div class="TRS_Editor">${body}</div></div>
<div class="footer">版权所有</div></body></html>`;

// Deterministic junk (a fixed LCG), as a broken CMS or a mislabelled download would serve it.
const junk = Buffer.alloc(50_000);
for (let i = 0, s = 7; i < junk.length; i++) junk[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
const TOWNSHIP = '<p>2023年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息35条，未收到政府信息公开申请。</p><p>本年度未发生因政府信息公开引起的行政复议和行政诉讼，工作中存在的主要问题是公开内容不够全面，下一步将加强培训。</p>';
const TABLE = '<table><tr><td>本年新收政府信息公开申请数量</td><td>3</td></tr><tr><td>上年结转政府信息公开申请数量</td><td>0</td></tr></table>';

type R = { path: string; title: string; type: string; body: string | Buffer };
const REPORTS: R[] = [
  { path: '/r/t20240101_binary.html', title: '乱镇2023年政府信息公开工作年度报告', type: 'text/html; charset=utf-8', body: junk },
  { path: '/r/t20240101_empty.html', title: '空镇2023年政府信息公开工作年度报告', type: 'text/html; charset=utf-8', body: '' },
  { path: '/r/t20240101_scripts.html', title: '脚镇2023年政府信息公开工作年度报告', type: 'text/html; charset=utf-8', body: '<html><head><title>脚镇2023年政府信息公开工作年度报告</title><script>var a = 1;</script></head><body><script>console.log(a)</script></body></html>' },
  { path: '/r/P020240101_empty.pdf', title: '零镇2023年政府信息公开工作年度报告', type: 'application/pdf', body: '' },
  { path: '/r/t20240101_township.html', title: '小镇2023年政府信息公开工作年度报告', type: 'text/html; charset=utf-8', body: page('小镇2023年政府信息公开工作年度报告', TOWNSHIP) },
  { path: '/r/t20240101_table.html', title: '表镇2023年政府信息公开工作年度报告', type: 'text/html; charset=utf-8', body: page('表镇2023年政府信息公开工作年度报告', TABLE) },
  { path: '/r/t20240101_attach.html', title: '洪泽区人民政府2023年政府信息公开工作年度报告', type: 'text/html; charset=utf-8', body: page('洪泽区人民政府2023年政府信息公开工作年度报告', '<p><a href="/files/huaian-hongze-2023.pdf">附件.pdf</a></p>') },
];

describe('report pages without a report', () => {
  let server: http.Server;
  let base: string;
  let report: CrawlReport;
  const docs: CleanDocument[] = [];
  before(async () => {
    const pdf = readFileSync(fixture('pdf', 'huaian-hongze-2023.pdf'));
    server = http.createServer((req, res) => {
      const p = req.url ?? '/';
      if (p === '/list/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(`<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>${REPORTS.map((r) => `<li><a href="${r.path}">${r.title}</a></li>`).join('')}</ul></body></html>`);
      }
      if (p === '/files/huaian-hongze-2023.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
      const r = REPORTS.find((x) => x.path === p);
      if (!r) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': r.type }).end(r.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'empty', name: 'empty', start_urls: [base] }], respect_robots: false });
    const portal = Portal.parse({ id: 'empty', name: '空页', start_urls: [`${base}/list/`], allowed_hosts: [new URL(base).host], render: 'http' });
    const dataDir = await tmpData();
    report = await crawlPortal({ portal, settings, runId: 'e', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void docs.push(d) });
  });
  after(() => { server.closeAllConnections(); server.close(); });
  const err = (p: string) => report.errors.find((e) => e.url === base + p);
  const doc = (p: string) => docs.find((d) => d.url === base + p);

  it('binary junk served as text/html: not_text, with the byte count and the sniff, and no document', () => {
    const e = err('/r/t20240101_binary.html');
    assert.equal(e?.kind, 'not_text', JSON.stringify(report.errors));
    assert.match(e.message, /50000 bytes served as text\/html/);
    assert.match(e.message, /sniffed binary/);
    assert.equal(doc('/r/t20240101_binary.html'), undefined);
  });
  it('an empty body and a body of scripts only: empty_content, and no document', () => {
    assert.equal(err('/r/t20240101_empty.html')?.kind, 'empty_content');
    assert.match(err('/r/t20240101_empty.html')!.message, /^0 bytes .*empty body/);
    assert.equal(err('/r/t20240101_scripts.html')?.kind, 'empty_content');
    assert.match(err('/r/t20240101_scripts.html')!.message, /only scripts \(2\)/);
    for (const p of ['/r/t20240101_empty.html', '/r/t20240101_scripts.html']) assert.equal(doc(p), undefined, p);
  });
  it('an empty file linked as the report: empty_content, and no document', () => {
    assert.equal(err('/r/P020240101_empty.pdf')?.kind, 'empty_content', JSON.stringify(report.errors));
    assert.equal(doc('/r/P020240101_empty.pdf'), undefined);
  });
  it('the empty pages are counted as errors, not as reports found', () => {
    assert.equal(report.errors_by_kind.not_text, 1);
    assert.equal(report.errors_by_kind.empty_content, 3);
    assert.equal(report.reports_found, docs.length);
  });
  it('a short real report, a report that is only a table, and a page whose report is its PDF are emitted', () => {
    assert.match(doc('/r/t20240101_township.html')?.text ?? '', /主动公开政府信息35条/);
    assert.ok(doc('/r/t20240101_table.html')?.tables.length, 'the table-only report was not emitted with its table');
    const a = doc('/r/t20240101_attach.html');
    assert.equal(a?.kind, 'pdf');
    assert.match(a.text, /洪泽/);
    assert.equal(docs.length, 3);
  });
});

describe('hasNoContent / emptyVerdict', () => {
  it('any letter or digit in the text or in a table cell is content', () => {
    assert.equal(hasNoContent({ text: '', tables: [] }), true);
    assert.equal(hasNoContent({ text: ' \n — · ', tables: [[['', '|']]] }), true);
    assert.equal(hasNoContent({ text: '无', tables: [] }), false);
    assert.equal(hasNoContent({ text: '', tables: [[['申请数量', '3']]] }), false);
  });
  it('tells binary from scripts from nothing, and a UTF-16 page decoded as text is not binary', () => {
    assert.equal(emptyVerdict(0, 'text/html', '').kind, 'empty_content');
    assert.equal(emptyVerdict(100, null, '\u0001\u0002\ufffd\u0003abc').kind, 'not_text');
    const scripts = emptyVerdict(80, 'text/html', '<html><head><title>某镇2023年政府信息公开工作年度报告</title></head><script>x()</script></html>');
    assert.equal(scripts.kind, 'empty_content');
    assert.match(scripts.message, /80 bytes served as text\/html: only scripts \(1\)/);
    // What the sniff sees is the decoded page, so a correctly decoded UTF-16 page (half NUL bytes on the wire) is text.
    const utf16 = Buffer.from('\ufeff<html><body><p>正文</p></body></html>', 'utf16le');
    assert.equal(emptyVerdict(utf16.length, 'text/html', utf16.toString('utf16le')).kind, 'empty_content');
  });
});

describe('isThin', () => {
  it('is the old definition (fewer than THIN_PAGE_CHARS non-\\s characters) without copying the text', () => {
    const old = (t: string) => t.replace(/\s+/g, '').length < THIN_PAGE_CHARS;
    const ws = [' ', '\n', '\t', '\u3000', '\u00a0', '\ufeff', '\u2028', '\r', '\u000b'];
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...ws), fc.constantFrom('年', '报', 'a', '1', '\u200b')), { maxLength: 2 * THIN_PAGE_CHARS }), (parts) => {
      const t = parts.join('');
      assert.equal(isThin({ text: t }), old(t));
    }), { numRuns: 300 });
  });
});
