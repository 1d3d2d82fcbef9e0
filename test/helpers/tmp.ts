import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function tmpDir(prefix = 'ogi-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Repo-relative path helper for fixtures; tests never read outside the repo. */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const fixture = (...p: string[]) => path.join(repoRoot, 'test', 'fixtures', ...p);
