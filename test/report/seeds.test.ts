// Expectations on the seed texts. Chrome-removal assertions depend on the extractor's cleanText.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';
import { ReportRecord } from '../../src/schema/record.ts';
import { seed } from './helpers.ts';

const fig = (r: ReturnType<typeof parseReport>, k: string) => r.figures[k]?.value ?? null;

test('seed 000: 新邵县 2017 pre2019 figures from prose, agency from the text', () => {
  const r = parseReport({ text: seed('000') });
  ReportRecord.parse(r);
  assert.equal(r.is_report, true);
  assert.match(r.agency ?? '', /新邵县/);
  assert.equal(r.agency_source, 'text');
  assert.equal(r.year, 2017);
  assert.equal(r.format, 'pre2019');
  assert.equal(fig(r, 'proactive_total'), 11008);
  assert.equal(fig(r, 'requests_received'), 22);
  assert.equal(r.figures.requests_received!.derived, true, '20 online + 2 paper is a derived sum');
  assert.equal(fig(r, 'reconsideration_total'), 0);
  assert.equal(fig(r, 'litigation_total'), 0);
  assert.equal(r.region_code, '430522');
});

test('seed 001: 三元区 2017 statistics table, published 2018-01-19, chrome removed', () => {
  const r = parseReport({ text: seed('001') });
  assert.match(r.agency ?? '', /三元区/);
  assert.equal(r.year, 2017);
  assert.equal(r.published_at, '2018-01-19');
  assert.equal(r.format, 'pre2019');
  assert.equal(fig(r, 'proactive_total'), 912);
  assert.equal(fig(r, 'proactive_total_cumulative'), 8131);
  assert.equal(fig(r, 'requests_received'), 0);
  assert.equal(fig(r, 'reconsideration_total'), 0);
  assert.equal(fig(r, 'litigation_total'), 0);
  for (const chrome of ['附件下载', '扫一扫', '相关文章']) assert.ok(!r.text.includes(chrome), `text still has ${chrome}`);
});

test('seed 002: 土右旗 2017, published 2018-03-20, one request, chrome removed', () => {
  const r = parseReport({ text: seed('002') });
  assert.match(r.agency ?? '', /土右旗/);
  assert.equal(r.year, 2017);
  assert.equal(r.published_at, '2018-03-20');
  assert.equal(fig(r, 'requests_received'), 1);
  for (const chrome of ['相关推荐', '扫码关注', '返回顶部', '责任编辑', '字号']) assert.ok(!r.text.includes(chrome), `text still has ${chrome}`);
});

test('seed 003: 安化县 2021 format, 表二/表三/表四 and the failing totals', () => {
  const r = parseReport({ text: seed('003') });
  ReportRecord.parse(r);
  assert.match(r.agency ?? '', /安化县/);
  assert.equal(r.year, 2021);
  assert.equal(r.format, '2021');
  assert.ok(r.format_evidence.some((e) => e.includes('本年制发件数')));
  const t2 = r.tables.t2!;
  assert.deepEqual(t2.normative_documents, { issued: 19, repealed: 8, in_force: 88 });
  assert.equal(t2.licensing!.decisions, 21719);
  assert.equal(t2.penalties!.decisions, 77236);
  assert.equal(t2.coercive_measures!.decisions, 77);
  assert.equal(t2.fees!.amount_10k_yuan, 6266.18);
  assert.ok(!('new_made' in (t2.normative_documents ?? {})), '2019 keys never appear in a 2021 record');
  const t3 = r.tables.t3!;
  assert.equal(t3.new_received!.total, 36);
  assert.equal(t3.granted!.total, 27);
  assert.equal(t3.total!.total, 0, 'printed total stays as printed');
  assert.equal(t3.other_overdue_correction!.natural_person, 3);
  const st = (id: string, col: string) => r.checks.find((c) => c.id === id && c.column === col)?.status;
  assert.equal(st('T3-1', 'total'), 'FAIL');
  assert.equal(st('T3-2', 'total'), 'FAIL');
  assert.equal(st('T3-1', 'commercial'), 'PASS');
  const t4 = r.tables.t4!;
  assert.deepEqual(Object.values(t4.reconsideration!), [15, 13, 13, 1, 42]);
  assert.deepEqual(Object.values(t4.litigation_direct!), [1, 0, 3, 0, 4]);
  assert.deepEqual(Object.values(t4.litigation_after_reconsideration!), [1, 0, 2, 1, 4]);
  for (const id of ['T4-1', 'T4-2', 'T4-3']) assert.equal(r.checks.find((c) => c.id === id)?.status, 'PASS', id);
  assert.deepEqual(r.sections.map((s) => s.heading.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
});

test('seed 004: 襄阳市 2017 region aggregate, figures, trailing headlines removed', () => {
  const r = parseReport({ text: seed('004') });
  assert.match(r.agency ?? '', /襄阳市/);
  assert.equal(r.year, 2017);
  assert.equal(r.scope, 'region_aggregate');
  assert.equal(r.region_code, '420600');
  assert.equal(fig(r, 'requests_received'), 107);
  assert.equal(fig(r, 'reconsideration_total'), 13);
  assert.equal(fig(r, 'litigation_total'), 4);
  for (const headline of ['大亚湾再动员再部署扫黑除恶专项斗争工作', '端午临近', '孔垄一中阳光体育运动掀高潮', '中共湖州市水利局委员会关于林祖滨等同志职务任免的通知']) {
    assert.ok(!r.text.includes(headline), `text still has "${headline}"`);
  }
});
