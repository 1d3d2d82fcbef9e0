import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lateness } from '../../src/report/identity/deadline.ts';
import { parseReport } from '../../src/report/index.ts';

test('deadlines: 31 March under the 2007 Regulation; from 2019, 31 January for departments, 31 March for governments', () => {
  assert.deepEqual(lateness(2021, '某某县财政局', 'agency_only', '2022-01-20'), { deadline: '2022-01-31', days_after_deadline: -11 });
  assert.deepEqual(lateness(2021, '某某县人民政府办公室', 'agency_only', '2022-02-15'), { deadline: '2022-01-31', days_after_deadline: 15 });
  assert.deepEqual(lateness(2021, '某某县人民政府', 'agency_only', '2022-03-30'), { deadline: '2022-03-31', days_after_deadline: -1 });
  assert.deepEqual(lateness(2023, '梅城镇人民政府', 'agency_only', '2024-01-26'), { deadline: '2024-03-31', days_after_deadline: -65 });
  assert.deepEqual(lateness(2020, '某市', 'region_aggregate', '2021-04-02'), { deadline: '2021-03-31', days_after_deadline: 2 });
  assert.deepEqual(lateness(2017, '某某县财政局', 'agency_only', '2018-03-20'), { deadline: '2018-03-31', days_after_deadline: -11 });
  // 龙湾区审计局 posted its 2019 report on 2020-06-21 (docs/domain.md, "Deadlines and dates").
  assert.deepEqual(lateness(2019, '龙湾区审计局', 'agency_only', '2020-06-21'), { deadline: '2020-01-31', days_after_deadline: 142 });
});

test('no deadline before the Regulation; no day count for a month-only or missing date', () => {
  assert.deepEqual(lateness(2006, '某某县财政局', 'agency_only', '2007-03-01'), { deadline: null, days_after_deadline: null });
  assert.deepEqual(lateness(2022, '某某县财政局', 'agency_only', '2023-01'), { deadline: '2023-01-31', days_after_deadline: null });
  assert.deepEqual(lateness(2022, '某某县财政局', 'agency_only', null), { deadline: '2023-01-31', days_after_deadline: null });
  assert.deepEqual(lateness(null, '某某县财政局', 'agency_only', '2023-01-01'), { deadline: null, days_after_deadline: null });
  // 兴县's 2015 report lives under /201808/ (docs/domain.md, "Deadlines and dates"): a URL date says when the page was filed, not published.
  assert.deepEqual(lateness(2015, '兴县人民政府', 'agency_only', '2018-08-03', 'url'), { deadline: '2016-03-31', days_after_deadline: null });
});

test('parseReport records the deadline of a report and how late it came', () => {
  const title = '某某县财政局2022年政府信息公开工作年度报告';
  const text = `${title}\n根据《中华人民共和国政府信息公开条例》规定，现公布本局2022年度政府信息公开工作年度报告，统计期限自2022年1月1日起至2022年12月31日止。本局全年主动公开政府信息120条，收到政府信息公开申请3件，均已按时答复。`;
  const r = parseReport({ title, text, published_at: '2023-02-03', published_at_source: 'meta:PubDate' });
  assert.equal(r.is_report, true);
  assert.deepEqual([r.deadline, r.days_after_deadline], ['2023-01-31', 3]);
});

test('a body of unknown kind gets no 31 January deadline; a bare division name is its government', () => {
  // No agency at all (a report whose body could not be named): which deadline applies is unknown.
  assert.deepEqual(lateness(2023, null, 'agency_only', '2024-02-08'), { deadline: null, days_after_deadline: null });
  // A name that is neither a government nor a department's (一个“工作组”) is unknown too.
  assert.deepEqual(lateness(2023, '某某工作组', 'agency_only', '2024-02-08'), { deadline: null, days_after_deadline: null });
  // “北票市2024年度政府信息公开工作报告”: the city itself, i.e. its government — not late on 8 February.
  assert.deepEqual(lateness(2024, '北票市', 'agency_only', '2025-02-08'), { deadline: '2025-03-31', days_after_deadline: -51 });
  // Before 2019 both deadlines are 31 March, so even an unknown body has one.
  assert.deepEqual(lateness(2015, null, 'agency_only', '2016-03-01'), { deadline: '2016-03-31', days_after_deadline: -30 });
});

test('parseReport: a government report published 8 February is not late', () => {
  const title = '某某县人民政府2023年政府信息公开工作年度报告';
  const text = `${title}\n根据《中华人民共和国政府信息公开条例》规定，编制本报告。统计期限自2023年1月1日起至2023年12月31日止。全年主动公开政府信息1200条，收到政府信息公开申请12件，均已按时答复。`;
  const r = parseReport({ title, text, published_at: '2024-02-08', published_at_source: 'meta:PubDate' });
  assert.deepEqual([r.deadline, r.days_after_deadline], ['2024-03-31', -52]);
});
