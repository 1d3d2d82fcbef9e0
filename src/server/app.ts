import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { readCrawlStatus } from '../../storage/crawl-status.ts';
import { listSnapshots, readManifest, snapshotsDir, type SnapshotManifest } from '../../storage/snapshot.ts';
import { ADMIN_PATH, queueDashboard, requireToken } from './admin.ts';
import { chartData } from './chart-data.ts';
import { serveSnapshotFile } from './download.ts';

export interface ServerOptions {
  dataDir: string;
  /** Redis for the queue dashboard; the dashboard is mounted only with both this and `adminToken`. */
  redisUrl?: string;
  adminToken?: string;
}

const PUBLIC = path.join(import.meta.dirname, 'public');
/** chart.js's UMD build from node_modules, so the page needs no network. */
const CHART_JS = path.join(path.dirname(fileURLToPath(import.meta.resolve('chart.js'))), 'chart.umd.min.js');

const fileUrls = (m: SnapshotManifest) =>
  Object.fromEntries(
    Object.entries(m.files).map(([name, f]) => [name, { ...f, url: `/snapshots/${encodeURIComponent(m.id)}/${encodeURIComponent(name)}` }]),
  );

/** Snapshot list, downloads, coverage data, crawl status, the page, and (with a token) the queue dashboard. */
export function createApp(opts: ServerOptions): { app: express.Express; close(): Promise<void> } {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // downloads set their own (sha256); API answers are small and change with the data dir
  const closers: Array<() => Promise<void>> = [];
  const { dataDir } = opts;

  const wrap = (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
  const notFound = (res: Response, what: string) => res.status(404).json({ error: what });

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/api/snapshots', wrap(async (_req, res) => {
    const list = await listSnapshots(dataDir);
    res.json(list.map((m) => ({ id: m.id, created_at: m.created_at, schema_version: m.schema_version, parser_version: m.parser_version, counts: m.counts, files: fileUrls(m) })));
  }));

  app.get('/api/snapshots/:id', wrap(async (req, res) => {
    const m = await readManifest(dataDir, String(req.params.id));
    if (!m) return notFound(res, `no snapshot ${JSON.stringify(req.params.id)}`);
    res.json({ ...m, files: fileUrls(m) });
  }));

  app.get('/api/snapshots/:id/charts', wrap(async (req, res) => {
    const id = String(req.params.id);
    const m = await readManifest(dataDir, id);
    if (!m) return notFound(res, `no snapshot ${JSON.stringify(id)}`);
    const file = path.join(snapshotsDir(dataDir), id, 'stats.json');
    res.json({ id, ...chartData(JSON.parse(await readFile(file, 'utf8'))) });
  }));

  app.get('/api/crawl-status', wrap(async (_req, res) => {
    res.json(await readCrawlStatus(dataDir));
  }));

  app.get('/snapshots/:id/:file', wrap((req, res) => serveSnapshotFile(req, res, dataDir)));

  app.get('/assets/chart.umd.min.js', (_req, res, next) => {
    res.sendFile(CHART_JS, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }, (err) => err && next(err));
  });
  app.use('/assets', express.static(PUBLIC, { index: false, fallthrough: true }));
  app.get('/', (_req, res, next) => {
    res.sendFile(path.join(PUBLIC, 'index.html'), (err) => err && next(err));
  });

  if (opts.adminToken) {
    if (opts.redisUrl) {
      const board = queueDashboard(opts.redisUrl);
      closers.push(board.close);
      app.use(ADMIN_PATH, requireToken(opts.adminToken), board.router);
    } else {
      app.use(ADMIN_PATH, requireToken(opts.adminToken), (_req, res) => {
        res.status(503).json({ error: 'queue dashboard needs Redis (REDIS_URL or the data directory\'s embedded server)' });
      });
    }
  }

  app.use((req, res) => {
    notFound(res, `not found: ${req.method} ${req.path}`);
  });
  app.use((err: Error & { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) process.stderr.write(`ogi serve: ${req.method} ${req.originalUrl}: ${err.stack ?? err.message}\n`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ error: status === 500 ? `internal error: ${err.message}` : err.message });
  });

  return {
    app,
    close: async () => {
      for (const c of closers) await c();
    },
  };
}
