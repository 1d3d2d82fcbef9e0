import type { Command } from 'commander';
import { DEFAULT_CONFIG, resolveDataDir } from '../../config/paths.ts';
import type { ScheduleInfo } from '../../../queues/schedule.ts';

// Modules are loaded when a sub-command runs, not when the CLI starts.
const lazy = async () => {
  const [{ connectRedis }, schedules] = await Promise.all([import('../../../queues/connection.ts'), import('../../../queues/schedule.ts')]);
  return { connectRedis, ...schedules };
};
import { UsageError } from '../../errors.ts';

interface Common {
  dataDir?: string;
  json?: boolean;
}

const print = (list: ScheduleInfo[], json?: boolean): void => {
  if (json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  if (!list.length) {
    process.stdout.write('no schedules (add them with `ogi schedule apply`)\n');
    return;
  }
  for (const s of list) {
    process.stdout.write(`${s.id.padEnd(24)} ${String(s.pattern).padEnd(16)} ${String(s.tz).padEnd(16)} next ${s.next_run ?? '—'}  portals: ${s.portal_ids.join(', ')}\n`);
  }
};

export function register(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('nightly runs: BullMQ job schedulers from the `schedule` settings of the portals file (run `ogi worker` to execute them)');

  schedule
    .command('apply')
    .description('create/update one scheduler per schedule in the config and remove those no longer configured')
    .option('-c, --config <file>', 'portals file', DEFAULT_CONFIG)
    .option('-d, --data-dir <dir>', 'data directory the runs write to (default: $OGI_DATA_DIR or ./data)')
    .option('--keep <n>', 'snapshots to keep after each scheduled run', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--keep: expected a whole number ≥ 1, got "${v}"`);
      return n;
    })
    .option('--json', 'print the schedules as JSON')
    .action(async (opts: Common & { config: string; keep?: number }) => {
      const cfg = await (await import('../../config/load.ts')).loadPortalsFile(opts.config);
      const dataDir = resolveDataDir(opts.dataDir);
      const { connectRedis, applySchedules } = await lazy();
      const redis = await connectRedis(dataDir);
      try {
        print(await applySchedules(redis.connection, cfg, opts.config, dataDir, { keep: opts.keep }), opts.json);
      } finally {
        await redis.close();
      }
    });

  schedule
    .command('list')
    .description('show the schedulers in Redis and when each runs next')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('--json', 'print the schedules as JSON')
    .action(async (opts: Common) => {
      const { connectRedis, listSchedules } = await lazy();
      const redis = await connectRedis(resolveDataDir(opts.dataDir));
      try {
        print(await listSchedules(redis.connection), opts.json);
      } finally {
        await redis.close();
      }
    });

  schedule
    .command('clear')
    .description('remove every scheduler')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .action(async (opts: Common) => {
      const { connectRedis, removeAllSchedules } = await lazy();
      const redis = await connectRedis(resolveDataDir(opts.dataDir));
      try {
        const removed = await removeAllSchedules(redis.connection);
        process.stdout.write(removed.length ? `removed ${removed.join(', ')}\n` : 'no schedules\n');
      } finally {
        await redis.close();
      }
    });
}
