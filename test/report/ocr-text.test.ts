// OCR text: run-together digits are never split by a choice (the split that satisfies the identities may still be a
// misread), only where the digits force one cut; every number of the record is marked as read from OCR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/report/index.ts';
import { ReportRecord } from '../../src/schema/record.ts';
import { flattenRecord } from '../../src/schema/codebook.ts';
import { fixture, fixtureBytes } from './helpers.ts';

test('on OCR text a digit run with several cuts stays null with a warning naming table and row; a forced cut is kept', () => {
  const text = fixture('texts/pingtan-2021.txt');
  const asText = parseReport({ text });
  const asOcr = parseReport({ text, text_source: 'ocr' });
  // The text reader picks "220000325" → 22/0/0/0/0/3/25 by the identities; on OCR text that choice is refused.
  assert.deepEqual(Object.values(asText.tables.t3!.unable_not_held!), [22, 0, 0, 0, 0, 3, 25]);
  assert.deepEqual(Object.values(asOcr.tables.t3!.unable_not_held!), Array(7).fill(null));
  assert.ok(asOcr.warnings.some((w) => w.startsWith('t3.unable_not_held: OCR text runs digits together ("220000325"')), JSON.stringify(asOcr.warnings));
  for (const row of ['new_received', 'granted', 'total']) assert.ok(Object.values(asOcr.tables.t3![row]!).every((v) => v === null), row);
  // "500000 5" can be cut into seven cells one way only: kept.
  assert.deepEqual(Object.values(asOcr.tables.t3!.partially_granted!), [5, 0, 0, 0, 0, 0, 5]);
  assert.deepEqual(Object.values(asOcr.tables.t3!.carried_over!), Array(7).fill(0));
  // 表四's one data row runs together: the text reader splits it, OCR text leaves the whole table null.
  assert.deepEqual(Object.values(asText.tables.t4!.litigation_direct!), [12, 0, 0, 0, 12]);
  for (const g of Object.values(asOcr.tables.t4!)) assert.ok(Object.values(g).every((v) => v === null));
  assert.ok(asOcr.warnings.some((w) => w.startsWith('t4 (its one data row): OCR text runs digits together')));
  // Nothing the text reader did not read appears, and no OCR value differs from the text reader's.
  for (const [row, cols] of Object.entries(asOcr.tables.t3!)) for (const [c, v] of Object.entries(cols)) if (v !== null) assert.equal(v, asText.tables.t3![row]![c], `${row}.${c}`);
  // No check fails because of a guessed cell.
  assert.ok(asOcr.checks.every((c) => c.status !== 'FAIL'), JSON.stringify(asOcr.checks.filter((c) => c.status === 'FAIL')));
});

test('every number of an OCR record carries text_source ocr: the record, each figure and the flat row', () => {
  const text = fixture('texts/pingtan-2018.txt');
  const r = parseReport({ text, text_source: 'ocr' });
  assert.equal(r.text_source, 'ocr');
  assert.ok(Object.keys(r.figures).length > 0);
  for (const [k, f] of Object.entries(r.figures)) assert.equal(f.text_source, 'ocr', k);
  // The statistics row "206912106" (本年 | 历年累计) cuts six ways: not split on OCR text; the prose still gives 2069.
  assert.equal(r.figures.proactive_total?.value, 2069);
  assert.equal(r.figures.proactive_total_cumulative, undefined);
  assert.ok(r.warnings.some((w) => w.startsWith('stats.proactive_total: OCR text runs digits together')));
  assert.equal(flattenRecord(r).text_source, 'ocr');
  assert.equal(ReportRecord.parse(JSON.parse(JSON.stringify(r))).text_source, 'ocr');

  const plain = parseReport({ text });
  assert.equal(plain.text_source, 'text');
  assert.equal(plain.figures.proactive_total_cumulative?.value, 12106);
  assert.ok(Object.values(plain.figures).every((f) => f.text_source === 'text'));
});

test('OCR text of a real scan (huaian-city-2024 pages 4-5 at 150 dpi): misread labels and a misread 表四 heading are placed by the tables’ fixed order', async () => {
  // Text as src/extract/binary/ocr.ts read test/fixtures/pdf-scan/huaian-city-2024-p4-5-150dpi.pdf (tesseract 5.3,
  // chi_sim): "执法案卷" came out "执法业卷", "逾期" as "追期", and the 表四 heading as noise.
  const text = `淮安市人民政府2024年政府信息公开工作年度报告\n${fixture('texts/huaian-city-2024-p4-5-ocr150.txt')}`;
  const r = parseReport({ text, text_source: 'ocr' });
  const pdf = parseReport({ text: `淮安市人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n${fixture('texts/huaian-city-2024-section3-pdftext.txt')}` });
  assert.deepEqual(r.tables.t3!.denied_enforcement_files, pdf.tables.t3!.denied_enforcement_files);
  assert.deepEqual(Object.values(r.tables.t3!.other_overdue_correction!), [67, 3, 0, 0, 1, 0, 71]);
  assert.ok(r.warnings.some((w) => w.startsWith('t3.denied_enforcement_files: its label was not read by OCR')));
  assert.deepEqual(Object.values(r.tables.t4!.reconsideration!), [72, 64, 178, 37, 351]);
  // Here the 表四 column header row (行政复议 | 行政诉讼) survived OCR and starts the table; with that row misread
  // too, the table is placed by its order after 表三.
  const garbled = parseReport({ text: text.replace('行政复议 | 行政诉讼', '行政复汉 | 行政诈讼'), text_source: 'ocr' });
  assert.deepEqual(Object.values(garbled.tables.t4!.reconsideration!), [72, 64, 178, 37, 351]);
  assert.ok(garbled.warnings.some((w) => w.startsWith('t4: its heading was not read by OCR')));
  // A header word read with a stray digit (8结果, as in the 300 dpi scan) does not start the data row: the line with
  // the most numbers is the row.
  const strayText = text.replace(/(行政复议 \| 行政诉讼\n[^\n]*\n)/, '$1本 | 8结果结果其他尚未\n');
  assert.ok(strayText.includes('8结果'));
  const stray = parseReport({ text: strayText, text_source: 'ocr' });
  assert.deepEqual(Object.values(stray.tables.t4!.litigation_after_reconsideration!), Object.values(r.tables.t4!.litigation_after_reconsideration!));
  // Every cell both read is equal, and the scan reads at least as many.
  let both = 0;
  for (const [row, cols] of Object.entries(r.tables.t3!)) for (const [c, v] of Object.entries(cols)) {
    const want = pdf.tables.t3![row]?.[c] ?? null;
    if (v !== null && want !== null) { both++; assert.equal(v, want, `${row}.${c}`); }
  }
  assert.ok(both >= 90, String(both));
  // Two labels in a row misread (as a scan with shaded label cells gives): both rows are placed by the fixed order,
  // each from the numbers ending its line, since the lines between the found rows hold exactly two rows that add up.
  const two = parseReport({ text: text.replace('属于国家秘密', '届于国家砂密').replace('其他法律行政法规禁止公开', '其他法往行政法观禁上公开'), text_source: 'ocr' });
  for (const row of ['denied_state_secret', 'denied_law_forbidden']) {
    assert.deepEqual(two.tables.t3![row], pdf.tables.t3![row], row);
    assert.ok(two.warnings.some((w) => w.startsWith(`t3.${row}: its label was not read by OCR`)), row);
  }
  // With one of the two rows misread so that it does not add up, neither is placed (which is which cannot be told).
  const one = parseReport({ text: text.replace('属于国家秘密 | 2 |', '届于国家砂密 | 7 |').replace('其他法律行政法规禁止公开', '其他法往行政法观禁上公开'), text_source: 'ocr' });
  for (const row of ['denied_state_secret', 'denied_law_forbidden']) assert.ok(Object.values(one.tables.t3![row]!).every((v) => v === null), row);
  // The same text not marked OCR gets no such placement: the rules are for OCR text only.
  const plain = parseReport({ text });
  assert.ok(!plain.warnings.some((w) => w.includes('not read by OCR')));
});

test('OCR text of real scans (Hongze 2023 at 300 dpi, 2024 at 150 dpi tilted): a row whose label came out as its ordinal or with digits in it is placed by the fixed order from the numbers that end its line', async () => {
  // Texts as src/extract/binary/ocr.ts read test/fixtures/pdf-scan/huaian-hongze-2023-p3-4-300dpi.pdf and
  // huaian-hongze-2024-p3-4-150dpi-rot-1.2.pdf: "1.信访举报投诉类申请" came out "1 | 1 0 0 0 0 0 1" (ordinal only),
  // "3.危及“三安全一稳定”" as "3危及“二安全-稳定，" with the ordinal glued on.
  const { extractBytes } = await import('../../src/extract/index.ts');
  for (const [scan, pdf, row] of [['huaian-hongze-2023-p3-4-ocr300', 'huaian-hongze-2023', 'unprocessed_petition'], ['huaian-hongze-2024-p3-4-ocr150rot', 'huaian-hongze-2024', 'denied_three_safeties']] as const) {
    const truth = parseReport({ ...(await extractBytes(fixtureBytes(`pdf/${pdf}.pdf`), { filename: `${pdf}.pdf` })), url: `https://example.invalid/${pdf}.pdf` });
    const r = parseReport({ text: `洪泽区${pdf.slice(-4)}年政府信息公开工作年度报告\n${fixture(`texts/${scan}.txt`)}`, text_source: 'ocr' });
    assert.deepEqual(r.tables.t3![row], truth.tables.t3![row], scan);
    assert.ok(r.warnings.some((w) => w.startsWith(`t3.${row}: its label was not read by OCR`)), JSON.stringify(r.warnings));
    // Nothing else read differs from the text PDF but the one misread the checks cannot see (2023's 部分公开 row
    // "4 0 0 0 0 0 4" read as "1 0 0 0 0 0 1", which adds up too).
    const diff = Object.entries(r.tables.t3!).flatMap(([k, cols]) => Object.entries(cols).filter(([c, v]) => v !== null && v !== truth.tables.t3![k]![c]).map(([c]) => `${k}.${c}`));
    assert.ok(diff.every((d) => d.startsWith('partially_granted.')) && diff.length <= 2, `${scan}: ${diff.join(', ')}`);
  }
  // The numbers ending a line are taken whole, or the last seven only when a cell gap sets them apart.
  const { trailingCells } = await import('../../src/report/tables/t3.ts');
  assert.deepEqual(trailingCells('1 | 1 0 0 0 0 0 1', 7), ['1', '0', '0', '0', '0', '0', '1']);
  assert.deepEqual(trailingCells('3危及“二安全-稳定， | 1 0 0 0 0 0 1', 7), ['1', '0', '0', '0', '0', '0', '1']);
  assert.equal(trailingCells('41 0 0 0 0 0 0 1', 7), null);
});
