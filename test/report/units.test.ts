import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enumerateSplits } from '../../src/report/tables/split.ts';
import { t3Checks, t4Checks } from '../../src/report/checks.ts';
import { detectFormat } from '../../src/report/detect.ts';
import { CODEBOOK, flattenRecord, recordCells } from '../../src/schema/codebook.ts';
import { parseReport } from '../../src/report/index.ts';
import { seed } from './helpers.ts';

test('enumerateSplits keeps token boundaries and forbids leading zeros', () => {
  assert.deepEqual(enumerateSplits(['000'], 3).splits, [['0', '0', '0']]);
  assert.deepEqual(enumerateSplits(['12', '3'], 3).splits, [['1', '2', '3']]);
  assert.deepEqual(enumerateSplits(['105'], 2).splits.sort(), [['10', '5']]);
  assert.equal(enumerateSplits(['1', '2'], 1).splits.length, 0);
});

test('T3/T4 checks: PASS, FAIL with both sides, NOT_ASSESSABLE without a table', () => {
  const row = (v: number[]) => Object.fromEntries(['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org', 'total'].map((c, i) => [c, v[i] ?? 0]));
  const t3 = { new_received: row([2, 0, 0, 0, 0, 0, 2]), carried_over: row([1, 0, 0, 0, 0, 0, 1]), granted: row([2, 0, 0, 0, 0, 0, 2]), total: row([2, 0, 0, 0, 0, 0, 3]), carried_forward: row([1, 0, 0, 0, 0, 0, 1]) };
  const checks = t3Checks(t3, ['new_received', 'carried_over', 'granted', 'total', 'carried_forward']);
  const t31 = checks.find((c) => c.id === 'T3-1' && c.column === 'total')!;
  assert.equal(t31.status, 'FAIL');
  assert.equal(t31.left, 3);
  assert.equal(t31.right, 4);
  assert.equal(checks.find((c) => c.id === 'T3-1' && c.column === 'natural_person')!.status, 'PASS');
  assert.equal(checks.find((c) => c.id === 'T3-3' && c.column === 'total')!.status, 'FAIL');
  assert.ok(t3Checks(null, []).every((c) => c.status === 'NOT_ASSESSABLE'));
  const t4 = t4Checks({ reconsideration: { upheld: 1, corrected: 1, other: 0, pending: 0, total: 3 } });
  assert.equal(t4[0]!.status, 'FAIL');
  assert.equal(t4[1]!.status, 'NOT_ASSESSABLE');
});

test('format detection uses labels, not the cited 文号', () => {
  assert.equal(detectFormat('依据国办公开办函〔2021〕30号 … 本年新制作数量 本年新公开数量 对外公开总数量', 2021).format, '2019');
  assert.equal(detectFormat('国办公开办函〔2019〕60号 … 本年制发件数 本年废止件数 现行有效件数', 2020).format, '2021');
  assert.equal(detectFormat('一段没有表格的文字', 2019).format, 'unknown');
  assert.equal(detectFormat('一段没有表格的文字', 2016).format, 'pre2019');
});

test('flattenRecord / recordCells carry the parsed numbers under codebook names', () => {
  const r = parseReport({ text: seed('003') });
  const row = flattenRecord(r);
  assert.deepEqual(Object.keys(row), CODEBOOK.map((c) => c.name));
  assert.equal(row.t3_granted_total, 27);
  assert.equal(row.t2_2021_licensing_decisions, 21719);
  assert.equal(row.t4_reconsideration_total, 42);
  assert.equal(row.checks_status, 'FAIL');
  const cells = recordCells(r);
  assert.ok(cells.some((c) => c.table === 't2_2021' && c.row === 'fees' && c.value === 6266.18 && c.raw === '6266.18'));
});
