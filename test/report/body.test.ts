// A report title over no body is not a clean report (an empty or junk page the crawler could not read); a short but
// real report, a report that is only its table, and a scan awaiting OCR still are. Both sides of the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';
import { MIN_BODY_CJK } from '../../src/report/rules/body.ts';
import { ReportRecord } from '../../src/schema/record.ts';
import { fixture } from './helpers.ts';

const TITLE = '某县人民政府2023年政府信息公开工作年度报告';
const parse = (doc: Parameters<typeof parseReport>[0]) => ReportRecord.parse(parseReport(doc));

test('a report title with no text, or with only its headline and a date line, is not a report, and says why', () => {
  for (const text of ['', TITLE, `${TITLE}\n发布时间：2024-01-20\n来源：县政府办`, `${TITLE}\n\n${TITLE}`]) {
    for (const kind of ['html', 'txt'] as const) {
      const r = parse({ text, title: TITLE, kind });
      assert.equal(r.is_report, false, `${kind} ${JSON.stringify(text)}`);
      assert.match(r.not_report_reason ?? '', /no report body/);
    }
  }
});

test('a township’s two-paragraph report is a report', () => {
  const text = [
    '2023年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息35条，未收到政府信息公开申请。',
    '本年度未发生因政府信息公开引起的行政复议和行政诉讼，存在的主要问题是公开内容不够全面，下一步将加强培训。',
  ].join('\n');
  const r = parse({ text, title: '某镇2023年政府信息公开工作年度报告', kind: 'html' });
  assert.equal(r.is_report, true, r.not_report_reason ?? '');
  assert.equal(r.not_report_reason, null);
});

test('the line sits at MIN_BODY_CJK characters besides the title', () => {
  const body = (n: number) => `${TITLE}\n${'公开'.repeat(n).slice(0, n)}`;
  assert.equal(parse({ text: body(MIN_BODY_CJK - 1), title: TITLE, kind: 'html' }).is_report, false);
  assert.equal(parse({ text: body(MIN_BODY_CJK), title: TITLE, kind: 'html' }).is_report, true);
});

test('a report that is only its table, and a scan whose text awaits OCR, are reports', () => {
  const grid = [['本年新收政府信息公开申请数量', '3'], ['上年结转政府信息公开申请数量', '0']];
  assert.equal(parse({ text: '', title: TITLE, kind: 'html', tables: [grid] }).is_report, true);
  const scan = parse({ text: '', title: TITLE, kind: 'pdf', needs_ocr: true });
  assert.equal(scan.is_report, true);
  assert.ok(scan.warnings.some((w) => /needs OCR/.test(w)), JSON.stringify(scan.warnings));
});

test('a full real report is unaffected', () => {
  const r = parse({ text: fixture('texts/pingtan-2021.txt'), kind: 'txt' });
  assert.equal(r.is_report, true);
  assert.equal(r.not_report_reason, null);
});
