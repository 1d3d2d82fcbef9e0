import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the last crawl learnt about one URL: validators for conditional requests, the raw bytes' archive key
 * (so a 304 list page can be re-read from the archive) and the hash of the document's content (so an unchanged
 * report is not emitted again while a changed one is).
 */
export interface UrlState {
  etag: string | null;
  last_modified: string | null;
  raw_sha256: string | null;
  content_sha256: string | null;
  doc_sha256: string | null;
  status: number;
  fetched_at: string;
}

/**
 * Per-portal URL memory at `<dataDir>/state/<portal_id>.jsonl`: an append-only log (one `{url, …state}` line per
 * update, last line wins) compacted on close. Appends survive a killed process; a torn last line is skipped.
 * One writer per portal — the crawl queue runs one job per portal at a time.
 */
export class UrlStateStore {
  readonly file: string;
  private map = new Map<string, UrlState>();
  private fd: number | null = null;
  private appended = 0;

  private constructor(file: string) {
    this.file = file;
  }

  static open(dataDir: string, portalId: string): UrlStateStore {
    const dir = path.join(dataDir, 'state');
    mkdirSync(dir, { recursive: true });
    const store = new UrlStateStore(path.join(dir, `${portalId}.jsonl`));
    if (existsSync(store.file)) {
      for (const line of readFileSync(store.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const { url, ...state } = JSON.parse(line) as UrlState & { url: string };
          store.map.set(url, state);
        } catch {
          // torn write of a killed process: the previous value of that URL stays in force
        }
      }
    }
    return store;
  }

  get size(): number {
    return this.map.size;
  }

  get(url: string): UrlState | undefined {
    return this.map.get(url);
  }

  set(url: string, state: UrlState): void {
    this.map.set(url, state);
    this.fd ??= openSync(this.file, 'a');
    appendFileSync(this.fd, JSON.stringify({ url, ...state }) + '\n');
    this.appended++;
  }

  /** Rewrite the log as one line per URL (write-then-rename, so a crash leaves the old file intact). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.appended === 0) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, [...this.map].map(([url, s]) => JSON.stringify({ url, ...s })).join('\n') + '\n');
    renameSync(tmp, this.file);
    this.appended = 0;
  }
}
