import { Redis, type RedisOptions } from 'ioredis';
import { resolveRedis, type RedisHandle } from './redis-server.ts';

/**
 * ioredis client as BullMQ needs it: `maxRetriesPerRequest: null` (workers block), and reconnecting
 * forever with a capped backoff so a restarted Redis is picked up again without losing the process.
 */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 6), 5000),
    ...extra,
  });
  // Connection errors surface as retries; report them once per burst instead of crashing the process.
  let last = 0;
  client.on('error', (err) => {
    if (Date.now() - last > 10_000) {
      last = Date.now();
      process.stderr.write(`ogi: redis ${url}: ${err.message} (retrying)\n`);
    }
  });
  return client;
}

export interface RedisContext {
  url: string;
  handle: RedisHandle;
  connection: Redis;
  close(): Promise<void>;
}

/** Redis for an `ogi` process: REDIS_URL, or the run's embedded server under <dataDir>/redis. */
export async function connectRedis(dataDir: string): Promise<RedisContext> {
  const handle = await resolveRedis(dataDir);
  const connection = redisConnection(handle.url);
  return {
    url: handle.url,
    handle,
    connection,
    close: async () => {
      connection.disconnect();
      await handle.stop();
    },
  };
}
