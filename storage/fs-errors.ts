import { readdir } from 'node:fs/promises';

/**
 * Turns a Node fs error into one a user can act on: what we were doing, the path, and the cause in words
 * (disk full, permission denied …), keeping the errno code for callers that branch on it.
 */
const CAUSES: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a parent is not a directory',
  ENOENT: 'no such file or directory',
  EMFILE: 'too many open files',
};

export class StorageError extends Error {
  readonly code: string | undefined;
  readonly path: string;
  constructor(action: string, file: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why = code && CAUSES[code] ? `${CAUSES[code]} (${code})` : (cause as Error)?.message ?? String(cause);
    super(`cannot ${action} ${file}: ${why}`, { cause });
    this.code = code;
    this.path = file;
  }
}

/** Runs an fs operation and rethrows its failure as a StorageError naming `file`. */
export async function fsTry<T>(action: string, file: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw new StorageError(action, file, err);
  }
}

/** Entry names of `dir`; a directory that does not exist yet is empty, any other failure names the path. */
export async function listDir(action: string, dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StorageError(action, dir, err);
  }
}
