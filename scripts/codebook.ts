// Writes docs/codebook.md from the same function that writes each snapshot's codebook.md:
//   node --import tsx scripts/codebook.ts
// test/storage/codebook-doc.test.ts fails when the committed file is stale.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderSnapshotCodebook } from '../storage/snapshot-codebook.ts';

const target = path.join(import.meta.dirname, '..', 'docs', 'codebook.md');
await writeFile(target, renderSnapshotCodebook());
process.stdout.write(`wrote ${target}\n`);
