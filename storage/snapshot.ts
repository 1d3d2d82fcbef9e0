import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { removeStaleTmpDirs, tmpSnapshotName } from './snapshot-tmp.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ensureDir } from './ensure-dir.ts';
import path from 'node:path';
import { CODEBOOK } from '../src/schema/codebook.ts';
import { SCHEMA_VERSION } from '../src/schema/record.ts';
import { PARSER_VERSION } from '../src/report/index.ts';
import { readCrawlStatus } from './crawl-status.ts';
import { CrossYearIndex } from '../src/report/cross-year.ts';
import { csvCell, csvLine, UTF8_BOM } from './csv.ts';
import { findDuplicates } from './duplicates.ts';
import { concatSpliced, type SplicePart } from './row-splice.ts';
import { cellRowsToParquet, csvToParquet, parquetToCsv, withDuckDB } from './duckdb.ts';
import { fsTry, StorageError } from './fs-errors.ts';
import { RecordStore } from './record-store.ts';
import { CHECK_COLUMNS } from './snapshot-columns.ts';
import { renderCodebookJson, renderDatapackage, renderR, renderStataDo } from './snapshot-exports.ts';
import { DATA_LICENSE, snapshotCitation, type DataLicense } from './snapshot-license.ts';
import { renderSnapshotCodebook } from './snapshot-codebook.ts';
import { applyRetention, snapshotsDir } from './snapshot-list.ts';
import { PART_FILES, partFile, runPass, type PassInput, type PassResult } from './snapshot-pass.ts';
import { StatsAccumulator, type SnapshotCounts } from './snapshot-stats.ts';
import { SyncTextWriter } from './text-writer.ts';

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
  /** The data license (the code is MIT-licensed). */
  license: DataLicense;
  /** Suggested citation of this snapshot. */
  citation: string;
}

export interface BuildOptions {
  dataDir: string;
  /** Keep only the newest N complete snapshots (this one included). */
  keep?: number;
  onProgress?: (msg: string) => void;
  /** Worker threads for the pass over the records (default: one per CPU up to 4, none for small stores; 0 = in this thread). */
  threads?: number;
}


/** `20261123T020000Z`: sorts by time, safe in URLs and file names. */
function snapshotIdFor(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
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
  const stale = await removeStaleTmpDirs(root);
  if (stale.length) progress(`removed ${stale.length} temporary director${stale.length === 1 ? 'y' : 'ies'} of builds that died: ${stale.join(', ')}`);
  const tmp = path.join(root, tmpSnapshotName(id));
  await fsTry('create snapshot directory', tmp, () => mkdir(tmp));
  try {
    const manifest = await writeSnapshotFiles(opts.dataDir, tmp, id, created, progress, opts.threads);
    const finalDir = await publish(root, tmp, id);
    const finalId = path.basename(finalDir);
    if (finalId !== id) {
      // Another build took this second's id; the manifest must name the directory it lives in.
      manifest.id = finalId;
      manifest.citation = snapshotCitation(finalId, created);
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

/** Below this many reports a single in-thread pass is faster than starting worker threads. */
const THREADS_FROM = 2000;

/** Splits shards into `n` contiguous groups of about the same number of reports. */
function splitShards(shards: Array<{ name: string; size: number }>, n: number): string[][] {
  const total = shards.reduce((s, x) => s + x.size, 0);
  const groups: string[][] = Array.from({ length: n }, () => []);
  let acc = 0;
  for (const sh of shards) {
    const g = Math.min(n - 1, Math.floor((acc / Math.max(total, 1)) * n));
    groups[g]!.push(sh.name);
    acc += sh.size;
  }
  return groups.filter((g) => g.length > 0);
}

async function runPassInWorker(input: PassInput, progress: (m: string) => void): Promise<PassResult> {
  const worker = new Worker(new URL('./snapshot-worker-boot.mjs', import.meta.url), {
    workerData: input,
    // A larger young generation: the pass allocates many short-lived strings, and scavenges dominate otherwise.
    resourceLimits: { maxYoungGenerationSizeMb: 48 },
  });
  return new Promise<PassResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: { type: string; msg?: string; result?: PassResult; message?: string; stack?: string }) => {
      if (m.type === 'progress') progress(m.msg!);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result!);
      } else if (m.type === 'error') {
        settled = true;
        reject(Object.assign(new Error(m.message), { stack: m.stack }));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`snapshot worker for part ${input.part} exited with code ${code} before finishing`));
    });
  });
}

/**
 * Joins part files into `target`, optionally after a prefix (BOM and header), then removes the parts.
 * Hashes while copying, so the biggest files are not read a third time just for the manifest checksum.
 * One reused buffer and awaited reads/writes, so joining ~1 GB of parts (100k reports) allocates nothing per
 * chunk (the stream pipeline it replaces made a 64 KB Buffer per chunk for the garbage collector).
 */
const JOIN_CHUNK = 1 << 20;

async function concatParts(target: string, parts: string[], prefix = ''): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const buf = Buffer.allocUnsafe(JOIN_CHUNK);
  let out: FileHandle | null = null;
  try {
    out = await open(target, 'wx');
    const put = async (data: Buffer) => {
      hash.update(data);
      bytes += data.length;
      let off = 0;
      while (off < data.length) off += (await out!.write(data, off, data.length - off)).bytesWritten;
    };
    if (prefix) await put(Buffer.from(prefix));
    for (const p of parts) {
      const input = await open(p, 'r');
      try {
        for (;;) {
          const { bytesRead } = await input.read(buf, 0, buf.length, null);
          if (!bytesRead) break;
          await put(buf.subarray(0, bytesRead));
        }
      } finally {
        await input.close();
      }
    }
    await out.close();
    out = null;
  } catch (err) {
    await out?.close().catch(() => undefined);
    throw new StorageError('write', target, err);
  }
  for (const p of parts) await unlink(p);
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Copies are counted once: every report was added to the counts in the pass, so the non-primary copies are read
 * again (record only, no text) and taken back out. There are usually few of them.
 */
async function removeCopiesFromStats(store: RecordStore, ids: ReadonlySet<string>, stats: StatsAccumulator, progress: (m: string) => void): Promise<void> {
  const list = [...ids];
  for (let i = 0; i < list.length; i += 64) {
    const recs = await Promise.all(list.slice(i, i + 64).map((id) => store.latestCore(id)));
    for (const [k, rec] of recs.entries()) {
      if (!rec) {
        progress(`copy ${list[i + k]} vanished from the record store during the build; the counts still include it`);
        continue;
      }
      const fails = rec.checks.filter((c) => c.status === 'FAIL').length;
      stats.removeCopy(rec, fails > 0 ? 'FAIL' : rec.checks.some((c) => c.status === 'PASS') ? 'PASS' : 'NOT_ASSESSABLE');
    }
  }
}

async function writeSnapshotFiles(dataDir: string, dir: string, id: string, created: Date, progress: (m: string) => void, threads?: number): Promise<SnapshotManifest> {
  const store = new RecordStore(dataDir);
  const shardNames = await store.shards();
  const shardSizes = await Promise.all(shardNames.map(async (name) => ({ name, size: (await fsTry('list records in', path.join(store.root, name), () => readdir(path.join(store.root, name)))).length })));
  const total = shardSizes.reduce((s, x) => s + x.size, 0);
  const n = threads ?? (total < THREADS_FROM ? 0 : Math.max(1, Math.min(4, availableParallelism())));
  const groups = n > 0 ? splitShards(shardSizes, n) : [shardNames];
  progress(`${total} reports in the store; ${n > 0 ? `${groups.length} worker thread(s)` : 'one pass in this thread'}`);
  const inputs: PassInput[] = groups.map((shards, part) => ({ dataDir, dir, part, shards }));
  const results = await Promise.all(inputs.map((input) => (n > 0 ? runPassInWorker(input, progress) : runPass(input, progress))));

  const stats = new StatsAccumulator();
  const crossYear = new CrossYearIndex();
  const perPortal = new Map<string, number>();
  const skipped: SnapshotManifest['skipped'] = [];
  const dups = findDuplicates(results.map((r) => r.keys));
  progress(`${dups.nonPrimary.size} copies of other reports found (${dups.groups} distinct reports)`);
  for (const r of results) {
    stats.merge(r.stats);
    // Copies would make every cross-year comparison UNCERTAIN (two reports for one agency-year): primaries only.
    for (const [key, year, entry] of r.crossYear) if (!dups.nonPrimary.has(entry.report_id)) crossYear.addEntry(key, year, entry);
    for (const [pid, k] of Object.entries(r.perPortal)) perPortal.set(pid, (perPortal.get(pid) ?? 0) + k);
    skipped.push(...r.skipped.slice(0, 1000 - skipped.length));
    if (r.fallback) progress(r.fallback);
  }
  await removeCopiesFromStats(new RecordStore(dataDir), dups.nonPrimary, stats, progress);
  stats.counts.duplicate_groups = new Set(dups.info.filter((d) => d.count > 1).map((d) => d.group)).size;
  progress(`pass done; writing cross-year checks and joining part files`);
  const crossCsv = path.join(dir, '.cross-year-checks.csv');
  // Blocking writes in small chunks (each a fraction of a millisecond): ~700k cross-year checks for 100k
  // reports, and a megabyte of pending lines per flush got them promoted to the old generation, where they
  // stayed as ~200 MB of garbage through the DuckDB conversions.
  const cross = new SyncTextWriter(crossCsv);
  try {
    for (const ch of crossYear.checks()) {
      cross.write(csvLine([ch.report_id, ch.id, 'cross_year', ch.status, ch.column ?? null, ch.left, ch.right, ch.detail, ch.other_report_ids.join(',')]));
      stats.addLateCheck(ch.report_id, ch);
    }
    cross.close();
  } catch (err) {
    cross.destroy();
    throw err;
  }
  const parts = (name: (typeof PART_FILES)[number]) => inputs.map((i) => partFile(dir, i.part, name));
  const files: SnapshotManifest['files'] = {};
  let offset = 0;
  const spliceParts: SplicePart[] = results.map((r, k) => {
    const base = offset;
    offset += r.rowBytes.length;
    return {
      file: partFile(dir, inputs[k]!.part, 'reports.csv'),
      rowBytes: r.rowBytes,
      headBytes: r.headBytes,
      insert: (i: number) => {
        const d = dups.info[base + i]!;
        return `${csvCell(d.group)},${d.primary},${d.count}`;
      },
    };
  });
  files['reports.csv'] = await concatSpliced(path.join(dir, 'reports.csv'), spliceParts, UTF8_BOM + csvLine(CODEBOOK.map((c) => c.name)), 2);
  files['reports.jsonl'] = await concatParts(path.join(dir, 'reports.jsonl'), parts('reports.jsonl'));
  files['texts.jsonl.gz'] = await concatParts(path.join(dir, 'texts.jsonl.gz'), parts('texts.jsonl.gz'));
  // Joined before DuckDB starts rather than beside it: overlapping the joins with the conversions saved only
  // ~2 s of ~30 for 100k reports, and the peak RSS (~800 MB, in the conversions) leaves little room to spare.
  const cellRows = parts('cells.jsonl');
  files['checks.csv'] = await concatParts(path.join(dir, 'checks.csv'), [...parts('checks.csv'), crossCsv], UTF8_BOM + csvLine(CHECK_COLUMNS.map((c) => c.name)));
  progress(`${stats.counts.reports} reports written; converting to Parquet`);

  await withDuckDB(
    async (con) => {
      await csvToParquet(con, [path.join(dir, 'reports.csv')], CODEBOOK, path.join(dir, 'reports.parquet'), { header: true });
      await cellRowsToParquet(con, cellRows, path.join(dir, 'cells.parquet'));
      await csvToParquet(con, [path.join(dir, 'checks.csv')], CHECK_COLUMNS, path.join(dir, 'checks.parquet'), { header: true, ordered: false });
      await parquetToCsv(con, path.join(dir, 'cells.parquet'), path.join(dir, 'cells.csv'));
      progress('Parquet files written');
    },
    { tempDir: path.join(dir, '.duckdb-tmp') },
  );
  for (const f of cellRows) await unlink(f);
  await rm(path.join(dir, '.duckdb-tmp'), { recursive: true, force: true });

  const statsJson = { ...stats.stats(), license: DATA_LICENSE };
  const write = (name: string, text: string) => fsTry('write', path.join(dir, name), () => writeFile(path.join(dir, name), text));
  await write('codebook.md', renderSnapshotCodebook());
  await write('codebook.json', renderCodebookJson());
  await write('reports.do', renderStataDo());
  await write('reports.R', renderR());
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

  for (const name of ['reports.parquet', 'cells.parquet', 'cells.csv', 'checks.parquet', 'stats.json', 'codebook.md', 'codebook.json', 'reports.do', 'reports.R']) {
    files[name] = await sha256File(path.join(dir, name));
  }
  await write('datapackage.json', renderDatapackage(created, files));
  files['datapackage.json'] = await sha256File(path.join(dir, 'datapackage.json'));
  const manifest: SnapshotManifest = {
    id,
    created_at: created.toISOString(),
    schema_version: SCHEMA_VERSION,
    parser_version: PARSER_VERSION,
    counts: stats.counts,
    portals,
    files,
    skipped,
    license: DATA_LICENSE,
    citation: snapshotCitation(id, created),
  };
  await write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
