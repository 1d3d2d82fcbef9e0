import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { tmpDir } from '../helpers/tmp.ts';
import { mergeRunReports, writePortalReport } from '../../storage/run-reports.ts';

test('portal reports written without a merge stay out of runs/<run>.json until the run is merged once', async () => {
  const dataDir = await tmpDir('ogi-run-reports-');
  const merged = path.join(dataDir, 'runs', 'run1.json');
  for (let i = 0; i < 30; i++) await writePortalReport(dataDir, 'run1', { portal_id: `p${i}` }, { merge: false });
  await assert.rejects(stat(merged), { code: 'ENOENT' }, 'no merge per portal');
  const run = await mergeRunReports(dataDir, 'run1');
  assert.equal(run.portals.length, 30);
  const onDisk = JSON.parse(await readFile(merged, 'utf8')) as { portals: Array<{ portal_id: string }> };
  assert.equal(onDisk.portals.length, 30);
});

test('by default each portal report is merged into runs/<run>.json at once', async () => {
  const dataDir = await tmpDir('ogi-run-reports-');
  await writePortalReport(dataDir, 'run1', { portal_id: 'a' });
  await writePortalReport(dataDir, 'run1', { portal_id: 'b' });
  const onDisk = JSON.parse(await readFile(path.join(dataDir, 'runs', 'run1.json'), 'utf8')) as { portals: Array<{ portal_id: string }> };
  assert.deepEqual(onDisk.portals.map((p) => p.portal_id), ['a', 'b']);
});
