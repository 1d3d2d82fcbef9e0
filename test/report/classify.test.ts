import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyTitle } from '../../src/report/index.ts';

// Title variants and look-alikes described in docs/domain.md ("Titles"); none of them is a fixture the rules were fitted on.
const POSITIVE: Array<[string, number, string | null]> = [
  ['2022年上海市政府信息公开工作年度报告', 2022, '上海市'],
  ['2015年兴县人民政府信息公开年度报告', 2015, '兴县人民政府'],
  ['2024年度双溪乡政府信息公开年度报告', 2024, '双溪乡'],
  ['重庆市大足区人民政府外事办公室政府信息公开工作2022年度报告', 2022, '重庆市大足区人民政府外事办公室'],
  ['云南省卫生健康委关于2022年政府信息公开工作的年度报告', 2022, '云南省卫生健康委'],
  ['桃园开发区管委会2023年信息公开工作年度报告', 2023, '桃园开发区管委会'],
  ['舒兰市市场监督管理局2016年政务信息公开年度报告', 2016, '舒兰市市场监督管理局'],
  ['龙湾区审计局2019政务信息公开年报', 2019, '龙湾区审计局'],
  ['北票市2024年度政府信息公开工作报告', 2024, '北票市'],
  ['2015年政府信息公开工作年度报告', 2015, null],
  ['科技和工业信息化局2019年度政府信息公开工作年度报告', 2019, '科技和工业信息化局'],
  ['赫章县人民政府 2021年政府信息公开工作年度报告', 2021, '赫章县人民政府'],
  ['曾都经济开发区管委会2023年政府信息公开 工作年度报告', 2023, '曾都经济开发区管委会'],
  ['襄阳市2017年政府信息公开年度工作报告', 2017, '襄阳市'],
  ['盘锦市财政局2020年度政府信息公开工作报告', 2020, '盘锦市财政局'],
  ['2019年襄阳市政府信息公开工作年度报告_政府信息公开年报_襄阳市人民政府', 2019, '襄阳市'],
  ['高平市人民政府办公室\n2023年政府信息公开工作年度报告', 2023, '高平市人民政府办公室'],
  ['某某县人民政府关于2022年度政府信息公开工作情况的报告', 2022, '某某县人民政府'],
  ['2021—2022年政府信息公开工作年度报告', 2022, null],
  // A corrected report is still the report (only a note about one is not).
  ['某某县2021年政府信息公开工作年度报告（更正版）', 2021, '某某县'],
];

const NEGATIVE = [
  '文字解读：历下区2020年政府信息公开工作年度报告',
  '一图读懂2021年政府信息公开工作年度报告',
  '关于认真做好2021年政府信息公开工作年度报告编制发布工作的通知',
  '关于做好2020年度政府信息公开工作年度报告编制发布工作的通知',
  '中华人民共和国政府信息公开工作年度报告格式',
  '蚌埠市2019年政务公开工作总结',
  '2022年上半年政府信息公开数据统计',
  '2021年政府网站工作年度报表',
  '南县2020年度部门整体支出绩效评价报告',
  '2021年县财政局部门预算',
  '2020年国民经济和社会发展统计公报',
  '2022年政府工作报告',
  '政府信息公开年报',
  '某某大学2019-2020学年信息公开工作年度报告',
  '2022年政务公开工作自查报告',
  '关于2020年度政府信息公开工作年度报告的说明',
  '关于《某某县2019年政府信息公开工作年度报告》的更正说明',
  '某某区商务局关于2021年政府信息公开工作年度报告有关情况的说明',
  '我市发布2022年政府信息公开工作年度报告',
  '某某区公布2023年度政府信息公开工作年度报告',
  '北京市2020年政府信息公开工作年度报告集中公开专题',
  '某某县2019年度部门政府信息公开工作年度报告汇编',
  '某某市2022年度政府信息公开工作年度报告目录',
];

test('report titles are recognised with year and agency', () => {
  for (const [title, year, agency] of POSITIVE) {
    const c = classifyTitle(title);
    assert.equal(c.is_report, true, `${title}: ${c.reason}`);
    assert.equal(c.year, year, title);
    assert.equal(c.agency, agency, title);
  }
});

test('look-alike titles are rejected with a reason', () => {
  for (const title of NEGATIVE) {
    const c = classifyTitle(title);
    assert.equal(c.is_report, false, `${title} should not be a report`);
    assert.ok(c.reason.length > 0);
  }
});

test('classifyTitle never throws and always answers the contract shape', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
    const c = classifyTitle(s);
    assert.equal(typeof c.is_report, 'boolean');
    assert.ok(c.year === null || Number.isInteger(c.year));
    assert.ok(c.agency === null || typeof c.agency === 'string');
  }), { numRuns: 500 });
});
