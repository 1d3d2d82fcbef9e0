import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { readCrawlStatus } from '../../storage/crawl-status.ts';
import type { SnapshotStats } from '../../storage/snapshot.ts';
import { ADMIN_PATH, queueDashboard, requireToken } from './admin.ts';
import { SnapshotCatalog, type Snapshot } from './catalog.ts';
import { chartData } from './chart-data.ts';
import { errorHandler, HttpError, logServerError } from './errors.ts';
import { explorerRoutes } from './explorer/routes.ts';
import { sendSnapshotFile } from './files.ts';

export interface ServerOptions {
  dataDir: string;
  /** Redis for the queue dashboard; the dashboard is mounted only with both this and `adminToken`. */
  redisUrl?: string;
  adminToken?: string;
}

const PUBLIC = path.join(import.meta.dirname, 'public');
/** chart.js's UMD build from node_modules, so the page needs no network. */
const CHART_JS = path.join(path.dirname(fileURLToPath(import.meta.resolve('chart.js'))), 'chart.umd.min.js');

const fileUrls = (s: Snapshot) =>
  Object.fromEntries([...s.files].map(([name, f]) => [name, { ...f, url: `/snapshots/${encodeURIComponent(s.id)}/${encodeURIComponent(name)}` }]));

const manifestOut = (s: Snapshot) => ({ ...s.manifest, files: fileUrls(s) });

/** Snapshot list, downloads, coverage data, crawl status, the page, and (with a token) the queue dashboard. Read-only. */
export function createApp(opts: ServerOptions): { app: express.Express; close(): Promise<void> } {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // downloads carry their own (sha256); API answers are small and change with the data dir
  const closers: Array<() => Promise<void>> = [];
  const { dataDir } = opts;
  const catalog = new SnapshotCatalog(dataDir);

  const wrap = (fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res, next).catch(next);
  };

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/api/snapshots', wrap(async (_req, res) => {
    const c = await catalog.get();
    res.json([
      ...c.list.map((s) => ({ id: s.id, created_at: s.manifest.created_at, schema_version: s.manifest.schema_version, parser_version: s.manifest.parser_version, counts: s.manifest.counts, files: fileUrls(s) })),
      // After every good one, so the first entry is always the newest snapshot that can be downloaded.
      ...c.broken.map((b) => ({ id: b.id, broken: true, error: b.error })),
    ]);
  }));

  app.get('/api/snapshots/:id', wrap(async (req, res) => {
    res.json(manifestOut(await catalog.snapshot(String(req.params.id))));
  }));

  app.get('/api/snapshots/:id/charts', wrap(async (req, res) => {
    const s = await catalog.snapshot(String(req.params.id));
    const file = await catalog.file(s, 'stats.json').catch(() => {
      throw new HttpError(404, `snapshot ${s.id} has no stats.json, so no charts`);
    });
    let stats: SnapshotStats;
    try {
      stats = JSON.parse(await readFile(file, 'utf8')) as SnapshotStats;
      res.json({ id: s.id, ...chartData(stats) });
    } catch (err) {
      logServerError(`snapshot ${s.id}: ${file} unreadable`, err);
      throw new HttpError(500, `the stats.json of snapshot ${s.id} cannot be read`);
    }
  }));

  app.get('/api/crawl-status', wrap(async (_req, res) => {
    const status = await readCrawlStatus(dataDir);
    // Unreadable run reports are named by file name only; the full reason goes to the log.
    for (const e of status.errors) logServerError(`crawl status: ${e}`);
    const runs = path.join(dataDir, 'runs') + path.sep;
    status.errors = status.errors.map((e) => {
      const named = e.startsWith(runs) ? `runs/${e.slice(runs.length).split(':')[0]}` : 'runs/';
      return `${named}: cannot be read`;
    });
    res.json(status);
  }));

  app.get('/snapshots/:id/:file', wrap(async (req, res, next) => {
    const id = String(req.params.id);
    const s = await catalog.snapshot(id);
    await sendSnapshotFile(catalog, s, String(req.params.file), id === 'latest', res, next);
  }));

  app.get('/assets/chart.umd.min.js', (_req, res, next) => {
    res.sendFile(CHART_JS, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }, (err) => err && next(err));
  });
  app.use('/assets', express.static(PUBLIC, { index: false, fallthrough: true }));
  app.get('/favicon.ico', (_req, res, next) => {
    res.sendFile(path.join(PUBLIC, 'favicon.svg'), { headers: { 'Content-Type': 'image/svg+xml' } }, (err) => err && next(err));
  });
  app.get('/', (_req, res, next) => {
    res.sendFile(path.join(PUBLIC, 'index.html'), (err) => err && next(err));
  });

  const explorer = explorerRoutes(catalog, dataDir, PUBLIC);
  closers.push(explorer.close);
  app.use(explorer.router);

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

  app.use((req, _res, next) => {
    next(new HttpError(404, `not found: ${req.method} ${req.path.slice(0, 200)}`));
  });
  app.use(errorHandler);

  return {
    app,
    close: async () => {
      for (const c of closers) await c();
    },
  };
}
