// Disk full and unwritable data directories: a clear error naming the path, and never a half-written snapshot
// in the list. ENOSPC is real where the test may mount a tiny tmpfs (root with CAP_SYS_ADMIN, as in CI here);
// elsewhere that case is skipped and says so. "Unwritable" uses a data dir whose parent is a regular file
// (ENOTDIR), which holds for root too; chmod would not (root ignores permissions).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpDir } from '../helpers/tmp.ts';
import { killAllChildren, runOgi } from '../helpers/faults.ts';
import { makeRecord } from '../storage/make-record.ts';
import { RecordStore } from '../../storage/record-store.ts';
import { buildSnapshot, listSnapshots } from '../../storage/snapshot.ts';

const mounts: string[] = [];
after(async () => {
  await killAllChildren();
  for (const m of mounts) {
    try { execFileSync('umount', [m], { stdio: 'ignore' }); } catch { /* already gone */ }
  }
});

/** A size-limited tmpfs at a fresh directory, or null when this process may not mount. */
async function tinyTmpfs(sizeKb: number): Promise<string | null> {
  const dir = await tmpDir('ogi-fault-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounts.push(dir);
  return dir;
}

async function storeWith(n: number): Promise<string> {
  const dataDir = await tmpDir('ogi-fault-disk-');
  const store = new RecordStore(dataDir);
  // Text that does not compress away, so the snapshot files are really large.
  for (let i = 0; i < n; i++) {
    const text = Array.from({ length: 400 }, (_, k) => `第${i}行${k}：${Math.sin(i * 1000 + k).toString(36)}`).join('\n');
    await store.upsert(makeRecord({ report_id: `r${String(i).padStart(4, '0')}`, text }));
  }
  return dataDir;
}

const hidden = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith('.'));

const canMount = await tinyTmpfs(64);
test('disk full (ENOSPC on a 256 KB tmpfs) while writing a snapshot: error names the path and the cause, nothing half-written is listed or left', { skip: canMount ? false : 'cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)' }, async () => {
  const dataDir = await storeWith(60);
  const full = (await tinyTmpfs(256))!;
  await symlink(full, path.join(dataDir, 'snapshots'));
  await assert.rejects(buildSnapshot({ dataDir }), (err: Error) => {
    assert.match(err.message, /disk full \(ENOSPC\)|ENOSPC|no space/i);
    assert.ok(err.message.includes(path.join(dataDir, 'snapshots')), err.message);
    return true;
  });
  assert.deepEqual(await listSnapshots(dataDir), []);
  assert.deepEqual(await hidden(full), [], 'the temporary snapshot directory was left behind');
  // The same through the CLI: exit 1 (the run failed), the message names the snapshot path.
  const res = await runOgi(['snapshot', '--data-dir', dataDir], {});
  assert.equal(res.code, 1, res.stderr);
  assert.ok(res.stderr.includes(path.join(dataDir, 'snapshots')) && /disk full|ENOSPC/.test(res.stderr), res.stderr);
  assert.deepEqual(await listSnapshots(dataDir), []);
});

test('a snapshot build that fails half-way (a corrupt record) leaves no snapshot and no temporary directory', async () => {
  const dataDir = await storeWith(80);
  // The last report (in store order) is corrupt: the build has written rows for the others when it fails.
  const dir = path.join(dataDir, 'records', 'r0', 'r0079');
  await writeFile(path.join(dir, 'v000002.json'), '{"report_id": "r0079", truncated');
  await assert.rejects(buildSnapshot({ dataDir }), /v000002\.json/);
  assert.deepEqual(await listSnapshots(dataDir), []);
  assert.deepEqual(await hidden(path.join(dataDir, 'snapshots')), []);
});

test('an unwritable data dir (its parent is a file): `ogi snapshot` and `ogi crawl --wait` exit with an error naming the path', async () => {
  const base = await tmpDir('ogi-fault-notdir-');
  await writeFile(path.join(base, 'file'), 'not a directory');
  const dataDir = path.join(base, 'file', 'data');
  const snap = await runOgi(['snapshot', '--data-dir', dataDir], {});
  assert.notEqual(snap.code, 0);
  assert.ok(snap.stderr.includes(path.join(base, 'file')), snap.stderr);
  assert.match(snap.stderr, /not a directory|ENOTDIR/);
  assert.doesNotMatch(snap.stderr, /^\s+at /m, 'a stack trace instead of a message');

  // The crawl: the embedded Redis cannot be started under that data dir either; the message must name it.
  const cfgDir = await tmpDir('ogi-fault-notdir-cfg-');
  const cfg = path.join(cfgDir, 'p.yaml');
  await mkdir(cfgDir, { recursive: true });
  await writeFile(cfg, 'portals:\n  - id: one\n    name: 一\n    start_urls: ["http://127.0.0.1:9/x/"]\n');
  const crawl = await runOgi(['crawl', '--config', cfg, '--data-dir', dataDir, '--wait'], { REDIS_URL: '' }, 60_000);
  assert.notEqual(crawl.code, 0);
  assert.ok(crawl.stderr.includes(path.join(base, 'file')), crawl.stderr);
  assert.doesNotMatch(crawl.stderr, /^\s+at /m, 'a stack trace instead of a message');
});
