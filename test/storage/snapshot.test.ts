import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { query } from '../helpers/duckdb-query.ts';
import { CODEBOOK } from '../../src/schema/codebook.ts';
import { SNAPSHOT_FILES } from '../../storage/snapshot-files.ts';
import { RecordStore } from '../../storage/record-store.ts';
import { applyRetention, buildSnapshot, diffSnapshots, listSnapshots } from '../../storage/snapshot.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord, t3Row } from './make-record.ts';

/** Two years of one agency (so the cross-year checks have something to compare), another agency, and a non-report. */
async function seedStore(dataDir: string): Promise<void> {
  const store = new RecordStore(dataDir);
  const t2 = (inForce: number, issued: number, repealed: number) => ({
    regulations: { issued, repealed, in_force: inForce },
    normative_documents: { issued: 1, repealed: 0, in_force: 10 + inForce },
  });
  await store.upsert(makeRecord({
    report_id: 'y2021', year: 2021, text: '二〇二一年度报告，含“引号”, 逗号', sections: [{ heading: '一、总体情况', text: '二〇二一年度报告' }],
    title: '某某局2021年政府信息公开工作年度报告, "quoted"',
    tables: { t2: t2(5, 2, 1), t3: { new_received: t3Row(10), carried_forward: t3Row(3), total: t3Row(10) }, t4: null },
    raw: { t2: null, t3: { new_received: { natural_person: '10' } }, t4: null },
    checks: [{ id: 'T3-1', status: 'PASS', left: 60, right: 60, detail: 'row sums' }],
  }));
  await store.upsert(makeRecord({
    report_id: 'y2022', year: 2022,
    // carried_over matches 2021's carried_forward except in natural_person (4 ≠ 3) → one X-1 FAIL.
    tables: { t2: t2(6, 2, 1), t3: { carried_over: { ...t3Row(3), natural_person: 4 }, granted: t3Row(7), total: t3Row(9) }, t4: null },
    checks: [{ id: 'T3-1', status: 'FAIL', left: 1, right: 2, detail: 'row sums' }],
  }));
  await store.upsert(makeRecord({ report_id: 'other', agency: '另一个局', region_code: '110101', admin_level: 'province', format: '2019', year: 2019, portal_id: 'bj' }));
  await store.upsert(makeRecord({ report_id: 'notrep', is_report: false, not_report_reason: 'list page' }));
}

test('a snapshot holds every file, readable, with checksums in the manifest', async () => {
  const dataDir = await tmpDir();
  await seedStore(dataDir);
  await mkdir(path.join(dataDir, 'runs'));
  await writeFile(path.join(dataDir, 'runs', 'r1.json'), JSON.stringify({
    run_id: 'r1', started_at: '2026-01-01T02:00:00Z', finished_at: '2026-01-01T03:00:00Z',
    portals: [{ portal_id: 'demo', status: 'ok', reports_found: 2, pages_fetched: 9, finished_at: '2026-01-01T02:30:00Z' },
      { portal_id: 'gone', status: 'blocked', reports_found: 0, pages_fetched: 1, finished_at: '2026-01-01T02:10:00Z' }],
  }));
  const progress: string[] = [];
  const snap = await buildSnapshot({ dataDir, onProgress: (m) => progress.push(m) });

  assert.equal(path.dirname(snap.path), path.join(dataDir, 'snapshots'));
  assert.equal(path.basename(snap.path), snap.id);
  const names = (await readdir(snap.path)).sort();
  assert.deepEqual(names, SNAPSHOT_FILES.map((f) => f.name).sort());
  assert.deepEqual((await readdir(path.join(dataDir, 'snapshots'))), [snap.id], 'no temporary directory left');

  // manifest: counts, portals with crawl status, checksums that match the files
  const manifest = JSON.parse(await readFile(path.join(snap.path, 'manifest.json'), 'utf8'));
  assert.equal(manifest.counts.reports, 3);
  assert.equal(manifest.counts.not_reports, 1);
  assert.deepEqual(manifest.counts.by_year, { 2019: 1, 2021: 1, 2022: 1 });
  assert.deepEqual(manifest.counts.by_format, { 2021: 2, 2019: 1 });
  assert.deepEqual(manifest.counts.by_admin_level, { county: 2, province: 1 });
  assert.deepEqual(manifest.counts.by_check_status, { PASS: 1, FAIL: 1, NOT_ASSESSABLE: 1 });
  assert.deepEqual(manifest.portals.map((p: { portal_id: string; reports: number; crawl_status: string }) => [p.portal_id, p.reports, p.crawl_status]),
    [['bj', 1, 'unknown'], ['demo', 2, 'ok'], ['gone', 0, 'blocked']]);
  for (const [name, { sha256, bytes }] of Object.entries(manifest.files as Record<string, { sha256: string; bytes: number }>)) {
    const buf = await readFile(path.join(snap.path, name));
    assert.equal(buf.length, bytes, name);
    assert.equal(createHash('sha256').update(buf).digest('hex'), sha256, name);
  }
  assert.deepEqual(Object.keys(manifest.files).sort(), SNAPSHOT_FILES.map((f) => f.name).filter((n) => n !== 'manifest.json').sort());

  // reports.csv: BOM, header = codebook, Chinese and quotes survive
  const csv = await readFile(path.join(snap.path, 'reports.csv'));
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(csv.toString('utf8').slice(1).split('\n')[0], CODEBOOK.map((c) => c.name).join(','));

  // reports.parquet: typed columns, the same rows
  const rows = await query(`SELECT report_id, year, title, t3_carried_over_natural_person AS co, t2_2021_regulations_in_force AS inf FROM read_parquet('${snap.path}/reports.parquet') ORDER BY report_id`);
  assert.deepEqual(rows, [
    { report_id: 'other', year: '2019', title: '某某局2022年政府信息公开工作年度报告', co: null, inf: null },
    { report_id: 'y2021', year: '2021', title: '某某局2021年政府信息公开工作年度报告, "quoted"', co: null, inf: 5 },
    { report_id: 'y2022', year: '2022', title: '某某局2022年政府信息公开工作年度报告', co: '4', inf: 6 },
  ]);
  const fromCsv = await query(`SELECT count(*)::INT AS n, max(title) AS t FROM read_csv('${snap.path}/reports.csv', header = true)`);
  assert.deepEqual(fromCsv, [{ n: 3, t: '某某局2022年政府信息公开工作年度报告' }]);

  // cells.parquet keeps the printed text
  const cells = await query(`SELECT "table", "row", "column", value, raw FROM read_parquet('${snap.path}/cells.parquet') WHERE report_id = 'y2021' AND raw IS NOT NULL`);
  assert.deepEqual(cells, [{ table: 't3', row: 'new_received', column: 'natural_person', value: 10, raw: '10' }]);

  // checks.parquet: the parser's checks and the cross-year ones
  const checks = await query(`SELECT report_id, check_id, scope, status, "column", "left", "right" FROM read_parquet('${snap.path}/checks.parquet') WHERE status <> 'PASS' OR scope = 'report' ORDER BY check_id, report_id, "column"`);
  assert.deepEqual(checks, [
    { report_id: 'y2021', check_id: 'T3-1', scope: 'report', status: 'PASS', column: null, left: 60, right: 60 },
    { report_id: 'y2022', check_id: 'T3-1', scope: 'report', status: 'FAIL', column: null, left: 1, right: 2 },
    { report_id: 'y2022', check_id: 'X-1', scope: 'cross_year', status: 'FAIL', column: 'natural_person', left: 4, right: 3 },
  ]);
  const x2 = await query(`SELECT "column", status, "left", "right" FROM read_parquet('${snap.path}/checks.parquet') WHERE check_id = 'X-2' ORDER BY "column"`);
  assert.deepEqual(x2, [
    { column: 'normative_documents', status: 'PASS', left: 16, right: 16 },
    { column: 'regulations', status: 'PASS', left: 6, right: 6 },
  ]);
  assert.deepEqual(manifest.counts.cross_year_checks, { 'X-1 FAIL': 1, 'X-1 PASS': 6, 'X-2 PASS': 2 });

  // jsonl: full records without the text; texts in the gzip
  const jsonl = (await readFile(path.join(snap.path, 'reports.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(jsonl.map((r) => r.report_id).sort(), ['other', 'y2021', 'y2022']);
  assert.equal('text' in jsonl[0], false);
  assert.equal('sections' in jsonl[0], false);
  assert.deepEqual(jsonl.find((r) => r.report_id === 'y2021').tables.t2.regulations, { issued: 2, repealed: 1, in_force: 5 });
  const texts = gunzipSync(await readFile(path.join(snap.path, 'texts.jsonl.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(texts.find((t) => t.report_id === 'y2021'), { report_id: 'y2021', version: 1, text: '二〇二一年度报告，含“引号”, 逗号', sections: [{ heading: '一、总体情况', text: '二〇二一年度报告' }] });
  const viaDuck = await query(`SELECT count(*)::INT AS n FROM read_json('${snap.path}/texts.jsonl.gz', format = 'newline_delimited')`);
  assert.deepEqual(viaDuck, [{ n: 3 }]);

  // stats.json for the page
  const stats = JSON.parse(await readFile(path.join(snap.path, 'stats.json'), 'utf8'));
  assert.deepEqual(stats.by_year_format, { 2019: { 2019: 1 }, 2021: { 2021: 1 }, 2022: { 2021: 1 } });
  assert.deepEqual(stats.by_province, { 32: 2, 11: 1 });
  assert.deepEqual(stats.checks, [
    { id: 'T3-1', reports_fail: 1, reports_assessed: 2 },
    { id: 'X-1', reports_fail: 1, reports_assessed: 1 },
    { id: 'X-2', reports_fail: 0, reports_assessed: 1 },
  ]);
  assert.deepEqual(stats.t3_totals_by_year['2022'], { carried_over: 18, granted: 42, total: 54 });

  assert.match((await readFile(path.join(snap.path, 'codebook.md'), 'utf8')), /\| `t3_granted_total` \| integer \|/);
  assert.ok(progress.some((m) => m.includes('3 reports')));
});

test('worker threads produce the same files as one in-thread pass', async () => {
  const dataDir = await tmpDir();
  await seedStore(dataDir);
  const store = new RecordStore(dataDir);
  for (let i = 0; i < 40; i++) await store.upsert(makeRecord({ report_id: `${(i * 7919).toString(16).padStart(4, '0')}x${i}`, year: 2015 + (i % 8), tables: { t2: null, t3: { granted: t3Row(i) }, t4: null } }));
  const one = await buildSnapshot({ dataDir, threads: 0 });
  const two = await buildSnapshot({ dataDir, threads: 2 });
  for (const f of ['reports.csv', 'reports.jsonl', 'texts.jsonl.gz', 'stats.json']) assert.equal(two.files[f]!.sha256, one.files[f]!.sha256, f);
  assert.deepEqual(two.counts, one.counts);
  const count = async (p: string) => (await query(`SELECT count(*)::INT AS n FROM read_parquet('${p}')`))[0]!.n;
  assert.equal(await count(path.join(two.path, 'cells.parquet')), one.counts.cells);
  assert.equal(await count(path.join(two.path, 'checks.parquet')), await count(path.join(one.path, 'checks.parquet')));
});

test('list, diff and retention', async () => {
  const dataDir = await tmpDir();
  const store = new RecordStore(dataDir);
  await store.upsert(makeRecord({ report_id: 'keep', text: 'k' }));
  await store.upsert(makeRecord({ report_id: 'drop', text: 'd' }));
  await store.upsert(makeRecord({ report_id: 'edit', text: 'e1', title: 'old title' }));
  const a = await buildSnapshot({ dataDir });

  // The old record can't be deleted from a versioned store; mark it not-a-report to drop it from the dataset.
  await store.upsert(makeRecord({ report_id: 'drop', text: 'd2', is_report: false, not_report_reason: 'x' }));
  await store.upsert(makeRecord({ report_id: 'edit', text: 'e2', title: 'new title' }));
  await store.upsert(makeRecord({ report_id: 'new1', text: 'n' }));
  const b = await buildSnapshot({ dataDir });
  assert.notEqual(a.id, b.id, 'two builds in the same second get distinct ids');

  const listed = await listSnapshots(dataDir);
  assert.deepEqual(listed.map((m) => m.id), [b.id, a.id]);

  const diff = await diffSnapshots(dataDir, a.id, b.id);
  assert.deepEqual(diff.added, ['new1']);
  assert.deepEqual(diff.removed, ['drop']);
  assert.deepEqual(diff.changed, [{ report_id: 'edit', from_version: 1, to_version: 2, fields: ['content_sha256', 'title', 'version'] }]);
  assert.equal(diff.unchanged, 1);
  await assert.rejects(diffSnapshots(dataDir, a.id, 'nope'), /no snapshot "nope" in .*snapshots/);

  // A half-built snapshot (no manifest yet) is never listed.
  await mkdir(path.join(dataDir, 'snapshots', '.tmp-20990101T000000Z-1-x'));
  await mkdir(path.join(dataDir, 'snapshots', '20990101T000000Z'));
  assert.equal((await listSnapshots(dataDir)).length, 2);

  const c = await buildSnapshot({ dataDir, keep: 2 });
  assert.deepEqual((await listSnapshots(dataDir)).map((m) => m.id), [c.id, b.id]);
  assert.deepEqual(await applyRetention(dataDir, 1), [b.id]);
  assert.deepEqual((await listSnapshots(dataDir)).map((m) => m.id), [c.id]);
  await assert.rejects(applyRetention(dataDir, 0), /--keep must be a whole number/);
});

test('an unwritable data directory gives an error naming the path', { skip: process.getuid?.() === 0 ? 'root ignores permissions' : false }, async () => {
  const dataDir = await tmpDir();
  await chmod(dataDir, 0o500);
  try {
    await assert.rejects(buildSnapshot({ dataDir }), (err: Error) => err.message.includes(path.join(dataDir, 'snapshots')) && /permission denied/.test(err.message));
  } finally {
    await chmod(dataDir, 0o700);
  }
});

test('a data directory path that is a file gives an error naming the path', async () => {
  const parent = await tmpDir();
  const dataDir = path.join(parent, 'file');
  await writeFile(dataDir, 'not a directory');
  await assert.rejects(buildSnapshot({ dataDir }), (err: Error) => err.message.includes(path.join(dataDir, 'snapshots')) && /not a directory|ENOTDIR|EEXIST/.test(err.message));
});
