import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { CODEBOOK } from '../../src/schema/codebook.ts';
import { renderSnapshotCodebook } from '../../storage/snapshot-codebook.ts';
import { repoRoot } from '../helpers/tmp.ts';

test('docs/codebook.md is up to date (regenerate: node --import tsx scripts/codebook.ts)', async () => {
  const committed = await readFile(path.join(repoRoot, 'docs', 'codebook.md'), 'utf8');
  assert.ok(committed === renderSnapshotCodebook(), 'docs/codebook.md is stale: run `node --import tsx scripts/codebook.ts` and commit it');
});

test('the codebook documents every column, the long tables and the cross-year checks', () => {
  const md = renderSnapshotCodebook();
  for (const c of CODEBOOK) assert.ok(md.includes(`| \`${c.name}\` | ${c.type} |`), c.name);
  assert.match(md, /## `cells.parquet`/);
  assert.match(md, /\*\*X-1\*\*/);
  assert.match(md, /\*\*X-2\*\*/);
});
