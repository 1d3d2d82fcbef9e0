// The poison files of sandbox.test.ts through the real pipeline (real redis-server, crawl and parse workers in this
// process, BullMQ flow): the crawl job completes with the poison files recorded as too_large, the workers keep working,
// and the real reports around them are parsed into the snapshot.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { redisConnection } from '../../queues/connection.ts';
import { startRun } from '../../queues/run.ts';
import { waitForRun } from '../../queues/wait.ts';
import { startWorkers } from '../../queues/workers.ts';
import { blankPdf, readFixture, zipBombDocx } from '../helpers/poison.ts';
import { startTestRedis } from '../helpers/redis.ts';
import { fixture, tmpDir } from '../helpers/tmp.ts';

let server: http.Server | undefined;
let redis: Awaited<ReturnType<typeof startTestRedis>> | undefined;
after(async () => {
  server?.close();
  await redis?.stop();
});

test('poison files in a queued crawl: recorded as too_large, workers alive, the other reports parsed into the snapshot', async () => {
  const files: Record<string, [string, Buffer, string]> = {
    '/r/P020240101_bomb.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', await zipBombDocx(300), '甲区'],
    '/r/P020240103_blank.pdf': ['application/pdf', blankPdf(20_000), '丙区'],
    '/r/P020240104_good.pdf': ['application/pdf', readFixture('pdf', 'huaian-hongze-2023.pdf'), '洪泽区'],
    '/r/t20240106_good.html': ['text/html; charset=utf-8', readFixture('extract', 'pages', 'generic-xiangyang.html'), '襄阳市'],
    '/r/pingtan-2019.txt': ['text/plain', readFileSync(fixture('texts', 'pingtan-2019.txt')), '平潭综合实验区'],
  };
  server = http.createServer((req, res) => {
    if (req.url === '/list/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(`<html><head><meta charset="utf-8"><title>年报</title></head><body><ul>${Object.entries(files).map(([p, f]) => `<li><a href="${p}">${f[2]}2023年政府信息公开工作年度报告</a></li>`).join('')}</ul></body></html>`);
    }
    const f = files[req.url ?? ''];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redis = await startTestRedis();
  const dataDir = await tmpDir('ogi-poison-queue-');
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, stringify({ respect_robots: false, portals: [{ id: 'poison-site', name: '毒文件', start_urls: [`${base}/list/`], allowed_hosts: [new URL(base).host], render: 'http' }] }));
  const connection = redisConnection(redis.url);
  const workers = startWorkers({ connection, politeness: false });
  try {
    const run = await startRun(connection, { portalIds: ['poison-site'], configPath, dataDir, snapshot: true, politeness: false });
    const status = await waitForRun(connection, run);
    const portal = status.portals[0]!;
    assert.equal(portal.state, 'completed', portal.failedReason ?? '');
    const report = portal.progress as { status: string; errors_by_kind: Record<string, number>; errors: { url: string; kind: string }[] };
    assert.equal(report.status, 'ok');
    assert.equal(report.errors_by_kind.too_large, 2, JSON.stringify(report.errors_by_kind));
    assert.deepEqual(report.errors.filter((e) => e.kind === 'too_large').map((e) => new URL(e.url).pathname).sort(), ['/r/P020240101_bomb.docx', '/r/P020240103_blank.pdf']);
    assert.equal(portal.parses.failed, 0);
    assert.equal(status.snapshot?.state, 'completed', status.snapshot?.failedReason ?? '');
    const rows = (await readFile(path.join(status.snapshot!.result!.path, 'reports.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { url: string; is_report: boolean });
    assert.deepEqual(rows.map((r) => new URL(r.url).pathname).sort(), ['/r/P020240104_good.pdf', '/r/pingtan-2019.txt', '/r/t20240106_good.html']);
  } finally {
    await workers.close();
    connection.disconnect();
  }
});
