// Spreadsheet attachments (.xlsx, .xls, WPS .et) → grids with merged cells expanded → the report parser.
// Fixtures are written by test/fixtures/xlsx/make.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { detectKind, extractBytes } from '../../src/extract/index.ts';
import { parseReport } from '../../src/report/index.ts';

const dir = path.join(import.meta.dirname, '../fixtures/xlsx');
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(dir, name)));

for (const name of ['table3-2021.xlsx', 'table3-2021.xls', 'table3-2021.et']) {
  test(`${name}: merged header cells expanded into the grid, and the parser reads 表三 cells`, async () => {
    const b = bytes(name);
    // Sniffed from the bytes, whatever the name says.
    assert.equal(detectKind(b, { filename: 'download.bin' }), 'sheet');
    const x = await extractBytes(b, { filename: name });
    assert.equal(x.kind, 'sheet');
    assert.equal(x.tables.length, 1);
    const g = x.tables[0]!;
    assert.equal(g.every((row) => row.length === g[0]!.length), true, 'rectangular grid');
    const header = g.findIndex((row) => row.includes('商业企业'));
    // 法人或其他组织 covers five columns; 自然人 and 总计 cover two header rows; the 勾稽关系 note three columns.
    assert.deepEqual(g[header - 1]!.slice(3), ['自然人', ...Array(5).fill('法人或其他组织'), '总计']);
    assert.equal(g[header]![3], '自然人');
    assert.equal(g[header]![9], '总计');
    assert.match(g[header]![2]!, /勾稽关系/);
    const partial = g.find((row) => row[1]!.startsWith('（二）部分公开'))!;
    assert.equal(partial[0], '三、本年度办理结果');
    assert.equal(partial[2], partial[1]);
    assert.equal(x.title, '淮安市2024年政府信息公开工作年度报告');

    const r = parseReport({ ...x, url: `https://example.invalid/${name}` });
    assert.equal(r.format, '2021');
    assert.deepEqual(Object.values(r.tables.t3!.new_received!), [3001, 53, 0, 0, 61, 4, 3119]);
    assert.deepEqual(Object.values(r.tables.t3!.total!), [2932, 53, 0, 0, 61, 4, 3050]);
    assert.deepEqual(Object.values(r.tables.t3!.other_other!), [108, 2, 0, 0, 0, 0, 110]);
    assert.deepEqual(Object.values(r.tables.t3!.carried_forward!), [103, 0, 0, 0, 0, 0, 103]);
    const t3checks = r.checks.filter((c) => c.id.startsWith('T3'));
    assert.ok(t3checks.length > 0 && t3checks.every((c) => c.status === 'PASS'), JSON.stringify(t3checks));
  });
}

test('a spreadsheet that is not one is an extraction error that names the kind', async () => {
  await assert.rejects(extractBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]), { kind: 'sheet' }), /sheet could not be read/);
});
