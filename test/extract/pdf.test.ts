import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBytes, ExtractError } from '../../src/extract/index.ts';
import { layoutPage, joinWrapped, type PdfItem } from '../../src/extract/binary/pdf-layout.ts';
import { fixture } from './helpers.ts';

const cells = (line: string) => line.split(' | ');
const NUM = /^\d+(\.\d+)?$/;

/** The line starting with `label` (possibly after a rowspan label cell) and its numeric cells. */
function row(text: string, label: string): string[] | null {
  for (const l of text.split('\n')) {
    const c = cells(l);
    const i = c.findIndex((x) => x === label);
    if (i >= 0) return c.slice(i + 1);
  }
  return null;
}

const T3_ROWS = [
  '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '1.属于国家秘密', '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”', '6.属于四类过程性信息', '8.属于行政查询事项', '1.本机关不掌握相关政府信息', '2.重复申请', '（七）总计', '四、结转下年度继续办理',
];

for (const name of ['huaian-city-2024', 'huaian-hongze-2023', 'huaian-hongze-2024']) {
  test(`${name}.pdf: 表三 rows keep their label and 7 numbers on one line`, async () => {
    const doc = await extractBytes(fixture('pdf', `${name}.pdf`), { filename: `${name}.pdf` });
    assert.equal(doc.kind, 'pdf');
    assert.equal(doc.needs_ocr, false);
    assert.match(doc.title ?? '', /^.+20\d\d年.*政府信息公开工作年度报告$/);
    let found = 0;
    for (const label of T3_ROWS) {
      const nums = row(doc.text, label);
      if (!nums) continue;
      found++;
      assert.equal(nums.length, 7, `${label}: ${nums.join(',')}`);
      for (const n of nums) assert.match(n, NUM, `${label}: ${n}`);
      // 总计 is the sum of the six applicant columns (勾稽 T3-3) when the row was read in the right order.
      const v = nums.map(Number);
      assert.equal(v.slice(0, 6).reduce((a, b) => a + b, 0), v[6], `${label}: ${nums.join(',')}`);
    }
    assert.ok(found >= 10, `only ${found} 表三 rows found`);
    // No page number line between rows of a table that runs over a page break.
    assert.ok(!doc.text.split('\n').some((l) => /^[-—]\s*\d+\s*[-—]$/.test(l)));
  });
}

test('huaian-city-2024.pdf: the wrapped (二)部分公开 label is rejoined to its numbers', async () => {
  const doc = await extractBytes(fixture('pdf', 'huaian-city-2024.pdf'), {});
  assert.deepEqual(row(doc.text, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), ['447', '7', '0', '0', '0', '0', '454']);
  assert.deepEqual(row(doc.text, '一、本年新收政府信息公开申请数量'), ['3001', '53', '0', '0', '61', '4', '3119']);
});

const it = (str: string, x: number, y: number, size = 10, width = str.length * size): PdfItem => ({ str, x, y, width, size });

test('layout: numbers set a little below their label join its line; wide gaps split cells', () => {
  const lines = layoutPage([it('行政处罚', 80, 700), it('3985', 250, 697.5, 10, 20), it('12', 300, 697.5, 10, 10)]);
  assert.deepEqual(lines.map((l) => l.cells.map((c) => c.text)), [['行政处罚', '3985', '12']]);
});

test('layout: characters stacked vertically become one label line', () => {
  const stacked = ['三、', '本', '年', '度'].map((s, i) => it(s, 40, 500 - i * 15, 7.5, 7.5 * s.length));
  const lines = layoutPage([...stacked, it('（一）予以公开', 100, 480, 7.5), it('5', 250, 480, 7.5, 4)]);
  const texts = lines.map((l) => l.cells.map((c) => c.text).join(' | '));
  assert.ok(texts.includes('三、本年度'), texts.join('\n'));
  assert.ok(texts.includes('（一）予以公开 | 5'), texts.join('\n'));
});

test('joinWrapped: prose wrapped at the margin is rejoined, sentence ends and table rows are not', () => {
  const lines = layoutPage([
    it('本报告由某某县人民政府办公室根据条例', 50, 700, 10, 400),
    it('规定编制。', 50, 685, 10, 50),
    it('一、总体情况', 50, 660, 10, 60),
    it('行政许可', 50, 640, 10, 40), it('7', 300, 640, 10, 5), it('8', 350, 640, 10, 5),
  ]);
  assert.deepEqual(joinWrapped(lines), ['本报告由某某县人民政府办公室根据条例规定编制。', '一、总体情况', '行政许可 | 7 | 8']);
});

/** A one-page PDF with no text layer, as scanners produce (the image is left out: only text matters here). */
function blankPdf(): Uint8Array {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>', '<< /Length 0 >>\nstream\n\nendstream'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

test('a PDF without a text layer is needs_ocr with a warning, not an empty report', async () => {
  const doc = await extractBytes(blankPdf(), { filename: 'scan.pdf' });
  assert.equal(doc.needs_ocr, true);
  assert.ok(doc.warnings.some((w) => w.includes('needs OCR')), doc.warnings.join());
});

test('a corrupt PDF throws ExtractError naming the kind', async () => {
  await assert.rejects(extractBytes(new Uint8Array(Buffer.from('%PDF-1.4 garbage')), {}), (e: unknown) => e instanceof ExtractError && /^pdf could not be read/.test(e.message));
});
