import path from 'node:path';
import { CODEBOOK, UnmappedCellError } from '../src/schema/codebook.ts';
import { CrossYearIndex, type CrossYearEntry } from '../src/report/cross-year.ts';
import { csvCell, csvLine, type CsvValue } from './csv.ts';
import { addKeys, emptyKeys, nearKey, type DuplicateKeys } from './duplicates.ts';
import { RowsWriter } from './fast-rows.ts';
import { RecordStore } from './record-store.ts';
import { StatsAccumulator, type StatsState } from './snapshot-stats.ts';
import { SyncTextWriter } from './text-writer.ts';

/**
 * One pass over part of the record store (a list of shards): writes the part's rows of every text file of a
 * snapshot and returns its counts. The snapshot builder runs one pass per CPU in worker threads and then
 * joins the parts; the parts are plain files so the join is a byte copy (or, for cells/checks, DuckDB
 * reading several part files at once).
 */
export interface PassInput {
  dataDir: string;
  dir: string;
  part: number;
  shards: string[];
}

export interface PassResult {
  part: number;
  stats: StatsState;
  crossYear: Array<[string, number, CrossYearEntry]>;
  perPortal: Record<string, number>;
  skipped: Array<{ report_id: string; reason: string }>;
  fallback: string | null;
  /** Per row of the part's reports.csv, in order: what duplicate grouping needs. */
  keys: DuplicateKeys;
  /** Per row: its byte length, and the byte offset of the empty snapshot-level cells (see `SPLICE_AT`). */
  rowBytes: number[];
  headBytes: number[];
}

/**
 * The snapshot-level columns (duplicate_group, is_primary, duplicate_count) follow content_sha256 and are
 * written empty by the pass; the join splices their values in (storage/row-splice.ts) once every part is read.
 */
export const SPLICE_AT = CODEBOOK.findIndex((c) => c.name === 'duplicate_group');
const SPLICE_WIDTH = 3;
if (CODEBOOK.slice(SPLICE_AT, SPLICE_AT + SPLICE_WIDTH).map((c) => c.name).join() !== 'duplicate_group,is_primary,duplicate_count') {
  throw new Error('codebook: duplicate_group, is_primary, duplicate_count must be consecutive columns');
}
/** First table column (t2_…, t3_…, t4_…, fig_…): the values near-duplicates must share. */
const FIRST_TABLE = CODEBOOK.findIndex((c) => /^(t2|t3|t4|fig)_/.test(c.name));

export const PART_FILES = ['reports.csv', 'reports.jsonl', 'texts.jsonl.gz', 'cells.jsonl', 'checks.csv'] as const;
export const partFile = (dir: string, part: number, name: (typeof PART_FILES)[number]) => path.join(dir, `.part-${part}-${name}`);

const SKIPPED_LISTED = 1000;
const CHECKS_STATUS = CODEBOOK.findIndex((c) => c.name === 'checks_status');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 with a zone (what the crawler writes): DuckDB reads it as TIMESTAMP WITH TIME ZONE. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const isTimestamp = (s: string) => TIMESTAMP.test(s) && !Number.isNaN(Date.parse(s));

/** Why a flat row (CODEBOOK order) cannot go into the typed Parquet columns, or null when it fits. */
export function rowProblem(row: readonly CsvValue[]): string | null {
  for (let i = 0; i < CODEBOOK.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) continue;
    const c = CODEBOOK[i]!;
    const ok =
      c.type === 'string' ? typeof v === 'string'
      : c.type === 'date' ? typeof v === 'string' && isDate(v)
      : c.type === 'timestamp' ? typeof v === 'string' && isTimestamp(v)
      : c.type === 'integer' ? Number.isSafeInteger(v)
      : c.type === 'double' ? typeof v === 'number' && Number.isFinite(v)
      : typeof v === 'boolean';
    if (!ok) return `column ${c.name} (${c.type}) has ${JSON.stringify(v)}`;
  }
  return null;
}

export async function runPass(input: PassInput, progress: (msg: string) => void): Promise<PassResult> {
  const store = new RecordStore(input.dataDir);
  const stats = new StatsAccumulator();
  const crossYear = new CrossYearIndex();
  const rows = new RowsWriter();
  const perPortal: Record<string, number> = {};
  const skipped: PassResult['skipped'] = [];
  const keys = emptyKeys();
  const rowBytes: number[] = [];
  const headBytes: number[] = [];
  const [reportsCsv, jsonl, texts, cells, checks] = PART_FILES.map((n) => new SyncTextWriter(partFile(input.dir, input.part, n)));
  const writers = [reportsCsv!, jsonl!, texts!, cells!, checks!];
  try {
    let seen = 0;
    for (const stored of store.scanLatestSync(input.shards)) {
      if (++seen % 10_000 === 0) progress(`part ${input.part}: ${seen} records read`);
      const rec = stored.core;
      if (!rec.is_report) {
        stats.notReport();
        continue;
      }
      let row: ReturnType<RowsWriter['row']> = [];
      let problem: string | null;
      try {
        row = rows.row(rec);
        problem = rowProblem(row);
      } catch (err) {
        // A cell no column holds: the report is left out of this snapshot and listed, the pass goes on.
        if (!(err instanceof UnmappedCellError)) throw err;
        problem = err.message;
      }
      if (problem) {
        stats.skip();
        if (skipped.length < SKIPPED_LISTED) skipped.push({ report_id: rec.report_id, reason: problem });
        progress(`skipped report ${rec.report_id}: ${problem}`);
        continue;
      }
      const line = csvLine(row);
      reportsCsv!.write(line);
      rowBytes.push(Buffer.byteLength(line));
      let head = 0;
      for (let i = 0; i < SPLICE_AT; i++) head += Buffer.byteLength(csvCell(row[i])) + 1;
      headBytes.push(head);
      addKeys(keys, rec, nearKey(rec, row, FIRST_TABLE));
      jsonl!.write(stored.coreLine);
      texts!.write(stored.textGz);
      const recCells = rows.cells(rec);
      cells!.write(recCells.text);
      if (rec.checks.length) {
        let checkText = '';
        for (const ch of rec.checks) checkText += csvLine([rec.report_id, ch.id, 'report', ch.status, ch.column ?? null, ch.left, ch.right, ch.detail, null]);
        checks!.write(checkText);
      }
      stats.addReport(rec, String(row[CHECKS_STATUS]), recCells.count);
      crossYear.add(rec);
      if (rec.portal_id) perPortal[rec.portal_id] = (perPortal[rec.portal_id] ?? 0) + 1;
    }
    for (const w of writers) w.close();
  } catch (err) {
    for (const w of writers) w.destroy();
    throw err;
  }
  return { part: input.part, stats: stats.state, crossYear: crossYear.added, perPortal, skipped, fallback: rows.fallback, keys, rowBytes, headBytes };
}
