import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { link, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { ReportRecord } from '../src/schema/record.ts';
import { ensureDir } from './ensure-dir.ts';
import { fsTry, listDir, StorageError } from './fs-errors.ts';

/**
 * Versioned record store: `<dataDir>/records/<id[0..2]>/<report_id>/`, one immutable file per version.
 * Several worker processes (possibly on several machines sharing the volume) may upsert at once: a version
 * file is published with `link()`, which fails with EEXIST when another writer took that version number
 * first, so the loser re-reads the latest version and tries again. No file is ever rewritten, so readers
 * never see a torn record and no shared database file needs a single writer.
 *
 * A version file `v000001.json` has two JSON lines: a header `{"text": "text-<hash>.gz"}` and the record
 * without `text` and `sections`. Those two (most of a record's bytes) live in the content-addressed
 * `text-<hash>.gz`, a gzip member of `"text":…,"sections":[…]}\n`. This split is what lets a snapshot of
 * 100k reports read only the small part and copy the texts as already-compressed bytes. A single-line
 * file holding a whole record (the first layout) is still read.
 */
export type UpsertStatus = 'new' | 'changed' | 'unchanged';

const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;
const VERSION_FILE = /^v(\d+)\.json$/;
const TEXT_FILE = /^text-[0-9a-f]{16,64}\.gz$/;
/** How many times a writer re-reads after losing a race before giving up; each loss means another writer progressed. */
const MAX_CONFLICTS = 50;
/** Files read in parallel by `latest()`; enough to hide disk latency without holding many records at once. */
const READ_BATCH = 64;

const versionName = (v: number) => `v${String(v).padStart(6, '0')}.json`;

/** A stored version as the snapshot builder reads it: the record without text/sections, and where the text is. */
export interface StoredVersion {
  /** The record with `text: ''` and `sections: []`. */
  core: ReportRecord;
  /** `core` as one JSON line (no newline), as stored: written to reports.jsonl without re-serialising. */
  coreJson: string;
  /** gzip bytes that decompress to `{"report_id":…,"version":…,"text":…,"sections":[…]}\n`. */
  textLineGz(): Promise<Buffer>;
}

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
    const names = await listDir('list record versions in', dir);
    const out: number[] = [];
    for (const n of names) {
      const m = VERSION_FILE.exec(n);
      if (m) out.push(Number(m[1]));
    }
    return out.sort((a, b) => a - b);
  }

  /** Reads a version file without its text. */
  private async readStored(dir: string, version: number): Promise<StoredVersion> {
    const file = path.join(dir, versionName(version));
    const content = await fsTry('read record', file, () => readFile(file, 'utf8'));
    const d = decodeVersionFile(file, content);
    const textFile = d.textFile ? path.join(dir, d.textFile) : null;
    return {
      core: d.core,
      coreJson: d.coreJson,
      textLineGz: async () => (textFile ? joinText(d.core, await fsTry('read record text', textFile, () => readFile(textFile))) : d.legacyTextGz!()),
    };
  }

  /** Shard directory names, sorted: a snapshot splits its scan across threads by shard. */
  async shards(): Promise<string[]> {
    return (await listDir('list records in', this.root)).filter((n) => !n.startsWith('.')).sort();
  }

  /**
   * The latest version of every report in `shards`, with its text bytes, read synchronously: for the snapshot
   * builder's worker threads, where blocking costs nothing and sync reads are 3–4× cheaper than promises.
   */
  *scanLatestSync(shards: readonly string[]): Generator<{ core: ReportRecord; coreLine: Buffer; textGz: Buffer }> {
    for (const shard of shards) {
      const shardDir = path.join(this.root, shard);
      const ids = syncTry('list records in', shardDir, () => readdirSync(shardDir)).sort();
      for (const id of ids) {
        if (!SAFE_ID.test(id)) continue;
        const dir = path.join(shardDir, id);
        let last = 0;
        for (const n of syncTry('list record versions in', dir, () => readdirSync(dir))) {
          const m = VERSION_FILE.exec(n);
          if (m && Number(m[1]) > last) last = Number(m[1]);
        }
        if (!last) continue;
        const file = path.join(dir, versionName(last));
        const bytes = syncTry('read record', file, () => readFileSync(file));
        const split = splitVersionBytes(bytes);
        if (split) {
          // The usual layout: the core line's bytes go to reports.jsonl as they are (no re-encoding, and no
          // long-lived string for the garbage collector); only the parse needs a string.
          const d = decodeVersionFile(file, bytes.toString('utf8', 0, split.end));
          const textGz = joinText(d.core, syncTry('read record text', path.join(dir, d.textFile!), () => readFileSync(path.join(dir, d.textFile!))));
          yield { core: d.core, coreLine: split.line, textGz };
          continue;
        }
        const d = decodeVersionFile(file, bytes.toString('utf8'));
        const textGz = d.textFile
          ? joinText(d.core, syncTry('read record text', path.join(dir, d.textFile), () => readFileSync(path.join(dir, d.textFile!))))
          : d.legacyTextSync!();
        yield { core: d.core, coreLine: Buffer.from(`${d.coreJson}\n`), textGz };
      }
    }
  }

  private async readVersion(dir: string, version: number): Promise<ReportRecord> {
    const stored = await this.readStored(dir, version);
    const line = gunzipSync(await stored.textLineGz()).toString('utf8');
    const { text, sections } = JSON.parse(line) as Pick<ReportRecord, 'text' | 'sections'>;
    return { ...stored.core, text, sections };
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
    let textName: string | null = null;
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const versions = await this.versionNumbers(dir);
      const last = versions.at(-1) ?? 0;
      if (last > 0) {
        const prev = (await this.readStored(dir, last)).core;
        if (prev.content_sha256 === record.content_sha256 && prev.parser_version === record.parser_version) {
          return { status: 'unchanged', version: last };
        }
      }
      textName ??= await this.writeText(dir, record);
      const version = last + 1;
      const { text: _t, sections: _s, ...core } = record;
      const content = `${JSON.stringify({ text: textName })}\n${JSON.stringify({ ...core, version })}\n`;
      if (await this.publish(dir, version, content)) {
        return { status: last === 0 ? 'new' : 'changed', version };
      }
    }
    throw new Error(`record store ${dir}: gave up after ${MAX_CONFLICTS} write conflicts with other writers`);
  }

  /** Writes the text/sections member under its content hash (write, then rename: identical bytes if two writers race). */
  private async writeText(dir: string, record: ReportRecord): Promise<string> {
    const body = textBody(record.text, record.sections);
    const name = `text-${createHash('sha256').update(body).digest('hex').slice(0, 32)}.gz`;
    const file = path.join(dir, name);
    const tmp = path.join(dir, `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
    await fsTry('write record text', tmp, () => writeFile(tmp, gzipSync(body, { level: 6 })));
    await fsTry('write record text', file, () => rename(tmp, file));
    return name;
  }

  /** Writes a version file atomically and exclusively; false when that version number is already taken. */
  private async publish(dir: string, version: number, content: string): Promise<boolean> {
    const final = path.join(dir, versionName(version));
    const tmp = path.join(dir, `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
    await fsTry('write record', tmp, () => writeFile(tmp, content));
    try {
      await link(tmp, final);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // Some network/FUSE file systems lack hard links: fall back to an exclusive create of the final name.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        try {
          await writeFile(final, content, { flag: 'wx' });
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

  /** The latest version of one report without its text, or null when the report is unknown. */
  async latestCore(reportId: string): Promise<ReportRecord | null> {
    const dir = this.dirFor(reportId);
    const last = (await this.versionNumbers(dir)).at(-1);
    return last ? (await this.readStored(dir, last)).core : null;
  }

  async versions(reportId: string): Promise<ReportRecord[]> {
    const dir = this.dirFor(reportId);
    const nums = await this.versionNumbers(dir);
    return Promise.all(nums.map((v) => this.readVersion(dir, v)));
  }

  /** Report directories in a stable order (shard, then id), so snapshots list reports deterministically. */
  private async *reportDirs(): AsyncGenerator<string> {
    const shards = (await listDir('list records in', this.root)).sort();
    for (const shard of shards) {
      if (shard.startsWith('.')) continue;
      const shardDir = path.join(this.root, shard);
      const ids = await fsTry('list records in', shardDir, () => readdir(shardDir));
      for (const id of ids.sort()) if (SAFE_ID.test(id)) yield path.join(shardDir, id);
    }
  }

  /** Latest versions in batches read in parallel, in report order. */
  private async *latestWith<T>(read: (dir: string, version: number) => Promise<T>): AsyncGenerator<T> {
    let batch: string[] = [];
    const flush = async (dirs: string[]) =>
      Promise.all(
        dirs.map(async (dir) => {
          const last = (await this.versionNumbers(dir)).at(-1);
          return last ? read(dir, last) : null;
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

  /** The latest version of every report, in report_id order (within each 2-character shard). */
  latest(): AsyncIterable<ReportRecord> {
    return this.latestWith((dir, v) => this.readVersion(dir, v));
  }

  /** Like `latest()`, without reading the texts: for the snapshot builder, which copies them compressed. */
  latestStored(): AsyncIterable<StoredVersion> {
    // The text bytes are read within the parallel batch too, not one by one by the consumer.
    return this.latestWith(async (dir, v) => {
      const stored = await this.readStored(dir, v);
      const gz = await stored.textLineGz();
      return { ...stored, textLineGz: async () => gz };
    });
  }

  async count(): Promise<number> {
    let n = 0;
    for await (const dir of this.reportDirs()) {
      if ((await this.versionNumbers(dir)).length > 0) n++;
    }
    return n;
  }
}

interface DecodedVersion {
  core: ReportRecord;
  coreJson: string;
  textFile: string | null;
  legacyTextGz?: () => Promise<Buffer>;
  legacyTextSync?: () => Buffer;
}

/** Parses a version file in either layout (two lines with a text file, or one line holding the whole record). */
function decodeVersionFile(file: string, content: string): DecodedVersion {
  try {
    const nl = content.indexOf('\n');
    if (nl > 0 && content.startsWith('{"text":')) {
      const header = JSON.parse(content.slice(0, nl)) as { text: string };
      if (!TEXT_FILE.test(header.text)) throw new Error(`bad text file name ${JSON.stringify(header.text)}`);
      const coreJson = content.slice(nl + 1).trimEnd();
      const core = JSON.parse(coreJson) as ReportRecord;
      core.text = '';
      core.sections = [];
      return { core, coreJson, textFile: header.text };
    }
    const full = JSON.parse(content) as ReportRecord;
    const { text, sections, ...rest } = full;
    const gz = () => gzipSync(textLinePrefix(full) + textBody(text, sections), { level: 1 });
    return { core: { ...rest, text: '', sections: [] } as ReportRecord, coreJson: JSON.stringify(rest), textFile: null, legacyTextGz: async () => gz(), legacyTextSync: gz };
  } catch (err) {
    throw new Error(`record file ${file} is not a valid record: ${(err as Error).message}`);
  }
}

/**
 * For a two-line version file whose core line ends in a newline: the bytes of `coreJson` plus that newline,
 * and where the parseable text ends. null for anything else (the string path handles it).
 */
function splitVersionBytes(bytes: Buffer): { line: Buffer; end: number } | null {
  const nl = bytes.indexOf(0x0a);
  if (nl <= 0 || !bytes.subarray(0, 8).equals(TEXT_HEADER)) return null;
  // coreJson is the line after the header with trailing whitespace trimmed (JSON allows only these four).
  let end = bytes.length;
  while (end > nl + 1 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  if (end >= bytes.length || bytes[end] !== 0x0a) return null;
  return { line: bytes.subarray(nl + 1, end + 1), end };
}

const TEXT_HEADER = Buffer.from('{"text":');

/** A texts.jsonl line as gzip: a small member with the id and version, then the stored member with text and sections. */
function joinText(core: Pick<ReportRecord, 'report_id' | 'version'>, body: Buffer): Buffer {
  return Buffer.concat([gzipSync(textLinePrefix(core), { level: 1 }), body]);
}

function syncTry<T>(action: string, file: string, op: () => T): T {
  try {
    return op();
  } catch (err) {
    throw new StorageError(action, file, err);
  }
}

/** The end of a texts.jsonl line: everything after `{"report_id":…,"version":…,`. */
function textBody(text: string, sections: ReportRecord['sections']): string {
  return `"text":${JSON.stringify(text)},"sections":${JSON.stringify(sections)}}\n`;
}

function textLinePrefix(r: Pick<ReportRecord, 'report_id' | 'version'>): string {
  return `{"report_id":${JSON.stringify(r.report_id)},"version":${JSON.stringify(r.version)},`;
}
