// Redis goes away in the middle of a run and comes back with its append-only file: the workers reconnect, the
// run finishes, and the snapshot holds every report exactly once, each stored once (no job lost, none done
// twice in a way that duplicates records). Two set-ups:
//  - an external Redis (REDIS_URL), restarted by its operator on the same port;
//  - the embedded server the first `ogi worker` starts (through its watchdog) when REDIS_URL is unset, whose redis-server process dies
//    under it (here SIGTERM, so the AOF is complete; see docs/reliability.md for SIGKILL).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { tmpDir } from '../helpers/tmp.ts';
import { diffUrls, killAllChildren, recordVersions, snapshotRows, spawnWorker, waitUntil, within, ATTACH_MS } from '../helpers/faults.ts';
import { generatedPortalsYaml, startGeneratedSite, type GeneratedSite } from '../../bench/e2e/site.ts';
import { redisConnection } from '../../queues/connection.ts';
import { freePort, ping, startRedisServer, type RedisHandle } from '../../queues/redis-server.ts';
import { startRun } from '../../queues/run.ts';
import { waitForRun } from '../../queues/wait.ts';
import { QUEUE_CRAWL, QUEUE_PARSE } from '../../src/schema/queue.ts';

const REPORTS = 40;
const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  await killAllChildren();
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function workersOn(connection: Redis, name: string): Promise<number> {
  const q = new Queue(name, { connection });
  try {
    return await q.getWorkersCount();
  } finally {
    await q.close();
  }
}

/**
 * One run of two generated portals against Redis at `url`; `outage` is called once a third of portal 0 is
 * served and must take Redis away and bring it back. Returns what the run left for the assertions.
 */
async function runThroughOutage(site: GeneratedSite, dataDir: string, url: string, trigger: { fire: () => void; fired: Promise<void> }) {
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, generatedPortalsYaml(site.baseUrl, 2));
  const connection = redisConnection(url);
  cleanups.push(async () => connection.disconnect());
  await waitUntil('workers to attach', async () => (await workersOn(connection, QUEUE_CRAWL)) > 0 && (await workersOn(connection, QUEUE_PARSE)) > 0, ATTACH_MS, 200);
  const run = await startRun(connection, { portalIds: ['gen-000', 'gen-001'], configPath, dataDir, snapshot: true, politeness: false });
  await within('the outage to happen', 60_000, trigger.fired);
  const status = await within('the run after the Redis restart', 180_000, waitForRun(connection, run, undefined, 300));
  const parseQueue = new Queue(QUEUE_PARSE, { connection });
  const parseFailed = await parseQueue.getJobCountByTypes('failed');
  await parseQueue.close();
  connection.disconnect();
  return { run, status, parseFailed };
}

async function assertComplete(site: GeneratedSite, dataDir: string, r: Awaited<ReturnType<typeof runThroughOutage>>, log: string) {
  for (const p of r.status.portals) assert.equal(p.state, 'completed', `${p.portalId}: ${p.failedReason}\n${log}`);
  assert.equal(r.status.snapshot?.state, 'completed', `${r.status.snapshot?.failedReason}\n${log}`);
  assert.equal(r.parseFailed, 0);
  const rows = await snapshotRows(r.status.snapshot!.result!.path);
  assert.deepEqual(diffUrls(site.reportUrls(), rows.map((x) => x.url)), { missing: [], extra: [], repeated: [] });
  const versions = await recordVersions(dataDir);
  assert.equal(versions.size, 2 * REPORTS);
  assert.deepEqual([...versions].filter(([, n]) => n !== 1), [], 'a report was stored twice');
}

function outageTrigger() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

test('external Redis (REDIS_URL) restarted mid-crawl: workers reconnect, the run finishes, nothing lost or doubled', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-fault-redis-ext-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const port = await freePort();
  let server: RedisHandle = await startRedisServer({ dir, port, appendonly: true });
  cleanups.push(() => server.stop());
  const url = `redis://127.0.0.1:${port}`;
  const trigger = outageTrigger();
  let restarts = 0;
  const site = await startGeneratedSite({
    portals: 2, reports: REPORTS, reportDelayMs: 200,
    onReport: (portal, served) => {
      if (portal !== 0 || served !== Math.floor(REPORTS / 3) || restarts) return;
      restarts++;
      void (async () => {
        await server.stop();
        assert.equal(await ping(url), false);
        // Down long enough for every client to notice and back off, short of BullMQ's 30 s job lock.
        await new Promise((r) => setTimeout(r, 3000));
        server = await startRedisServer({ dir, port, appendonly: true });
        trigger.fire();
      })();
    },
  });
  cleanups.push(() => site.close());
  const dataDir = await tmpDir('ogi-fault-redis-ext-data-');
  // Default lock timings here: the outage must not turn live jobs into "stalled" ones.
  const w = spawnWorker('crawl,parse,snapshot', { REDIS_URL: url, OGI_DATA_DIR: dataDir, OGI_LOCK_DURATION_MS: '', OGI_STALLED_INTERVAL_MS: '' });
  const r = await runThroughOutage(site, dataDir, url, trigger);
  assert.equal(restarts, 1);
  await assertComplete(site, dataDir, r, w.output());
});

test('embedded Redis: its redis-server dies mid-crawl, its watchdog restarts it from the AOF and the run finishes', async () => {
  const dataDir = await tmpDir('ogi-fault-redis-emb-');
  const env = { REDIS_URL: '', OGI_DATA_DIR: dataDir, OGI_LOCK_DURATION_MS: '', OGI_STALLED_INTERVAL_MS: '' };
  // The first worker starts the embedded server and owns it; the second reuses it through <data-dir>/redis/server.json.
  const owner = spawnWorker('crawl,snapshot', env);
  const lockFile = path.join(dataDir, 'redis', 'server.json');
  const url: string = await waitUntil('the embedded redis-server', async (): Promise<string | null> => {
    const info = JSON.parse(await readFile(lockFile, 'utf8').catch(() => '{}')) as { url?: string };
    return info.url && (await ping(info.url)) ? info.url : null;
  }, 60_000, 200) as string;
  const other = spawnWorker('parse', env);
  const admin = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 200, lazyConnect: true });
  admin.on('error', () => {});
  await admin.connect();
  cleanups.push(async () => admin.disconnect());
  const serverPid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
  assert.ok(serverPid > 0);
  cleanups.push(async () => {
    // Whatever happens, no redis-server of this test outlives it (its watchdog stops it once the workers are gone).
    try { process.kill(serverPid, 'SIGKILL'); } catch { /* already gone */ }
  });

  const trigger = outageTrigger();
  let killed = 0;
  const site = await startGeneratedSite({
    portals: 2, reports: REPORTS, reportDelayMs: 200,
    onReport: (portal, served) => {
      if (portal !== 0 || served !== Math.floor(REPORTS / 3) || killed) return;
      killed++;
      process.kill(serverPid, 'SIGTERM');
      void waitUntil('the embedded redis-server to come back', () => ping(url), 60_000, 200).then(() => trigger.fire(), () => {});
    },
  });
  cleanups.push(() => site.close());
  const r = await runThroughOutage(site, dataDir, url, trigger);
  assert.equal(killed, 1);
  const newPid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
  assert.notEqual(newPid, serverPid, 'the redis-server was not replaced');
  cleanups.push(async () => {
    try { process.kill(newPid, 'SIGKILL'); } catch { /* already gone */ }
  });
  await assertComplete(site, dataDir, r, owner.output() + other.output());
});
