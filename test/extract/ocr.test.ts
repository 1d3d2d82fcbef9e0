// Scanned PDFs (image only) are read by tesseract (chi_sim) with bounds; the fixture is a real report's pages
// rasterised by test/fixtures/pdf-scan/make.ts (one page tilted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { extractBytes } from '../../src/extract/index.ts';
import { extractPdf } from '../../src/extract/binary/pdf.ts';
import { OCR_LIMITS, columnCells, firstReadingNumber, inkCentred, mergeDigitPass, numericBands, siblingBands, standardRange, tsvToLines, tsvWordsByPage, type Word } from '../../src/extract/binary/ocr.ts';
import { parseReport } from '../../src/report/index.ts';

const scan = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/pdf-scan/huaian-city-2024-p4-5-150dpi.pdf')));

test('a scanned PDF is read by OCR under a page cap: text marked ocr, per-page confidence, cap recorded', async () => {
  const x = await extractPdf(scan, { ocrLimits: { ...OCR_LIMITS, maxPages: 1 } });
  assert.equal(x.text_source, 'ocr');
  assert.equal(x.needs_ocr, false);
  assert.equal(x.ocr!.pages.length, 1);
  const c = x.ocr!.pages[0]!.confidence;
  assert.ok(c !== null && c > 0 && c <= 100, String(c));
  assert.deepEqual(x.ocr!.limits_hit, ['page cap: OCR read 1 of 2 pages']);
  assert.ok(x.warnings.includes('OCR: page cap: OCR read 1 of 2 pages'));
  assert.match(x.text, /行政处罚/);
  const r = parseReport({ ...x, url: 'https://example.invalid/scan.pdf' });
  assert.ok(r.warnings.some((w) => w.startsWith('source: ocr')), JSON.stringify(r.warnings));
});

test('OCR can be turned off: the scan stays needs_ocr', async () => {
  const x = await extractBytes(scan, { filename: 'scan.pdf', ocr: false });
  assert.equal(x.needs_ocr, true);
  assert.equal(x.text_source, undefined);
});

test('a time cap of zero stops OCR before the first page and says so', async () => {
  const x = await extractPdf(scan, { ocrLimits: { ...OCR_LIMITS, totalTimeoutMs: 0 } });
  assert.equal(x.needs_ocr, true);
  assert.equal(x.ocr!.pages.length, 0);
  assert.match(x.ocr!.limits_hit[0]!, /^time cap: OCR stopped after 0 of 2 pages/);
});

test('tesseract TSV words regroup into rows; wide gaps become cells', () => {
  const head = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const w = (b: number, l: number, left: number, top: number, text: string, conf = 90) => `5\t1\t${b}\t1\t${l}\t1\t${left}\t${top}\t${text.length * 20}\t20\t${conf}\t${text}`;
  const tsv = [head, w(1, 1, 10, 100, '重复申请'), w(2, 1, 300, 102, '25'), w(3, 1, 400, 99, '0'), w(1, 2, 10, 200, '2.'), w(1, 2, 52, 200, '其他')].join('\n');
  const t = tsvToLines(tsv);
  assert.deepEqual(t.lines, ['重复申请 | 25 | 0', '2.其他']);
  assert.equal(t.confidence, 90);
});

test('a table row whose cells the first reading garbled gets a band over the numeric columns; prose below the table does not', () => {
  const w = (text: string, left: number, top: number, width = 30): Word => ({ text, left, top, width, height: 40, conf: 90, key: `${top}` });
  const numeric = (top: number) => [w('一、本年新收', 100, top, 300), ...[0, 1, 2, 3, 4, 5, 6].map((i) => w(String(i), 1000 + i * 100, top))];
  const words = [
    ...numeric(1000), ...numeric(1100),
    // chi_sim read this row's 0s and 1s as 有, 者: no number, but words in the numeric columns.
    w('(四)无法提供', 100, 1200, 300), w('有', 1100, 1200), w('者', 1400, 1200),
    ...numeric(1300),
    // The row just below the last numeric row is still the table's (结转下年度); a paragraph far below is not.
    w('四、结转下年度', 100, 1400, 300), w('和于', 1050, 1400),
    w('五、存在的主要问题及改进情况，全区政府信息公开工作虽取得一定成绩', 100, 1800, 2000),
  ];
  const bands = [1000, 1100, 1300].map((top) => ({ x0: 990, x1: 1640, y0: top - 5, y1: top + 45 }));
  assert.deepEqual(standardRange(bands), { x0: 990, x1: 1640 });
  const extra = siblingBands(words, bands, 10);
  assert.deepEqual(extra.map((b) => [b.x0, b.x1, b.y0 <= 1220 && b.y1 >= 1220 ? 1200 : b.y0 <= 1420 && b.y1 >= 1420 ? 1400 : b.y0]), [[990, 1640, 1200], [990, 1640, 1400]]);
});

test('a band is moved onto the ink of its cells (a label set over two lines puts the words’ centre between them)', () => {
  const width = 300, height = 200;
  const data = new Uint8Array(width * height).fill(255);
  // Cells inked at rows 100–119 over x 150–250; a neighbour row's cells at 160–179; a label's ink left of the band.
  for (let y = 100; y < 120; y++) for (let x = 150; x < 250; x += 20) data[y * width + x] = 0;
  for (let y = 160; y < 180; y++) for (let x = 150; x < 250; x += 20) data[y * width + x] = 0;
  for (let y = 70; y < 90; y++) data[y * width + 20] = 0;
  const img = { width, height, data };
  assert.deepEqual(inkCentred(img, { x0: 140, x1: 260, y0: 80, y1: 110 }, 5), { x0: 140, x1: 260, y0: 95, y1: 125 });
  // No ink near the band: it stays where it was.
  assert.deepEqual(inkCentred(img, { x0: 140, x1: 260, y0: 20, y1: 40 }, 5), { x0: 140, x1: 260, y0: 20, y1: 40 });
});

test('a row whose ink does not split into the table’s cells is cut by the table’s columns; text across the columns gives no cells', () => {
  const width = 400, height = 40;
  const img = { width, height, data: new Uint8Array(width * height).fill(255) };
  const ink = (x0: number, x1: number) => { for (let y = 10; y < 30; y++) for (let x = x0; x < x1; x++) img.data[y * width + x] = 0; };
  // A label ending close to the first number (事项88), then numbers centred on columns 160, 240, 320.
  ink(40, 135); ink(145, 175); ink(228, 252); ink(305, 335);
  const cols = [160, 240, 320];
  const cells = columnCells(img, { x0: 0, x1: 400, y0: 5, y1: 35 }, cols, 80, 8);
  assert.deepEqual(cells.map((c) => [c.x0, c.x1]), [[141, 179], [224, 256], [301, 339]]);
  // A column with no ink: no cells (an unread cell is not guessed from its neighbours).
  const img2 = { width, height, data: new Uint8Array(width * height).fill(255) };
  for (let y = 10; y < 30; y++) for (const [a, b] of [[145, 175], [305, 335]]) for (let x = a!; x < b!; x++) img2.data[y * width + x] = 0;
  assert.deepEqual(columnCells(img2, { x0: 0, x1: 400, y0: 5, y1: 35 }, cols, 80, 8), []);
  // A line of text running across the columns (a heading below the table): its ink reaches the slots' edges.
  const img3 = { width, height, data: new Uint8Array(width * height).fill(255) };
  for (let y = 10; y < 30; y++) for (let x = 20; x < 380; x++) if (x % 12 < 9) img3.data[y * width + x] = 0;
  assert.deepEqual(columnCells(img3, { x0: 0, x1: 400, y0: 5, y1: 35 }, cols, 80, 8), []);
});

test('the digit pass replaces its row’s first reading: words over the band’s columns go, a label keeps only its text', () => {
  const w = (text: string, left: number, top: number, width = 30): Word => ({ text, left, top, width, height: 20, conf: 90, key: '1.1.1.1' });
  // The band was moved onto the cells' ink, a little below the first reading's words; 事项88 is the label with the
  // first number glued to it.
  const words = [w('属于', 0, 10, 40), w('事项88', 60, 10, 120), w('9%0', 240, 12), w('91', 320, 12), w('下一行', 0, 60, 60)];
  const band = { x0: 150, x1: 360, y0: 18, y1: 40 };
  const cells = [[{ x0: 150, x1: 190, y0: 18, y1: 40 }, { x0: 230, x1: 270, y0: 18, y1: 40 }, { x0: 310, x1: 350, y0: 18, y1: 40 }]];
  const out = mergeDigitPass(words, [band], cells, ['88', '90', '91'], [90, 90, 90]);
  assert.deepEqual(out.map((x) => x.text).sort(), ['88', '90', '91', '下一行', '事项', '属于'].sort());
  // A row where a cell read nothing keeps its first reading whole.
  assert.deepEqual(mergeDigitPass(words, [band], cells, ['88', '', '91'], [90, 0, 90]).map((x) => x.text), words.map((x) => x.text));
});

test('a label’s ordinal set close before its text (3 .危及…) does not start a row’s cells; a number before a gap does', () => {
  const w = (text: string, left: number, width = 30): Word => ({ text, left, top: 10, width, height: 20, conf: 90, key: '1.1.1.1' });
  const bands = numericBands([w('3', 0, 15), w('.危及', 20, 200), w('53', 300), w('54', 400), w('55', 500), w('333', 600)], 5);
  assert.deepEqual(bands.map((b) => b.x0), [295]);
  // The same row with its ordinal not followed by text: each of its numbers is a cell, the first starts the band.
  assert.deepEqual(numericBands([w('3', 0, 15), w('53', 300), w('54', 400), w('55', 500)], 5).map((b) => b.x0), [0]);
});

test('a cell the digit pass left unread takes the first reading’s number only when it is one number (a % or ， between digits is noise)', () => {
  assert.equal(firstReadingNumber('11'), '11');
  assert.equal(firstReadingNumber('9%0'), '90');
  assert.equal(firstReadingNumber('9，6'), '96');
  assert.equal(firstReadingNumber('吕'), null);
  assert.equal(firstReadingNumber('1行'), null);
  assert.equal(firstReadingNumber('1%2%3'), null);
});

test('accuracy floor on a tuning scan (Hongze 2024 pages 3-4 at 150 dpi): at least 95 % of the 表三/表四 cells the text PDF reads are read equal, none differs, every page has a confidence', async () => {
  // 176 of 176 when written; the floor is the acceptance target (95 %), and a cell read differently from the text PDF
  // is a guess the readers must not make. This scan needs the single-cell re-reading (a lone 9), the table's rows
  // found below a garbled one and a band moved onto the cells of a two-line label.
  const fx = path.join(import.meta.dirname, '../fixtures');
  const x = await extractBytes(new Uint8Array(fs.readFileSync(path.join(fx, 'pdf-scan/huaian-hongze-2024-p3-4-150dpi.pdf'))), { filename: 'scan.pdf' });
  assert.equal(x.text_source, 'ocr');
  assert.ok(x.ocr!.pages.length === 2 && x.ocr!.pages.every((p) => p.confidence !== null && p.confidence > 0), JSON.stringify(x.ocr!.pages));
  const r = parseReport({ ...x, url: 'https://example.invalid/scan.pdf' });
  const truth = parseReport({ ...(await extractBytes(new Uint8Array(fs.readFileSync(path.join(fx, 'pdf/huaian-hongze-2024.pdf'))), { filename: 'text.pdf' })), url: 'https://example.invalid/text.pdf' });
  let all = 0, same = 0;
  const different: string[] = [];
  for (const t of ['t3', 't4'] as const) for (const [row, cols] of Object.entries(truth.tables[t] ?? {})) for (const [c, want] of Object.entries(cols as Record<string, number | null>)) {
    if (want === null) continue;
    all++;
    const got = (r.tables[t] as Record<string, Record<string, number | null>> | undefined)?.[row]?.[c] ?? null;
    if (got === want) same++;
    else if (got !== null) different.push(`${t}.${row}.${c} ${got}≠${want}`);
  }
  assert.ok(all >= 170, `text PDF cells: ${all}`);
  assert.deepEqual(different, []);
  assert.ok(same >= Math.ceil(0.95 * all), `${same}/${all} cells equal`);
});

test('a TSV read from a list of cell images gives each image its own words (page_num), so one process reads all of a page’s dropped cells', () => {
  const head = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const tsv = [head, '1\t1\t0\t0\t0\t0\t0\t0\t50\t40\t-1\t', '5\t1\t1\t1\t1\t1\t5\t5\t20\t30\t0\t1',
    '1\t2\t0\t0\t0\t0\t0\t0\t50\t40\t-1\t', '1\t3\t0\t0\t0\t0\t0\t0\t50\t40\t-1\t', '5\t3\t1\t1\t1\t1\t5\t5\t30\t30\t96.5\t71'].join('\n');
  const by = tsvWordsByPage(tsv);
  assert.deepEqual([...by.keys()], [1, 3]);
  assert.deepEqual(by.get(1)!.map((w) => [w.text, w.conf]), [['1', 0]]);
  assert.deepEqual(by.get(3)!.map((w) => [w.text, w.conf]), [['71', 96.5]]);
  assert.equal(by.get(2), undefined);
});
