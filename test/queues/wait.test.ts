// Waiting on a large run must not read every job again on every poll: a settled crawl job is reused as it was, and a
// queued one no worker has taken is checked with one field.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestRedis } from '../helpers/redis.ts';
import { redisConnection } from '../../queues/connection.ts';
import { Queue, Worker } from 'bullmq';
import { QUEUE_CRAWL } from '../../src/schema/queue.ts';
import { runStatus, stillQueued, type PortalJobStatus } from '../../queues/wait.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
before(async () => { redis = await startTestRedis(); });
after(async () => { await redis?.stop(); });

test('runStatus reuses settled portal statuses and reads only the others', async () => {
  const connection = redisConnection(redis.url);
  try {
    const run = { runId: 'r1', crawlJobIds: ['r1__a', 'r1__b'], snapshotJobId: null };
    const settledA: PortalJobStatus = { jobId: 'r1__a', portalId: 'a', state: 'completed', progress: { pages_fetched: 3 }, failedReason: null, parses: { done: 2, failed: 0, pending: 0 } };
    const s = await runStatus(connection, run, new Map([['r1__a', settledA]]));
    // Neither job exists in Redis: the settled one was not read (it would be 'missing'), the other was.
    assert.deepEqual(s.portals.map((p) => [p.portalId, p.state]), [['a', 'completed'], ['b', 'missing']]);
    assert.equal(s.portals[0], settledA);
    const fresh = await runStatus(connection, run);
    assert.deepEqual(fresh.portals.map((p) => p.state), ['missing', 'missing']);
  } finally {
    connection.disconnect();
  }
});

test('stillQueued keeps the queued jobs no worker has taken, and drops taken and removed ones', async () => {
  const connection = redisConnection(redis.url);
  const queue = new Queue(QUEUE_CRAWL, { connection });
  const worker = new Worker(QUEUE_CRAWL, null, { connection, autorun: false });
  try {
    await queue.addBulk(['r2__a', 'r2__b', 'r2__c'].map((jobId) => ({ name: 'crawl', data: {}, opts: { jobId } })));
    const status = (jobId: string): PortalJobStatus => ({ jobId, portalId: jobId.slice(4), state: 'waiting', progress: null, failedReason: null, parses: { done: 0, failed: 0, pending: 0 } });
    const all = ['r2__a', 'r2__b', 'r2__c'].map(status);
    assert.deepEqual((await stillQueued(connection, all)).map((p) => p.jobId), ['r2__a', 'r2__b', 'r2__c']);
    const taken = await worker.getNextJob('token-1');
    assert.equal(taken?.id, 'r2__a', 'the oldest job is taken first');
    await queue.remove('r2__c');
    const left = await stillQueued(connection, all);
    assert.deepEqual(left.map((p) => p.jobId), ['r2__b']);
    assert.equal(left[0], all[1], 'the status is reused as it was');
    // What runStatus reads for the jobs that moved agrees.
    const s = await runStatus(connection, { runId: 'r2', crawlJobIds: ['r2__a', 'r2__b', 'r2__c'], snapshotJobId: null }, new Map(left.map((p) => [p.jobId, p])));
    assert.deepEqual(s.portals.map((p) => p.state), ['active', 'waiting', 'missing']);
  } finally {
    await worker.close(true);
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
});
