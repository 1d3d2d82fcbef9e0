// robots.txt as RFC 9309 reads it: an endless file is cut at 500 KiB and what was read is obeyed; a 5xx (or no answer)
// means nothing is fetched from the origin that run; a 4xx means everything is allowed. Each case is in the report.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlPortal } from '../../crawlers/crawl-portal.ts';
import { MAX_ROBOTS_BYTES } from '../../crawlers/robots.ts';
import { Archive } from '../../storage/archive.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';
import { tmpData } from './helpers.ts';

const TITLE = '某某县审计局2022年政府信息公开工作年度报告';
const body = Array.from({ length: 12 }, (_, i) => `<p>第${i + 1}部分：本局2022年主动公开政府信息${40 + i}条，收到申请${i}件，均已按时答复。</p>`).join('\n');

/** One site per robots.txt behaviour; each records the pages it was asked for and the robots bytes it sent. */
async function site(robots: (res: http.ServerResponse, sent: { bytes: number }) => void) {
  const pages: string[] = [];
  const sent = { bytes: 0 };
  const server = http.createServer((req, res) => {
    const u = req.url ?? '/';
    if (u === '/robots.txt') return robots(res, sent);
    pages.push(u);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (u === '/list.html') return res.end(`<html><body><ul><li><a href="/t1.html">${TITLE}</a></li><li><a href="/private/t2.html">2021年${TITLE.slice(7)}</a></li></ul></body></html>`);
    return res.end(`<html><head><title>${TITLE}</title></head><body><h1>${TITLE}</h1><div class="TRS_Editor">${body}</div></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, pages, sent, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function crawl(start: string) {
  const dataDir = await tmpData();
  const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'site', name: 'site', start_urls: ['http://x/'] }], respect_robots: true, request_timeout_secs: 20 });
  const portal = Portal.parse({ id: 'site', name: 'site', start_urls: [start] });
  const docs: string[] = [];
  const report = await crawlPortal({ portal, settings, runId: 'r1', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void docs.push(new URL(d.url).pathname) });
  return { report, docs };
}

describe('robots.txt (RFC 9309)', () => {
  const servers: http.Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it('an endless robots.txt is read to 500 KiB, its rules obeyed, the cut recorded', async () => {
    const s = await site((res, sent) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const head = 'User-agent: *\nDisallow: /private/\n';
      res.write(head);
      sent.bytes += head.length;
      const line = `# ${'x'.repeat(1000)}\n`;
      // Never ends: writes while the client reads, stops when it goes away.
      const pump = () => {
        while (!res.destroyed && res.write(line)) sent.bytes += line.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    servers.push(s.server);
    const { report, docs } = await crawl(`${s.base}/list.html`);
    assert.deepEqual(docs, ['/t1.html']);
    assert.ok(!s.pages.includes('/private/t2.html'), 'a path the file disallows was fetched');
    assert.equal(report.robots_disallowed, 1);
    assert.equal(report.skipped.robots?.count, 1);
    assert.equal(new URL(report.skipped.robots!.first_url!).pathname, '/private/t2.html');
    assert.equal(report.errors_by_kind.robots_truncated, 1, JSON.stringify(report.errors));
    assert.match(report.errors.find((e) => e.kind === 'robots_truncated')!.message, new RegExp(String(MAX_ROBOTS_BYTES)));
    // Bounded: what the server managed to write is the cap plus socket buffers, not the file.
    assert.ok(s.sent.bytes < 20 * MAX_ROBOTS_BYTES, `${s.sent.bytes} bytes sent`);
  });

  it('a 503 robots.txt: no page of the origin is fetched that run, and the report says why', async () => {
    const s = await site((res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('busy'));
    servers.push(s.server);
    const { report, docs } = await crawl(`${s.base}/list.html`);
    assert.deepEqual(s.pages, []);
    assert.deepEqual(docs, []);
    assert.equal(report.pages_fetched, 0);
    assert.equal(report.robots_disallowed, 1);
    assert.equal(report.errors_by_kind.robots_unreachable, 1, JSON.stringify(report.errors));
    assert.match(report.errors.find((e) => e.kind === 'robots_unreachable')!.message, /HTTP 503/);
  });

  it('a 403 robots.txt allows everything, and is recorded', async () => {
    const s = await site((res) => res.writeHead(403).end());
    servers.push(s.server);
    const { report, docs } = await crawl(`${s.base}/list.html`);
    assert.deepEqual(docs.sort(), ['/private/t2.html', '/t1.html']);
    assert.equal(report.robots_disallowed, 0);
    assert.equal(report.errors_by_kind.robots_unavailable, 1, JSON.stringify(report.errors));
  });

  it('an unreachable robots.txt (connection dropped) disallows the origin', async () => {
    const s = await site((res) => res.socket?.destroy());
    servers.push(s.server);
    const { report } = await crawl(`${s.base}/list.html`);
    assert.deepEqual(s.pages, []);
    assert.equal(report.errors_by_kind.robots_unreachable, 1, JSON.stringify(report.errors));
  });
});
