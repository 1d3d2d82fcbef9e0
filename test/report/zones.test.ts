// Development zones and new areas take their level from the government that runs them, named in their name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';

const report = (agency: string) => {
  const title = `${agency}2023年政府信息公开工作年度报告`;
  return parseReport({ title, text: `${title}\n根据《中华人民共和国政府信息公开条例》编制本报告。统计期限为2023年1月1日至2023年12月31日。全年主动公开政府信息300条，收到政府信息公开申请2件，均已按时答复。` });
};

test('a zone under a province-level municipality is county level, in that municipality', () => {
  const r = report('天津港保税区');
  assert.equal(r.admin_level, 'county');
  assert.match(r.region_code ?? '', /^12/);
});

test('a zone run by a prefecture-level city is county level, in that city', () => {
  const r = report('池州市经济技术开发区管理委员会');
  assert.equal(r.admin_level, 'county');
  assert.match(r.region_code ?? '', /^3417/);
  const n = report('岳阳市南湖新区管理委员会');
  assert.equal(n.admin_level, 'county');
  assert.match(n.region_code ?? '', /^4306/);
});

test('a zone run by a province is prefecture level; ordinary bodies keep their division level', () => {
  assert.equal(report('江西赣江新区管理委员会').admin_level, 'prefecture');
  assert.equal(report('岳阳市财政局').admin_level, 'prefecture');
  assert.equal(report('天津市河东区人民政府').admin_level, 'county');
});
