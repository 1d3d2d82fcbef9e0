// The crawl ledger: what a crawl leaves aside is in its report, with the reason and the first URL — list links beyond
// the depth limit, links off the portal, attachments beyond the per-page limit, tasks still queued after the last
// round — and the browser's page loads wait for the same host gate as HTTP requests.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlPortal, renderCrawlReports, type CrawlLimits } from '../../crawlers/crawl-portal.ts';
import { Archive } from '../../storage/archive.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';
import { tmpData } from './helpers.ts';

const title = (n: number) => `某某县第${n}局2022年政府信息公开工作年度报告`;
const body = Array.from({ length: 12 }, (_, i) => `<p>第${i + 1}部分：本局2022年主动公开政府信息${40 + i}条，收到申请${i}件，均已按时答复。</p>`).join('\n');
const page = (inner: string) => `<html><head><meta charset="utf-8"><title>t</title></head><body>${inner}</body></html>`;

describe('the ledger records every skip with its reason', () => {
  let server: http.Server;
  let base = '';
  /** Report pages being served right now, and the most at once. */
  let inFlight = 0;
  let maxInFlight = 0;
  /** How long a report page is held (only the gate test holds them). */
  let holdMs = 0;
  before(async () => {
    server = http.createServer((req, res) => {
      const u = req.url ?? '/';
      const html = (s: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(s));
      // A chain of sub-columns, each with one report: /col/1/ → /col/2/ → … → /col/5/.
      const col = u.match(/^\/col\/(\d)\/$/);
      if (col) {
        const n = Number(col[1]);
        return html(`<a href="/r/${n}.html">${title(n)}</a>${n < 5 ? `<a href="/col/${n + 1}/">下级栏目</a>` : ''}<a href="http://example.invalid/away.html">中国政府网</a>`);
      }
      // A column of four reports, for the page loads of the browser.
      if (u === '/many/') return html([1, 2, 3, 4].map((n) => `<a href="/r/${n}.html">${title(n)}</a>`).join(''));
      const r = u.match(/^\/r\/(\d)\.html$/);
      if (r) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Held so that two page loads without a shared gate would overlap.
        setTimeout(() => {
          inFlight--;
          html(`<h1>${title(Number(r[1]))}</h1><div class="TRS_Editor">${body}<p><a href="/f/${r[1]}a.pdf">附件1</a> <a href="/f/${r[1]}b.pdf">附件2</a> <a href="/f/${r[1]}c.pdf">附件3</a></p></div>`);
        }, holdMs);
        return;
      }
      if (u.startsWith('/f/')) return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 not really');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  async function crawl(limits: Partial<CrawlLimits>, portalExtra: Record<string, unknown> = {}, politeness = false, start = '/col/1/', dataDir?: string) {
    dataDir ??= await tmpData();
    const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'pp', name: 'pp', start_urls: ['http://x/'] }], respect_robots: false });
    const portal = Portal.parse({ id: 'pp', name: 'pp', start_urls: [`${base}${start}`], allowed_hosts: [new URL(base).host], list_patterns: ['/col/\\d/$'], rate: 100, ...portalExtra });
    return crawlPortal({ portal, settings, runId: 'r', dataDir, archive: new Archive(dataDir), politeness, limits, onDocument: async () => {} });
  }

  it('depth cap, off-site links and the per-page attachment cap', async () => {
    const dataDir = await tmpData();
    const report = await crawl({ maxDepth: 2, attachmentsPerPage: 1 }, {}, false, '/col/1/', dataDir);
    // Start page at depth 0, /col/2/ at 1, /col/3/ at 2: the link to /col/4/ is one too deep.
    assert.equal(report.list_pages, 3);
    assert.deepEqual(report.skipped.depth_cap, { count: 1, first_url: `${base}/col/4/` });
    assert.deepEqual(report.skipped.offsite, { count: 1, first_url: 'http://example.invalid/away.html' });
    // Three reports, three attachments each, one fetched per page.
    assert.equal(report.reports_found, 3);
    assert.equal(report.skipped.attachment_cap?.count, 6);
    assert.equal(report.skipped.round_cap, undefined);
    const table = renderCrawlReports([report]);
    assert.match(table, /pp: skipped 1 list link\(s\) beyond the depth limit \(first .*\/col\/4\/\); 1 link\(s\), redirect\(s\) or request\(s\) outside the portal; 6 attachment\(s\) beyond the per-page limit/);
    // The same run id again replays the finished frontier: the skips are kept with the other totals.
    const again = await crawl({ maxDepth: 2, attachmentsPerPage: 1 }, {}, false, '/col/1/', dataDir);
    assert.equal(again.resumed, true);
    assert.equal(again.pages_fetched, report.pages_fetched);
    assert.deepEqual(again.skipped.depth_cap, { count: 1, first_url: null });
    assert.equal(again.skipped.attachment_cap?.count, 6);
  });

  it('without limits in the way nothing is skipped but the off-site link', async () => {
    const report = await crawl({});
    assert.equal(report.list_pages, 5);
    assert.deepEqual(Object.keys(report.skipped), ['offsite']);
  });

  it('tasks left after the last round are a round_cap skip, and browser page loads share the host gate', async () => {
    // Everything in Chromium; one round renders the start page, whose report links are then left for a later round.
    const one = await crawl({ maxRounds: 1, maxDepth: 0 }, { render: 'browser' });
    assert.equal(one.browser_pages, 1);
    assert.deepEqual(one.skipped.round_cap, { count: 1, first_url: `${base}/r/1.html` }, 'the report page, queued for the browser');
    assert.deepEqual(one.skipped.depth_cap, { count: 1, first_url: `${base}/col/2/` });
    // Two pages rendered at once, one request at a time per host: the gate holds the second page load back.
    maxInFlight = 0;
    holdMs = 800;
    const gated = await crawl({ browserConcurrency: 2, httpConcurrency: 1, attachmentsPerPage: 0 }, { render: 'browser' }, true, '/many/');
    assert.equal(gated.browser_pages, 5, 'the column page and four report pages');
    assert.equal(gated.reports_found, 4);
    assert.equal(maxInFlight, 1);
  });
});
