import type { Command } from 'commander';
import { DEFAULT_CONFIG, resolveDataDir } from '../../config/paths.ts';
import { UsageError, RunFailedError } from '../../errors.ts';
import { onStopSignals } from '../stop-signals.ts';

// Modules are loaded when the command runs, not when the CLI starts: `--help` and the other commands stay quick.

export function register(program: Command): void {
  program
    .command('crawl')
    .description('queue a crawl of the configured portals; with --wait, run it to the end and print a summary')
    .option('-c, --config <file>', 'portals file', DEFAULT_CONFIG)
    .option('-p, --portal <id...>', 'only these portal ids (default: every enabled portal)')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('-w, --wait', 'wait until every job of this run is done; runs workers in-process when none are attached')
    .option('-s, --snapshot', 'build a snapshot once the run is done')
    .option('--keep <n>', 'with --snapshot: keep only the newest n snapshots', (v) => Number(v))
    .option('--concurrency <n>', 'portals crawled at once by in-process workers', (v) => Number(v))
    .option('--no-politeness', 'no rate limit or robots delay: ONLY for local replicas you run yourself')
    .option('--json', 'print the run status as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 the run completed (page errors are recorded, not fatal); 1 a portal failed (its job failed, its start URL could not be read or its lists linked no report), the snapshot failed, or parse jobs were lost; 2 usage or config error.\nWith REDIS_URL unset, a private redis-server is started under <data-dir>/redis.\nCtrl-C (or SIGTERM) stops within seconds: running crawls go back to the queue and resume from their saved frontier with `ogi worker`; exit 130 (143).')
    .action(async (opts: { config: string; portal?: string[]; dataDir?: string; wait?: boolean; snapshot?: boolean; keep?: number; concurrency?: number; politeness: boolean; json?: boolean }) => {
      const { loadPortalsFile } = await import('../../config/load.ts');
      const cfg = await loadPortalsFile(opts.config);
      const known = new Set(cfg.portals.map((p) => p.id));
      const unknown = (opts.portal ?? []).filter((id) => !known.has(id));
      if (unknown.length) throw new UsageError(`${opts.config}: no portal with id ${unknown.map((u) => `"${u}"`).join(', ')}`);
      const portalIds = opts.portal ?? cfg.portals.filter((p) => p.enabled).map((p) => p.id);
      if (!portalIds.length) throw new UsageError(`${opts.config}: no enabled portals`);
      const dataDir = resolveDataDir(opts.dataDir);
      const [{ connectRedis }, { executeRun, summaryTable, totals }] = await Promise.all([import('../../../queues/connection.ts'), import('../run-crawl.ts')]);
      const redis = await connectRedis(dataDir);
      const stop = opts.wait ? onStopSignals() : undefined;
      try {
        const { run, status, lost } = await executeRun({
          connection: redis.connection, configPath: opts.config, portalIds, dataDir, snapshot: !!opts.snapshot, keep: opts.keep,
          politeness: opts.politeness, wait: !!opts.wait, concurrency: opts.concurrency, stop,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(status && { ...status, lost_documents: lost }, null, 2)}\n`);
        if (!opts.wait || !status) {
          if (!opts.json) process.stdout.write(`queued run ${run.runId}; follow it with \`ogi status\`\n`);
          return;
        }
        const t = totals(status);
        if (!opts.json) {
          process.stdout.write(`\n${summaryTable(status)}\n\n`);
          process.stdout.write(`run ${run.runId}: ${portalIds.length} portals, ${t.pages} pages fetched, ${t.reports_found} reports found, ${t.parsed} parsed, ${t.parse_failed} parse failures, ${t.portals_blocked} blocked, ${t.portals_failed} portals failed\n`);
          process.stdout.write(`crawl reports: ${dataDir}/runs/${run.runId}.json\n`);
          if (status.snapshot?.result) process.stdout.write(`snapshot: ${status.snapshot.result.path}\n`);
          const reconciled = status.snapshot?.result?.reconciled ?? 0;
          const earlier = status.snapshot?.result?.reconciled_earlier_runs ?? 0;
          if (reconciled) process.stdout.write(`${reconciled} document(s) whose parse job Redis had lost were parsed by the snapshot job${earlier ? ` (${earlier} from earlier runs)` : ''}: ${dataDir}/runs/<run>/reconciled.jsonl\n`);
        }
        const failures: string[] = [];
        if (t.portals_failed) failures.push(`${t.portals_failed} portal(s) failed`);
        if (status.snapshot?.state === 'failed') failures.push(`snapshot: ${status.snapshot.failedReason}`);
        if (lost.length) {
          failures.push(`${lost.length} document(s) this run emitted were never parsed: their parse jobs are gone from Redis (a Redis restarted without its data?); the next \`ogi crawl --snapshot\` parses them (${dataDir}/runs/${run.runId}/emitted/), first: ${lost[0]}`);
        }
        if (failures.length) throw new RunFailedError(`run ${run.runId} failed: ${failures.join('; ')}`);
      } finally {
        stop?.dispose();
        await redis.close();
      }
    });
}
