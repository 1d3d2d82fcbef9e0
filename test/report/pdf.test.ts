// The three real PDFs through the extractor (src/extract extractBytes). Tables span pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBytes } from '../../src/extract/index.ts';
import { parseReport } from '../../src/report/index.ts';
import { fixtureBytes } from './helpers.ts';

async function parsePdf(name: string) {
  const x = await extractBytes(fixtureBytes(`pdf/${name}.pdf`), { filename: `${name}.pdf` });
  return parseReport({ ...x, url: `https://example.invalid/${name}.pdf` });
}

test('huaian-city-2024.pdf: all three tables across page breaks, every identity passes', async () => {
  const r = await parsePdf('huaian-city-2024');
  assert.equal(r.is_report, true);
  assert.equal(r.year, 2024);
  assert.equal(r.format, '2021');
  assert.match(r.agency ?? '', /淮安市/);
  assert.equal(r.region_code, '320800');
  assert.deepEqual(r.tables.t2!.normative_documents, { issued: 8, repealed: 26, in_force: 66 });
  assert.equal(r.tables.t2!.licensing!.decisions, 447228);
  assert.deepEqual(Object.values(r.tables.t3!.total!), [2932, 53, 0, 0, 61, 4, 3050]);
  assert.deepEqual(Object.values(r.tables.t3!.other_other!), [108, 2, 0, 0, 0, 0, 110]);
  assert.deepEqual(Object.values(r.tables.t3!.carried_forward!), [103, 0, 0, 0, 0, 0, 103]);
  assert.deepEqual(Object.values(r.tables.t4!.reconsideration!), [72, 64, 178, 37, 351]);
  assert.ok(r.checks.length > 0 && r.checks.every((c) => c.status === 'PASS'), JSON.stringify(r.checks.filter((c) => c.status !== 'PASS')));
});

for (const [name, t2, t4] of [
  ['huaian-hongze-2023', { licensing: 550, penalties: 4119, coercive: 195, fees: 7730.28 }, [10, 1, 0, 0, 0]],
  ['huaian-hongze-2024', { licensing: 9487, penalties: 2776, coercive: 84, fees: 7545 }, [1, 1, 0, 0, 2]],
] as const) {
  test(`${name}.pdf: 表二 and 表四 read; 表三 never gets shifted numbers`, async () => {
    const r = await parsePdf(name);
    assert.equal(r.format, '2021');
    assert.match(r.agency ?? '', /洪泽区/);
    assert.equal(r.region_code, '320813');
    assert.equal(r.tables.t2!.licensing!.decisions, t2.licensing);
    assert.equal(r.tables.t2!.penalties!.decisions, t2.penalties);
    assert.equal(r.tables.t2!.coercive_measures!.decisions, t2.coercive);
    assert.equal(r.tables.t2!.fees!.amount_10k_yuan, t2.fees);
    assert.deepEqual(Object.values(r.tables.t4!.reconsideration!), [...t4]);
    // These reports print (六)其他处理 as one row although they use the 2021 表二: read as printed.
    if (r.tables.t3) {
      assert.ok('other' in r.tables.t3);
      // Whatever the PDF text layout, a row that was read must add up or be left empty — never shifted.
      for (const [row, cells] of Object.entries(r.tables.t3)) {
        const v = Object.values(cells);
        if (v.some((x) => x === null)) continue;
        const sum = (v.slice(0, 6) as number[]).reduce((a, b) => a + b, 0);
        assert.equal(sum, v[6], `${name} t3.${row} read but does not add up: ${v.join('/')}`);
      }
    }
  });
}
