import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ReportRecord } from '../../schema/record.ts';
import type { Snapshot, SnapshotCatalog } from '../catalog.ts';
import { HttpError, logServerError } from '../errors.ts';
import { regionPath } from '../regions.ts';
import { ArchivedCopies, versionChanges } from './archived-copy.ts';
import { RecordLines } from './record-lines.ts';
import { agencyKey, ReportIndex, type SearchResult } from './report-index.ts';

/** Search answers kept per snapshot (each a page of 20–100 rows and its counts: a few kB). */
const MAX_ANSWERS = 500;
import { parseSearchQuery } from './search-query.ts';
import { TABLE_LAYOUT } from './table-layout.ts';

/** What the explorer reads of one snapshot, opened once and swapped when a newer snapshot appears. */
interface Opened {
  snapshot: Snapshot;
  index: Promise<ReportIndex>;
  lines: Promise<RecordLines>;
}

class LatestSnapshot {
  private current: Opened | null = null;
  constructor(private readonly catalog: SnapshotCatalog) {}

  async get(): Promise<Opened> {
    const s = await this.catalog.snapshot('latest');
    if (this.current?.snapshot.id === s.id) return this.current;
    const old = this.current;
    const reports = await this.catalog.file(s, 'reports.parquet').catch(() => {
      throw new HttpError(404, `snapshot ${s.id} has no reports.parquet to search`);
    });
    const checks = await this.catalog.file(s, 'checks.parquet').catch(() => null);
    const jsonl = this.catalog.file(s, 'reports.jsonl');
    const opened: Opened = {
      snapshot: s,
      index: ReportIndex.open(s, reports, checks),
      lines: jsonl.then((f) => RecordLines.build(f)),
    };
    // Errors surface to the request that awaits them; the unawaited copy must not crash the process.
    opened.index.catch((err) => logServerError(`snapshot ${s.id}: opening reports.parquet`, err));
    opened.lines.catch((err) => logServerError(`snapshot ${s.id}: indexing reports.jsonl`, err));
    this.current = opened;
    // Requests that started on the old snapshot may still be querying it: close it a minute later.
    if (old) setTimeout(() => void old.index.then((i) => i.close(), () => undefined), 60_000).unref();
    return opened;
  }

  async close(): Promise<void> {
    if (this.current) await this.current.index.then((i) => i.close(), () => undefined);
    this.current = null;
  }
}

const failed = (what: string) => (err: unknown) => {
  if (err instanceof HttpError) throw err;
  logServerError(what, err);
  throw new HttpError(500, `${what} cannot be read`);
};

/**
 * The report explorer: search (`/api/reports`), one report (`/api/reports/:id`), one agency over the years
 * (`/api/agencies/:key`), coverage by province, the archived copies, and the HTML pages for each. Read-only.
 */
export function explorerRoutes(catalog: SnapshotCatalog, dataDir: string, publicDir: string): { router: express.Router; close(): Promise<void> } {
  const router = express.Router();
  const latest = new LatestSnapshot(catalog);
  const copies = new ArchivedCopies(dataDir);
  const answers = new Map<string, SearchResult>();
  const wrap = (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };

  router.get('/api/reports', wrap(async (req, res) => {
    const q = parseSearchQuery(req.query);
    if (!q.ok) throw new HttpError(400, q.error);
    const o = await latest.get();
    const index = await o.index.catch(failed(`the reports of snapshot ${o.snapshot.id}`));
    // A snapshot never changes, so an answer can be kept; the key has the fields in a fixed order.
    const key = `${o.snapshot.id}\n${JSON.stringify(Object.entries(q.value).sort(([a], [b]) => a.localeCompare(b)))}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = await index.search(q.value);
      if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
      answers.set(key, answer);
    }
    res.json(answer);
  }));

  /** The record as published in the latest snapshot plus what the server knows around it. */
  async function reportRecord(id: string) {
    const o = await latest.get();
    const lines = await o.lines.catch(failed(`the records of snapshot ${o.snapshot.id}`));
    const record = (await lines.get(id)) as (ReportRecord & Record<string, unknown>) | null;
    if (!record) throw new HttpError(404, `no report ${JSON.stringify(id.slice(0, 100))} in snapshot ${o.snapshot.id}`);
    return { o, record };
  }

  router.get('/api/reports/:id', wrap(async (req, res) => {
    const id = String(req.params.id);
    const { o, record } = await reportRecord(id);
    const index = await o.index.catch(failed(`the reports of snapshot ${o.snapshot.id}`));
    const row = await index.report(id);
    const checks = await index.checks([id]);
    const versions = await copies.versions(id);
    const enc = encodeURIComponent(id);
    const attachments = await Promise.all((record.attachments ?? []).map(async (a, i) => ({
      url: a.url, mime: a.mime, archived: (await copies.hasObject(a.sha256)) ? `/reports/${enc}/attachments/${i}` : null,
    })));
    res.json({
      snapshot: o.snapshot.id,
      report: record,
      region_name: regionPath(record.region_code) ?? (row?.region_name as string | undefined) ?? null,
      agency_key: agencyKey(record.agency, record.region_code),
      cross_year_checks: checks.filter((c) => c.scope === 'cross_year'),
      archive: {
        text: versions.length ? `/reports/${enc}/text` : null,
        raw: (await copies.hasObject(record.raw_sha256)) ? `/reports/${enc}/raw` : null,
        attachments,
      },
      layout: TABLE_LAYOUT,
      versions: versions.map((v, i) => ({
        version: v.version, fetched_at: v.fetched_at, parser_version: v.parser_version, content_sha256: v.content_sha256,
        in_snapshot: v.version === record.version,
        changes: i > 0 ? versionChanges(versions[i - 1]!, v) : null,
      })),
    });
  }));

  router.get('/reports/:id/text', wrap(async (req, res) => {
    const id = String(req.params.id);
    const { record } = await reportRecord(id);
    const versions = await copies.versions(id);
    const v = versions.find((x) => x.version === record.version) ?? versions.at(-1);
    if (!v) throw new HttpError(404, 'this server holds no cleaned text of the report');
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.type('text/plain; charset=utf-8').send(v.text);
  }));

  router.get('/reports/:id/raw', wrap(async (req, res) => {
    const id = String(req.params.id);
    const { record } = await reportRecord(id);
    await copies.send(res, record.raw_sha256, id);
  }));

  router.get('/reports/:id/attachments/:n', wrap(async (req, res) => {
    const id = String(req.params.id);
    const { record } = await reportRecord(id);
    const n = Number(req.params.n);
    const a = Number.isInteger(n) && n >= 0 ? record.attachments?.[n] : undefined;
    if (!a) throw new HttpError(404, `report ${id} has no attachment ${JSON.stringify(String(req.params.n).slice(0, 20))}`);
    await copies.send(res, a.sha256, `${id}-${n}`);
  }));

  router.get('/api/agencies/:key', wrap(async (req, res) => {
    const o = await latest.get();
    const index = await o.index.catch(failed(`the reports of snapshot ${o.snapshot.id}`));
    const a = await index.agency(String(req.params.key));
    if (!a) throw new HttpError(404, `no agency ${JSON.stringify(String(req.params.key).slice(0, 100))} in snapshot ${o.snapshot.id}`);
    res.json(a);
  }));

  router.get('/api/coverage', wrap(async (_req, res) => {
    const o = await latest.get();
    const index = await o.index.catch(failed(`the reports of snapshot ${o.snapshot.id}`));
    res.json({ snapshot: o.snapshot.id, provinces: await index.coverage() });
  }));

  // The pages: static shells whose script reads the address and asks the API.
  const page = (file: string) => (_req: Request, res: Response, next: NextFunction) => {
    res.sendFile(path.join(publicDir, file), (err) => err && next(err));
  };
  router.get('/reports/:id', page('report.html'));
  router.get('/agencies/:key', page('agency.html'));
  router.get('/codebook', page('codebook.html'));
  router.get('/search', page('index.html'));

  return { router, close: () => latest.close() };
}
