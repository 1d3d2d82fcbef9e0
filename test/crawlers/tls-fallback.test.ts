// A portal whose https certificate does not verify but which serves the same pages over plain http, on one port
// (the test server tells TLS from plain HTTP by the first byte), as many government sites do on 443 and 80.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchWithRetry, FetchError, type FetcherOptions } from '../../crawlers/fetcher.ts';
import { crawlSite } from './helpers.ts';

const tls = path.join(import.meta.dirname, '..', 'fixtures', 'tls');
const REPORT = '某某县财政局2022年政府信息公开工作年度报告';
const body = Array.from({ length: 12 }, (_, i) => `<p>第${i + 1}部分：本机关2022年主动公开政府信息${100 + i}条，收到政府信息公开申请${i}件，均已按时答复。</p>`).join('\n');

describe('https certificate failures', () => {
  let server: net.Server;
  let port = 0;
  const plainPaths: string[] = [];
  before(async () => {
    const handler: http.RequestListener = (req, res) => {
      if (!(req.socket as { encrypted?: boolean }).encrypted) plainPaths.push(req.url ?? '');
      if (req.url === '/bounce') {
        // The http copy insists on https.
        res.writeHead(301, { location: `https://127.0.0.1:${port}/bounce` });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (req.url === '/list.html') return res.end(`<html><head><title>政府信息公开年报</title></head><body><ul><li><a href="/nb/t20230120_1.html">${REPORT}</a></li></ul></body></html>`);
      if (req.url === '/nb/t20230120_1.html') return res.end(`<html><head><title>${REPORT}</title></head><body><h1>${REPORT}</h1><div class="TRS_Editor">${body}</div></body></html>`);
      res.end('<p>ok</p>');
    };
    const tlsServer = https.createServer({ key: readFileSync(path.join(tls, 'key.pem')), cert: readFileSync(path.join(tls, 'cert.pem')) }, handler);
    const plainServer = http.createServer(handler);
    server = net.createServer({ pauseOnConnect: true }, (socket) => {
      socket.once('readable', () => {
        const first = socket.read(1) as Buffer | null;
        if (!first) return void socket.destroy();
        socket.unshift(first);
        (first[0] === 0x16 ? tlsServer : plainServer).emit('connection', socket);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());
  const o = (extra: Partial<FetcherOptions> = {}): FetcherOptions => ({ userAgent: 't', timeoutMs: 5000, retries: 2, backoffMs: 10, allowedHosts: [`127.0.0.1:${port}`], ...extra });

  it('an https page whose certificate fails is fetched over http, and the result says why', async () => {
    const res = await fetchWithRetry({ url: `https://127.0.0.1:${port}/page` }, o());
    assert.equal(res.status, 200);
    assert.equal(res.finalUrl, `http://127.0.0.1:${port}/page`);
    assert.match(res.httpFallback ?? '', /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    assert.equal(res.attempts, 1);
  });

  it('without the fallback, or when http sends us back to https, it is a tls error, not retried', async () => {
    await assert.rejects(fetchWithRetry({ url: `https://127.0.0.1:${port}/page` }, o({ httpFallback: false })), (err: FetchError) =>
      err instanceof FetchError && err.kind === 'tls' && err.attempts === 1 && err.message.includes(`127.0.0.1:${port}`) && /certificate not accepted/.test(err.message));
    await assert.rejects(fetchWithRetry({ url: `https://127.0.0.1:${port}/bounce` }, o()), (err: FetchError) =>
      err instanceof FetchError && err.kind === 'tls' && /redirects to https/.test(err.message));
  });

  it('a crawl of such a portal finds its report over http and notes the fallback once', async () => {
    plainPaths.length = 0;
    const { report, docs } = await crawlSite(`https://127.0.0.1:${port}/list.html`);
    assert.equal(report.status, 'ok', JSON.stringify(report.errors));
    assert.deepEqual(docs.map((d) => d.title), [REPORT]);
    assert.ok(plainPaths.includes('/nb/t20230120_1.html'), 'the report was read over http');
    assert.equal(report.errors_by_kind.http_fallback, 1);
    assert.match(report.errors.find((e) => e.kind === 'http_fallback')!.message, /fetched over http/);
  });
});
