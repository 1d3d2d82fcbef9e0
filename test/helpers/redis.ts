import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRedisServer, type RedisHandle } from '../../queues/redis-server.ts';

/** A real redis-server on a free loopback port, private to one test file. */
export async function startTestRedis(): Promise<RedisHandle & { dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-test-redis-'));
  const handle = await startRedisServer({ dir, appendonly: true });
  return {
    ...handle,
    dir,
    stop: async () => {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
