// Retries and their limits against a real loopback server, and the URL-state log's persistence.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetchWithRetry, FetchError, retryAfterMs, type FetcherOptions } from '../../crawlers/fetcher.ts';
import { UrlStateStore } from '../../storage/url-state.ts';
import { tmpData } from './helpers.ts';

describe('fetchWithRetry', () => {
  let server: http.Server;
  let base: string;
  const hits = new Map<string, number>();
  before(async () => {
    server = http.createServer((req, res) => {
      const n = (hits.get(req.url!) ?? 0) + 1;
      hits.set(req.url!, n);
      if (req.url === '/flaky') return void res.writeHead(n < 3 ? 503 : 200).end('ok');
      if (req.url === '/gone') return void res.writeHead(404).end();
      if (req.url === '/slow-down') return void res.writeHead(n < 2 ? 429 : 200, n < 2 ? { 'retry-after': '1' } : {}).end('ok');
      if (req.url === '/forbidden') return void res.writeHead(403).end();
      if (req.url === '/away') return void res.writeHead(302, { location: 'http://elsewhere.example/x' }).end();
      if (req.url === '/hop') return void res.writeHead(301, { location: '/flaky' }).end();
      if (req.url === '/hang') return; // never answers
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => { server.closeAllConnections(); server.close(); });
  // A timeout far above any answer of this server, even on a loaded machine: a spurious timeout would count as an attempt.
  const o = (): FetcherOptions => ({ userAgent: 'test', timeoutMs: 30_000, retries: 3, backoffMs: 1, allowedHosts: [new URL(base).host] });

  it('retries 5xx with backoff until success', async () => {
    const r = await fetchWithRetry({ url: `${base}/flaky` }, o());
    assert.equal(r.status, 200);
    assert.equal(r.attempts, 3);
  });
  it('waits as long as a 429 Retry-After asks before trying again', async () => {
    const t0 = Date.now();
    const r = await fetchWithRetry({ url: `${base}/slow-down` }, o());
    assert.equal(r.status, 200);
    assert.equal(r.attempts, 2);
    assert.ok(Date.now() - t0 >= 950, `retried after ${Date.now() - t0} ms`);
    assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:30 GMT')), 30_000);
    assert.equal(retryAfterMs('86400'), 120_000, 'capped');
    assert.equal(retryAfterMs('soon'), 0);
  });
  it('does not retry 4xx', async () => {
    assert.equal((await fetchWithRetry({ url: `${base}/gone` }, o())).attempts, 1);
    assert.equal((await fetchWithRetry({ url: `${base}/forbidden` }, o())).attempts, 1);
    assert.equal(hits.get('/forbidden'), 1);
  });
  it('gives up on persistent 5xx after the retry budget', async () => {
    const r = await fetchWithRetry({ url: `${base}/always500` }, o());
    assert.equal(r.status, 500);
    assert.equal(hits.get('/always500'), 4);
  });
  it('follows redirects inside the portal and refuses to leave it', async () => {
    hits.delete('/flaky');
    assert.equal((await fetchWithRetry({ url: `${base}/hop` }, o())).finalUrl, `${base}/flaky`);
    await assert.rejects(fetchWithRetry({ url: `${base}/away` }, o()), (e: FetchError) => e.kind === 'offsite_redirect');
  });
  it('times out and retries a silent server, then reports a timeout', async () => {
    await assert.rejects(fetchWithRetry({ url: `${base}/hang` }, { ...o(), timeoutMs: 300, retries: 1 }), (e: FetchError) => e.kind === 'timeout' && e.attempts === 2);
  });
});

describe('UrlStateStore', () => {
  it('survives a reopen, skips a torn last line, and compacts on close', async () => {
    const dir = await tmpData();
    const s = UrlStateStore.open(dir, 'p1');
    const st = { etag: '"a"', last_modified: null, raw_sha256: null, content_sha256: 'c1', doc_sha256: 'd1', status: 200, fetched_at: '2025-01-01T00:00:00Z' };
    s.set('http://x/1', st);
    s.set('http://x/1', { ...st, content_sha256: 'c2' });
    s.set('http://x/2', st);
    appendFileSync(s.file, '{"url":"http://x/3","etag":'); // a killed writer
    const again = UrlStateStore.open(dir, 'p1');
    assert.equal(again.get('http://x/1')?.content_sha256, 'c2');
    assert.equal(again.size, 2);
    s.close();
    again.close();
  });
});
