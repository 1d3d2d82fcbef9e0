// Scope: a government's own report that sums its departments and lower governments is the region's aggregate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferScope } from '../../src/report/identity/level.ts';
import { parseReport } from '../../src/report/index.ts';

const report = (title: string, opening: string) =>
  parseReport({ title, text: `${title}\n${opening}\n一、总体情况\n全年主动公开政府信息1200条，收到政府信息公开申请12件，均已按时答复。本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。` });

test('a county government report that sums its units (汇总…各单位) is region_aggregate', () => {
  const r = report('某某县人民政府2023年政府信息公开工作年度报告', '本报告由县政府办公室汇总全县各单位政府信息公开工作情况编制。');
  assert.equal(r.scope, 'region_aggregate');
});

test('a county government report that counts for the whole county (全县…) is region_aggregate', () => {
  const r = report('某某县人民政府2023年政府信息公开工作年度报告', '2023年，全县主动公开政府信息5321条，各乡镇、县直各部门认真落实《条例》。');
  assert.equal(r.scope, 'region_aggregate');
});

test('a department that says 全县 (the area it serves) stays agency_only', () => {
  const r = report('某某县财政局2023年政府信息公开工作年度报告', '2023年，全县主动公开财政预决算信息321条。本局认真落实《条例》。');
  assert.equal(r.scope, 'agency_only');
  assert.equal(inferScope('2023年，全县主动公开财政预决算信息321条。').scope, 'agency_only');
});

test('a government report without summing wording stays agency_only', () => {
  const r = report('某某县人民政府2023年政府信息公开工作年度报告', '2023年，县政府认真落实《条例》，本机关主动公开政府信息。');
  assert.equal(r.scope, 'agency_only');
});
