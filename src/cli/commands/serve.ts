import type { Command } from 'commander';
import { resolveDataDir } from '../../config/paths.ts';
import type { RedisContext } from '../../../queues/connection.ts';
import { UsageError } from '../../errors.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('web page and JSON API, read-only: report explorer (search, report pages, agency timelines), snapshot downloads, coverage charts, latest crawl status; queue dashboard with OGI_ADMIN_TOKEN')
    .option('-p, --port <n>', 'port', '8080')
    .option('--host <host>', 'address to listen on (loopback by default; use 0.0.0.0 to publish)', '127.0.0.1')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .addHelpText('after', '\nWith OGI_ADMIN_TOKEN set, the BullMQ dashboard is at /admin/queues (Authorization: Bearer <token> or ?token=<token>);\nit uses REDIS_URL, or the data directory\'s embedded Redis.')
    .action(async (opts: { port: string; host: string; dataDir?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0–65535, got "${opts.port}"`);
      const dataDir = resolveDataDir(opts.dataDir);
      const adminToken = process.env.OGI_ADMIN_TOKEN || undefined;
      // Redis only matters for the dashboard: don't start an embedded server for a public download page.
      let redis: RedisContext | null = null;
      if (adminToken) redis = await (await import('../../../queues/connection.ts')).connectRedis(dataDir);
      const { startServer } = await import('../../server/start.ts');
      const server = await startServer({ dataDir, port, host: opts.host, adminToken, redisUrl: redis?.url });
      process.stdout.write(`ogi serve: ${server.url}/ (data: ${dataDir})${adminToken ? `; queue dashboard at ${server.url}/admin/queues` : ''}\n`);
      await new Promise<void>((resolve) => {
        for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
      });
      await server.close();
      await redis?.close();
    });
}
