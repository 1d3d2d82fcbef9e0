// The reports.jsonl offset index: every line found by its report_id, also when a line's head, or the key
// itself, straddles two reads of the 1 MB buffer.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { RecordLines } from '../../src/server/explorer/record-lines.ts';
import { tmpDir } from '../helpers/tmp.ts';

const MB = 1 << 20;
const line = (id: string, pad: number) => JSON.stringify({ schema_version: '1.1.0', parser_version: 'x', report_id: id, text: 'x'.repeat(pad), 名: '中文' });

test('every line is found, whatever falls on a read boundary', async () => {
  const dir = await tmpDir('ogi-lines-');
  const prefix = line('a', 0).indexOf('"report_id"');
  // For each offset k around the boundary, a first line sized so that the second line's key starts k bytes before 1 MB.
  for (const k of [-40, -20, -13, -5, -1, 0, 1, 5, prefix + 3]) {
    const base = line('first', 0).length;
    const lines = [line('first', MB - k - prefix - 1 - base), line(`second${k}`, 10), line('third', 2 * MB), line('fourth', 3)];
    assert.equal(lines[0]!.length + 1 + prefix, MB - k, 'the second key starts k bytes before the first read ends');
    const file = path.join(dir, `r${k}.jsonl`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const idx = await RecordLines.build(file);
    assert.equal(idx.size, 4, `k=${k}`);
    for (const id of ['first', `second${k}`, 'third', 'fourth']) assert.equal((await idx.get(id))?.report_id, id, `k=${k} ${id}`);
    assert.equal((await idx.get('fourth'))?.名, '中文');
    assert.equal(await idx.get('nope'), null);
  }
});
