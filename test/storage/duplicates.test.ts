import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { query } from '../helpers/duckdb-query.ts';
import { RecordStore } from '../../storage/record-store.ts';
import { buildSnapshot } from '../../storage/snapshot.ts';
import { findDuplicates, type DuplicateKeys } from '../../storage/duplicates.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord, t3Row } from './make-record.ts';

const t3 = (received: number) => ({ t2: null, t3: { new_received: t3Row(received), granted: t3Row(received), total: t3Row(received) }, t4: null });

/**
 * A county's 2021 report on its own portal and re-posted byte for byte on the city's portal; a department report
 * re-typed on a mirror (other text, same agency, year and tables); two empty reports of one generic agency name
 * (not merged: nothing but the name says they are the same); and the city's own reports.
 */
async function seed(dataDir: string): Promise<void> {
  const store = new RecordStore(dataDir);
  const county = { agency: '安化县人民政府', year: 2021, region_code: '430923', tables: t3(6), text: '安化县人民政府2021年政府信息公开工作年度报告 全文' };
  await store.upsert(makeRecord({ report_id: 'county-own', portal_id: 'anhua', url: 'https://www.anhua.gov.cn/xxgk/nb/2022/t1.html', published_at: '2022-01-27', ...county }));
  // The city portal's copy has the shorter URL and the same date: only the own-portal rule makes the county's copy primary.
  await store.upsert(makeRecord({ report_id: 'county-city', portal_id: 'yiyang', url: 'https://yiyang.gov.cn/a/1.html', published_at: '2022-01-27', ...county }));
  for (const [id, agency] of [['city-a', '益阳市教育局'], ['city-b', '益阳市财政局'], ['city-c', '益阳市人民政府']] as const) {
    await store.upsert(makeRecord({ report_id: id, portal_id: 'yiyang', agency, region_code: '430900', year: 2021, tables: t3(id.length), text: `${agency} 2021` }));
  }
  const dept = { agency: '安化县教育局', year: 2021, region_code: '430923', tables: t3(2) };
  await store.upsert(makeRecord({ report_id: 'dept-1', portal_id: 'anhua', url: 'https://www.anhua.gov.cn/jyj/2022/nb.html', published_at: '2022-01-20', text: '安化县教育局 2021 年度报告（原文）', ...dept }));
  await store.upsert(makeRecord({ report_id: 'dept-mirror', portal_id: 'mirror', url: 'https://m.example.org/x.html', published_at: '2022-02-03', text: '安化县教育局2021年度报告 转载', ...dept }));
  for (const id of ['empty-1', 'empty-2']) await store.upsert(makeRecord({ report_id: id, portal_id: 'other', agency: '教育局', year: 2021, region_code: null, text: `empty ${id}` }));
}

test('copies of one report are grouped, the own-portal copy is primary, and stats count it once', async () => {
  const dataDir = await tmpDir();
  await seed(dataDir);
  const snap = await buildSnapshot({ dataDir });

  const rows = await query(`SELECT report_id, duplicate_group, is_primary, duplicate_count::INT AS n FROM read_parquet('${snap.path}/reports.parquet') ORDER BY report_id`);
  assert.deepEqual(rows, [
    { report_id: 'city-a', duplicate_group: 'city-a', is_primary: true, n: 1 },
    { report_id: 'city-b', duplicate_group: 'city-b', is_primary: true, n: 1 },
    { report_id: 'city-c', duplicate_group: 'city-c', is_primary: true, n: 1 },
    { report_id: 'county-city', duplicate_group: 'county-own', is_primary: false, n: 2 },
    { report_id: 'county-own', duplicate_group: 'county-own', is_primary: true, n: 2 },
    { report_id: 'dept-1', duplicate_group: 'dept-1', is_primary: true, n: 2 },
    { report_id: 'dept-mirror', duplicate_group: 'dept-1', is_primary: false, n: 2 },
    { report_id: 'empty-1', duplicate_group: 'empty-1', is_primary: true, n: 1 },
    { report_id: 'empty-2', duplicate_group: 'empty-2', is_primary: true, n: 1 },
  ]);
  // The CSV holds the same values where the pass left the cells empty.
  const csv = await query(`SELECT report_id, duplicate_group, is_primary FROM read_csv('${snap.path}/reports.csv', header = true) WHERE NOT is_primary ORDER BY report_id`);
  assert.deepEqual(csv, [
    { report_id: 'county-city', duplicate_group: 'county-own', is_primary: false },
    { report_id: 'dept-mirror', duplicate_group: 'dept-1', is_primary: false },
  ]);

  const manifest = JSON.parse(await readFile(path.join(snap.path, 'manifest.json'), 'utf8'));
  assert.equal(manifest.counts.reports, 9, 'every copy stays in the files');
  assert.equal(manifest.counts.primary_reports, 7);
  assert.equal(manifest.counts.copies, 2);
  assert.equal(manifest.counts.duplicate_groups, 2);
  assert.deepEqual(manifest.counts.by_year, { 2021: 7 });
  const stats = JSON.parse(await readFile(path.join(snap.path, 'stats.json'), 'utf8'));
  assert.equal(stats.reports, 7);
  assert.equal(stats.copies_excluded, 2);
  // 表三 new_received totals: county 36 once, dept 12 once, city reports 6·(6+6+6)… counted once each.
  const expected = 36 + 12 + 6 * ('city-a'.length + 'city-b'.length + 'city-c'.length);
  assert.equal(stats.t3_totals_by_year['2021'].new_received, expected);
  assert.deepEqual(stats.by_province, { 43: 5, unknown: 2 });
});

test('primary choice: own portal, then earliest date, then shortest URL', () => {
  const keys = (rows: Array<[string, string, string | null, string | null, string]>): DuplicateKeys => ({
    ids: rows.map((r) => r[0]), shas: rows.map(() => 'same'), nears: rows.map(() => null), portals: rows.map((r) => r[1]),
    regions: rows.map((r) => r[2]), published: rows.map((r) => r[3]), urls: rows.map((r) => r[4]),
  });
  // No portal is anyone's home for this region: the earliest date wins, an unknown date last.
  let d = findDuplicates([keys([['a', 'p1', null, '2022-02-01', 'https://x/1'], ['b', 'p2', null, null, 'https://x'], ['c', 'p3', null, '2022-01-15', 'https://x/long/path']])]);
  assert.deepEqual(d.info.map((i) => i.primary), [false, false, true]);
  // Same date: the shorter URL.
  d = findDuplicates([keys([['a', 'p1', null, '2022-01-15', 'https://x/long'], ['b', 'p2', null, '2022-01-15', 'https://x/s']])]);
  assert.deepEqual(d.info.map((i) => i.primary), [false, true]);
  // Keys from two parts are joined in order and grouped across them.
  d = findDuplicates([keys([['a', 'p1', null, '2022-01-15', 'https://x/long']]), keys([['b', 'p2', null, '2022-01-15', 'https://x/s']])]);
  assert.deepEqual(d.info.map((i) => [i.group, i.count]), [['b', 2], ['b', 2]]);
  assert.deepEqual([...d.nonPrimary], ['a']);
});
