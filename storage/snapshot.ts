import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { ensureDir } from './ensure-dir.ts';
import path from 'node:path';
import { CODEBOOK, flattenRecord, recordCells } from '../src/schema/codebook.ts';
import { SCHEMA_VERSION } from '../src/schema/record.ts';
import { PARSER_VERSION } from '../src/report/index.ts';
import { readCrawlStatus } from './crawl-status.ts';
import { CrossYearIndex } from './cross-year-checks.ts';
import { csvLine, UTF8_BOM, type CsvValue } from './csv.ts';
import { csvToParquet, withDuckDB } from './duckdb.ts';
import { fsTry, StorageError } from './fs-errors.ts';
import { RecordStore } from './record-store.ts';
import { CELL_COLUMNS, CHECK_COLUMNS } from './snapshot-columns.ts';
import { renderSnapshotCodebook } from './snapshot-codebook.ts';
import { applyRetention, snapshotsDir } from './snapshot-list.ts';
import { StatsAccumulator, type SnapshotCounts } from './snapshot-stats.ts';
import { TextWriter } from './text-writer.ts';

export { listSnapshots, readManifest, snapshotsDir, applyRetention } from './snapshot-list.ts';
export { diffSnapshots, type SnapshotDiff } from './snapshot-diff.ts';
export type { SnapshotCounts, SnapshotStats } from './snapshot-stats.ts';

export interface SnapshotPortal {
  portal_id: string;
  /** Reports of this portal in the snapshot. */
  reports: number;
  /** Latest crawl status from the run reports ('unknown' when no run report mentions the portal). */
  crawl_status: string;
  crawl_run_id: string | null;
  crawl_finished_at: string | null;
  reports_found: number | null;
  pages_fetched: number | null;
}

export interface SnapshotManifest {
  id: string;
  created_at: string;
  schema_version: string;
  parser_version: string;
  counts: SnapshotCounts;
  portals: SnapshotPortal[];
  files: Record<string, { sha256: string; bytes: number }>;
  /** Records left out because a value did not fit its column (first 1000). */
  skipped: Array<{ report_id: string; reason: string }>;
}

export interface BuildOptions {
  dataDir: string;
  /** Keep only the newest N complete snapshots (this one included). */
  keep?: number;
  onProgress?: (msg: string) => void;
}

const SKIPPED_LISTED = 1000;

/** `20261123T020000Z`: sorts by time, safe in URLs and file names. */
function snapshotIdFor(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Why a flat row cannot go into the typed Parquet columns, or null when it fits. */
function rowProblem(row: Record<string, CsvValue>): string | null {
  for (const c of CODEBOOK) {
    const v = row[c.name];
    if (v === null || v === undefined) continue;
    const ok =
      c.type === 'string' ? typeof v === 'string'
      : c.type === 'integer' ? Number.isSafeInteger(v)
      : c.type === 'double' ? typeof v === 'number' && Number.isFinite(v)
      : typeof v === 'boolean';
    if (!ok) return `column ${c.name} (${c.type}) has ${JSON.stringify(v)}`;
  }
  return null;
}

async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await fsTry('read', file, async () => {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  });
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Builds an immutable snapshot of the latest version of every report into `<dataDir>/snapshots/<id>/`.
 * Everything is written into a hidden temporary directory next to it and renamed into place at the end, so
 * a snapshot is listed only when complete; a failed build removes its temporary directory and leaves the
 * record store untouched. One streaming pass over the store writes the text files; DuckDB then converts the
 * CSVs to Parquet, so memory stays bounded whatever the number of reports.
 */
export async function buildSnapshot(opts: BuildOptions): Promise<SnapshotManifest & { path: string }> {
  const progress = opts.onProgress ?? (() => undefined);
  const root = snapshotsDir(opts.dataDir);
  await ensureDir(root);
  const created = new Date();
  const id = snapshotIdFor(created);
  const tmp = path.join(root, `.tmp-${id}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  await fsTry('create snapshot directory', tmp, () => mkdir(tmp));
  try {
    const manifest = await writeSnapshotFiles(opts.dataDir, tmp, id, created, progress);
    const finalDir = await publish(root, tmp, id);
    const finalId = path.basename(finalDir);
    if (finalId !== id) {
      // Another build took this second's id; the manifest must name the directory it lives in.
      manifest.id = finalId;
      await fsTry('write', path.join(finalDir, 'manifest.json'), () => writeFile(path.join(finalDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`));
    }
    progress(`snapshot ${finalId}: ${manifest.counts.reports} reports in ${finalDir}`);
    if (opts.keep !== undefined) {
      const removed = await applyRetention(opts.dataDir, opts.keep);
      if (removed.length) progress(`retention: removed ${removed.join(', ')}`);
    }
    return { ...manifest, path: finalDir };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch((e) => progress(`could not remove ${tmp}: ${(e as Error).message}`));
    throw err;
  }
}

/** Renames the finished directory to its id (or id-2, id-3 … when a build in the same second got there first). */
async function publish(root: string, tmp: string, id: string): Promise<string> {
  for (let n = 1; n < 100; n++) {
    const target = path.join(root, n === 1 ? id : `${id}-${n}`);
    // rename() onto an existing empty directory would succeed silently, so look first.
    if (await stat(target).then(() => true, () => false)) continue;
    try {
      await rename(tmp, target);
      return target;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') continue;
      throw new StorageError('publish snapshot as', target, err);
    }
  }
  throw new Error(`cannot find a free snapshot name for ${id} in ${root}`);
}

async function writeSnapshotFiles(dataDir: string, dir: string, id: string, created: Date, progress: (m: string) => void): Promise<SnapshotManifest> {
  const store = new RecordStore(dataDir);
  const stats = new StatsAccumulator();
  const crossYear = new CrossYearIndex();
  const perPortal = new Map<string, number>();
  const skipped: SnapshotManifest['skipped'] = [];
  const cellsCsv = path.join(dir, '.cells.csv');
  const checksCsv = path.join(dir, '.checks.csv');

  const reportsCsv = new TextWriter(path.join(dir, 'reports.csv'));
  const jsonl = new TextWriter(path.join(dir, 'reports.jsonl'));
  const texts = new TextWriter(path.join(dir, 'texts.jsonl.gz'), { gzip: true, gzipLevel: 4 });
  const cells = new TextWriter(cellsCsv);
  const checks = new TextWriter(checksCsv);
  const writers = [reportsCsv, jsonl, texts, cells, checks];
  try {
    await reportsCsv.write(UTF8_BOM + csvLine(CODEBOOK.map((c) => c.name)));
    await cells.write(csvLine(CELL_COLUMNS.map((c) => c.name)));
    await checks.write(csvLine(CHECK_COLUMNS.map((c) => c.name)));

    let seen = 0;
    for await (const rec of store.latest()) {
      if (++seen % 10_000 === 0) progress(`${seen} records read`);
      if (!rec.is_report) {
        stats.notReport();
        continue;
      }
      const row = flattenRecord(rec);
      const problem = rowProblem(row);
      if (problem) {
        stats.skip();
        if (skipped.length < SKIPPED_LISTED) skipped.push({ report_id: rec.report_id, reason: problem });
        progress(`skipped report ${rec.report_id}: ${problem}`);
        continue;
      }
      await reportsCsv.write(csvLine(CODEBOOK.map((c) => row[c.name])));
      const { text, ...rest } = rec;
      await jsonl.write(`${JSON.stringify(rest)}\n`);
      await texts.write(`${JSON.stringify({ report_id: rec.report_id, version: rec.version, text })}\n`);
      const recCells = recordCells(rec);
      let cellText = '';
      for (const c of recCells) cellText += csvLine([c.report_id, c.table, c.row, c.column, c.value, c.raw]);
      await cells.write(cellText);
      let checkText = '';
      for (const ch of rec.checks) checkText += csvLine([rec.report_id, ch.id, 'report', ch.status, ch.column ?? null, ch.left, ch.right, ch.detail, null]);
      if (checkText) await checks.write(checkText);
      stats.addReport(rec, String(row.checks_status), recCells.length);
      crossYear.add(rec);
      if (rec.portal_id) perPortal.set(rec.portal_id, (perPortal.get(rec.portal_id) ?? 0) + 1);
    }
    for (const ch of crossYear.checks()) {
      await checks.write(csvLine([ch.report_id, ch.id, 'cross_year', ch.status, ch.column ?? null, ch.left, ch.right, ch.detail, ch.other_report_ids.join(',')]));
      stats.addLateCheck(ch.report_id, ch);
    }
    for (const w of writers) await w.close();
  } catch (err) {
    for (const w of writers) w.destroy();
    throw err;
  }
  progress(`${stats.counts.reports} reports written; converting to Parquet`);

  await withDuckDB(
    async (con) => {
      await csvToParquet(con, path.join(dir, 'reports.csv'), CODEBOOK, path.join(dir, 'reports.parquet'));
      await csvToParquet(con, cellsCsv, CELL_COLUMNS, path.join(dir, 'cells.parquet'), false);
      await csvToParquet(con, checksCsv, CHECK_COLUMNS, path.join(dir, 'checks.parquet'), false);
    },
    { tempDir: path.join(dir, '.duckdb-tmp') },
  );
  await unlink(cellsCsv);
  await unlink(checksCsv);
  await rm(path.join(dir, '.duckdb-tmp'), { recursive: true, force: true });

  const statsJson = stats.stats();
  const write = (name: string, text: string) => fsTry('write', path.join(dir, name), () => writeFile(path.join(dir, name), text));
  await write('codebook.md', renderSnapshotCodebook());
  await write('stats.json', `${JSON.stringify(statsJson, null, 2)}\n`);

  const crawl = await readCrawlStatus(dataDir);
  for (const e of crawl.errors) progress(`crawl report: ${e}`);
  const crawlByPortal = new Map(crawl.portals.map((p) => [p.portal_id, p]));
  const portalIds = [...new Set([...perPortal.keys(), ...crawlByPortal.keys()])].sort();
  const portals: SnapshotPortal[] = portalIds.map((pid) => {
    const c = crawlByPortal.get(pid);
    return {
      portal_id: pid,
      reports: perPortal.get(pid) ?? 0,
      crawl_status: c?.status ?? 'unknown',
      crawl_run_id: c?.run_id ?? null,
      crawl_finished_at: c?.finished_at ?? null,
      reports_found: c?.reports_found ?? null,
      pages_fetched: c?.pages_fetched ?? null,
    };
  });

  const files: SnapshotManifest['files'] = {};
  for (const name of ['reports.parquet', 'reports.csv', 'reports.jsonl', 'cells.parquet', 'checks.parquet', 'texts.jsonl.gz', 'stats.json', 'codebook.md']) {
    files[name] = await sha256File(path.join(dir, name));
  }
  const manifest: SnapshotManifest = {
    id,
    created_at: created.toISOString(),
    schema_version: SCHEMA_VERSION,
    parser_version: PARSER_VERSION,
    counts: stats.counts,
    portals,
    files,
    skipped,
  };
  await write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
