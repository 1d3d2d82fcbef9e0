import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Names and clean-up of the hidden directories a snapshot is built in. The name carries the host and pid of the
 * builder, so a later build can tell a directory left by a killed build (its process is gone) from one that is still
 * being written, also on a data directory shared by several machines.
 */
const host = () => os.hostname().replace(/[^A-Za-z0-9]/g, '_');
const PREFIX = '.tmp-';
/** A build on another machine is left alone unless its directory has not changed for this long. */
const FOREIGN_STALE_MS = 24 * 3600_000;

export function tmpSnapshotName(id: string): string {
  return `${PREFIX}${id}-${host()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary directories of builds that died (kill -9, power loss); returns their names. */
export async function removeStaleTmpDirs(root: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith(PREFIX)) continue;
    const m = /-([A-Za-z0-9_]+)-(\d+)-[a-z0-9]+$/.exec(name);
    const pid = Number(m?.[2]);
    // The first layout, `.tmp-<id>-<pid>-<random>`, had no host: the "host" part is then the snapshot id.
    const ours = !!m && (m[1] === host() || /^\d{8}T\d{6}Z$/.test(m[1]!));
    let stale = ours && pid !== process.pid && !alive(pid);
    if (!ours) {
      // Another machine's build: only a directory untouched for a day is dead for sure.
      const st = await stat(path.join(root, name)).catch(() => null);
      stale = !!st && Date.now() - st.mtimeMs > FOREIGN_STALE_MS;
    }
    if (!stale) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
