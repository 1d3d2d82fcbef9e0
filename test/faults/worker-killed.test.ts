// kill -9 of a crawl worker in the middle of a portal, then of a parse worker in the middle of a batch: after a
// restart the run finishes and the next snapshot holds every report of the replica exactly once, each stored once.
// Real redis-server, real `ogi worker` child processes, a generated portal replica on 127.0.0.1 whose report
// pages answer slowly, so "the middle" is a known point: the replica itself kills the worker when it has served
// a third of a portal's reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { diffUrls, killAllChildren, recordVersions, snapshotRows, spawnWorker, waitUntil, within, type OgiChild, ATTACH_MS } from '../helpers/faults.ts';
import { generatedPortalsYaml, startGeneratedSite, type GeneratedSite } from '../../bench/e2e/site.ts';
import { redisConnection } from '../../queues/connection.ts';
import { startRun, type StartedRun } from '../../queues/run.ts';
import { waitForRun, type RunStatus } from '../../queues/wait.ts';
import { QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT, crawlJobId } from '../../src/schema/queue.ts';

const REPORTS = 60;
const KILL_AT = 20;
const HTTP_WORKERS = 8; // crawlPortal's HTTP concurrency with politeness off: at most this many tasks in flight

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let site: GeneratedSite;
let connection: Redis;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let crawler1: OgiChild;
let killedAt = -1;
let lockAfterKill: string | null = null;
let run: StartedRun;
let status: RunStatus;
let parseKill: { completed: number; active: number; waiting: number } | null = null;

const queueOf = (name: string) => new Queue(name, { connection });
async function workersOn(name: string): Promise<number> {
  const q = queueOf(name);
  try {
    return await q.getWorkersCount();
  } finally {
    await q.close();
  }
}

before(async () => {
  redis = await startTestRedis();
  connection = redisConnection(redis.url);
  site = await startGeneratedSite({
    portals: 2, reports: REPORTS, reportDelayMs: 250,
    onReport: (portal, served) => {
      // Synchronously from the replica: the worker dies with report pages of this portal in flight.
      if (portal === 0 && served === KILL_AT && killedAt < 0) {
        killedAt = served;
        crawler1.child.kill('SIGKILL');
      }
    },
  });
  dataDir = await tmpDir('ogi-fault-kill-');
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, generatedPortalsYaml(site.baseUrl, 2));
  env = { REDIS_URL: redis.url, OGI_DATA_DIR: dataDir };

  crawler1 = spawnWorker('crawl', env);
  const snapshotter = spawnWorker('snapshot', env);
  await waitUntil('crawl and snapshot workers to attach', async () => (await workersOn(QUEUE_CRAWL)) > 0 && (await workersOn(QUEUE_SNAPSHOT)) > 0, ATTACH_MS, 200);
  // Parse workers come later, so the parse jobs of both crawls pile up and the parse kill hits a full batch.
  run = await startRun(connection, { portalIds: ['gen-000', 'gen-001'], configPath, dataDir, snapshot: true, politeness: false });

  const exit = await within('the first crawl worker to be killed', 60_000, crawler1.exited);
  assert.equal(exit.signal, 'SIGKILL', `crawl worker was not killed by the test: ${JSON.stringify(exit)}\n${crawler1.output()}`);
  lockAfterKill = await connection.get('ogi:lock:portal:gen-000');
  const crawler2 = spawnWorker('crawl', env);

  const crawlQueue = queueOf(QUEUE_CRAWL);
  try {
    await waitUntil('both crawl jobs to finish crawling (waiting for their parse children)', async () => {
      const states = await Promise.all(run.crawlJobIds.map(async (id) => (await Job.fromId(crawlQueue, id))?.getState()));
      return states.every((s) => s === 'waiting-children' || s === 'completed' || s === 'failed');
    }, 120_000, 200).catch((e) => {
      throw new Error(`${(e as Error).message}\nworker 2:\n${crawler2.output()}`);
    });
  } finally {
    await crawlQueue.close();
  }

  // A parse worker, frozen (SIGSTOP) once part of the batch is done so the state at the kill can be read, then killed.
  const parseQueue = queueOf(QUEUE_PARSE);
  try {
    const parser1 = spawnWorker('parse', env, ['--concurrency', '2']);
    await waitUntil('the parse worker to complete part of the batch', async () => (await parseQueue.getJobCounts('completed')).completed >= 10, 60_000, 5);
    parser1.child.kill('SIGSTOP');
    const c = await parseQueue.getJobCounts('completed', 'active', 'waiting');
    parseKill = { completed: c.completed ?? 0, active: c.active ?? 0, waiting: c.waiting ?? 0 };
    parser1.child.kill('SIGKILL');
    await within('the parse worker to die', 10_000, parser1.exited);
  } finally {
    await parseQueue.close();
  }
  spawnWorker('parse', env);
  status = await within('the run after both kills', 180_000, waitForRun(connection, run, undefined, 300));
  void snapshotter;
});

after(async () => {
  await killAllChildren();
  connection?.disconnect();
  await site?.close();
  await redis?.stop();
});

test('kill -9 of a crawl worker mid-portal: the portal lock is taken over by the retried job, which resumes its frontier', async () => {
  assert.equal(killedAt, KILL_AT);
  // The killed attempt left its lock (120 s TTL) behind: the retry could only start by taking it over.
  // The lock value is jobId|token|renewedAt (queues/portal-lock.ts); the job part names the killed job.
  assert.equal(lockAfterKill?.split('|')[0], crawlJobId('gen-000', run.runId));
  const p0 = status.portals.find((p) => p.portalId === 'gen-000')!;
  assert.equal(p0.state, 'completed', `${p0.failedReason}`);
  assert.equal(p0.progress?.resumed, true, 'the retried crawl did not resume from the frontier');
  assert.equal(p0.progress?.reports_found, REPORTS);
  // Resumed, not restarted: only the pages in flight at the kill are fetched twice.
  assert.ok(site.served[0]! <= REPORTS + HTTP_WORKERS, `portal 0 served ${site.served[0]} report pages for ${REPORTS} reports`);
  assert.equal(await connection.exists('ogi:lock:portal:gen-000', 'ogi:lock:portal:gen-001'), 0, 'a portal lock outlived its run');
});

test('kill -9 of a parse worker mid-batch: its active jobs are retried, none fails', async () => {
  assert.ok(parseKill, 'the parse worker was never killed');
  assert.ok(parseKill.active >= 1 && parseKill.waiting >= 1, `the kill did not hit the middle of a batch: ${JSON.stringify(parseKill)}`);
  const parseQueue = queueOf(QUEUE_PARSE);
  try {
    assert.equal(await parseQueue.getJobCountByTypes('failed'), 0);
  } finally {
    await parseQueue.close();
  }
  for (const p of status.portals) assert.equal(p.parses.failed, 0, `${p.portalId}: ${JSON.stringify(p.parses)}`);
});

test('after both kills the snapshot holds every report exactly once, and each report is stored once', async () => {
  assert.equal(status.snapshot?.state, 'completed', status.snapshot?.failedReason ?? '');
  const rows = await snapshotRows(status.snapshot!.result!.path);
  const d = diffUrls(site.reportUrls(), rows.map((r) => r.url));
  assert.deepEqual(d, { missing: [], extra: [], repeated: [] });
  assert.equal(rows.length, 2 * REPORTS);
  const versions = await recordVersions(dataDir);
  assert.equal(versions.size, 2 * REPORTS);
  const twice = [...versions].filter(([, n]) => n !== 1);
  assert.deepEqual(twice, [], 'a report was stored as more than one version');
});
