import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../../config/paths.ts';
import { RunFailedError } from '../../errors.ts';

const DEMO_PORT = 8731;

export function register(program: Command): void {
  program
    .command('demo')
    .description('serve the bundled offline portal replica on 127.0.0.1, crawl it end to end (queue → parse → snapshot) and show where the dataset is')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('--port <n>', `replica port (a fixed port keeps report URLs, and so report ids, stable across demo runs)`, (v) => Number(v), DEMO_PORT)
    .action(async (opts: { dataDir?: string; port: number }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const [{ stringify }, { connectRedis }, { startReplicaServer }, { replicaPortalsFile }, { executeRun, summaryTable, totals }] = await Promise.all([
        import('yaml'), import('../../../queues/connection.ts'), import('../../../crawlers/replica/server.ts'), import('../../../crawlers/replica/config.ts'), import('../run-crawl.ts'),
      ]);
      const replica = await startReplicaServer({ port: opts.port }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') throw new RunFailedError(`port ${opts.port} is in use; pass --port N (or --port 0 for any free port, with a fresh --data-dir)`);
        throw e;
      });
      process.stderr.write(`replica portals served at ${replica.baseUrl}\n`);
      const configPath = path.join(dataDir, 'demo', 'portals.yaml');
      await mkdir(path.dirname(configPath), { recursive: true });
      await writeFile(configPath, `# Written by \`ogi demo\`: the bundled offline replica, served at ${replica.baseUrl}\n${stringify(replicaPortalsFile(replica.baseUrl))}`);
      const redis = await connectRedis(dataDir);
      try {
        const cfg = replicaPortalsFile(replica.baseUrl);
        const { run, status } = await executeRun({
          connection: redis.connection, configPath, portalIds: cfg.portals.map((p) => p.id), dataDir,
          snapshot: true, politeness: false, wait: true,
        });
        const t = totals(status!);
        process.stdout.write(`\n${summaryTable(status!)}\n\n`);
        const snap = status!.snapshot;
        if (!snap?.result) throw new RunFailedError(`demo run ${run.runId} produced no snapshot: ${snap?.failedReason ?? snap?.state ?? 'no snapshot job'}`);
        const manifest = JSON.parse(await readFile(path.join(snap.result.path, 'manifest.json'), 'utf8')) as { counts?: { reports?: number }; files?: Record<string, unknown> };
        process.stdout.write(
          `demo run ${run.runId}: ${t.pages} pages fetched, ${t.reports_found} report documents found, ${t.parsed} parsed, ${t.portals_blocked} portal(s) blocked as expected of the challenge fixture\n` +
            `snapshot ${snap.result.id}: ${manifest.counts?.reports ?? '?'} reports\n` +
            `  files:  ${snap.result.path}/ (${Object.keys(manifest.files ?? {}).join(', ')})\n` +
            `  crawl report: ${dataDir}/runs/${run.runId}.json\n` +
            `  browse: npx ogi serve --data-dir ${dataDir}\n`,
        );
        if (t.portals_failed) throw new RunFailedError(`${t.portals_failed} portal job(s) failed`);
      } finally {
        await redis.close();
        await replica.close();
      }
    });
}
