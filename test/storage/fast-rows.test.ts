import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { CODEBOOK, flattenRecord, recordCells, UnmappedCellError } from '../../src/schema/codebook.ts';
import { FORMATS, T2_KEYS, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type ReportRecord } from '../../src/schema/record.ts';
import { cellRowsToParquet, withDuckDB } from '../../storage/duckdb.ts';
import { cellRowsFrom, fastCellRows, fastFlatten, RowsWriter } from '../../storage/fast-rows.ts';
import { CELL_COLUMNS } from '../../storage/snapshot-columns.ts';
import { makeRecord } from './make-record.ts';

const num = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const text = fc.oneof(fc.constant(null), fc.string(), fc.constantFrom('—', '/', '无', '1,234', '"quoted"', '多\n行'));
const table = (rows: readonly string[], cols: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...rows), fc.dictionary(fc.constantFrom(...cols), num, { maxKeys: 8 }), { maxKeys: 10 });
/** 表二 of a format: its own blocks with their own fields (a format without 表二 gets 2021's, which have no column there). */
const t2Of = (format: string) => {
  const blocks = T2_KEYS[format] ?? T2_KEYS['2021']!;
  return fc.record(Object.fromEntries(Object.entries(blocks).map(([b, fields]) => [b, fc.dictionary(fc.constantFrom(...fields), num, { maxKeys: 4 })])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, Record<string, number | null>>>;
};
/** Now and then a cell no column holds (an odd row or column key), which must make both builders throw alike. */
const sometimes = <T,>(a: fc.Arbitrary<T>, inN: number) => fc.oneof({ arbitrary: fc.constant(null), weight: inN - 1 }, { arbitrary: a, weight: 1 });
const odd = sometimes(fc.tuple(fc.constantFrom('t2', 't3', 't4'), fc.string({ maxLength: 6 }), fc.string({ maxLength: 4 }), num), 6);

function withOdd(tables: ReportRecord['tables'], cell: [string, string, string, number | null] | null): ReportRecord['tables'] {
  if (!cell) return tables;
  const [t, row, col, v] = cell as ['t2' | 't3' | 't4', string, string, number | null];
  return { ...tables, [t]: { ...tables[t], [row]: { ...tables[t]?.[row], [col]: v } } };
}

let made = 0;
const record = fc.constantFrom(...FORMATS).chain((format) => fc.record({
  format: fc.constant(format),
  t2: sometimes(t2Of(format), format in T2_KEYS ? 2 : 8),
  odd,
  t3: fc.option(table(T3_ROWS, T3_COLUMNS)),
  t4: fc.option(table(T4_GROUPS, T4_OUTCOMES)),
  raw3: fc.option(fc.dictionary(fc.constantFrom(...T3_ROWS), fc.dictionary(fc.constantFrom(...T3_COLUMNS), text))),
  checks: fc.array(fc.record({ id: fc.constantFrom('A', 'B'), status: fc.constantFrom('PASS', 'FAIL', 'UNCERTAIN', 'NOT_ASSESSABLE'), left: num, right: num, detail: fc.string() })),
  title: text,
  year: fc.option(fc.integer({ min: 2008, max: 2030 })),
  fig: fc.option(num),
})).map((g): ReportRecord => makeRecord({
  report_id: `fc${++made}`, format: g.format as ReportRecord['format'], title: g.title, year: g.year,
  tables: withOdd({ t2: g.t2, t3: g.t3, t4: g.t4 }, g.odd), raw: { t2: null, t3: g.raw3, t4: null },
  checks: g.checks as ReportRecord['checks'], figures: g.fig === null ? {} : { proactive_total: { value: g.fig, derived: false, source: null } },
}));

test('fastFlatten and fastCellRows equal flattenRecord and recordCells', () => {
  let flattened = 0;
  let failed = 0;
  fc.assert(fc.property(record, (r) => {
    // A cell no column holds makes both throw, with the same message; otherwise they give the same row.
    const attempt = <T,>(f: () => T): { ok: T } | { error: string } => {
      try { return { ok: f() }; } catch (e) { assert.ok(e instanceof UnmappedCellError, String(e)); return { error: e.message }; }
    };
    const ref = attempt(() => { const flat = flattenRecord(r); return CODEBOOK.map((c) => flat[c.name] ?? null); });
    assert.deepEqual(attempt(() => fastFlatten(r)), ref);
    if ('ok' in ref) flattened++; else failed++;
    const cells = recordCells(r);
    const fast = fastCellRows(r);
    assert.equal(fast.text, cellRowsFrom(cells));
    assert.equal(fast.count, cells.length);
  }), { numRuns: 300 });
  // Both paths were exercised: rows that flatten and rows with a cell no column holds.
  assert.ok(flattened >= 100 && failed >= 10, `${flattened} flattened, ${failed} refused`);
});

test('RowsWriter falls back to the reference functions when the fast ones disagree', () => {
  const a = makeRecord({ report_id: 'x1', tables: { t2: null, t3: { granted: { total: 3 } }, t4: null } });
  const b = makeRecord({ report_id: 'x2', year: 2023, tables: { t2: null, t3: { granted: { total: 4 } }, t4: null } });
  const reference = (r: ReportRecord) => CODEBOOK.map((c) => flattenRecord(r)[c.name] ?? null);
  // A fast builder that has drifted: it forgets the year.
  const drifted = (r: ReportRecord) => fastFlatten({ ...r, year: null });
  const w = new RowsWriter(1, 0, { row: drifted, cells: fastCellRows });
  assert.deepEqual(w.row(a), reference({ ...a, year: null }).map((v, i) => (CODEBOOK[i]!.name === 'year' ? a.year : v)));
  assert.match(w.fallback ?? '', /differs from flattenRecord for report x1/);
  assert.deepEqual(w.row(b), reference(b), 'after a disagreement every row comes from the reference');
  const cells = recordCells(b);
  assert.equal(w.cells(b).text, cellRowsFrom(cells));
});

test('cell rows unnested by DuckDB give exactly the recordCells rows', async () => {
  // Lone surrogates: DuckDB's JSON reader rejects their escapes, so they must arrive as U+FFFD (as the CSV had them).
  const odd = makeRecord({ report_id: 'odd1', tables: { t2: null, t3: { 'r\ud800': { 'c\udc00': 1 } }, t4: null }, raw: { t2: null, t3: { 'r\ud800': { 'c\udc00': 'x\ud83d' } }, t4: null } });
  const records = [odd, ...fc.sample(record, 150)];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-cell-rows-'));
  try {
    const file = path.join(dir, 'cells.jsonl');
    await writeFile(file, records.map((r) => fastCellRows(r).text).join(''));
    const parquet = path.join(dir, 'cells.parquet');
    const rows = await withDuckDB(async (con) => {
      await cellRowsToParquet(con, [file], parquet);
      const described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRows().map((r) => `${r[0]} ${r[1]}`);
      assert.deepEqual(described, CELL_COLUMNS.map((c) => `${c.name} ${{ string: 'VARCHAR', double: 'DOUBLE', integer: 'BIGINT', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP WITH TIME ZONE' }[c.type]}`));
      return (await con.runAndReadAll(`SELECT * FROM read_parquet('${parquet}')`)).getRows();
    });
    // As a multiset: DuckDB does not keep row order. -0 is written as 0, as the per-cell CSV did.
    const key = (r: readonly unknown[]) => JSON.stringify(r);
    const utf8 = (v: string | null) => (v === null ? null : Buffer.from(v).toString('utf8'));
    const expected = records.flatMap((r) => recordCells(r)).map((c) => key([c.report_id, c.table, utf8(c.row), utf8(c.column), typeof c.value === 'number' && Number.isFinite(c.value) ? c.value + 0 : null, utf8(c.raw)]));
    assert.ok(expected.includes(key(['odd1', 't3', 'r\ufffd', 'c\ufffd', 1, 'x\ufffd'])));
    assert.deepEqual(rows.map((r) => key(r)).sort(), expected.sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
