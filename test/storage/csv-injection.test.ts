// A crawled title that a spreadsheet would run as a formula is written to reports.csv behind a single quote (OWASP),
// while reports.parquet and reports.jsonl keep the exact text.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { csvCell, neutraliseFormulaText, restoreFormulaText } from '../../storage/csv.ts';
import { parquetToCsv, withDuckDB } from '../../storage/duckdb.ts';
import { RecordStore } from '../../storage/record-store.ts';
import { buildSnapshot } from '../../storage/snapshot.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord } from './make-record.ts';

const TITLES: Record<string, string> = {
  formula: '=HYPERLINK("http://evil.invalid/","某某局2022年政府信息公开工作年度报告")',
  plus: '+1+2',
  minus: '-2+3',
  at: '@SUM(A1)',
  tab: '\t=1+1',
  cr: '\r=1+1',
  quoted: "'=already quoted",
  plain: '某某局2022年政府信息公开工作年度报告',
  inner: '年报 =1+1',
};

test('csvCell quotes formula-like text, not numbers, and the quote comes off exactly', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('@x'), "'@x");
  assert.equal(csvCell('-3'), "'-3");
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell('a=b'), 'a=b');
  assert.equal(csvCell('\t1'), "'\t1");
  assert.equal(csvCell('\r1'), `"'\r1"`);
  for (const t of [...Object.values(TITLES), "'", "''=", "'x", '']) assert.equal(restoreFormulaText(neutraliseFormulaText(t)), t, JSON.stringify(t));
});

test('reports.csv neutralises formula titles; reports.parquet and reports.jsonl keep them exact', async () => {
  const dataDir = await tmpDir();
  const store = new RecordStore(dataDir);
  for (const [id, title] of Object.entries(TITLES)) await store.upsert(makeRecord({ report_id: id, title }));
  const snap = await buildSnapshot({ dataDir });

  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const fromParquet = (await con.runAndReadAll(`SELECT report_id, title FROM '${path.join(snap.path, 'reports.parquet')}'`)).getRowObjectsJson() as Array<{ report_id: string; title: string }>;
    assert.deepEqual(Object.fromEntries(fromParquet.map((r) => [r.report_id, r.title])), TITLES);
    // The CSV as a spreadsheet or any CSV reader sees it: every formula-like title starts with the quote.
    const fromCsv = (await con.runAndReadAll(`SELECT report_id, title FROM read_csv('${path.join(snap.path, 'reports.csv')}', header = true, all_varchar = true, quote = '"', escape = '"')`)).getRowObjectsJson() as Array<{ report_id: string; title: string }>;
    const csv = Object.fromEntries(fromCsv.map((r) => [r.report_id, r.title]));
    for (const id of ['formula', 'plus', 'minus', 'at', 'tab', 'cr', 'quoted']) assert.equal(csv[id], `'${TITLES[id]}`, id);
    assert.equal(csv.plain, TITLES.plain);
    assert.equal(csv.inner, TITLES.inner);
  } finally {
    con.closeSync();
    db.closeSync();
  }
  const jsonl = (await readFile(path.join(snap.path, 'reports.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { report_id: string; title: string });
  assert.deepEqual(Object.fromEntries(jsonl.map((r) => [r.report_id, r.title])), TITLES);
});

test('CSVs DuckDB writes from Parquet (cells.csv, checks.csv) neutralise formula-like text the same way', async () => {
  const dir = await tmpDir();
  const parquet = path.join(dir, 'x.parquet');
  const csv = path.join(dir, 'x.csv');
  await withDuckDB(async (con) => {
    await con.run(`COPY (SELECT * FROM (VALUES ('=1+1', -3, '-3'), ('plain', 4, '4')) t(raw, value, txt)) TO '${parquet}' (FORMAT parquet)`);
    await parquetToCsv(con, parquet, csv);
  });
  assert.deepEqual((await readFile(csv, 'utf8')).trim().split('\n'), ['raw,value,txt', "'=1+1,-3,'-3", 'plain,4,4']);
});
