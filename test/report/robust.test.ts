// parseReport is total: random, truncated or spliced texts never throw and always give a schema-valid record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReport } from '../../src/report/index.ts';
import { ReportRecord } from '../../src/schema/record.ts';
import { fixture, seed } from './helpers.ts';

const SOURCES = [seed('000'), seed('001'), seed('003'), fixture('texts/pingtan-2019.txt'), fixture('texts/pingtan-2021.txt'), fixture('texts/huaian-city-2024-section3-pdftext.txt')];
const VOCAB = ['本年新收政府信息公开申请数量', '(七)总计', '结转下年度继续办理', '第二十条第(一)项', '本年制发件数', '行政复议', '结果维持', '总计', '其他处理', '3.其他', ' | ', '\n', '0', '12', '0000000', '/', '—', '无', '指标名称', '历年累计', '2019年', '政府信息公开工作年度报告'];

test('random strings never throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 2000 }), fc.option(fc.string({ maxLength: 100 })), (text, title) => {
    const r = parseReport({ text, title });
    ReportRecord.parse(r);
  }), { numRuns: 300 });
});

test('truncated and spliced real texts never throw', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: SOURCES.length - 1 }), fc.nat(), fc.nat(), (i, a, b) => {
    const s = SOURCES[i]!;
    const x = a % (s.length + 1);
    const y = b % (s.length + 1);
    const r = parseReport({ text: s.slice(Math.min(x, y), Math.max(x, y)) });
    ReportRecord.parse(r);
    assert.equal(typeof r.is_report, 'boolean');
  }), { numRuns: 200 });
});

test('texts made of table vocabulary never throw', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...VOCAB), { maxLength: 300 }), (parts) => {
    ReportRecord.parse(parseReport({ text: parts.join('') }));
  }), { numRuns: 300 });
});

test('odd inputs: empty text, missing fields', () => {
  ReportRecord.parse(parseReport({ text: '' }));
  ReportRecord.parse(parseReport({ text: '   \n\n', kind: 'html', tables: [[['本年新收政府信息公开申请数量', '1']]] }));
});
