import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetchWithRetry, FetchError, type FetcherOptions } from '../../crawlers/fetcher.ts';

describe('fetchWithRetry size limits', () => {
  let server: http.Server;
  let base = '';
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(4 * 1024 * 1024) });
        res.end(Buffer.alloc(4 * 1024 * 1024, 0x61));
      } else if (req.url === '/streamed') {
        // No Content-Length: the limit must be caught while reading.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        let sent = 0;
        const push = () => {
          while (sent < 64 && res.write(chunk)) sent++;
          if (sent >= 64) res.end();
          else res.once('drain', push);
        };
        push();
      } else if (req.url === '/pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end(Buffer.alloc(2 * 1024 * 1024, 0x25));
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>small</p>');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());
  const o = (): FetcherOptions => ({ userAgent: 't', timeoutMs: 30_000, retries: 2, backoffMs: 10, allowedHosts: [new URL(base).host], maxBytes: 3 * 1024 * 1024, maxHtmlBytes: 1024 * 1024 });

  it('an HTML page over the HTML limit is refused from its Content-Length, not cut, and not retried', async () => {
    await assert.rejects(fetchWithRetry({ url: `${base}/declared` }, o()), (e: FetchError) => e.kind === 'too_large' && /4194304 bytes declared/.test(e.message) && e.attempts === 1);
  });
  it('a streamed body without Content-Length is refused once it passes the limit', async () => {
    await assert.rejects(fetchWithRetry({ url: `${base}/streamed` }, o()), (e: FetchError) => e.kind === 'too_large' && /over the 1048576-byte limit/.test(e.message));
  });
  it('an attachment gets the larger limit; a small page comes back whole', async () => {
    assert.equal((await fetchWithRetry({ url: `${base}/pdf` }, o())).bytes.length, 2 * 1024 * 1024);
    assert.equal((await fetchWithRetry({ url: `${base}/` }, o())).bytes.toString(), '<p>small</p>');
  });
});
