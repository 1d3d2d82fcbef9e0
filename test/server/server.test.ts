import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../src/server/start.ts';
import { startTestRedis } from '../helpers/redis.ts';
import { dataDirWithSnapshot } from './fixture-snapshot.ts';

/** A request with the path sent exactly as given (fetch would normalise `..`). */
function raw(url: string, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let fx: Awaited<ReturnType<typeof dataDirWithSnapshot>>;
let server: Awaited<ReturnType<typeof startServer>>;
let redis: Awaited<ReturnType<typeof startTestRedis>>;
let adminServer: Awaited<ReturnType<typeof startServer>>;
const TOKEN = 'test-token-123';

before(async () => {
  fx = await dataDirWithSnapshot();
  server = await startServer({ dataDir: fx.dataDir });
  redis = await startTestRedis();
  adminServer = await startServer({ dataDir: fx.dataDir, redisUrl: redis.url, adminToken: TOKEN });
});
after(async () => {
  await server?.close();
  await adminServer?.close();
  await redis?.stop();
});

test('snapshot list and manifest endpoints', async () => {
  const list = await (await fetch(`${server.url}/api/snapshots`)).json();
  assert.equal(list.length, 1);
  assert.equal(list[0].id, fx.snap.id);
  assert.equal(list[0].counts.reports, 20);
  assert.equal(list[0].files['reports.parquet'].url, `/snapshots/${fx.snap.id}/reports.parquet`);
  const m = await (await fetch(`${server.url}/api/snapshots/${fx.snap.id}`)).json();
  assert.deepEqual(Object.keys(m.files).sort(), Object.keys(fx.snap.files).sort());
  assert.equal((await fetch(`${server.url}/api/snapshots/nope`)).status, 404);
});

test('chart data endpoint', async () => {
  const d = await (await fetch(`${server.url}/api/snapshots/${fx.snap.id}/charts`)).json();
  assert.deepEqual(d.years, ['2019', '2020', '2021', '2022', '2023']);
  assert.deepEqual(d.by_year_format, { 2019: [4, 4, 0, 0, 0], 2021: [0, 0, 4, 4, 4] });
  assert.deepEqual(d.provinces.map((p: { name: string; reports: number }) => [p.name, p.reports]), [['江苏', 10], ['北京', 5], ['广东', 5]]);
  const t3 = d.checks.find((c: { id: string }) => c.id === 'T3-2');
  assert.deepEqual([t3.reports_fail, t3.reports_assessed], [4, 20]);
  const granted = d.outcomes.series.find((s: { key: string }) => s.key === 'granted');
  assert.equal(granted.values.length, 5);
  assert.ok(granted.values.every((v: number) => v > 0));
  assert.deepEqual(d.timeliness.years, ['2019', '2020', '2021', '2022', '2023']);
  const series = Object.fromEntries(d.timeliness.series.map((s: { key: string; values: number[] }) => [s.key, s.values]));
  assert.deepEqual(series, { on_time: [3, 3, 3, 3, 0], late: [1, 1, 1, 1, 0], unknown: [0, 0, 0, 0, 4] });
});

test('crawl status endpoint', async () => {
  const c = await (await fetch(`${server.url}/api/crawl-status`)).json();
  assert.deepEqual(c.portals.map((p: { portal_id: string; status: string }) => [p.portal_id, p.status]), [['p110000', 'ok'], ['p320100', 'blocked'], ['p440300', 'failed']]);
});

test('downloads: whole file, content types, checksum, ranges', async () => {
  const file = path.join(fx.snap.path, 'reports.csv');
  const bytes = await readFile(file);
  const res = await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(res.headers.get('accept-ranges'), 'bytes');
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(createHash('sha256').update(body).digest('hex'), fx.snap.files['reports.csv']!.sha256);

  const types: Record<string, string> = { 'reports.parquet': 'application/vnd.apache.parquet', 'reports.jsonl': 'application/x-ndjson; charset=utf-8', 'texts.jsonl.gz': 'application/gzip', 'codebook.md': 'text/markdown; charset=utf-8', 'manifest.json': 'application/json; charset=utf-8' };
  for (const [name, type] of Object.entries(types)) {
    const r = await fetch(`${server.url}/snapshots/${fx.snap.id}/${name}`, { method: 'HEAD' });
    assert.equal(r.status, 200, name);
    assert.equal(r.headers.get('content-type'), type, name);
  }

  const part = await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`, { headers: { Range: 'bytes=0-2' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 0-2/${bytes.length}`);
  assert.deepEqual([...Buffer.from(await part.arrayBuffer())], [0xef, 0xbb, 0xbf]);
  const tail = await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`, { headers: { Range: 'bytes=-10' } });
  assert.deepEqual(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 10));

  // Past the end: 416 with the size. Several ranges or another unit: the whole file (RFC 9110 lets a server ignore Range).
  for (const bad of [`bytes=${bytes.length}-`, `bytes=${bytes.length + 5}-${bytes.length + 9}`]) {
    const r = await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`, { headers: { Range: bad } });
    assert.equal(r.status, 416, bad);
    assert.equal(r.headers.get('content-range'), `bytes */${bytes.length}`, bad);
    assert.doesNotMatch(await r.text(), /\/tmp|\/work|ogi-server-/, 'no path in the answer');
  }
  for (const whole of ['bytes=0-1,4-5', 'lines=1-2', 'bytes=x-y']) {
    const r = await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`, { headers: { Range: whole } });
    assert.equal(r.status, 200, whole);
    assert.equal(Number(r.headers.get('content-length')), bytes.length, whole);
    await r.arrayBuffer();
  }

  // Conditional requests: the ETag is the manifest's SHA-256; Last-Modified is the file's.
  const full = await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`, { method: 'HEAD' });
  assert.equal(full.headers.get('etag'), `"${fx.snap.files['reports.csv']!.sha256}"`);
  assert.match(full.headers.get('cache-control') ?? '', /immutable/);
  const lastModified = full.headers.get('last-modified');
  assert.ok(lastModified);
  // (through http.request: fetch adds Cache-Control: no-cache to conditional requests, as the Fetch standard says)
  const csvPath = `/snapshots/${fx.snap.id}/reports.csv`;
  assert.equal((await raw(server.url, csvPath, { 'If-None-Match': `"${fx.snap.files['reports.csv']!.sha256}"` })).status, 304);
  assert.equal((await raw(server.url, csvPath, { 'If-Modified-Since': lastModified })).status, 304);
  const changed = await raw(server.url, csvPath, { 'If-None-Match': '"other"' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.length, bytes.length);
});

test('path traversal and unknown ids give 404', async () => {
  const id = fx.snap.id;
  const paths = [
    `/snapshots/${id}/../../records`,
    `/snapshots/${id}/..%2f..%2fmanifest.json`,
    `/snapshots/${id}/%2e%2e`,
    `/snapshots/%2e%2e/${id}`,
    `/snapshots/..%2f${id}/reports.csv`,
    `/snapshots/${id}%2freports.csv/x`,
    `/snapshots/${id}/%252e%252e`,
    `/snapshots/${id}/.%2e/.%2e/etc/passwd`,
    `/snapshots/${id}/stats.json%00`,
    `/snapshots/nope/reports.csv`,
    `/snapshots/${id}/nope.csv`,
    `/snapshots/.tmp-x/reports.csv`,
    `/assets/../../package.json`,
    `/assets/%2e%2e/app.ts`,
  ];
  for (const p of paths) {
    const r = await raw(server.url, p);
    assert.equal(r.status, 404, `${p} → ${r.status} ${r.body.toString().slice(0, 80)}`);
  }
});

test('the page and its assets are served locally', async () => {
  const page = await (await fetch(`${server.url}/`)).text();
  assert.match(page, /<script src="\/assets\/chart.umd.min.js">/);
  assert.doesNotMatch(page, /https?:\/\/(?!127\.)/, 'no external URLs');
  const chart = await fetch(`${server.url}/assets/chart.umd.min.js`);
  assert.equal(chart.status, 200);
  assert.match(await chart.text(), /Chart/);
  assert.equal((await fetch(`${server.url}/assets/app.js`)).status, 200);
});

test('queue dashboard: only with a token, which it requires', async () => {
  assert.equal((await fetch(`${server.url}/admin/queues`)).status, 404, 'no token configured → not mounted');
  assert.equal((await fetch(`${adminServer.url}/admin/queues`)).status, 401);
  assert.equal((await fetch(`${adminServer.url}/admin/queues`, { headers: { Authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await fetch(`${adminServer.url}/admin/queues?token=wrong`)).status, 401);
  const ok = await fetch(`${adminServer.url}/admin/queues`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /<html/i);
  const viaQuery = await fetch(`${adminServer.url}/admin/queues/api/queues?token=${TOKEN}`);
  assert.equal(viaQuery.status, 200);
  const api = await viaQuery.json();
  assert.deepEqual(api.queues.map((q: { name: string }) => q.name).sort(), ['ogi-crawl', 'ogi-parse', 'ogi-schedule', 'ogi-snapshot']);
});

test('latest: the newest snapshot by a stable address', async () => {
  const m = await (await fetch(`${server.url}/api/snapshots/latest`)).json();
  assert.equal(m.id, fx.snap.id);
  assert.equal(m.files['reports.csv'].url, `/snapshots/${fx.snap.id}/reports.csv`);
  const r = await fetch(`${server.url}/snapshots/latest/reports.csv`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-location'), `/snapshots/${fx.snap.id}/reports.csv`);
  assert.doesNotMatch(r.headers.get('cache-control') ?? '', /immutable/, 'latest changes with the next snapshot');
  assert.equal(createHash('sha256').update(Buffer.from(await r.arrayBuffer())).digest('hex'), fx.snap.files['reports.csv']!.sha256);
  assert.equal((await fetch(`${server.url}/favicon.ico`)).status, 200);
});
