// A portal may point the crawler at another service on its own host (another port): a redirect over plain HTTP,
// and in the browser an <img>, a fetch(), a redirecting frame, a WebSocket and a `location =`. None of them may
// reach it; every one is recorded in the crawl report. The canary server stands for that other service.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlPortal } from '../../crawlers/crawl-portal.ts';
import { FetchError, fetchWithRetry } from '../../crawlers/fetcher.ts';
import { Archive } from '../../storage/archive.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { tmpData } from './helpers.ts';

const TITLE = '某某县审计局2022年政府信息公开工作年度报告';
const body = Array.from({ length: 12 }, (_, i) => `<p>第${i + 1}部分：本局2022年主动公开政府信息${40 + i}条，收到申请${i}件，均已按时答复。</p>`).join('\n');
const reportPage = `<html><head><title>${TITLE}</title></head><body><h1>${TITLE}</h1><div class="TRS_Editor">${body}</div></body></html>`;

describe('nothing leaves the portal through another port of its host', () => {
  let portal: http.Server;
  let canary: http.Server;
  let base = '';
  let canaryBase = '';
  const canaryHits: string[] = [];
  before(async () => {
    canary = http.createServer((req, res) => {
      canaryHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><a href="${base}/secret-report.html">${TITLE}</a> secret</body></html>`);
    });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    canaryBase = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    portal = http.createServer((req, res) => {
      const u = req.url ?? '/';
      if (u === '/http/list.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<html><body><ul><li><a href="/http/t1.html">${TITLE}</a></li><li><a href="/http/moved.html">2021年政府信息公开工作年度报告</a></li></ul></body></html>`);
      }
      if (u === '/http/t1.html' || u === '/js/t1.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(reportPage);
      if (u === '/http/moved.html' || u === '/js/hop') return res.writeHead(302, { location: `${canaryBase}/secret` }).end();
      if (u === '/js/list.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<html><head><title>年报</title></head><body><ul id="list"></ul>
<img src="${canaryBase}/img.png">
<iframe src="/js/hop"></iframe><a id="go" href="${canaryBase}/away">更多</a>
<script>
  fetch('${canaryBase}/fetch').catch(() => {});
  try { new WebSocket('${canaryBase.replace('http', 'ws')}/ws'); } catch (e) {}
  document.getElementById('list').innerHTML = '<li><a href="/js/t1.html">${TITLE}</a></li>';
  setTimeout(() => document.getElementById('go').click(), 50);
</script></body></html>`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  });
  after(() => {
    portal.close();
    canary.close();
  });

  async function crawl(start: string, render: 'auto' | 'browser') {
    const dataDir = await tmpData();
    const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'site', name: 'site', start_urls: ['http://x/'] }], respect_robots: false, request_timeout_secs: 10 });
    // allowed_hosts defaults to the start URL's host:port, as for every real portal.
    const p = Portal.parse({ id: 'site', name: 'site', start_urls: [start], render });
    const docs: CleanDocument[] = [];
    const report = await crawlPortal({ portal: p, settings, runId: 'r1', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void docs.push(d) });
    return { report, docs };
  }

  it('plain HTTP: a redirect to another port of the portal host is refused and recorded', async () => {
    canaryHits.length = 0;
    const { report, docs } = await crawl(`${base}/http/list.html`, 'auto');
    assert.deepEqual(docs.map((d) => d.url), [`${base}/http/t1.html`]);
    assert.equal(report.errors_by_kind.offsite_redirect, 1, JSON.stringify(report.errors));
    assert.match(report.errors.find((e) => e.kind === 'offsite_redirect')!.message, new RegExp(`${canaryBase}/secret`));
    assert.deepEqual(canaryHits, []);
  });

  it('the fetcher refuses a first request outside the portal, not only redirect hops', async () => {
    canaryHits.length = 0;
    const o = { userAgent: 't', timeoutMs: 5000, retries: 0, backoffMs: 1, allowedHosts: [new URL(base).host] };
    await assert.rejects(fetchWithRetry({ url: `${canaryBase}/api` }, o), (e: FetchError) => e.kind === 'offsite');
    assert.deepEqual(canaryHits, []);
  });

  it('browser: off-portal images, fetches, frames, WebSockets and navigations are aborted and recorded', async () => {
    canaryHits.length = 0;
    const { report, docs } = await crawl(`${base}/js/list.html`, 'browser');
    assert.deepEqual(canaryHits, [], 'the canary on the other port was reached');
    // The list was read from the portal's page, not from the page the script tried to go to.
    assert.deepEqual(docs.map((d) => d.url), [`${base}/js/t1.html`], JSON.stringify({ ...report, errors: report.errors.filter((e) => !e.kind.startsWith("offsite")) }));
    assert.ok(report.browser_pages >= 2, JSON.stringify(report));
    const offsite = report.errors.filter((e) => e.kind === 'offsite_request').map((e) => e.message).join('\n');
    for (const what of [`image ${canaryBase}/img.png`, `fetch ${canaryBase}/fetch`, `websocket ${canaryBase.replace('http', 'ws')}/ws`, `document ${canaryBase}/away`]) {
      assert.ok(offsite.includes(what), `${what} not recorded:\n${offsite}`);
    }
    assert.equal(report.errors_by_kind.offsite_redirect, 1, JSON.stringify(report.errors));
    assert.match(report.errors.find((e) => e.kind === 'offsite_redirect')!.message, /\/js\/hop redirects to .*\/secret/);
  });
});
