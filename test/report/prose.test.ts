// Pre-2019 prose and tables as real reports print them (phrasings and layouts from many portals, not one fixture).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';

const fig = (r: ReturnType<typeof parseReport>, k: string) => r.figures[k]?.value ?? null;
const pre = (body: string) => parseReport({ title: '某某县林业局2013年政府信息公开工作年度报告', text: `某某县林业局2013年政府信息公开工作年度报告\n${body}` });

test('“未收到/没有…申请” is 0 requests; “未发生…复议、诉讼” is 0 of each', () => {
  for (const [body, requests] of [
    ['一、主动公开情况\n2013年主动公开政府信息56条。\n二、依申请公开情况\n本年度未收到政府信息公开申请。\n三、行政复议和行政诉讼情况\n未发生因政府信息公开引起的行政复议、诉讼案件。', 0],
    ['一、主动公开情况\n2013年度主动公开信息的有5条；\n二、依申请公开情况\n2013年度没有依申请公开信息的情况。\n三、复议诉讼情况\n2013年所有信息公开都没有发生行政复议、行政诉讼的情况。', 0],
  ] as const) {
    const r = pre(body);
    assert.equal(r.is_report, true);
    assert.equal(fig(r, 'requests_received'), requests, body);
    assert.equal(fig(r, 'reconsideration_total'), 0, body);
    assert.equal(fig(r, 'litigation_total'), 0, body);
    assert.equal(fig(r, 'proactive_total'), body.includes('56条') ? 56 : 5, body);
  }
});

test('2009-era statistics table: 网站公开 / 政府公报公开 rows and six request channels', () => {
  const table = [
    '统计指标 | 单位 | 统计数',
    '一、主动公开情况',
    '（一）主动公开政府信息数 | 条 | 120',
    '其中：网站公开数 | 条 | 100',
    '政府公报公开数 | 条 | 20',
    '二、依申请公开情况',
    '（一）受理申请总数 | 件 | 9',
    '其中：1.当面申请数 | 件 | 2',
    '2.网络申请数 | 件 | 3',
    '3.信函申请数 | 件 | 1',
    '4.电报申请数 | 件 | 0',
    '5.传真申请数 | 件 | 1',
    '6.电子邮件申请数 | 件 | 2',
  ].join('\n');
  const r = parseReport({ title: '某某市2009年政府信息公开工作年度报告', text: `某某市2009年政府信息公开工作年度报告\n本报告根据《条例》编制。\n${table}` });
  assert.equal(r.format, 'pre2019');
  assert.equal(fig(r, 'proactive_total'), 120);
  assert.equal(fig(r, 'proactive_web'), 100);
  assert.equal(fig(r, 'proactive_gazette'), 20);
  assert.equal(fig(r, 'requests_received'), 9);
  assert.deepEqual(['requests_in_person', 'requests_online', 'requests_letter', 'requests_telegram', 'requests_fax', 'requests_email'].map((k) => fig(r, k)), [2, 3, 1, 0, 1, 2]);
});

test('a 表二 number is never taken from prose before the table', () => {
  const text = [
    '某某县司法局2021年政府信息公开工作年度报告',
    '根据《条例》编制本报告。',
    '一、总体情况',
    '按照《条例》第二十条第（一）项的规定，本年主动公开规范性文件5件。',
    '二、主动公开政府信息情况',
    '第二十条第（一）项',
    '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数',
    '规章 | 0 | 0 | 0',
    '行政规范性文件 | 3 | 1 | 12',
    '第二十条第（五）项',
    '信息内容 | 本年处理决定数量',
    '行政许可 | 40',
  ].join('\n');
  const r = parseReport({ text });
  assert.equal(r.format, '2021');
  assert.deepEqual(r.tables.t2!.normative_documents, { issued: 3, repealed: 1, in_force: 12 });
  assert.equal(r.tables.t2!.licensing!.decisions, 40);
});

test('format labels broken by a space or a line break inside still decide the format', () => {
  for (const sep of [' ', '\n', ' \n ']) {
    const text = `某某局2019年政府信息公开工作年度报告\n根据《条例》编制本报告。\n第二十条第（一）项\n信息内容 | 本年新${sep}制作数量 | 本年新${sep}公开数量 | 对外公开${sep}总数量\n规章 | 0 | 0 | 0\n规范性文件 | 2 | 2 | 9`;
    const r = parseReport({ text });
    assert.equal(r.format, '2019', JSON.stringify(sep));
  }
});

test('a statistics row the text narrows to one reading is kept when the table’s own sums fail', () => {
  const text = [
    '某某县2015年政府信息公开工作年度报告',
    '本报告根据《条例》编制。2015年本县主动公开政府信息120条。',
    '指标名称 | 计量单位 | 本年 | 历年累计',
    '主动公开政府信息数 | 条 | 1201500',
    '其中：政府网站公开数 | 条 | 100 | 1000',
    '政府公报公开数 | 条 | 10 | 400',
  ].join('\n');
  const r = parseReport({ text });
  assert.equal(fig(r, 'proactive_total'), 120);
  assert.equal(fig(r, 'proactive_total_cumulative'), 1500);
  assert.ok(r.warnings.some((w) => /only split agreeing with the text/.test(w)), r.warnings.join('\n'));
});
