import { CODEBOOK, derivedColumns, flattenRecord, recordCells, UnmappedCellError } from '../src/schema/codebook.ts';
import type { ReportRecord } from '../src/schema/record.ts';

/**
 * Flat rows and long cells (as JSON lines per table row), fast enough for 100k reports (the reference `flattenRecord` and
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
  if (r.tables.t2) put(row, `t2_${r.format}_`, r.tables.t2, r, 't2', ` (format ${r.format})`);
  if (r.tables.t3) put(row, 't3_', r.tables.t3, r, 't3', '');
  if (r.tables.t4) put(row, 't4_', r.tables.t4, r, 't4', '');
  for (const k in r.figures) {
    const i = INDEX.get(`fig_${k}`);
    if (i === undefined) throw new UnmappedCellError(r.report_id, `figures.${k}`, `fig_${k}`);
    row[i] = r.figures[k]!.value;
  }
  const derived = derivedColumns(r, (name) => row[INDEX.get(name) ?? -1] ?? null);
  for (const k in derived) row[INDEX.get(k)!] = derived[k]!;
  return row;
}

/** `prefix` → row key → column key → codebook index: two map lookups a cell instead of building its column name. */
const NESTED = new Map<string, Map<string, Map<string, number>>>();

/** Places a table's cells; a cell without a column throws (the same error as flattenRecord). */
function put(row: Scalar[], prefix: string, table: Record<string, Record<string, number | null>>, r: ReportRecord, name: string, note: string): void {
  let byRow = NESTED.get(prefix);
  if (!byRow) NESTED.set(prefix, (byRow = new Map()));
  for (const a in table) {
    const inner = table[a]!;
    let byCol = byRow.get(a);
    if (!byCol) {
      // Built on first sight from the flat index; keys that name no column are remembered as -1.
      byCol = new Map();
      if (byRow.size < 10_000) byRow.set(a, byCol);
    }
    for (const b in inner) {
      let i = byCol.get(b);
      if (i === undefined) {
        i = INDEX.get(`${prefix}${a}_${b}`) ?? -1;
        if (byCol.size < 1000) byCol.set(b, i);
      }
      if (i < 0) throw new UnmappedCellError(r.report_id, `${name}.${a}.${b}${note}`, `${prefix}${a}_${b}`);
      row[i] = inner[b]!;
    }
  }
}

/**
 * A JSON string literal that DuckDB accepts: JSON.stringify escapes a lone surrogate as `\udXXX`, which
 * DuckDB's reader rejects, so it becomes U+FFFD first — what the UTF-8 encoding of the per-cell CSV gave.
 */
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const jsonString = (s: string): string => JSON.stringify(SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s);

/** JSON string literals of keys: row/column keys repeat across all reports, so each is escaped once. */
const jsonKeys = new Map<string, string>();
const jk = (s: string): string => {
  let e = jsonKeys.get(s);
  if (e === undefined) {
    e = jsonString(s);
    if (jsonKeys.size < 100_000) jsonKeys.set(s, e);
  }
  return e;
};

/**
 * Cells grouped by table row, one JSON line per row: `{"i":report_id,"t":table,"r":row,"c":[columns],"v":[values],"w":[raws]}`,
 * in recordCells order. DuckDB unnests the three lists into the long cells rows (see `cellRowsToParquet`):
 * a fifth of the text of one CSV line per cell, so far less to build, encode, write and parse. Rows without
 * cells are left out (they have nothing to unnest).
 */
export function fastCellRows(r: ReportRecord): { text: string; count: number } {
  let text = '';
  let count = 0;
  const id = jk(r.report_id);
  for (const t of ['t2', 't3', 't4'] as const) {
    const nums = r.tables[t];
    if (!nums) continue;
    const raws = r.raw[t];
    const table = jk(t === 't2' ? `t2_${r.format}` : t);
    for (const row in nums) {
      const inner = nums[row]!;
      const rawRow = raws?.[row];
      let cols = '';
      let vals = '';
      let rs = '';
      let n = 0;
      for (const column in inner) {
        const v = inner[column];
        const raw = rawRow?.[column];
        const sep = n ? ',' : '';
        cols += sep + jk(column);
        vals += sep + (typeof v === 'number' && Number.isFinite(v) ? String(v) : 'null');
        rs += sep + (raw == null ? 'null' : jsonString(raw));
        n++;
      }
      if (!n) continue;
      text += `{"i":${id},"t":${table},"r":${jk(row)},"c":[${cols}],"v":[${vals}],"w":[${rs}]}\n`;
      count += n;
    }
  }
  return { text, count };
}

/** The same lines from recordCells' output: consecutive cells of one (table, row) form a line. */
export function cellRowsFrom(cells: ReturnType<typeof recordCells>): string {
  let text = '';
  for (let i = 0; i < cells.length; ) {
    const c = cells[i]!;
    let j = i;
    while (j < cells.length && cells[j]!.table === c.table && cells[j]!.row === c.row) j++;
    const group = cells.slice(i, j);
    const num = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const str = (v: string) => JSON.parse(jsonString(v)) as string;
    text += `${JSON.stringify({ i: str(c.report_id), t: str(c.table), r: str(c.row), c: group.map((g) => str(g.column)), v: group.map((g) => num(g.value)), w: group.map((g) => (g.raw == null ? null : str(g.raw))) })}\n`;
    i = j;
  }
  return text;
}

function referenceRow(r: ReportRecord): Scalar[] {
  const flat = flattenRecord(r);
  return CODEBOOK.map((c) => flat[c.name] ?? null);
}

function referenceCells(r: ReportRecord): { text: string; count: number } {
  const cells = recordCells(r);
  return { text: cellRowsFrom(cells), count: cells.length };
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
    private readonly fast = { row: fastFlatten, cells: fastCellRows },
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
