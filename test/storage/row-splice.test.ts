import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { concatSpliced } from '../../storage/row-splice.ts';
import { tmpDir } from '../helpers/tmp.ts';

test('spliced join fills the empty cells of every row, whatever the read chunk size', async () => {
  const dir = await tmpDir();
  // Rows with multi-byte text and a quoted newline: row boundaries come from the recorded lengths, not from '\n'.
  const rows = [['a1', '', '', '', '标题,"x"\n下一行'], ['b22', '', '', '', 'plain'], ['c', '', '', '', '']].map((r) => ({ head: `${r[0]},`, line: `${r[0]},,,,${r[4]!.includes('\n') ? `"${r[4]!.replace(/"/g, '""')}"` : r[4]}\n` }));
  const expected = `H\n${rows.map((r, i) => r.line.replace(`${r.head},,`, `${r.head}g${i},${i % 2 === 0},${i + 1}`)).join('')}`;
  for (const chunk of [1, 2, 3, 7, 1 << 20]) {
    const file = path.join(dir, `part-${chunk}`);
    await writeFile(file, rows.map((r) => r.line).join(''));
    const target = path.join(dir, `out-${chunk}`);
    const res = await concatSpliced(target, [{ file, rowBytes: rows.map((r) => Buffer.byteLength(r.line)), headBytes: rows.map((r) => Buffer.byteLength(r.head)), insert: (i) => `g${i},${i % 2 === 0},${i + 1}` }], 'H\n', 2, chunk);
    const out = await readFile(target, 'utf8');
    assert.equal(out, expected, `chunk ${chunk}`);
    assert.equal(res.sha256, createHash('sha256').update(out).digest('hex'));
  }
});

test('spliced join refuses a part whose rows do not match the recorded lengths', async () => {
  const dir = await tmpDir();
  const file = path.join(dir, 'part');
  await writeFile(file, 'a,x,,,rest\n');
  await assert.rejects(concatSpliced(path.join(dir, 'out'), [{ file, rowBytes: [11], headBytes: [2], insert: () => 'g,true,1' }], '', 2), /row 0 has no empty cells at byte 2/);
});
