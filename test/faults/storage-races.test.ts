// Several writers of one run's crawl reports at once, as happens when two portals of a run finish together in one
// `ogi worker` (crawl concurrency 2) or in two workers sharing the data dir. Found by bench/e2e.ts: a crawl job
// failed after a complete crawl with `ENOENT: rename runs/<run>.json.<pid>.<ms>.tmp`, and was retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpDir } from '../helpers/tmp.ts';
import { writePortalReport } from '../../storage/run-reports.ts';

test('portal reports of one run written at the same moment all succeed and all reach runs/<run>.json', async () => {
  const dataDir = await tmpDir('ogi-fault-runs-');
  const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
  const results = await Promise.allSettled(ids.map((portal_id) => writePortalReport(dataDir, 'run1', { portal_id })));
  const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
  assert.deepEqual(failed, []);
  const run = JSON.parse(await readFile(path.join(dataDir, 'runs', 'run1.json'), 'utf8')) as { portals: Array<{ portal_id: string }> };
  assert.deepEqual(run.portals.map((p) => p.portal_id).sort(), [...ids].sort());
});
