import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';

const report = (body: string, title = '某某县人民政府2016年政府信息公开工作年度报告') =>
  parseReport({ title, text: `${title}\n本报告统计期限自2016年1月1日起至2016年12月31日止。\n${body}` });
const fig = (r: ReturnType<typeof parseReport>, k: string) => r.figures[k]?.value ?? null;

test('pre-2019 prose: replies by outcome, thousands separators, fees under their section heading', () => {
  const r = report(`二、主动公开政府信息情况
2016年，全县共主动公开政府信息3,456条，其中通过政府网站公开2980条。
三、依申请公开政府信息情况
全年共受理政府信息公开申请58件。已答复58件，其中同意公开41件，同意部分公开5件，不予公开3件，信息不存在6件。
四、政府信息公开的收费及减免情况
本年度未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
全年因政府信息公开申请提起行政复议2件，提起行政诉讼1件。`);
  assert.deepEqual(
    ['proactive_total', 'requests_received', 'replies_total', 'replies_granted', 'replies_partial', 'replies_denied', 'fees_yuan', 'reconsideration_total', 'litigation_total'].map((k) => fig(r, k)),
    [3456, 58, 58, 41, 5, 3, 0, 2, 1],
  );
  // The source quotes the report as printed.
  assert.match(r.figures.proactive_total!.source!, /3,456条/);
});

test('予以公开 is not read inside 不予以公开; consultation answers are not replies to requests', () => {
  const r = report(`三、依申请公开政府信息情况
本年度共收到政府信息公开申请9件，办结9件，其中不予以公开2件，予以公开6件，部分公开1件。
六、咨询处理情况
全年网上咨询答复356件，现场咨询120人次。`);
  assert.deepEqual(['replies_total', 'replies_granted', 'replies_partial', 'replies_denied'].map((k) => fig(r, k)), [9, 6, 1, 2]);
  const c = report(`六、咨询处理情况
全年共答复网民咨询356件。`);
  assert.equal(fig(c, 'replies_total'), null);
});

test('a fee sentence outside any fee or request context is not read as the fees figure', () => {
  const r = report(`一、概述
本单位办公经费未收取任何费用以外的资金。`);
  assert.equal(fig(r, 'fees_yuan'), null);
});
