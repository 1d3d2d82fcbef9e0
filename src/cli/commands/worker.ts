import type { Command } from 'commander';
import { resolveDataDir } from '../../config/paths.ts';
import { ALL_QUEUES, type QueueKind } from '../../schema/queue.ts';
import { UsageError } from '../../errors.ts';
import { onStopSignals } from '../stop-signals.ts';

/** How long parse and snapshot jobs may take to finish once the worker is asked to stop. */
const GRACE_MS = 15_000;

export function register(program: Command): void {
  program
    .command('worker')
    .description('run queue workers until stopped (Ctrl-C: running crawls go back to the queue, other jobs get 15 s to finish); start several, on several machines, against one REDIS_URL and one shared data dir')
    .option('-q, --queues <list>', `comma-separated queues: ${ALL_QUEUES.join(',')}`, ALL_QUEUES.join(','))
    .option('--concurrency <n>', 'jobs at once per queue (crawl: portals, parse: documents)', (v) => Number(v))
    .option('-d, --data-dir <dir>', 'data directory, for the embedded Redis when REDIS_URL is unset')
    .action(async (opts: { queues: string; concurrency?: number; dataDir?: string }) => {
      const queues = opts.queues.split(',').map((q) => q.trim()).filter(Boolean);
      const bad = queues.filter((q) => !ALL_QUEUES.includes(q as QueueKind));
      if (bad.length || !queues.length) throw new UsageError(`--queues: unknown queue ${bad.join(', ') || '(none)'}; choose from ${ALL_QUEUES.join(', ')}`);
      if (opts.concurrency !== undefined && !(opts.concurrency >= 1)) throw new UsageError('--concurrency must be a positive number');
      const [{ connectRedis }, { startWorkers }] = await Promise.all([import('../../../queues/connection.ts'), import('../../../queues/workers.ts')]);
      const redis = await connectRedis(resolveDataDir(opts.dataDir));
      const c = opts.concurrency;
      const running = startWorkers({
        connection: redis.connection,
        queues: queues as QueueKind[],
        concurrency: c ? { crawl: c, parse: c } : undefined,
        lockDurationMs: Number(process.env.OGI_LOCK_DURATION_MS) || undefined,
        stalledIntervalMs: Number(process.env.OGI_STALLED_INTERVAL_MS) || undefined,
        log: (l) => process.stderr.write(`${new Date().toISOString()} ${l}\n`),
      });
      process.stderr.write(`ogi worker ${process.pid}: queues ${queues.join(', ')} on ${redis.url}${redis.handle.owned ? ' (embedded)' : ''}\n`);
      const stop = onStopSignals();
      await stop.received;
      process.stderr.write(`ogi worker: stopping; running crawls go back to the queue, other jobs get ${GRACE_MS / 1000} s to finish (Ctrl-C again: exit now)…\n`);
      await running.stop(GRACE_MS);
      await redis.close();
      // Jobs left behind by the grace period hold timers and sockets; their locks expire and another worker retries them.
      process.exit(0);
    });
}
