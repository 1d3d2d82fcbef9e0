// A portal that yields nothing because something is wrong must say so: a start URL answering 404 and a list page
// that links no report are `failed` with a hint, the summary counts them, and `ogi crawl --wait` exits 1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { killAllChildren, runOgi } from '../helpers/faults.ts';
import { crawlVerdict } from '../../crawlers/crawl-verdict.ts';
import { CrawlReport } from '../../src/schema/crawl.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let server: http.Server;
let base = '';

before(async () => {
  redis = await startTestRedis();
  server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    if (p === '/empty/list.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul class="list"></ul><p>暂无信息</p></body></html>');
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await killAllChildren();
  await new Promise<void>((r) => server.close(() => r()));
  await redis?.stop();
});

const yaml = (id: string, start: string) => `user_agent: "ogi-harvest/0.1 (test)"
rate: 100
respect_robots: false
request_timeout_secs: 5
portals:
  - id: ${id}
    name: 测试门户
    agency: 测试县人民政府
    start_urls: ["${base}${start}"]
    allowed_hosts: ["${new URL(base).host}"]
    render: http
`;

for (const [id, start, kind] of [['gone', '/moved/index.html', 'start_url'], ['empty', '/empty/list.html', 'no_reports']] as const) {
  test(`\`ogi crawl --wait\`: ${kind === 'start_url' ? 'a 404 start URL' : 'a list page without report links'} → the portal failed, counted, exit 1`, async () => {
    const dataDir = await tmpDir('ogi-loud-');
    const config = path.join(dataDir, 'portals.yaml');
    await writeFile(config, yaml(id, start));
    const res = await runOgi(['crawl', '--config', config, '--wait', '--no-politeness'], { REDIS_URL: redis.url, OGI_DATA_DIR: dataDir });
    const out = `${res.stdout}\n${res.stderr}`;
    assert.equal(res.code, 1, out);
    assert.match(res.stdout, new RegExp(`^${id}\\s+failed\\b`, 'm'), out);
    assert.match(res.stdout, /\b1 portals failed\b/, out);
    assert.match(out, /check start_urls/);
    const runId = /run (\d{8}T\d{6}Z[-\w]*)/.exec(res.stdout)?.[1];
    assert.ok(runId, out);
    const file = JSON.parse(await readFile(path.join(dataDir, 'runs', `${runId}.json`), 'utf8')) as { portals: CrawlReport[] };
    assert.equal(file.portals[0]?.status, 'failed');
    assert.equal(file.portals[0]?.errors_by_kind[kind], 1);
  });
}

const report = (over: Partial<CrawlReport>): CrawlReport => CrawlReport.parse({
  portal_id: 'p', run_id: 'r', started_at: '', finished_at: '', duration_ms: 0, status: 'ok', blocked: null, resumed: false,
  pages_fetched: 3, not_modified: 0, browser_pages: 0, list_pages: 1, reports_found: 2, reports_new: 2, reports_changed: 0, reports_unchanged: 0,
  attachments: 0, not_found: 0, robots_disallowed: 0, robots_disallowed_urls: [], errors_by_kind: {}, errors: [], ...over,
});

test('crawlVerdict: reports found, or a blocked portal, keep their status; nothing found fails', () => {
  assert.equal(crawlVerdict(report({}), ['u']).status, 'ok');
  assert.equal(crawlVerdict(report({ reports_found: 0, reports_unchanged: 0, list_pages: 0, status: 'blocked' }), ['u']).status, 'blocked');
  const empty = crawlVerdict(report({ reports_found: 0, reports_new: 0 }), ['u']);
  assert.equal(empty.status, 'failed');
  assert.equal(empty.errors[0]?.kind, 'no_reports');
  const gone = crawlVerdict(report({ list_pages: 0, reports_found: 0, reports_new: 0, errors: [{ url: 'u', kind: 'not_found', message: 'HTTP 404' }] }), ['u']);
  assert.equal(gone.status, 'failed');
  assert.match(gone.errors[0]!.message, /not_found: HTTP 404 at u.*check start_urls/);
});
