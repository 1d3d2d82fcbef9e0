import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from './fs-errors.ts';

/**
 * `mkdir -p` that always terminates with an error naming the path. Node 20's `mkdir({recursive: true})`
 * spins forever on some special file systems (e.g. a path under /proc), so each level is created in turn.
 */
export async function ensureDir(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  try {
    await mkdir(abs);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
      if (isDir) return;
      throw new StorageError('create directory', abs, Object.assign(new Error('exists and is not a directory'), { code: 'ENOTDIR' }));
    }
    if (code !== 'ENOENT' || path.dirname(abs) === abs) throw new StorageError('create directory', abs, err);
  }
  await ensureDir(path.dirname(abs));
  try {
    await mkdir(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StorageError('create directory', abs, err);
  }
}
