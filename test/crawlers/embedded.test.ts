// Frames: a report page whose report is a PDF shown in an online viewer (pdf.js in an iframe), whose text becomes the
// document's; and a column page that holds its list in an iframe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crawlSite } from './helpers.ts';

const TITLE = '淮安市洪泽区2023年政府信息公开工作年度报告';
const pdf = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'pdf', 'huaian-hongze-2023.pdf'));

describe('a report shown as a PDF inside a viewer iframe', () => {
  let server: http.Server;
  let base = '';
  before(async () => {
    server = http.createServer((req, res) => {
      const u = req.url ?? '/';
      if (u === '/upload/2024/nb2023.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end(pdf);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // An old column page: the list lives in an iframe.
      if (u === '/column.html') return res.end('<html><body><div class="nav"><a href="/">首页</a></div><iframe src="/list.html" width="100%" height="600"></iframe><iframe src="https://weather.example.com/w"></iframe></body></html>');
      if (u === '/list.html') return res.end(`<html><body><ul><li><a href="/nb/t20240125_9.html">${TITLE}</a></li></ul></body></html>`);
      if (u === '/nb/t20240125_9.html') {
        return res.end(`<html><head><title>${TITLE}</title></head><body><div class="nav"><a href="/">首页</a></div><h1>${TITLE}</h1>
<iframe src="/pdfjs/web/viewer.html?file=/upload/2024/nb2023.pdf" width="100%" height="900"></iframe></body></html>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('a column page that holds its list in an iframe is followed into the frame', async () => {
    const { report, docs } = await crawlSite(`${base}/column.html`);
    assert.equal(report.status, 'ok', JSON.stringify(report.errors));
    assert.deepEqual(docs.map((d) => d.url), [`${base}/nb/t20240125_9.html`]);
    assert.equal(report.list_pages, 2);
  });

  it('the PDF is fetched and carries the report', async () => {
    const { report, docs } = await crawlSite(`${base}/list.html`);
    assert.equal(report.status, 'ok', JSON.stringify(report.errors));
    assert.equal(docs.length, 1);
    const [doc] = docs;
    assert.equal(doc!.kind, 'pdf');
    assert.ok(doc!.text.length > 2000, `text of ${doc!.text.length} chars`);
    assert.match(doc!.text, /主动公开/);
    const att = doc!.attachments.find((a) => a.url === `${base}/upload/2024/nb2023.pdf`);
    assert.ok(att?.sha256 && att.bytes === pdf.length, JSON.stringify(doc!.attachments));
  });
});
