import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { tmpDir } from '../helpers/tmp.ts';
import { mergeRunReports, writePortalReport } from '../../storage/run-reports.ts';
import { readCrawlStatus } from '../../storage/crawl-status.ts';

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

test('the crawl status shows the finished portals of a run not merged yet, and the merged file once it is', async () => {
  const dataDir = await tmpDir('ogi-run-reports-');
  await writePortalReport(dataDir, 'run1', { portal_id: 'a', status: 'ok', finished_at: '2026-11-30T01:00:00Z' } as { portal_id: string }, { merge: false });
  await writePortalReport(dataDir, 'run2', { portal_id: 'b', status: 'ok', finished_at: '2026-11-30T02:00:00Z' } as { portal_id: string }, { merge: false });
  await mergeRunReports(dataDir, 'run1');
  await writePortalReport(dataDir, 'run1', { portal_id: 'c', status: 'blocked', finished_at: '2026-11-30T01:30:00Z' } as { portal_id: string }, { merge: false });
  const s = await readCrawlStatus(dataDir);
  assert.deepEqual(s.errors, []);
  assert.equal(s.runs, 2);
  // run1 is merged: its file is read as it is (c came later and waits for the next merge); run2 is read from its portal files.
  assert.deepEqual(s.portals.map((p) => [p.portal_id, p.run_id, p.status]), [['a', 'run1', 'ok'], ['b', 'run2', 'ok']]);
  assert.equal(s.latest_run?.run_id, 'run2');
});
