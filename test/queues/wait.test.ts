// Waiting on a large run must not read every job again on every poll: a settled crawl job is reused as it was.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestRedis } from '../helpers/redis.ts';
import { redisConnection } from '../../queues/connection.ts';
import { runStatus, type PortalJobStatus } from '../../queues/wait.ts';

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
