// One report reachable under two addresses of the portal, one redirecting to the other (an old http link to the
// https page, a moved path): it is fetched under both but emitted once.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlSite } from './helpers.ts';

const TITLE = '某某县审计局2022年政府信息公开工作年度报告';
const body = Array.from({ length: 12 }, (_, i) => `<p>第${i + 1}部分：本局2022年主动公开政府信息${40 + i}条，收到申请${i}件，均已按时答复。</p>`).join('\n');

describe('redirects between two addresses of one report', () => {
  let server: http.Server;
  let base = '';
  before(async () => {
    server = http.createServer((req, res) => {
      const u = req.url ?? '/';
      if (u === '/old/t20230120_1.html') {
        res.writeHead(301, { location: '/xxgk/ndbg/t20230120_1.html' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (u === '/list-old-first.html' || u === '/list-new-first.html') {
        const links = [`<li><a href="/old/t20230120_1.html">${TITLE}</a></li>`, `<li><a href="/xxgk/ndbg/t20230120_1.html">${TITLE}</a></li>`];
        if (u === '/list-new-first.html') links.reverse();
        return res.end(`<html><head><title>年报</title></head><body><ul>${links.join('')}</ul></body></html>`);
      }
      // Client-side forwarding: an entry page with a one-line script, a moved article with a meta refresh.
      if (u === '/entry.html') return res.end('<html><head><script>window.location.href="/forward-list.html";</script></head><body></body></html>');
      if (u === '/forward-list.html') return res.end(`<html><head><title>年报</title></head><body><ul><li><a href="/moved.html">${TITLE}</a></li></ul></body></html>`);
      if (u === '/moved.html') return res.end('<html><head><meta http-equiv="refresh" content="0;url=/xxgk/ndbg/t20230120_1.html"><title>跳转</title></head><body>页面已迁移，正在跳转…</body></html>');
      if (u === '/xxgk/ndbg/t20230120_1.html') return res.end(`<html><head><title>${TITLE}</title></head><body><h1>${TITLE}</h1><div class="TRS_Editor">${body}</div></body></html>`);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('a script-forwarding entry page and a meta-refresh article are followed, not taken for a challenge', async () => {
    const { report, docs } = await crawlSite(`${base}/entry.html`);
    assert.equal(report.status, 'ok', JSON.stringify(report.blocked ?? report.errors));
    assert.deepEqual(docs.map((d) => d.url), [`${base}/xxgk/ndbg/t20230120_1.html`]);
    assert.equal(report.reports_found, 1);
  });

  for (const list of ['list-old-first.html', 'list-new-first.html']) {
    it(`${list}: the report is emitted once`, async () => {
      const { report, docs } = await crawlSite(`${base}/${list}`);
      assert.equal(report.status, 'ok', JSON.stringify(report.errors));
      assert.equal(docs.length, 1, docs.map((d) => d.url).join(', '));
      assert.equal(docs[0]!.final_url, `${base}/xxgk/ndbg/t20230120_1.html`);
      // The skipped address is said, not dropped in silence.
      assert.equal(report.errors_by_kind.redirect_duplicate, 1);
      assert.equal(report.errors.find((e) => e.kind === 'redirect_duplicate')?.url, `${base}/old/t20230120_1.html`);
    });
  }
});
