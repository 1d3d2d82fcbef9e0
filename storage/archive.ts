import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress as brotliCb, brotliCompressSync, brotliDecompress as unbrotliCb, constants as Z, gunzip as gunzipCb } from 'node:zlib';

const brotli = promisify(brotliCb);
const unbrotli = promisify(unbrotliCb);
const gunzip = promisify(gunzipCb);

// Brotli at quality 1 compresses a report page about three times faster than gzip at level 1, to the same size
// (35 KB page: 0.16 ms against 0.45 ms, both ~43 %). The crawl archives every page it fetches and every cleaned
// document, so this is paid twice per page: with gzip it was the crawl thread's largest cost (bench/crawl.ts).
const QUALITY = 1;
// Up to this size an object is compressed and written synchronously: for a typical 30 KB page the thread-pool hop
// and promise machinery of async zlib and fs cost more CPU than the work itself. Bigger objects (PDF attachments up
// to 60 MB) go through the thread pool so they never stall the event loop that renews BullMQ locks.
const SYNC_MAX_BYTES = 1024 * 1024;

const brotliOptions = (size: number) => ({ params: { [Z.BROTLI_PARAM_QUALITY]: QUALITY, [Z.BROTLI_PARAM_SIZE_HINT]: size } });

/**
 * Content-addressed store for raw pages, attachments and cleaned documents:
 * `<dataDir>/archive/sha256/ab/<sha256>.br`, brotli. One level of 256 directories, as git does for loose objects:
 * two levels (65,536 directories) made nearly every object of a first crawl create a directory, which cost more
 * than compressing it. Objects of earlier versions (`ab/cd/<sha256>.gz`) are still read.
 * Writing the same bytes twice is a no-op, so concurrent workers never conflict and a retried job never duplicates
 * anything.
 */
export class Archive {
  readonly root: string;
  /** Fan-out directories this instance has made or found, so a write does not mkdir each time. */
  private dirs = new Set<string>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'archive', 'sha256');
  }

  static hash(bytes: Uint8Array | string): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Where the object is written. */
  pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256 key: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.br`);
  }

  /** Where an earlier version wrote it (gzip, two directory levels). */
  private legacyPathFor(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.gz`);
  }

  async has(sha256: string): Promise<boolean> {
    return existsSync(this.pathFor(sha256)) || existsSync(this.legacyPathFor(sha256));
  }

  async put(input: Uint8Array | string): Promise<string> {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input;
    const sha = Archive.hash(bytes);
    if (await this.has(sha)) return sha;
    const file = this.pathFor(sha);
    // Write then rename, so a reader never sees a half-written object.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const dir = path.dirname(file);
    this.ensureDir(dir);
    try {
      if (bytes.byteLength <= SYNC_MAX_BYTES) {
        const packed = brotliCompressSync(bytes, brotliOptions(bytes.byteLength));
        try {
          writeFileSync(tmp, packed);
        } catch (err) {
          // The directory vanished since we made it (someone cleared the archive): make it again, once.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          this.ensureDir(dir, true);
          writeFileSync(tmp, packed);
        }
        renameSync(tmp, file);
      } else {
        const packed = await brotli(bytes, brotliOptions(bytes.byteLength));
        await writeFile(tmp, packed).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
          this.ensureDir(dir, true);
          return writeFile(tmp, packed);
        });
        await rename(tmp, file);
      }
    } catch (err) {
      // A full disk leaves a partial temp file behind; the write error is the one to report.
      try { unlinkSync(tmp); } catch { /* already gone */ }
      throw err;
    }
    return sha;
  }

  private ensureDir(dir: string, again = false): void {
    if (this.dirs.has(dir) && !again) return;
    mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }

  async get(sha256: string): Promise<Buffer> {
    let file = this.pathFor(sha256);
    try {
      if (existsSync(file)) return await unbrotli(await readFile(file));
      const legacy = this.legacyPathFor(sha256);
      if (!existsSync(legacy)) return await unbrotli(await readFile(file)); // the error names the current path
      file = legacy;
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
