import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startTestRedis } from '../helpers/redis.ts';
import { redisConnection } from '../../queues/connection.ts';
import { takePortalLock, portalLockKey } from '../../queues/portal-lock.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
before(async () => (redis = await startTestRedis()));
after(async () => redis?.stop());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Closed after the test even when an assertion fails, so the file never hangs on a retrying client. */
function conn(t: TestContext) {
  const c = redisConnection(redis.url);
  t.after(() => c.disconnect());
  return c;
}

test('another job cannot take a held portal; release frees it', async (t) => {
  const c = conn(t);
  const a = await takePortalLock(c, 'p1', 'job-a', 'tok-a', 1000);
  assert.ok(a);
  assert.equal(await takePortalLock(c, 'p1', 'job-b', 'tok-b', 1000), null);
  await a.release();
  const b = await takePortalLock(c, 'p1', 'job-b', 'tok-b', 1000);
  assert.ok(b);
  await b.release();
});

test('a retry of the same job waits while the holder renews, and takes over once it stops (kill -9)', async (t) => {
  const c = conn(t);
  const live = await takePortalLock(c, 'p2', 'job-x', 'attempt-1', 600);
  assert.ok(live);
  await sleep(900); // holder keeps renewing every 200 ms
  assert.equal(await takePortalLock(c, 'p2', 'job-x', 'attempt-2', 600), null, 'a live holder keeps its lock');
  // Simulate the holder dying: its value stays but is never renewed again.
  const frozen = await c.get(portalLockKey('p2'));
  await live.release();
  await c.set(portalLockKey('p2'), frozen!, 'PX', 120_000);
  await sleep(800);
  const retry = await takePortalLock(c, 'p2', 'job-x', 'attempt-2', 600);
  assert.ok(retry, 'the retry takes over a lock nobody renews');
  await retry.release();
});

test('a holder whose lock was taken over learns it through the lost signal', async (t) => {
  const c = conn(t);
  const first = await takePortalLock(c, 'p3', 'job-y', 'attempt-1', 600);
  assert.ok(first);
  await c.set(portalLockKey('p3'), 'job-y|attempt-2|0', 'PX', 120_000);
  for (let i = 0; i < 20 && !first.lost.aborted; i++) await sleep(100);
  assert.equal(first.lost.aborted, true);
  await first.release();
  assert.equal(await c.get(portalLockKey('p3')), 'job-y|attempt-2|0', 'release never deletes another attempt\'s lock');
});
