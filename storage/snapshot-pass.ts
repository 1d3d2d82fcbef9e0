import path from 'node:path';
import { CODEBOOK } from '../src/schema/codebook.ts';
import { CrossYearIndex, type CrossYearEntry } from './cross-year-checks.ts';
import { csvLine, type CsvValue } from './csv.ts';
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
}

export const PART_FILES = ['reports.csv', 'reports.jsonl', 'texts.jsonl.gz', 'cells.jsonl', 'checks.csv'] as const;
export const partFile = (dir: string, part: number, name: (typeof PART_FILES)[number]) => path.join(dir, `.part-${part}-${name}`);

const SKIPPED_LISTED = 1000;
const CHECKS_STATUS = CODEBOOK.findIndex((c) => c.name === 'checks_status');

/** Why a flat row (CODEBOOK order) cannot go into the typed Parquet columns, or null when it fits. */
export function rowProblem(row: readonly CsvValue[]): string | null {
  for (let i = 0; i < CODEBOOK.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) continue;
    const c = CODEBOOK[i]!;
    const ok =
      c.type === 'string' ? typeof v === 'string'
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
      const row = rows.row(rec);
      const problem = rowProblem(row);
      if (problem) {
        stats.skip();
        if (skipped.length < SKIPPED_LISTED) skipped.push({ report_id: rec.report_id, reason: problem });
        progress(`skipped report ${rec.report_id}: ${problem}`);
        continue;
      }
      reportsCsv!.write(csvLine(row));
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
  return { part: input.part, stats: stats.state, crossYear: crossYear.added, perPortal, skipped, fallback: rows.fallback };
}
