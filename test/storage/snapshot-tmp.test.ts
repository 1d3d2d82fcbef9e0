// A build killed with kill -9 leaves its hidden temporary directory; the next build removes it, and leaves alone
// the directory of a build that is still running (its process is alive).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { RecordStore } from '../../storage/record-store.ts';
import { buildSnapshot, listSnapshots } from '../../storage/snapshot.ts';
import { removeStaleTmpDirs, tmpSnapshotName } from '../../storage/snapshot-tmp.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord } from './make-record.ts';

const host = os.hostname().replace(/[^A-Za-z0-9]/g, '_');

/** A pid that existed and is gone: a child that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => c.once('exit', r));
  return c.pid!;
}

test('the next build removes the temporary directories of dead builds, and only those', async () => {
  const dataDir = await tmpDir('ogi-snap-tmp-');
  await new RecordStore(dataDir).upsert(makeRecord({ report_id: 'r1', year: 2021 }));
  const root = path.join(dataDir, 'snapshots');
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const dead = await deadPid();
    const names = {
      dead: `.tmp-20260101T000000Z-${host}-${dead}-abc123`,
      deadOldLayout: `.tmp-20260101T000000Z-${dead}-abc124`,
      live: `.tmp-20260101T000000Z-${host}-${sleeper.pid}-abc125`,
      foreignFresh: `.tmp-20260101T000000Z-otherhost-${dead}-abc126`,
      foreignOld: `.tmp-20260101T000000Z-otherhost-${dead}-abc127`,
    };
    for (const n of Object.values(names)) {
      await mkdir(path.join(root, n), { recursive: true });
      await writeFile(path.join(root, n, 'reports.csv'), 'partial');
    }
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    await utimes(path.join(root, names.foreignOld), twoDaysAgo, twoDaysAgo);

    const snap = await buildSnapshot({ dataDir });
    assert.equal(snap.counts.reports, 1);
    const left = (await readdir(root)).filter((n) => n.startsWith('.tmp-')).sort();
    assert.deepEqual(left, [names.foreignFresh, names.live].sort());
    assert.equal((await listSnapshots(dataDir)).length, 1);
    // A build's own directory is never taken for a dead one.
    const own = tmpSnapshotName('20260101T000000Z');
    await mkdir(path.join(root, own));
    assert.deepEqual(await removeStaleTmpDirs(root), []);
  } finally {
    sleeper.kill('SIGKILL');
  }
});
