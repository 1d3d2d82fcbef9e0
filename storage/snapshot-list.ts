import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { listDir, StorageError } from './fs-errors.ts';
import type { SnapshotManifest } from './snapshot.ts';

/**
 * Finding, reading and pruning finished snapshots. A snapshot exists once `<dataDir>/snapshots/<id>/`
 * holds a manifest.json; hidden names (`.tmp-…` being built, `.del-…` being removed) are never listed.
 */
export const SNAPSHOT_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$/;

export const snapshotsDir = (dataDir: string) => path.join(dataDir, 'snapshots');

/** The manifest of snapshot `id`, or null when there is no such (complete) snapshot or the id is not a valid name. */
export async function readManifest(dataDir: string, id: string): Promise<SnapshotManifest | null> {
  if (!SNAPSHOT_ID.test(id)) return null;
  const file = path.join(snapshotsDir(dataDir), id, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new StorageError('read', file, err);
  }
  try {
    return JSON.parse(text) as SnapshotManifest;
  } catch (err) {
    throw new Error(`snapshot manifest ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Complete snapshots, newest first. */
export async function listSnapshots(dataDir: string): Promise<SnapshotManifest[]> {
  const root = snapshotsDir(dataDir);
  const names = await listDir('list snapshots in', root);
  const out: SnapshotManifest[] = [];
  for (const name of names) {
    const m = await readManifest(dataDir, name);
    if (m) out.push(m);
  }
  return out.sort((a, b) => (b.created_at.localeCompare(a.created_at)) || b.id.localeCompare(a.id));
}

/** Deletes all but the newest `keep` snapshots; returns the removed ids. */
export async function applyRetention(dataDir: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`--keep must be a whole number ≥ 1 (got ${keep})`);
  const root = snapshotsDir(dataDir);
  const removed: string[] = [];
  for (const m of (await listSnapshots(dataDir)).slice(keep)) {
    const dir = path.join(root, m.id);
    // Hide it first (atomic), so a reader never lists a half-deleted snapshot.
    const doomed = path.join(root, `.del-${m.id}-${process.pid}`);
    try {
      await rename(dir, doomed);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // another process removed it
      throw new StorageError('remove old snapshot', dir, err);
    }
    await rm(doomed, { recursive: true, force: true });
    removed.push(m.id);
  }
  return removed;
}
