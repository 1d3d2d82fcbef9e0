// A schedule fires on a real Redis and its run goes all the way through the real workers: crawl of replica portals
// on 127.0.0.1 → parse → record store → snapshot. No stubs.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { redisConnection } from '../../queues/connection.ts';
import { applySchedules, processScheduleJob, SCHEDULE_QUEUE } from '../../queues/schedule.ts';
import { startWorkers } from '../../queues/workers.ts';
import { PortalsFile } from '../../src/schema/config.ts';
import { listSnapshots } from '../../storage/snapshot.ts';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let replica: ReplicaServer;

before(async () => {
  redis = await startTestRedis();
  replica = await startReplicaServer({ port: 0 });
});
after(async () => {
  await replica?.close();
  await redis?.stop();
});

test('a scheduled run crawls every portal and then builds a snapshot; a blocked portal is recorded, not blocking', async () => {
  const dataDir = await tmpDir('ogi-sched-e2e-');
  const full = replicaPortalsFile(replica.baseUrl);
  const file = PortalsFile.parse({
    ...full,
    schedule: { cron: '* * * * * *', tz: 'UTC' },
    portals: full.portals.filter((p) => p.id === 'replica-trs' || p.id === 'replica-blocked'),
  });
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, stringify(file));

  const connection = redisConnection(redis.url);
  // Every queue but the schedule one: this test's own scheduler worker below must be the one that takes the firing.
  const workers = startWorkers({ connection, queues: ['crawl', 'parse', 'snapshot'] });
  const scheduleConnection = redisConnection(redis.url);
  const scheduleQueue = new Queue(SCHEDULE_QUEUE, { connection });
  let runId: string | null = null;
  const scheduler = new Worker(SCHEDULE_QUEUE, async (job) => {
    const r = await processScheduleJob(job, connection);
    // One run is enough here: stop the every-second schedule before it fires again.
    await scheduleQueue.removeJobScheduler('default');
    runId ??= r.runId;
    return r;
  }, { connection: scheduleConnection });
  try {
    await applySchedules(connection, file, configPath, dataDir);
    // Bounded wait for the run to finish (not a speed assertion: the bound only keeps a broken run from hanging the suite).
    const deadline = Date.now() + 180_000;
    while ((await listSnapshots(dataDir)).length === 0 && Date.now() < deadline) await sleep(250);
    const [snap] = await listSnapshots(dataDir);
    assert.ok(snap, 'a snapshot was built');
    assert.ok(runId, 'the schedule fired');
    assert.ok(snap.counts.reports > 0, 'the snapshot holds the crawled reports');
    const byPortal = Object.fromEntries(snap.portals.map((p) => [p.portal_id, p]));
    assert.equal(byPortal['replica-trs']?.crawl_status, 'ok');
    assert.equal(byPortal['replica-trs']?.crawl_run_id, runId);
    assert.ok((byPortal['replica-trs']?.reports ?? 0) > 0);
    assert.equal(byPortal['replica-blocked']?.crawl_status, 'blocked');
  } finally {
    await scheduler.close();
    await workers.close();
    await scheduleQueue.close();
    scheduleConnection.disconnect();
    connection.disconnect();
  }
});
