import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { PortalsFile } from '../../src/schema/config.ts';
import { crawlJobId, QUEUE_CRAWL, QUEUE_SNAPSHOT, snapshotJobId } from '../../src/schema/queue.ts';
import { applySchedules, listSchedules, plannedSchedules, processScheduleJob, SCHEDULE_QUEUE } from '../../queues/schedule.ts';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let connection: Redis;

before(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
});
after(async () => {
  connection?.disconnect();
  await redis?.stop();
});

const portal = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id, start_urls: [`http://127.0.0.1:9/${id}/`], ...extra });

test('plans: one shared scheduler with the file default, one per portal override, disabled portals left out', () => {
  const file = PortalsFile.parse({ portals: [portal('aa'), portal('bb', { schedule: { cron: '0 30 3 * * 1' } }), portal('cc', { enabled: false }), portal('dd')] });
  assert.deepEqual(plannedSchedules(file), [
    { id: 'default', pattern: '0 0 2 * * *', tz: 'Asia/Shanghai', portal_ids: ['aa', 'dd'] },
    { id: 'portal-bb', pattern: '0 30 3 * * 1', tz: 'Asia/Shanghai', portal_ids: ['bb'] },
  ]);
});

test('apply upserts schedulers with next run times and removes ones no longer configured', async () => {
  const dataDir = await tmpDir();
  const first = PortalsFile.parse({ portals: [portal('aa'), portal('bb', { schedule: { cron: '0 30 3 * * *', tz: 'UTC' } })] });
  const applied = await applySchedules(connection, first, 'config/portals.yaml', dataDir);
  assert.deepEqual(applied.map((s) => [s.id, s.pattern, s.tz, s.portal_ids]), [
    ['default', '0 0 2 * * *', 'Asia/Shanghai', ['aa']],
    ['portal-bb', '0 30 3 * * *', 'UTC', ['bb']],
  ]);
  // 02:00 in Shanghai is 18:00 UTC.
  assert.match(applied[0]!.next_run!, /T18:00:00\.000Z$/);
  assert.match(applied[1]!.next_run!, /T03:30:00\.000Z$/);
  assert.ok(Date.parse(applied[0]!.next_run!) > Date.now());

  const second = PortalsFile.parse({ schedule: { cron: '0 15 1 * * *' }, portals: [portal('aa'), portal('bb')] });
  const reapplied = await applySchedules(connection, second, 'config/portals.yaml', dataDir);
  assert.deepEqual(reapplied.map((s) => [s.id, s.pattern, s.portal_ids]), [['default', '0 15 1 * * *', ['aa', 'bb']]]);
  assert.deepEqual((await listSchedules(connection)).map((s) => s.id), ['default']);

  const bad = PortalsFile.parse({ portals: [portal('aa', { schedule: { cron: 'not a cron' } })] });
  await assert.rejects(applySchedules(connection, bad, 'cfg.yaml', dataDir), /cfg\.yaml: portal "aa", field schedule: cannot schedule cron "not a cron"/);
});

test('a seconds-level schedule fires and starts a run: a snapshot job whose children are one crawl job per portal', async () => {
  const dataDir = await tmpDir();
  const file = PortalsFile.parse({ schedule: { cron: '* * * * * *', tz: 'UTC' }, portals: [portal('aa'), portal('bb')] });
  await applySchedules(connection, file, 'test/fixtures/portals/none.yaml', dataDir);
  const workerConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const worker = new Worker(SCHEDULE_QUEUE, async (job) => processScheduleJob(job, connection), { connection: workerConnection });
  const done = new Promise<{ runId: string; portal_ids: string[] }>((resolve, reject) => {
    worker.on('completed', (_job, result) => {
      resolve(result);
    });
    worker.on('failed', (_job, err) => reject(err));
  });
  const result = await done;
  await worker.close();
  workerConnection.disconnect();
  const schedQueue = new Queue(SCHEDULE_QUEUE, { connection });
  for (const s of await schedQueue.getJobSchedulers(0, -1)) await schedQueue.removeJobScheduler(s.key);
  await schedQueue.close();

  assert.match(result.runId, /^sched-default-\d{8}T\d{6}Z$/);
  assert.deepEqual(result.portal_ids, ['aa', 'bb']);
  const snapshotQueue = new Queue(QUEUE_SNAPSHOT, { connection });
  const crawlQueue = new Queue(QUEUE_CRAWL, { connection });
  try {
    const parent = await Job.fromId(snapshotQueue, snapshotJobId(result.runId));
    assert.ok(parent, 'snapshot job exists');
    assert.equal(parent.data.run_id, result.runId);
    assert.equal(parent.data.data_dir, path.resolve(dataDir));
    assert.equal(await parent.getState(), 'waiting-children');
    for (const p of ['aa', 'bb']) {
      const child = await Job.fromId(crawlQueue, crawlJobId(p, result.runId));
      assert.ok(child, `crawl job for ${p}`);
      assert.equal(child.data.portal_id, p);
      assert.equal(child.data.config_path, path.resolve('test/fixtures/portals/none.yaml'));
      assert.equal(child.parentKey, `bull:${QUEUE_SNAPSHOT}:${snapshotJobId(result.runId)}`);
      assert.equal(child.opts.ignoreDependencyOnFailure, true, 'a failed portal must not block the snapshot');
    }
    const deps = await parent.getDependenciesCount();
    assert.equal(deps.unprocessed, 2);
  } finally {
    await snapshotQueue.close();
    await crawlQueue.close();
  }
});
