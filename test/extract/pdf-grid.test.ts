// The three real PDFs: the grids rebuilt from their text positions hold the printed 表三 (and 表二, 表四) rows cell
// for cell. The answer key (fixtures/pdf/tables-expected.json) was written from the printed pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractBytes } from '../../src/extract/index.ts';
import { parseReport } from '../../src/report/index.ts';
import type { Grid } from '../../src/schema/document.ts';
import { fixture } from './helpers.ts';

type Row = [string[], string[]];
interface Key { t2: Row[]; t3: Row[]; t4: { leaves: string[]; values: string[] }; text_layer: Record<string, string> }
const KEY = JSON.parse(readFileSync(new URL('../fixtures/pdf/tables-expected.json', import.meta.url), 'utf8')) as Record<string, Key>;

const VALUE = /^[-+]?\d[\d,]*(\.\d+)?%?$/;

/** A grid's value rows as [labels, values]: label cells with span copies written once, then the value cells. */
function rowsOf(grid: Grid, valueCols: number): Row[] {
  const rows: Row[] = [];
  for (const row of grid) {
    const labels = row.slice(0, row.length - valueCols);
    const values = row.slice(row.length - valueCols);
    if (!values.some((v) => VALUE.test(v))) continue; // a header or caption row
    const once = labels.filter((l, i) => l !== '' && l !== labels[i - 1]);
    rows.push([once, values.filter((v) => v !== '')]);
  }
  return rows;
}

const kindOf = (g: Grid) => {
  const text = g.flat().join('');
  if (/本年新收/.test(text)) return 't3';
  if (/行政复议/.test(text) && /行政诉讼/.test(text)) return 't4';
  if (/行政许可|规范性文件/.test(text)) return 't2';
  return null;
};

for (const [file, key] of Object.entries(KEY).filter(([k]) => !k.startsWith('_'))) {
  test(`${file}: the PDF's grids match the printed 表三, 表二 and 表四 cell for cell`, async () => {
    const doc = await extractBytes(fixture('pdf', file), { filename: file });
    const byKind = new Map(doc.tables.map((g) => [kindOf(g), g]));
    // A vertically set label whose glyphs pdf.js's text layer drops is compared as the text layer holds it.
    const asLayer = (rows: Row[]): Row[] => rows.map(([l, v]) => [l.map((x) => key.text_layer[x] ?? x), v]);

    const t3 = byKind.get('t3');
    assert.ok(t3, 'no 表三 grid');
    assert.equal(t3[0]!.length - 7 >= 1, true, 'label columns left of the 7 value columns');
    const got3 = rowsOf(t3, 7);
    const want3 = asLayer(key.t3);
    let cells = 0;
    let matched = 0;
    want3.forEach(([labels, values], i) => {
      const [gl, gv] = got3[i] ?? [[], []];
      labels.forEach((l, k) => { cells++; if (gl[k] === l) matched++; });
      values.forEach((v, k) => { cells++; if (gv[k] === v) matched++; });
    });
    assert.deepEqual(got3, want3, `表三: ${matched}/${cells} cells match`);

    const t4 = byKind.get('t4');
    assert.ok(t4, 'no 表四 grid');
    assert.equal(t4[0]!.length, 15);
    assert.deepEqual(t4.find((r) => r.every((c) => VALUE.test(c))), key.t4.values);
    assert.deepEqual(t4.filter((r) => !r.every((c) => VALUE.test(c))).at(-1), key.t4.leaves);

    const t2 = byKind.get('t2');
    assert.ok(t2, 'no 表二 grid');
    assert.deepEqual(rowsOf(t2, t2[0]!.length - 1), key.t2);
  });
}

test('PDF grids feed the table readers: the 表三 read from them equals the printed rows', async () => {
  const doc = await extractBytes(fixture('pdf', 'huaian-city-2024.pdf'), {});
  const r = parseReport({ ...doc, url: 'https://example.invalid/huaian-city-2024.pdf' });
  const key = KEY['huaian-city-2024.pdf']!;
  assert.deepEqual(Object.values(r.tables.t3!.new_received!).map(String), key.t3[0]![1]);
  assert.deepEqual(Object.values(r.tables.t3!.total!).map(String), key.t3.at(-2)![1]);
  // Without the text's own rows the grids alone carry the tables.
  const gridsOnly = parseReport({ ...doc, text: doc.text.split('\n').filter((l) => !l.includes(' | ')).join('\n'), url: 'https://example.invalid/x.pdf' });
  assert.deepEqual(gridsOnly.tables.t3, r.tables.t3);
  assert.deepEqual(gridsOnly.tables.t4, r.tables.t4);
  assert.ok(gridsOnly.checks.length > 0 && gridsOnly.checks.every((c) => c.status === 'PASS'), JSON.stringify(gridsOnly.checks.filter((c) => c.status !== 'PASS')));
});

test('a layout grid whose rows break the identities loses to the text rows, and the record says so', async () => {
  const doc = await extractBytes(fixture('pdf', 'huaian-city-2024.pdf'), {});
  const good = parseReport({ ...doc, url: 'https://example.invalid/a.pdf' });
  // Shift the values of every 表三 row one column to the right, as a wrong column model would.
  const tables = doc.tables.map((g) => (kindOf(g) !== 't3' ? g : g.map((row) => (VALUE.test(row.at(-1)!) ? [...row.slice(0, -7), '0', ...row.slice(-7, -1)] : row))));
  const r = parseReport({ ...doc, tables, url: 'https://example.invalid/a.pdf' });
  assert.deepEqual(r.tables.t3, good.tables.t3);
  assert.ok(r.warnings.some((w) => /read from the PDF's text rows: more of their identities hold/.test(w)), r.warnings.join('\n'));
});
