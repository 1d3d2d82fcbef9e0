// The grid builder on hand-made word boxes: each case is a layout the standard tables are printed in, drawn at
// two scales (PDF points and 300-dpi pixels) so no rule can lean on absolute distances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGrids, partitionColumns, type LayoutWord } from '../../src/extract/layout/grid.ts';

/** A little typesetter: text at (x, baseline y) on a page, `h` units high, CJK glyphs one `h` wide, digits half. */
function pageWriter(scale: number) {
  const words: LayoutWord[] = [];
  const put = (page: number, text: string, x: number, y: number, h = 10) => {
    const w = [...text].reduce((n, ch) => n + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0) * h;
    words.push({ text, x0: x * scale, x1: (x + w) * scale, y: y * scale, height: h * scale, page });
  };
  /** A header cell's text centred on x, optionally wrapped into stacked lines. */
  const centred = (page: number, lines: string[], cx: number, y: number, h = 10) => {
    lines.forEach((t, i) => {
      const w = [...t].length * h;
      put(page, t, cx - w / 2, y + i * 1.4 * h, h);
    });
  };
  return { words, put, centred };
}

const COLS = [300, 330, 360, 390, 420, 450, 480]; // centres of the seven 表三 value columns

/** The 2021 表三 header in three bands: 申请人情况 / 法人或其他组织 / the leaves, each vertically centred in its cell. */
function t3Header(w: ReturnType<typeof pageWriter>, page: number, y: number) {
  w.centred(page, ['申请人情况'], 390, y + 14);
  w.centred(page, ['法人或其他组织'], 390, y + 34);
  w.centred(page, ['自然人'], COLS[0]!, y + 54);
  w.centred(page, ['总计'], COLS[6]!, y + 54);
  w.centred(page, ['商业', '企业'], COLS[1]!, y + 56);
  w.centred(page, ['科研', '机构'], COLS[2]!, y + 56);
  w.centred(page, ['社会', '公益', '组织'], COLS[3]!, y + 49);
  w.centred(page, ['法律', '服务', '机构'], COLS[4]!, y + 49);
  w.centred(page, ['其他'], COLS[5]!, y + 64);
  w.put(page, '（本列数据的勾稽关系为：第一项加第二项之和，', 60, y + 40);
  w.put(page, '等于第三项加第四项之和）', 60, y + 54);
}

function t3Row(w: ReturnType<typeof pageWriter>, page: number, y: number, x: number, label: string, values: number[]) {
  if (label) w.put(page, label, x, y);
  // Numbers set a little larger than the labels, right-aligned in their columns, a point off the label's baseline.
  values.forEach((v, i) => { const s = String(v); w.put(page, s, COLS[i]! + 8 - s.length * 6, y + 1, 12); });
}

function t3Words(scale: number) {
  const w = pageWriter(scale);
  w.put(1, '三、收到和处理政府信息公开申请情况', 100, 290, 16);
  t3Header(w, 1, 310);
  t3Row(w, 1, 410, 60, '一、本年新收政府信息公开申请数量', [10, 1, 0, 0, 2, 0, 13]);
  t3Row(w, 1, 430, 60, '二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]);
  // A stacked rowspan label in the leftmost column, one character a line.
  [...'三、本年度办理结果'].forEach((ch, i) => w.put(1, ch, 63, 450 + i * 9, 8));
  t3Row(w, 1, 450, 85, '（一）予以公开', [5, 1, 0, 0, 1, 0, 7]);
  // A label wrapped on two lines with its numbers centred between them.
  w.put(1, '（二）部分公开（区分处理的，只计这一情', 85, 466);
  w.put(1, '形，不计其他情形）', 85, 480);
  t3Row(w, 1, 472, 0, '', [1, 0, 0, 0, 0, 0, 1]);
  // A group label centred beside its numbered rows, which run over a page break.
  w.put(1, '（三）不予公开', 85, 512);
  t3Row(w, 1, 500, 160, '1.属于国家秘密', [0, 0, 0, 0, 0, 0, 0]);
  t3Row(w, 1, 520, 160, '2.其他法律行政法规禁止公开', [1, 0, 0, 0, 0, 0, 1]);
  w.put(1, '- 3 -', 280, 800, 12);
  // Page 2 repeats the header first.
  w.put(2, '- 4 -', 280, 40, 12);
  t3Header(w, 2, 60);
  t3Row(w, 2, 160, 160, '3.危及“三安全一稳定”', [0, 0, 0, 0, 0, 0, 0]);
  t3Row(w, 2, 180, 85, '（四）总计', [7, 1, 0, 0, 1, 0, 9]);
  t3Row(w, 2, 200, 60, '四、结转下年度继续办理', [4, 0, 0, 0, 1, 0, 5]);
  w.put(2, '四、政府信息公开行政复议、行政诉讼情况', 100, 260, 16);
  w.put(2, '本机关全年共收到行政复议申请和行政诉讼案件若干件，均已依法办理完毕，没有出现被纠错的情况。', 60, 300, 16);
  return w.words;
}

const LABEL_HEADER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const T3_EXPECTED = [
  [LABEL_HEADER, LABEL_HEADER, LABEL_HEADER, '申请人情况', '申请人情况', '申请人情况', '申请人情况', '申请人情况', '申请人情况', '申请人情况'],
  [LABEL_HEADER, LABEL_HEADER, LABEL_HEADER, '自然人', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '总计'],
  [LABEL_HEADER, LABEL_HEADER, LABEL_HEADER, '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
  ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '10', '1', '0', '0', '2', '0', '13'],
  ['二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '1'],
  ['三、本年度办理结果', '（一）予以公开', '（一）予以公开', '5', '1', '0', '0', '1', '0', '7'],
  ['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '1', '0', '0', '0', '0', '0', '1'],
  ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0'],
  ['三、本年度办理结果', '（三）不予公开', '2.其他法律行政法规禁止公开', '1', '0', '0', '0', '0', '0', '1'],
  ['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”', '0', '0', '0', '0', '0', '0', '0'],
  ['三、本年度办理结果', '（四）总计', '（四）总计', '7', '1', '0', '0', '1', '0', '9'],
  ['四、结转下年度继续办理', '四、结转下年度继续办理', '四、结转下年度继续办理', '4', '0', '0', '0', '1', '0', '5'],
];

for (const scale of [1, 300 / 72]) {
  test(`grid (scale ${scale.toFixed(2)}): 表三 with a two-row header, merged cells, rowspan groups, a wrapped label, over a page break`, () => {
    const { tables, limits_hit } = buildGrids(t3Words(scale));
    assert.deepEqual(limits_hit, []);
    const t3 = tables.find((t) => t.kind === 't3');
    assert.ok(t3, JSON.stringify(tables.map((t) => t.kind)));
    assert.equal(t3.heading, '三、收到和处理政府信息公开申请情况');
    assert.deepEqual(t3.pages, [1, 2]);
    assert.equal(t3.label_columns, 3);
    assert.equal(t3.header_rows, 3, 'the header repeated on page 2 is dropped');
    assert.deepEqual(t3.grid, T3_EXPECTED);
  });
}

test('grid: 表四 with grouped headers over 15 columns, stacked two-line leaves', () => {
  const w = pageWriter(1);
  w.put(1, '四、政府信息公开行政复议、行政诉讼情况', 80, 100, 16);
  const x = (i: number) => 70 + i * 30; // column centres
  w.centred(1, ['行政复议'], (x(0) + x(4)) / 2, 130);
  w.centred(1, ['行政诉讼'], (x(5) + x(14)) / 2, 130);
  w.centred(1, ['未经复议直接起诉'], (x(5) + x(9)) / 2, 155);
  w.centred(1, ['复议后起诉'], (x(10) + x(14)) / 2, 155);
  const leaves = [['结果', '维持'], ['结果', '纠正'], ['其他', '结果'], ['尚未', '审结']];
  for (let g = 0; g < 3; g++) {
    const top = g === 0 ? 165 : 180;
    leaves.forEach((l, i) => w.centred(1, l, x(g * 5 + i), top, 9));
    w.centred(1, ['总计'], x(g * 5 + 4), top + 6, 9);
  }
  const values = [3, 1, 0, 1, 5, 2, 0, 0, 0, 2, 1, 0, 0, 0, 1];
  values.forEach((v, i) => w.put(1, String(v), x(i) - 3, 220, 12));
  const t4 = buildGrids(w.words).tables.find((t) => t.kind === 't4');
  assert.ok(t4);
  assert.equal(t4.label_columns, 0);
  const fill = (a: string, n: number) => Array(n).fill(a);
  assert.deepEqual(t4.grid, [
    [...fill('行政复议', 5), ...fill('行政诉讼', 10)],
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', ...fill('未经复议直接起诉', 5), ...fill('复议后起诉', 5)],
    [...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'], ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'], ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']],
    values.map(String),
  ]);
});

test('grid: 表二 sub-tables under captions; a value under a merged header is written once, in its first column', () => {
  const w = pageWriter(1);
  w.put(1, '二、主动公开政府信息情况', 80, 100, 16);
  w.put(1, '第二十条第（一）项', 214, 130, 12);
  w.put(1, '信息内容', 100, 160, 12);
  w.centred(1, ['本年制发件数'], 280, 160 + 0, 12);
  w.centred(1, ['本年废止件数'], 370, 160, 12);
  w.centred(1, ['现行有效件数'], 460, 160, 12);
  w.put(1, '规章', 70, 190, 12); w.put(1, '0', 277, 190, 12); w.put(1, '1', 367, 190, 12); w.put(1, '12', 454, 190, 12);
  w.put(1, '第二十条第（五）项', 214, 230, 12);
  w.put(1, '信息内容', 100, 260, 12);
  w.centred(1, ['本年处理决定数量'], 370, 260, 12);
  w.put(1, '行政许可', 70, 290, 12); w.put(1, '9487', 358, 290, 12);
  w.put(1, '三、收到和处理政府信息公开申请情况', 80, 340, 16);
  const t2 = buildGrids(w.words).tables.find((t) => t.kind === 't2');
  assert.ok(t2);
  assert.deepEqual(t2.grid, [
    Array(4).fill('第二十条第（一）项'),
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', '0', '1', '12'],
    Array(4).fill('第二十条第（五）项'),
    ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
    ['行政许可', '9487', '', ''],
  ]);
});

test('grid: a table found by its header labels when its heading is missing', () => {
  const w = pageWriter(1);
  t3Header(w, 1, 100);
  t3Row(w, 1, 200, 60, '一、本年新收政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]);
  const t = buildGrids(w.words).tables;
  assert.equal(t.length, 1);
  assert.equal(t[0]!.kind, 't3');
  assert.equal(t[0]!.heading, null);
  assert.deepEqual(t[0]!.grid.at(-1)!.slice(t[0]!.label_columns), ['1', '0', '0', '0', '0', '0', '1']);
});

test('grid: prose, headings and page numbers are no table; bounds are recorded when hit', () => {
  const w = pageWriter(1);
  w.put(1, '一、总体情况', 80, 100, 16);
  w.put(1, '2024年，本机关主动公开政府信息1200条，办理依申请公开35件。', 60, 130, 16);
  w.put(1, '本年度未发生行政复议、行政诉讼案件。', 60, 160, 16);
  w.put(1, '本年新增政务新媒体账号', 60, 190, 16); w.put(1, '3', 300, 190, 16);
  w.put(1, '- 1 -', 280, 800, 12);
  assert.deepEqual(buildGrids(w.words).tables, []);
  const many = t3Words(1);
  const capped = buildGrids(many, { maxWordsPerPage: 40, maxWords: 100_000, maxTables: 12, maxRowsPerTable: 300 });
  assert.ok(capped.limits_hit.some((m) => /page 1 has over 40 words/.test(m)), capped.limits_hit.join());
  const total = buildGrids(many, { maxWordsPerPage: 10_000, maxWords: 30, maxTables: 12, maxRowsPerTable: 300 });
  assert.ok(total.limits_hit.some((m) => /over 30 words in the document/.test(m)));
  const rows = buildGrids(many, { maxWordsPerPage: 10_000, maxWords: 100_000, maxTables: 12, maxRowsPerTable: 3 });
  assert.ok(rows.limits_hit.some((m) => /over 3 rows/.test(m)));
  assert.ok(rows.tables[0]!.grid.length - rows.tables[0]!.header_rows <= 3);
  const cols = buildGrids(many, { maxWordsPerPage: 10_000, maxWords: 100_000, maxTables: 12, maxRowsPerTable: 300, maxColumns: 5 });
  assert.ok(cols.limits_hit.some((m) => /7 value columns, over 5/.test(m)), cols.limits_hit.join());
  assert.equal(cols.tables.filter((t) => t.kind === 't3').length, 0);
});

test('partitionColumns: a centred merged cell takes the columns it is centred over; end runs go to the cell beside them', () => {
  const cols = [0, 1, 2, 3, 4, 5, 6].map((i) => ({ x0: i * 30, x1: i * 30 + 20 }));
  // “自然人” over column 0, “法人或其他组织” narrow but centred over 1-5, “总计” over 6.
  assert.deepEqual(partitionColumns([{ x0: 0, x1: 20 }, { x0: 75, x1: 125 }, { x0: 180, x1: 200 }], cols), [0, 1, 1, 1, 1, 1, 2]);
  assert.deepEqual(partitionColumns([{ x0: 95, x1: 105 }], cols), [0, 0, 0, 0, 0, 0, 0]);
});

test('grid: centred labels and wraps, several values set as one run, a header cut by a page break', () => {
  const w = pageWriter(1);
  w.put(1, '三、收到和处理政府信息公开申请情况', 100, 700, 16);
  // Only the top header line fits on page 1; the rest of the header and the rows are on page 2.
  w.centred(1, ['申请人情况'], 390, 740);
  w.centred(2, ['法人或其他组织'], 390, 60);
  w.centred(2, ['自然人'], COLS[0]!, 80);
  w.centred(2, ['总计'], COLS[6]!, 80);
  ['商业企业', '科研机构', '社会组织', '法律服务'].forEach((t, i) => w.centred(2, [t.slice(0, 2), t.slice(2)], COLS[i + 1]!, 76));
  w.centred(2, ['其他'], COLS[5]!, 83);
  // Labels centred in a 200-wide label zone (60–260): colspan labels over it all, sub-row labels in its right part.
  const centredLabel = (y: number, text: string, cx: number) => w.centred(2, [text], cx, y);
  centredLabel(120, '一、本年新收政府信息公开申请数量', 160);
  // One text run holding three cells (“103 104 105”), the rest one cell each.
  w.words.push({ text: '103 104 105', x0: COLS[0]! - 9, x1: COLS[2]! + 9, y: 121, height: 12, page: 2 });
  // The last four as OCR reads them: cell borders taken for “|”, two cells in one word.
  w.put(2, '0', COLS[3]! - 3, 121, 12);
  w.put(2, '|', COLS[3]! + 12, 121, 12);
  w.words.push({ text: '0|2', x0: COLS[4]! - 4, x1: COLS[5]! + 4, y: 121, height: 12, page: 2 });
  w.put(2, '3', COLS[6]! - 3, 121, 12);
  centredLabel(150, '（三）不予公开', 100);
  centredLabel(140, '1.属于国家秘密', 200);
  centredLabel(160, '2.其他法律行政法规', 200);
  centredLabel(174, '禁止公开', 200);
  [140, 167].forEach((y, r) => COLS.forEach((x, i) => w.put(2, String(r * 7 + i), x - 3, y + 1, 12)));
  const t3 = buildGrids(w.words).tables.find((t) => t.kind === 't3');
  assert.ok(t3);
  assert.equal(t3.header_rows, 3);
  assert.deepEqual(t3.grid[2]!.slice(t3.label_columns), ['自然人', '商业企业', '科研机构', '社会组织', '法律服务', '其他', '总计']);
  const L = t3.label_columns;
  const body = t3.grid.slice(t3.header_rows).map((r) => [...r.slice(0, L).filter((c, i, a) => c !== a[i - 1]), ...r.slice(L)]);
  assert.equal(t3.label_columns, 2);
  assert.deepEqual(body[0], ['一、本年新收政府信息公开申请数量', '103', '104', '105', '0', '0', '2', '3']);
  assert.deepEqual(body[1], ['（三）不予公开', '1.属于国家秘密', '0', '1', '2', '3', '4', '5', '6']);
  assert.deepEqual(body[2], ['（三）不予公开', '2.其他法律行政法规禁止公开', '7', '8', '9', '10', '11', '12', '13']);
});

test('grid: an ordinal opens a new cell beside a narrow column; a value may carry its unit', () => {
  const w = pageWriter(1);
  w.put(1, '二、主动公开政府信息情况', 80, 100, 16);
  w.put(1, '信息内容', 60, 130, 12);
  w.centred(1, ['采购项目数量'], 300, 130, 12);
  w.centred(1, ['采购总金额'], 420, 130, 12);
  w.put(1, '政府集中采购', 60, 160, 12);
  w.put(1, '135', 290, 160, 12);
  w.put(1, '7539.52', 400, 160, 12); w.put(1, '万元', 442, 160, 12);
  const t2 = buildGrids(w.words).tables[0]!;
  assert.deepEqual(t2.grid.at(-1), ['政府集中采购', '135', '7539.52万元']);

  const v = pageWriter(1);
  v.put(1, '三、收到和处理政府信息公开申请情况', 100, 100, 16);
  t3Header(v, 1, 110);
  // “（三）不予公” wrapped in a narrow column, its last characters touching the next column's “4.保护…”.
  v.put(1, '（三）不予公', 60, 200); v.put(1, '4.保护第三方合法权益', 121, 200);
  v.put(1, '开', 60, 214);
  t3Row(v, 1, 200, 0, '', [1, 0, 0, 0, 0, 0, 1]);
  const t3 = buildGrids(v.words).tables[0]!;
  const row = t3.grid.at(-1)!;
  assert.deepEqual(row.slice(0, t3.label_columns).filter((c, i, a) => c !== a[i - 1]), ['（三）不予公开', '4.保护第三方合法权益']);
});

test('grid: table headings in the forms reports print them', async () => {
  const { TABLE_HEADINGS } = await import('../../src/extract/rules/table-layout.ts');
  const kind = (t: string) => TABLE_HEADINGS.find((h) => h.re.test(t))?.kind ?? null;
  assert.equal(kind('二、主动公开政府信息情况'), 't2');
  assert.equal(kind('表二：主动公开政府信息情况'), 't2');
  assert.equal(kind('（三）收到和处理政府信息公开申请情况'), 't3');
  assert.equal(kind('三、收到和处理政府信息公开申请情况（单位：件）'), 't3');
  assert.equal(kind('四、政府信息公开行政复议、行政诉讼情况'), 't4');
  assert.equal(kind('五、因政府信息公开被申请行政复议、提起行政诉讼情况'), 't4');
  // Prose that names a table is no heading.
  assert.equal(kind('本年度收到和处理政府信息公开申请情况见下表。'), null);
  assert.equal(kind('五、存在的主要问题及改进情况'), null);
});
