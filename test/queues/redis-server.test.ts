import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { resolveRedis, ping } from '../../queues/redis-server.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { waitUntil } from '../helpers/faults.ts';

test('embedded redis starts with AOF under <data-dir>/redis, is shared, and stops when its last user is done', async () => {
  const dataDir = await tmpDir();
  const first = await resolveRedis(dataDir, {});
  assert.equal(first.owned, true);
  assert.match(first.url, /^redis:\/\/127\.0\.0\.1:\d+$/);
  const c = new Redis(first.url);
  await c.set('k', 'v');
  assert.equal(await c.config('GET', 'appendonly').then((r) => (r as string[])[1]), 'yes');
  c.disconnect();
  const second = await resolveRedis(dataDir, {});
  assert.equal(second.owned, false, 'a second process of the run reuses the server');
  assert.equal(second.url, first.url);
  await first.stop();
  // Its starter is done, another user is not: the server stays.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await ping(first.url), true);
  await second.stop();
  await waitUntil('the server to stop after its last user', async () => !(await ping(first.url, 200)), 30_000, 100);
  await waitUntil('the lock file to go', () => !existsSync(path.join(dataDir, 'redis', 'server.json')), 30_000, 100);
  assert.ok(existsSync(path.join(dataDir, 'redis', 'appendonlydir')));
});

test('REDIS_URL set: nothing is started', async () => {
  const h = await resolveRedis(await tmpDir(), { REDIS_URL: 'redis://127.0.0.1:1' });
  assert.equal(h.owned, false);
  assert.equal(h.url, 'redis://127.0.0.1:1');
});
