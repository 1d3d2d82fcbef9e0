import type { Response } from 'express';
import { Archive } from '../../../storage/archive.ts';
import { RecordStore } from '../../../storage/record-store.ts';
import type { ReportRecord } from '../../schema/record.ts';
import { decodeBytes } from '../../extract/decode.ts';
import { HttpError, logServerError } from '../errors.ts';

/**
 * The archived copy of a report, read-only: the raw page or attachment from the content-addressed archive and
 * the cleaned text from the record store. A crawled page is someone else's HTML: it is served under a
 * sandbox CSP (no script, no request to anywhere), anything else as a download.
 */
const SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function sniff(bytes: Buffer): { type: string; ext: string; inline: boolean } {
  const head = bytes.subarray(0, 8);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'application/pdf', ext: 'pdf', inline: false };
  if (head[0] === 0x50 && head[1] === 0x4b) return { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', inline: false };
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return { type: 'application/msword', ext: 'doc', inline: false };
  if (/<(!doctype|html|head|body|meta|div|p|table)\b/i.test(bytes.subarray(0, 4096).toString('latin1'))) return { type: 'text/html', ext: 'html', inline: true };
  return { type: 'application/octet-stream', ext: 'bin', inline: false };
}

export class ArchivedCopies {
  private readonly archive: Archive;
  private readonly store: RecordStore;
  constructor(dataDir: string) {
    this.archive = new Archive(dataDir);
    this.store = new RecordStore(dataDir);
  }

  async hasObject(sha: string | null | undefined): Promise<boolean> {
    return !!sha && /^[0-9a-f]{64}$/.test(sha) && (await this.archive.has(sha));
  }

  /** Sends archive object `sha` (the raw page or an attachment) with a safe type. */
  async send(res: Response, sha: string | null | undefined, name: string): Promise<void> {
    if (!(await this.hasObject(sha))) throw new HttpError(404, 'this server holds no archived copy of it');
    let bytes: Buffer;
    try {
      bytes = await this.archive.get(sha!);
    } catch (err) {
      logServerError(`archive object ${sha}`, err);
      throw new HttpError(500, 'the archived copy cannot be read');
    }
    const kind = sniff(bytes);
    res.setHeader('Content-Security-Policy', SANDBOX);
    res.setHeader('Cache-Control', 'public, max-age=86400, immutable'); // content-addressed
    if (kind.type === 'text/html') {
      // Decoded with the crawler's own charset sniffing, served as UTF-8 whatever the page declared.
      res.type('text/html; charset=utf-8').send(decodeBytes(bytes).text);
      return;
    }
    res.attachment(`${name}.${kind.ext}`);
    res.type(kind.type).send(bytes);
  }

  /** Every stored version of a report (oldest first); [] when this server has no record store. */
  async versions(id: string): Promise<ReportRecord[]> {
    try {
      return await this.store.versions(id);
    } catch (err) {
      logServerError(`record store: versions of ${id}`, err);
      return [];
    }
  }
}

type Cells = Record<string, Record<string, number | null>> | null;
const MAX_CHANGES = 60;

/** What changed from one version to the next: identity fields, table cells, and whether the text did. */
export function versionChanges(prev: ReportRecord, next: ReportRecord) {
  const fields = (['title', 'agency', 'year', 'published_at', 'format', 'region_code', 'admin_level', 'parser_version'] as const)
    .filter((f) => prev[f] !== next[f])
    .map((f) => ({ field: f, from: prev[f] ?? null, to: next[f] ?? null }));
  const cells: Array<{ table: string; row: string; column: string; from: number | null; to: number | null }> = [];
  for (const t of ['t2', 't3', 't4'] as const) {
    const a: Cells = prev.tables[t];
    const b: Cells = next.tables[t];
    const rows = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
    for (const row of rows) {
      const cols = new Set([...Object.keys(a?.[row] ?? {}), ...Object.keys(b?.[row] ?? {})]);
      for (const column of cols) {
        const x = a?.[row]?.[column] ?? null;
        const y = b?.[row]?.[column] ?? null;
        if (x !== y && cells.length < MAX_CHANGES) cells.push({ table: t, row, column, from: x, to: y });
      }
    }
  }
  return { text_changed: prev.content_sha256 !== next.content_sha256, fields, cells };
}
