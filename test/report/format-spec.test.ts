// The registry refuses a format file that contradicts the others, at load, with a message naming what is wrong:
// a silent clash would merge two formats' columns or leave a check reading fields that do not exist.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format2019 } from '../../src/report/formats/2019.ts';
import { format2021 } from '../../src/report/formats/2021.ts';
import { formatProblem } from '../../src/report/formats/index.ts';
import { formatPre2019 } from '../../src/report/formats/pre2019.ts';
import type { FormatSpec } from '../../src/report/formats/types.ts';

const builtIn: FormatSpec[] = [format2021, format2019, formatPre2019];
const variant = (over: Partial<FormatSpec>): FormatSpec => ({ ...format2021, id: 'next', ...over });

test('the built-in formats agree with each other', () => {
  for (const [i, f] of builtIn.entries()) assert.equal(formatProblem(f, builtIn.slice(0, i)), null, f.id);
  assert.equal(formatProblem(variant({}), builtIn), null, 'a copy of 2021 under a new id is a valid format');
});

test('a format that contradicts the others is refused, naming the problem', () => {
  assert.match(formatProblem(variant({ id: '2021' }), builtIn)!, /id "2021" is already registered/);
  assert.match(formatProblem(variant({ id: 'unknown' }), builtIn)!, /reserved/);
  assert.match(formatProblem(variant({ id: 'Next-1' }), builtIn)!, /lower-case letters and digits/);
  const rows = format2021.t2!.rows;
  assert.match(formatProblem(variant({ t2: { header: /x/, rows: [rows[0]!, rows[0]!] } }), builtIn)!, /表二 block "regulations" is declared twice/);
  assert.match(formatProblem(variant({ t2: { header: /x/, rows: [{ ...rows[0]!, fields: [rows[0]!.fields[0]!, rows[0]!.fields[0]!] }] } }), builtIn)!, /declares field "issued" twice/);
  assert.match(formatProblem(variant({ crossYear: { carriedOver: true, stock: { blocks: ['regulations'], stock: 'stock_count', added: 'issued', removed: 'repealed' } } }), builtIn)!, /field "stock_count"/);
  assert.match(formatProblem(variant({ crossYear: { carriedOver: true, stock: { blocks: ['fees'], stock: 'amount_10k_yuan', added: 'amount_10k_yuan', removed: 'amount_10k_yuan' } }, t2: { header: /x/, rows: rows.filter((r) => r.key !== 'fees') } }), builtIn)!, /block "fees", which the format does not declare/);
  assert.match(formatProblem(variant({ t3: { sixth: [{ key: 'other', re: /其他处理/, zh: '（六）其他', en: 'other' }] } }), builtIn)!, /表三 row "other" is declared by another format with other labels/);
  assert.match(formatProblem(variant({ t3: { sixth: [{ key: 'total', re: /总计/, zh: '总计', en: 'total' }] } }), builtIn)!, /one of the shared rows/);
  assert.match(formatProblem(variant({ t4: false }), builtIn)!, /check T4 needs a 表四/);
  assert.match(formatProblem(variant({ deadline: { government: '3-31', department: '01-31' } }), builtIn)!, /deadline "3-31" is not MM-DD/);
});
