// Redis that loses its memory mid-run (no AOF, no RDB: a cache-configured server restarted, or a failover to an
// empty replica). The crawler has already remembered the emitted pages as seen, so the next run does not emit them
// again: only the emitted ledger on disk still knows them. The lost run must not end as a success, and the next
// run's snapshot must hold every report of the site, each once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { tmpDir } from '../helpers/tmp.ts';
import { diffUrls, killAllChildren, runOgi, snapshotRows, spawnOgi, spawnWorker, waitUntil, within, ATTACH_MS } from '../helpers/faults.ts';
import { generatedPortalsYaml, startGeneratedSite } from '../../bench/e2e/site.ts';
import { redisConnection } from '../../queues/connection.ts';
import { freePort, ping, startRedisServer, type RedisHandle } from '../../queues/redis-server.ts';
import { readEmitted, readParsed, readReconciled } from '../../storage/parse-ledger.ts';
import { QUEUE_PARSE } from '../../src/schema/queue.ts';

const REPORTS = 30;
const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  await killAllChildren();
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

test('Redis without persistence killed mid-run: that run exits 1 naming the lost documents; the next run’s snapshot holds every report', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-fault-redis-mem-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: RedisHandle = await startRedisServer({ dir, port, appendonly: false });
  cleanups.push(() => server.stop());
  const pidOf = async () => {
    const admin = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    admin.on('error', () => {});
    await admin.connect();
    try {
      return Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
    } finally {
      admin.disconnect();
    }
  };
  const firstPid = await pidOf();
  assert.ok(firstPid > 0);

  let killed = 0;
  let restarted!: () => void;
  const back = new Promise<void>((r) => (restarted = r));
  const site = await startGeneratedSite({
    portals: 1, reports: REPORTS, reportDelayMs: 50,
    onReport: (_portal, served) => {
      if (served !== Math.floor(REPORTS / 2) || killed) return;
      killed++;
      process.kill(firstPid, 'SIGKILL');
      void (async () => {
        await waitUntil('the killed redis-server to be gone', async () => !(await ping(url, 200)), 30_000, 100);
        server = await startRedisServer({ dir, port, appendonly: false });
        restarted();
      })();
    },
  });
  cleanups.push(() => site.close());
  const dataDir = await tmpDir('ogi-fault-redis-mem-data-');
  const config = path.join(dataDir, 'portals.yaml');
  await writeFile(config, generatedPortalsYaml(site.baseUrl, 1));
  const env = { REDIS_URL: url, OGI_DATA_DIR: dataDir, OGI_LOCK_DURATION_MS: '', OGI_STALLED_INTERVAL_MS: '' };

  // Run 1: a crawl worker, and a parse worker that takes one job and never finishes it, so parse jobs pile up in
  // Redis as they would behind a busy parser. Attached workers keep `crawl --wait` from running its own.
  const crawler = spawnWorker('crawl', env);
  const parseConn = redisConnection(url);
  cleanups.push(async () => parseConn.disconnect());
  const stuck = new Worker(QUEUE_PARSE, () => new Promise(() => {}), { connection: parseConn, concurrency: 1 });
  stuck.on('error', () => {});
  cleanups.push(() => stuck.close(true));
  await waitUntil('the crawl worker to attach', () => /ogi worker \d+: queues crawl/.test(crawler.output()), ATTACH_MS, 100);
  const run1 = spawnOgi(['crawl', '--config', config, '--wait'], env);
  await within('Redis to be killed and restarted empty', ATTACH_MS, back);
  const r1 = await within('run 1 to end after the loss', ATTACH_MS, run1.exited);
  const out1 = run1.output();
  assert.equal(r1.code, 1, out1);
  assert.match(out1, /document\(s\) this run emitted were never parsed/, out1);
  const runId1 = /run (\S+): 1 portal job/.exec(out1)?.[1];
  assert.ok(runId1, out1);
  const emitted1 = await readEmitted(dataDir, runId1);
  assert.ok(emitted1.length >= 2, `run 1 emitted ${emitted1.length}`);
  assert.ok((await readParsed(dataDir, runId1)).size < new Set(emitted1.map((e) => e.doc_sha256)).size, 'some documents of run 1 were never parsed');
  await stuck.close(true);
  // Run 1's crawl stops once its portal lock is gone from the new Redis; run 2 waits for it so only one crawl writes the portal's state.
  await waitUntil('run 1’s crawl to stop in the worker', () => /crawl job \S+ failed|worker error/.test(crawler.output()), 120_000, 200);

  // Run 2: the pages of run 1 are unchanged, so not emitted again; the snapshot must still hold their reports.
  const r2 = await runOgi(['crawl', '--config', config, '--wait', '--snapshot', '--no-politeness'], env, 240_000);
  assert.equal(r2.code, 0, `${r2.stdout}\n${r2.stderr}\n--- worker:\n${crawler.output()}`);
  const snapPath = /^snapshot: (.+)$/m.exec(r2.stdout)?.[1];
  assert.ok(snapPath, r2.stdout);
  const rows = await snapshotRows(snapPath);
  assert.deepEqual(diffUrls(site.reportUrls(), rows.map((x) => x.url)), { missing: [], extra: [], repeated: [] });
  const reconciled = await readReconciled(dataDir, runId1);
  assert.ok(reconciled.length >= 1, 'run 1’s lost documents were reconciled by run 2’s snapshot');
  assert.match(r2.stdout, /from earlier runs/);
  await stat(path.join(dataDir, 'runs', runId1, 'settled'));
});
