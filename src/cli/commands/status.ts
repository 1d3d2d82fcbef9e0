import type { Command } from 'commander';
import { resolveDataDir } from '../../config/paths.ts';
import { QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT } from '../../schema/queue.ts';
import { renderTable } from '../../render/table.ts';

export function register(program: Command): void {
  program
    .command('status')
    .description('queues, running portals, the last run of every portal and the latest snapshot')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('--json', 'print JSON')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const [{ Queue }, { connectRedis }, { listSnapshots }, { readCrawlStatus }] = await Promise.all([
        import('bullmq'), import('../../../queues/connection.ts'), import('../../../storage/snapshot.ts'), import('../../../storage/crawl-status.ts'),
      ]);
      const redis = await connectRedis(dataDir);
      try {
        const queues: Record<string, Record<string, number> & { workers: number }> = {};
        const running: Array<{ portal: string; job: string; progress: unknown }> = [];
        for (const name of [QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT]) {
          const q = new Queue(name, { connection: redis.connection });
          try {
            const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'completed', 'failed');
            queues[name] = { ...counts, workers: await q.getWorkersCount() };
            if (name === QUEUE_CRAWL) {
              for (const j of await q.getActive()) running.push({ portal: j.data.portal_id, job: j.id!, progress: j.progress });
            }
          } finally {
            await q.close();
          }
        }
        const crawl = await readCrawlStatus(dataDir);
        const portals = crawl.portals;
        const snapshots = await listSnapshots(dataDir).catch(() => []);
        const latest = snapshots[0] ?? null; // listSnapshots is newest first
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ data_dir: dataDir, redis: redis.url, queues, running, portals, crawl_report_errors: crawl.errors, latest_snapshot: latest }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`data dir: ${dataDir}\nredis: ${redis.url}${redis.handle.owned ? ' (embedded, started for this command)' : ''}\n\n`);
        process.stdout.write(`${renderTable(['queue', 'workers', 'waiting', 'active', 'delayed', 'waiting-children', 'completed', 'failed'],
          Object.entries(queues).map(([n, c]) => [n, c.workers, c.waiting, c.active, c.delayed, c['waiting-children'], c.completed, c.failed]))}\n\n`);
        if (running.length) process.stdout.write(`running: ${running.map((r) => r.portal).join(', ')}\n\n`);
        process.stdout.write(portals.length
          ? `${renderTable(['portal', 'last run', 'status', 'reports', 'pages', 'finished'], portals.map((p) => [p.portal_id, p.run_id, p.status, p.reports_found, p.pages_fetched, p.finished_at]))}\n\n`
          : 'no crawl has run yet\n\n');
        for (const e of crawl.errors) process.stdout.write(`unreadable crawl report: ${e}\n`);
        process.stdout.write(latest ? `latest snapshot: ${latest.id} (${latest.created_at})\n` : 'no snapshot yet\n');
      } finally {
        await redis.close();
      }
    });
}
