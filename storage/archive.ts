import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';

// zlib's async forms run in libuv's thread pool, keeping compression off the crawl's event loop.
const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

/**
 * Content-addressed store for raw pages, attachments and cleaned documents:
 * `<dataDir>/archive/sha256/ab/cd/<sha256>.gz`. Writing the same bytes twice is a no-op, so concurrent
 * workers never conflict and a retried job never duplicates anything.
 */
export class Archive {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'archive', 'sha256');
  }

  static hash(bytes: Uint8Array | string): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256 key: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.gz`);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathFor(sha256)).then(() => true, () => false);
  }

  async put(bytes: Uint8Array | string): Promise<string> {
    const sha = Archive.hash(bytes);
    const file = this.pathFor(sha);
    if (await this.has(sha)) return sha;
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees a half-written object.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, await gzip(typeof bytes === 'string' ? Buffer.from(bytes) : bytes));
    await rename(tmp, file);
    return sha;
  }

  async get(sha256: string): Promise<Buffer> {
    const file = this.pathFor(sha256);
    try {
      return await gunzip(await readFile(file));
    } catch (err) {
      throw new Error(`archive object ${sha256} unreadable at ${file}: ${(err as Error).message}`);
    }
  }

  async putJson(value: unknown): Promise<string> {
    return this.put(JSON.stringify(value));
  }

  async getJson<T = unknown>(sha256: string): Promise<T> {
    return JSON.parse((await this.get(sha256)).toString('utf8')) as T;
  }
}
