import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regionFromPageCodes } from '../../src/report/identity/page-codes.ts';
import { parseReport } from '../../src/report/index.ts';

// Examples from docs/domain.md ("Region hints on pages"): Hanweb `area=` credit codes and footer 网站标识码.
test('a 机关 credit code in a module URL gives the registering division', () => {
  const r = regionFromPageCodes({ url: 'https://www.weishan.gov.cn/module/xxgk/xxgkAnnualReport.jsp?area=113708260043292687&fbtime=2022', text: '' });
  assert.deepEqual([r?.code, r?.source], ['370826', 'credit_code']);
  const z = regionFromPageCodes({ url: 'http://x/module/xxgk/xxgkAnnualReport.jsp?area=11370883004325769B', text: '' });
  assert.equal(z?.code, '370883');
});

test('an 索引号 built on a credit code, and the footer 网站标识码, are read; retired codes and non-机关 codes are not', () => {
  assert.equal(regionFromPageCodes({ meta: { 索引号: '11341702486344515H/202110-00013' }, text: '' })?.code, '341702');
  const site = regionFromPageCodes({ removed: [{ text: '主办单位：秦皇岛市人民政府办公室 网站标识码：1303000020 冀ICP备05012345号' }], text: '' });
  assert.deepEqual([site?.code, site?.source], ['130300', 'site_code']);
  // 332500 is the pre-2000 code of 丽水地区: a code vintage issue, not guessed.
  assert.equal(regionFromPageCodes({ url: 'http://x/a.jsp?area=113325000026455663', text: '' }), null);
  // A 事业单位 (12…) or an enterprise (91…) is not a government body.
  assert.equal(regionFromPageCodes({ meta: { 索引号: '12341702486344515H/2021-1' }, text: '' }), null);
  assert.equal(regionFromPageCodes({ text: '统一社会信用代码：91341702MA2N0XXXXA' }), null);
  // Ministries' site codes start with bm.
  assert.equal(regionFromPageCodes({ removed: [{ text: '网站标识码：bm04000001' }], text: '' }), null);
});

test('parseReport uses page codes only when the agency name gives no region', () => {
  const text = '市财政局2022年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定，现公布本局2022年度报告。';
  const rec = parseReport({ text, title: '市财政局2022年政府信息公开工作年度报告', url: 'http://x/module/xxgk/xxgkAnnualReport.jsp?area=113708260043292687&fbtime=2022' });
  assert.deepEqual([rec.region_code, rec.region_code_source], ['370826', 'credit_code']);
  const named = parseReport({ text: text.replace('市财政局', '安化县财政局'), title: '安化县财政局2022年政府信息公开工作年度报告', url: 'http://x/a.jsp?area=113708260043292687' });
  assert.deepEqual([named.region_code, named.region_code_source], ['430923', 'agency_name']);
  assert.deepEqual([parseReport({ text, title: '市财政局2022年政府信息公开工作年度报告', url: 'not a url' }).region_code_source], [null]);
});
