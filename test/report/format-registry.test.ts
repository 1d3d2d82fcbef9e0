// Adding a report format is one file: the throwaway format in ./throwaway-format.ts, registered here before anything
// reads the registry, shows up in the record schema, the codebook, the parser and its checks, the flat files of a
// snapshot and the cross-year checks, with no other file naming it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { registerFormat } from '../../src/report/formats/index.ts';
import { formatTrial } from './throwaway-format.ts';

registerFormat(formatTrial);
// Everything that derives from the registry is loaded after the registration (static imports would run first).
const { FORMATS, Format, T2_KEYS, T3_ROWS } = await import('../../src/schema/record.ts');
const { CODEBOOK, flattenRecord, UnmappedCellError } = await import('../../src/schema/codebook.ts');
const { parseReport } = await import('../../src/report/index.ts');
const { CrossYearIndex } = await import('../../src/report/cross-year.ts');
const { renderSnapshotCodebook } = await import('../../storage/snapshot-codebook.ts');
const { RecordStore } = await import('../../storage/record-store.ts');
const { buildSnapshot } = await import('../../storage/snapshot.ts');
const { tmpDir } = await import('../helpers/tmp.ts');
const { makeRecord } = await import('../storage/make-record.ts');

const T3_LABELS: Array<[string, string]> = [
  ['new_received', '一、本年新收政府信息公开申请数量'], ['carried_over', '二、上年结转政府信息公开申请数量'],
  ['granted', '三、本年度办理结果\n(一)予以公开'], ['partially_granted', '(二)部分公开'],
  ['denied_state_secret', '(三)不予公开\n1.属于国家秘密'], ['denied_law_forbidden', '2.其他法律行政法规禁止公开'], ['denied_three_safeties', '3.危及“三安全一稳定”'],
  ['denied_third_party', '4.保护第三方合法权益'], ['denied_internal_affairs', '5.属于三类内部事务信息'], ['denied_process_info', '6.属于四类过程性信息'],
  ['denied_enforcement_files', '7.属于行政执法案卷'], ['denied_admin_query', '8.属于行政查询事项'],
  ['unable_not_held', '(四)无法提供\n1.本机关不掌握相关政府信息'], ['unable_needs_creation', '2.没有现成信息需要另行制作'], ['unable_unclear', '3.补正后申请内容仍不明确'],
  ['unprocessed_petition', '(五)不予处理\n1.信访举报投诉类申请'], ['unprocessed_repeat', '2.重复申请'], ['unprocessed_publication', '3.要求提供公开出版物'],
  ['unprocessed_massive', '4.无正当理由大量反复申请'], ['unprocessed_confirmation', '5.要求行政机关确认或重新出具已获取信息'],
  ['other_suspended', '(六)其他处理\n1.试行中止'], ['other_trial_other', '2.试行其他'],
  ['total', '(七)总计'], ['carried_forward', '四、结转下年度继续办理'],
];

/** A report printed in the trial format: 表二 with its own columns, 表三 with its own (六), the shared 表四. */
function trialReport(year: number, t2: { regulations: number[]; normative: number[] }, t3: Record<string, number>): string {
  const row = (label: string, n: number) => `${label} | ${n} | 0 | 0 | 0 | 0 | 0 | ${n}`;
  return [
    `试行局${year}年政府信息公开工作年度报告`,
    `本报告由试行局编制，数据统计期限为${year}年1月1日至12月31日。`,
    '一、总体情况',
    `${year}年，试行局认真落实政府信息公开各项要求，主动公开政府信息，依法办理政府信息公开申请。`,
    '二、主动公开政府信息情况',
    '第二十条第(一)项',
    '信息内容 | 本年试行件数 | 本年停止件数 | 试行有效件数',
    `规章 | ${t2.regulations.join(' | ')}`,
    `规范性文件 | ${t2.normative.join(' | ')}`,
    '三、收到和处理政府信息公开申请情况',
    '申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计',
    ...T3_LABELS.map(([key, label]) => row(label, t3[key] ?? 0)),
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议 | 行政诉讼',
    '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉',
    '1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
    '五、存在的主要问题及改进情况',
    '试行工作仍需加强。',
  ].join('\n');
}

// 2031: 6 received, 1 carried over; 4 granted, 1 suspended, 2 carried forward. 2032: 2 carried over (= 2031's forward).
const r2031 = parseReport({ text: trialReport(2031, { regulations: [2, 1, 10], normative: [3, 0, 20] }, { new_received: 6, carried_over: 1, granted: 4, other_suspended: 1, total: 5, carried_forward: 2 }), url: 'https://trial.example.gov.cn/2031.html' });
// 规章: 12 = 10 + 3 − 1 (X-2 PASS); 规范性文件: 25 ≠ 20 + 1 − 0 (X-2 FAIL).
const r2032 = parseReport({ text: trialReport(2032, { regulations: [3, 1, 12], normative: [1, 0, 25] }, { new_received: 3, carried_over: 2, granted: 5, total: 5, carried_forward: 0 }), url: 'https://trial.example.gov.cn/2032.html' });

test('the throwaway format is in the record schema', () => {
  assert.ok(FORMATS.includes('trial' as never));
  assert.equal(Format.parse('trial'), 'trial');
  assert.deepEqual(T2_KEYS.trial, { regulations: ['trialled', 'stopped', 'on_trial'], normative_documents: ['trialled', 'stopped', 'on_trial'] });
  assert.ok(T3_ROWS.includes('other_suspended') && T3_ROWS.includes('other_trial_other'));
  // The built-in formats are untouched.
  assert.deepEqual(FORMATS.filter((f: string) => f !== 'trial'), ['pre2019', '2019', '2021', 'unknown']);
});

test('the throwaway format is in the codebook, with its labels', () => {
  const col = (name: string) => CODEBOOK.find((c) => c.name === name);
  assert.deepEqual(col('t2_trial_regulations_on_trial'), { name: 't2_trial_regulations_on_trial', type: 'double', zh: '表二(trial) 规章：试行有效件数', en: 'table 2 (trial format): regulations, on trial', source_label: '规章 | 试行有效件数' });
  assert.equal(col('t3_other_suspended_total')?.zh, '表三 （六）其他处理 1.试行中止（总计）');
  assert.match(col('format')!.en, /^pre2019, 2019, 2021, trial or unknown /);
  const md = renderSnapshotCodebook();
  assert.match(md, /\| measure \| pre-2019 \| 2019 \| 2021 \| trial \| where the definitions differ \|/);
  assert.ok(md.includes('| `t2_trial_normative_documents_trialled` | double |'));
});

test('the parser detects it, reads its tables and runs the checks it declares', () => {
  assert.equal(r2031.is_report, true);
  assert.equal(r2031.format, 'trial', r2031.format_evidence.join('; '));
  assert.deepEqual(r2031.format_evidence, ['label: 本年试行件数', 'label: 本年停止件数', 'label: 试行有效件数']);
  assert.deepEqual(r2031.tables.t2, { regulations: { trialled: 2, stopped: 1, on_trial: 10 }, normative_documents: { trialled: 3, stopped: 0, on_trial: 20 } });
  assert.equal(r2031.tables.t3?.other_suspended?.total, 1);
  assert.equal(r2031.tables.t3?.other, undefined, 'the 2019 (六) row is not read into a trial report');
  assert.equal(r2031.tables.t4?.reconsideration?.upheld, 1);
  const ids = new Set(r2031.checks.map((c) => c.id));
  assert.deepEqual([...ids].sort(), ['T3-1', 'T3-2', 'T3-3', 'T4-1', 'T4-2', 'T4-3', 'V-1']);
  assert.deepEqual(r2031.checks.filter((c) => c.status !== 'PASS'), [], 'the trial report is consistent');
  // Its (六) rows count as outcomes in T3-2: 4 granted + 1 suspended = 5.
  assert.equal(r2031.checks.find((c) => c.id === 'T3-2' && c.column === 'total')?.left, 5);
  // Its deadline rule: a department (局) by 28 February.
  assert.equal(r2031.deadline, '2032-02-28');
});

test('the cross-year checks take its carry-over and its stock rule', () => {
  const idx = new CrossYearIndex();
  idx.add(r2031);
  idx.add(r2032);
  const checks = [...idx.checks()];
  assert.deepEqual(checks.filter((c) => c.id === 'X-2').map((c) => [c.column, c.status, c.left, c.right]), [['regulations', 'PASS', 12, 12], ['normative_documents', 'FAIL', 25, 21]]);
  assert.deepEqual(checks.filter((c) => c.id === 'X-1').map((c) => c.status), Array(7).fill('PASS'));
});

test('a snapshot holds its columns and checks; a record with a cell no column holds is listed as skipped, not silently cut', async () => {
  const dataDir = await tmpDir();
  const store = new RecordStore(dataDir);
  await store.upsert(r2031);
  await store.upsert(r2032);
  // A cell the codebook has no column for (its format declares no such row).
  await store.upsert(makeRecord({ report_id: 'odd', tables: { t2: null, t3: { granted: { nonsense: 1 } }, t4: null } }));
  const snap = await buildSnapshot({ dataDir, threads: 0 });
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const q = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson();
    const rows = await q(`SELECT year::INTEGER AS year, format, t2_trial_regulations_on_trial AS stock, t3_other_suspended_total::INTEGER AS suspended, t2_2021_regulations_in_force AS other_format, regulations_issued AS issued, requests_other_handling AS other FROM read_parquet('${snap.path}/reports.parquet') ORDER BY year`);
    assert.deepEqual(rows, [
      { year: 2031, format: 'trial', stock: 10, suspended: 1, other_format: null, issued: 2, other: 1 },
      { year: 2032, format: 'trial', stock: 12, suspended: 0, other_format: null, issued: 3, other: 0 },
    ]);
    const x2 = await q(`SELECT "column", status FROM read_parquet('${snap.path}/checks.parquet') WHERE check_id = 'X-2' ORDER BY "column"`);
    assert.deepEqual(x2, [{ column: 'normative_documents', status: 'FAIL' }, { column: 'regulations', status: 'PASS' }]);
  } finally {
    con.closeSync();
    db.closeSync();
  }
  const manifest = JSON.parse(await readFile(path.join(snap.path, 'manifest.json'), 'utf8'));
  assert.equal(manifest.skipped.length, 1);
  assert.equal(manifest.skipped[0].report_id, 'odd');
  assert.match(manifest.skipped[0].reason, /t3\.granted\.nonsense has no flat column \(t3_granted_nonsense/);
  const csv = await readFile(path.join(snap.path, 'reports.csv'), 'utf8');
  assert.match(csv.split('\n')[0]!, /t2_trial_regulations_trialled/);
  assert.equal(csv.trim().split('\n').length, 3, 'header and the two trial reports');
});

test('flattening a cell that has no column fails loudly, naming the cell and the column', () => {
  const r = makeRecord({ report_id: 'odd2', format: '2019', tables: { t2: { regulations: { in_force: 3 } }, t3: null, t4: null } });
  assert.throws(() => flattenRecord(r), (e: Error) => e instanceof UnmappedCellError && /report odd2: t2\.regulations\.in_force \(format 2019\) has no flat column \(t2_2019_regulations_in_force/.test(e.message));
});

test('a format registered after the registry was read is refused, not half-known', () => {
  assert.throws(() => registerFormat({ ...formatTrial, id: 'late' }), /already read by src\/schema\/record\.ts/);
});
