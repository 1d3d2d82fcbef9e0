import { link, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportRecord } from '../src/schema/record.ts';
import { ensureDir } from './ensure-dir.ts';
import { fsTry, StorageError } from './fs-errors.ts';

/**
 * Versioned record store: `<dataDir>/records/<id[0..2]>/<report_id>/v000001.json`, one immutable file per
 * version. Several worker processes (possibly on several machines sharing the volume) may upsert at once:
 * a version file is published with `link()`, which fails with EEXIST when another writer took that version
 * number first, so the loser re-reads the latest version and tries again. No file is ever rewritten, so
 * readers never see a torn record and no shared database file needs a single writer.
 */
export type UpsertStatus = 'new' | 'changed' | 'unchanged';

const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;
const VERSION_FILE = /^v(\d+)\.json$/;
/** How many times a writer re-reads after losing a race before giving up; each loss means another writer progressed. */
const MAX_CONFLICTS = 50;
/** Files read in parallel by `latest()`; enough to hide disk latency without holding many records at once. */
const READ_BATCH = 64;

const versionName = (v: number) => `v${String(v).padStart(6, '0')}.json`;

export class RecordStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'records');
  }

  private dirFor(reportId: string): string {
    if (typeof reportId !== 'string' || !SAFE_ID.test(reportId)) {
      throw new Error(`record store ${this.root}: report_id ${JSON.stringify(reportId)} is not a safe id (letters, digits, _ and -, 1–200 chars)`);
    }
    return path.join(this.root, reportId.slice(0, 2), reportId);
  }

  /** Version numbers present for a report, ascending; [] when the report is unknown. */
  private async versionNumbers(dir: string): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StorageError('list record versions in', dir, err);
    }
    const out: number[] = [];
    for (const n of names) {
      const m = VERSION_FILE.exec(n);
      if (m) out.push(Number(m[1]));
    }
    return out.sort((a, b) => a - b);
  }

  private async readVersion(dir: string, version: number): Promise<ReportRecord> {
    const file = path.join(dir, versionName(version));
    const text = await fsTry('read record', file, () => readFile(file, 'utf8'));
    try {
      return JSON.parse(text) as ReportRecord;
    } catch (err) {
      throw new Error(`record file ${file} is not valid JSON: ${(err as Error).message}`);
    }
  }

  /**
   * Stores `rec` as the newest version of its report unless the latest version already has the same content.
   * "Same" = same `content_sha256` and same `parser_version`: a re-parse by a newer parser must reach the
   * dataset even when the page itself did not change.
   */
  async upsert(rec: ReportRecord): Promise<{ status: UpsertStatus; version: number }> {
    const parsed = ReportRecord.safeParse(rec);
    if (!parsed.success) {
      const id = (rec as { report_id?: unknown } | null)?.report_id;
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new Error(`record store ${this.root}: invalid ReportRecord ${JSON.stringify(id)}: ${issues}`);
    }
    const record = parsed.data;
    const dir = this.dirFor(record.report_id);
    await ensureDir(dir);
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const versions = await this.versionNumbers(dir);
      const last = versions.at(-1) ?? 0;
      if (last > 0) {
        const prev = await this.readVersion(dir, last);
        if (prev.content_sha256 === record.content_sha256 && prev.parser_version === record.parser_version) {
          return { status: 'unchanged', version: last };
        }
      }
      const version = last + 1;
      if (await this.publish(dir, version, JSON.stringify({ ...record, version }))) {
        return { status: last === 0 ? 'new' : 'changed', version };
      }
    }
    throw new Error(`record store ${dir}: gave up after ${MAX_CONFLICTS} write conflicts with other writers`);
  }

  /** Writes a version file atomically and exclusively; false when that version number is already taken. */
  private async publish(dir: string, version: number, json: string): Promise<boolean> {
    const final = path.join(dir, versionName(version));
    const tmp = path.join(dir, `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
    await fsTry('write record', tmp, () => writeFile(tmp, json));
    try {
      await link(tmp, final);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // Some network/FUSE file systems lack hard links: fall back to an exclusive create of the final name.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        try {
          await writeFile(final, json, { flag: 'wx' });
          return true;
        } catch (err2) {
          if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
          throw new StorageError('write record', final, err2);
        }
      }
      throw new StorageError('publish record', final, err);
    } finally {
      await unlink(tmp).catch(() => undefined); // only the temporary name; the published link stays
    }
  }

  async versions(reportId: string): Promise<ReportRecord[]> {
    const dir = this.dirFor(reportId);
    const nums = await this.versionNumbers(dir);
    return Promise.all(nums.map((v) => this.readVersion(dir, v)));
  }

  /** Report directories in a stable order (shard, then id), so snapshots list reports deterministically. */
  private async *reportDirs(): AsyncGenerator<string> {
    let shards: string[];
    try {
      shards = (await readdir(this.root)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StorageError('list records in', this.root, err);
    }
    for (const shard of shards) {
      if (shard.startsWith('.')) continue;
      const shardDir = path.join(this.root, shard);
      const ids = await fsTry('list records in', shardDir, () => readdir(shardDir));
      for (const id of ids.sort()) if (SAFE_ID.test(id)) yield path.join(shardDir, id);
    }
  }

  /** The latest version of every report, in report_id order (within each 2-character shard). */
  async *latest(): AsyncIterable<ReportRecord> {
    let batch: string[] = [];
    const flush = async (dirs: string[]) =>
      Promise.all(
        dirs.map(async (dir) => {
          const last = (await this.versionNumbers(dir)).at(-1);
          return last ? this.readVersion(dir, last) : null;
        }),
      );
    for await (const dir of this.reportDirs()) {
      batch.push(dir);
      if (batch.length >= READ_BATCH) {
        for (const r of await flush(batch)) if (r) yield r;
        batch = [];
      }
    }
    for (const r of await flush(batch)) if (r) yield r;
  }

  async count(): Promise<number> {
    let n = 0;
    for await (const dir of this.reportDirs()) {
      if ((await this.versionNumbers(dir)).length > 0) n++;
    }
    return n;
  }
}
