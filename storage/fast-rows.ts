import { CODEBOOK, flattenRecord, recordCells } from '../src/schema/codebook.ts';
import type { ReportRecord } from '../src/schema/record.ts';
import { csvCell, csvLine } from './csv.ts';

/**
 * Flat rows and long cells as CSV text, fast enough for 100k reports (the reference `flattenRecord` and
 * `recordCells` in src/schema/codebook.ts allocate an object per column/cell: ~200 µs a report, a third of the
 * snapshot budget). These produce exactly what the reference functions produce — `RowsWriter` compares the
 * two on the first records and on a sample after that, and falls back to the reference functions for the
 * rest of the snapshot if they ever disagree (e.g. after a codebook change), so a mismatch costs speed,
 * never correctness.
 */
type Scalar = string | number | boolean | null;

const INDEX = new Map(CODEBOOK.map((c, i) => [c.name, i]));
const ID_FIELDS = CODEBOOK.slice(0, INDEX.get('checks_fail')!).map((c) => c.name);
const I_FAIL = INDEX.get('checks_fail')!;
const I_STATUS = INDEX.get('checks_status')!;
const I_WARN = INDEX.get('n_warnings')!;

export function fastFlatten(r: ReportRecord): Scalar[] {
  const row: Scalar[] = new Array(CODEBOOK.length).fill(null);
  const rec = r as unknown as Record<string, Scalar | undefined>;
  for (let i = 0; i < ID_FIELDS.length; i++) {
    const v = rec[ID_FIELDS[i]!];
    if (v !== undefined) row[i] = v;
  }
  // Any extra id-like columns the codebook may gain after n_warnings are handled by the reference check.
  let fails = 0;
  let pass = false;
  for (const c of r.checks) {
    if (c.status === 'FAIL') fails++;
    else if (c.status === 'PASS') pass = true;
  }
  row[I_FAIL] = fails;
  row[I_STATUS] = fails > 0 ? 'FAIL' : pass ? 'PASS' : 'NOT_ASSESSABLE';
  row[I_WARN] = r.warnings.length;
  const t2 = r.tables.t2;
  if (t2 && (r.format === '2019' || r.format === '2021')) put(row, `t2_${r.format}_`, t2);
  if (r.tables.t3) put(row, 't3_', r.tables.t3);
  if (r.tables.t4) put(row, 't4_', r.tables.t4);
  for (const k in r.figures) {
    const i = INDEX.get(`fig_${k}`);
    if (i !== undefined) row[i] = r.figures[k]!.value;
  }
  return row;
}

function put(row: Scalar[], prefix: string, table: Record<string, Record<string, number | null>>): void {
  for (const a in table) {
    const inner = table[a]!;
    for (const b in inner) {
      const i = INDEX.get(`${prefix}${a}_${b}`);
      if (i !== undefined) row[i] = inner[b]!;
    }
  }
}

/** Escaped keys: row/column keys repeat across all reports, so each is escaped once. */
const escaped = new Map<string, string>();
const esc = (s: string): string => {
  let e = escaped.get(s);
  if (e === undefined) {
    e = csvCell(s);
    if (escaped.size < 100_000) escaped.set(s, e);
  }
  return e;
};

/** Cells in recordCells order as CSV lines: report_id,table,row,column,value,raw. */
export function fastCellLines(r: ReportRecord): { text: string; count: number } {
  let text = '';
  let count = 0;
  const id = esc(r.report_id);
  for (const t of ['t2', 't3', 't4'] as const) {
    const nums = r.tables[t];
    if (!nums) continue;
    const raws = r.raw[t];
    const table = esc(t === 't2' ? `t2_${r.format}` : t);
    for (const row in nums) {
      const inner = nums[row]!;
      const rawRow = raws?.[row];
      const rowKey = esc(row);
      for (const column in inner) {
        const v = inner[column];
        const raw = rawRow?.[column];
        text += `${id},${table},${rowKey},${esc(column)},${typeof v === 'number' && Number.isFinite(v) ? v : ''},${raw == null ? '' : csvCell(raw)}\n`;
        count++;
      }
    }
  }
  return { text, count };
}

function referenceRow(r: ReportRecord): Scalar[] {
  const flat = flattenRecord(r);
  return CODEBOOK.map((c) => flat[c.name] ?? null);
}

function referenceCells(r: ReportRecord): { text: string; count: number } {
  const cells = recordCells(r);
  return { text: cells.map((c) => csvLine([c.report_id, c.table, c.row, c.column, c.value, c.raw])).join(''), count: cells.length };
}

const same = (a: Scalar[], b: Scalar[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (v === null && b[i] === undefined));

/** Picks fast or reference row/cell builders per record, checking them against each other on a sample. */
export class RowsWriter {
  private n = 0;
  fallback: string | null = null;

  constructor(
    private readonly sampleEvery = 997,
    private readonly checkFirst = 200,
    /** The fast builders; replaceable so a test can show a disagreement is caught. */
    private readonly fast = { row: fastFlatten, cells: fastCellLines },
  ) {}

  private shouldCheck(): boolean {
    return this.n <= this.checkFirst || this.n % this.sampleEvery === 0;
  }

  row(r: ReportRecord): Scalar[] {
    this.n++;
    if (this.fallback) return referenceRow(r);
    const fast = this.fast.row(r);
    if (this.shouldCheck()) {
      const ref = referenceRow(r);
      if (!same(fast, ref)) {
        this.fallback = `fast flat row differs from flattenRecord for report ${r.report_id}; using the reference functions`;
        return ref;
      }
    }
    return fast;
  }

  /** Call after `row()` for the same record. */
  cells(r: ReportRecord): { text: string; count: number } {
    if (this.fallback) return referenceCells(r);
    const fast = this.fast.cells(r);
    if (this.shouldCheck()) {
      const ref = referenceCells(r);
      if (ref.text !== fast.text) {
        this.fallback = `fast cells differ from recordCells for report ${r.report_id}; using the reference functions`;
        return ref;
      }
    }
    return fast;
  }
}
