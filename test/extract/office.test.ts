import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBytes, ExtractError } from '../../src/extract/index.ts';
import { docBodyLines } from '../../src/extract/binary/doc.ts';
import { fixture } from './helpers.ts';

// The fixtures are the 2021 blank template with its empty cells numbered 1, 2, 3 … in document order
// (merged-cell continuations left empty), saved as DOCX and converted to DOC by LibreOffice.
const EXPECTED_ROWS = [
  '规章 | 1 | 2 | 3',
  '行政规范性文件 | 4 | 5 | 6',
  '一、本年新收政府信息公开申请数量 | 11 | 12 | 13 | 14 | 15 | 16 | 17',
  '186 | 187 | 188 | 189 | 190 | 191 | 192 | 193 | 194 | 195 | 196 | 197 | 198 | 199 | 200',
];

for (const [dir, ext] of [['docx', 'docx'], ['doc', 'doc']] as const) {
  test(`${ext}: title lifted, paragraphs and table rows kept`, async () => {
    const doc = await extractBytes(fixture(dir, `filled-2021-report.${ext}`), { filename: `filled-2021-report.${ext}` });
    assert.equal(doc.kind, ext);
    assert.equal(doc.title, '示范县人民政府2023年政府信息公开工作年度报告');
    const lines = doc.text.split('\n');
    assert.ok(lines.includes('2023年，示范县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息1234条。'));
    for (const r of EXPECTED_ROWS) assert.ok(lines.includes(r), `${ext}: missing row ${r}`);
    // Section headings between tables stay lines of their own, not glued to a table row.
    for (const h of ['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']) assert.ok(lines.includes(h), `${ext}: ${h}`);
    // The 表三 row under a rowspan label keeps its label and 7 numbers.
    const secret = lines.find((l) => l.includes('1.属于国家秘密'))!;
    assert.deepEqual(secret.split(' | ').slice(-7), ['39', '40', '41', '42', '43', '44', '45']);
    assert.deepEqual(doc.warnings, []);
  });
}

test('docx: merged cells of 表三 expand into a full grid', async () => {
  const doc = await extractBytes(fixture('docx', 'filled-2021-report.docx'), {});
  const t3 = doc.tables.find((g) => g.some((r) => r[0] === '一、本年新收政府信息公开申请数量'))!;
  assert.ok(t3);
  const width = t3[0]!.length;
  for (const r of t3) assert.equal(r.length, width);
  const secret = t3.find((r) => r.includes('1.属于国家秘密'))!;
  assert.equal(secret[0], '三、本年度办理结果');
  assert.equal(secret[1], '（三）不予公开');
});

test('the blank template (no filled cells) still reads: labels present, empty cells kept', async () => {
  const doc = await extractBytes(fixture('docx', 'blank-2021-template.docx'), {});
  assert.ok(doc.text.includes('（七）总计'));
  assert.ok(doc.text.split('\n').includes('规章 |  |  | '));
});

test('doc body: tab-marked cells and rows, wrapped labels inside cells rejoined', () => {
  const body = '一、总体情况\n正文一段。\n行政复议\t行政诉讼\t\n结果\n维持\t结果\n纠正\t\t1\t2\t\n\n\n五、存在的主要问题\n表头\t值\t\n';
  assert.deepEqual(docBodyLines(body), ['一、总体情况', '正文一段。', '行政复议 | 行政诉讼', '结果维持 | 结果纠正', '1 | 2', '五、存在的主要问题', '表头 | 值']);
});

test('a file that claims to be DOCX but is not throws ExtractError', async () => {
  await assert.rejects(extractBytes(new Uint8Array(Buffer.from('PK\u0003\u0004 not really a zip')), { kind: 'docx' }), ExtractError);
});
