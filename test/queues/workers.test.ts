import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Job, Queue } from 'bullmq';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { redisConnection } from '../../queues/connection.ts';
import { startRun } from '../../queues/run.ts';
import { startWorkers } from '../../queues/workers.ts';
import { PARSE_JOB_OPTS } from '../../queues/queues.ts';
import { QUEUE_CRAWL, QUEUE_PARSE, crawlJobId, parseJobId } from '../../src/schema/queue.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
before(async () => (redis = await startTestRedis()));
after(async () => redis?.stop());

/**
 * A connection for one test, and everything the test opens closed after it, pass or fail: a worker left
 * running would retry the stopped Redis forever and keep the test file from ending.
 */
function scope(t: TestContext) {
  const closers: Array<() => unknown> = [];
  t.after(async () => {
    for (const close of closers.reverse()) await close();
  });
  const connection = redisConnection(redis.url);
  closers.push(() => connection.disconnect());
  return { connection, defer: (close: () => unknown) => closers.push(close) };
}

/** Waits for a job to be final and returns what the test needs of it (the job's own connection is closed after). */
async function finished(queueName: string, jobId: string): Promise<{ state: string; attemptsMade: number; failedReason: string }> {
  const connection = redisConnection(redis.url);
  const q = new Queue(queueName, { connection });
  try {
    for (let i = 0; i < 200; i++) {
      const job = await Job.fromId(q, jobId);
      const state = job ? await job.getState() : 'missing';
      if (job && (state === 'failed' || state === 'completed')) {
        // Read the job again: the copy fetched before getState() may predate its last attempt.
        const final = (await Job.fromId(q, jobId))!;
        return { state, attemptsMade: final.attemptsMade, failedReason: final.failedReason };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  } finally {
    await q.close();
    connection.disconnect();
  }
}

test('a parse job whose document is missing is retried with backoff, then stays failed with the error', async (t) => {
  const { connection, defer } = scope(t);
  const dataDir = await tmpDir();
  const workers = startWorkers({ connection, queues: ['parse'] });
  defer(() => workers.close());
  const q = new Queue(QUEUE_PARSE, { connection });
  defer(() => q.close());
  const sha = 'a'.repeat(64);
  const id = parseJobId('run-x', sha);
  await q.add('parse', { run_id: 'run-x', portal_id: 'p', url: 'http://127.0.0.1/x', doc_sha256: sha, data_dir: dataDir }, { ...PARSE_JOB_OPTS, backoff: { type: 'exponential', delay: 50 }, jobId: id });
  const job = await finished(QUEUE_PARSE, id);
  assert.equal(job.state, 'failed');
  assert.equal(job.attemptsMade, PARSE_JOB_OPTS.attempts);
  assert.match(job.failedReason, /archive object a{64} unreadable/);
});

test('a crawl job for a portal missing from the config fails at once, naming portal and file', async (t) => {
  const { connection, defer } = scope(t);
  const dataDir = await tmpDir();
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, 'portals:\n  - id: only-one\n    name: x\n    start_urls: [http://127.0.0.1:9/]\n');
  const workers = startWorkers({ connection, queues: ['crawl'] });
  defer(() => workers.close());
  const run = await startRun(connection, { portalIds: ['gone'], configPath, dataDir, snapshot: false });
  const job = await finished(QUEUE_CRAWL, run.crawlJobIds[0]!);
  assert.equal(job.state, 'failed');
  assert.equal(job.attemptsMade, 1, 'an unrecoverable error is not retried');
  assert.match(job.failedReason, /portal "gone" is not in .*portals\.yaml/);
});

test('queuing the same portal twice in one run adds one job (job id = portal + run)', async (t) => {
  const { connection, defer } = scope(t);
  const dataDir = await tmpDir();
  const opts = { portalIds: ['p1'], runId: 'run-dup', configPath: path.join(dataDir, 'none.yaml'), dataDir, snapshot: false };
  await startRun(connection, opts);
  await startRun(connection, opts);
  const q = new Queue(QUEUE_CRAWL, { connection });
  defer(async () => {
    await q.obliterate({ force: true });
    await q.close();
  });
  const jobs = (await q.getJobs(['waiting', 'delayed', 'active', 'failed', 'completed'])).filter((j) => j.data.run_id === 'run-dup');
  assert.deepEqual(jobs.map((j) => j.id), [crawlJobId('p1', 'run-dup')]);
});

test('a portal already being crawled by another run is not crawled twice at once: the second job waits', async (t) => {
  const { connection, defer } = scope(t);
  const dataDir = await tmpDir();
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, 'portals:\n  - id: locked\n    name: x\n    start_urls: [http://127.0.0.1:9/]\n');
  // Another run's job holds the portal.
  await connection.set('ogi:lock:portal:locked', 'crawl__locked__other-run', 'PX', 60_000);
  defer(() => connection.del('ogi:lock:portal:locked'));
  const workers = startWorkers({ connection, queues: ['crawl'] });
  defer(() => workers.close());
  const run = await startRun(connection, { portalIds: ['locked'], runId: 'run-lock', configPath, dataDir, snapshot: false });
  const q = new Queue(QUEUE_CRAWL, { connection });
  defer(() => q.close());
  let state = '';
  for (let i = 0; i < 100 && state !== 'delayed'; i++) {
    state = (await (await Job.fromId(q, run.crawlJobIds[0]!))?.getState()) ?? '';
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(state, 'delayed');
});

test('the schedule worker of `ogi worker` turns a scheduler firing into a run of crawl jobs', async (t) => {
  const { applySchedules, removeAllSchedules } = await import('../../queues/schedule.ts');
  const { parsePortalsFile } = await import('../../src/config/load.ts');
  const { connection, defer } = scope(t);
  const dataDir = await tmpDir();
  const configPath = path.join(dataDir, 'portals.yaml');
  const yaml = "schedule: {cron: '* * * * * *', tz: UTC}\nportals:\n  - id: sched-a\n    name: x\n    start_urls: [http://127.0.0.1:9/]\n";
  await writeFile(configPath, yaml);
  await applySchedules(connection, parsePortalsFile(yaml, configPath), configPath, dataDir);
  defer(() => removeAllSchedules(connection));
  const workers = startWorkers({ connection, queues: ['schedule'] });
  defer(() => workers.close());
  const q = new Queue(QUEUE_CRAWL, { connection });
  defer(async () => {
    await q.obliterate({ force: true });
    await q.close();
  });
  let found: string[] = [];
  for (let i = 0; i < 100 && !found.length; i++) {
    found = (await q.getJobs(['waiting', 'active', 'delayed', 'waiting-children'])).filter((j) => j.data.portal_id === 'sched-a').map((j) => j.id!);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(found.length >= 1, 'no crawl job was queued by the scheduled run');
  assert.match(found[0]!, /^crawl__sched-a__/);
});
