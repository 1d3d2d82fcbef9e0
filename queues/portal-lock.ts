import type { Redis } from 'ioredis';

/**
 * One crawl of a portal at a time, across runs and machines. Job ids already keep a portal from being queued
 * twice in one run; this lock keeps overlapping runs off one site, and keeps a stalled-but-alive attempt and
 * its retry from crawling together.
 *
 * The value is `jobId|token|renewedAt` (renewedAt from Redis' own clock, so machine clocks do not matter).
 * A retried attempt of the same job (new BullMQ token) may take the lock over only once the holder has stopped
 * renewing for `staleMs`: after a kill -9 that is soon; a live holder keeps renewing and keeps the lock, and the
 * retry waits. A holder whose renewal finds someone else's value has lost the lock and must stop crawling.
 */
const TTL_MS = 120_000;

// Returns 1 taken, 2 taken over from a stale attempt of the same job, 0 held by someone else.
const TAKE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local mine = ARGV[1] .. '|' .. ARGV[2] .. '|' .. now
local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], mine, 'PX', ARGV[3]) return 1 end
local jid, tok, ts = string.match(v, '^(.*)|(.*)|(%d+)$')
if jid == ARGV[1] and (tok == ARGV[2] or now - tonumber(ts) > tonumber(ARGV[4])) then
  redis.call('SET', KEYS[1], mine, 'PX', ARGV[3]) return 2
end
return 0`;

// Returns 1 renewed, 0 lost.
const RENEW = `
local v = redis.call('GET', KEYS[1])
if not v or string.sub(v, 1, string.len(ARGV[1])) ~= ARGV[1] then return 0 end
local t = redis.call('TIME')
redis.call('SET', KEYS[1], ARGV[1] .. (t[1] * 1000 + math.floor(t[2] / 1000)), 'PX', ARGV[2])
return 1`;

const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export const portalLockKey = (portalId: string) => `ogi:lock:portal:${portalId}`;

export interface PortalLock {
  /** Aborted when a renewal finds the lock taken by another attempt. */
  lost: AbortSignal;
  release(): Promise<void>;
}

export async function takePortalLock(connection: Redis, portalId: string, jobId: string, token: string, staleMs: number): Promise<PortalLock | null> {
  const key = portalLockKey(portalId);
  const taken = (await connection.eval(TAKE, 1, key, jobId, token, String(TTL_MS), String(staleMs))) as number;
  if (!taken) return null;
  const prefix = `${jobId}|${token}|`;
  const lost = new AbortController();
  const timer = setInterval(() => {
    connection
      .eval(RENEW, 1, key, prefix, String(TTL_MS))
      .then((ok) => {
        if (!ok) lost.abort(new Error(`portal lock ${key} was taken by another attempt`));
      })
      // A Redis outage is not a lost lock: the next renewal will tell.
      .catch(() => {});
  }, Math.max(200, Math.floor(staleMs / 3)));
  timer.unref();
  return {
    lost: lost.signal,
    release: async () => {
      clearInterval(timer);
      await connection.eval(RELEASE, 1, key, prefix);
    },
  };
}
