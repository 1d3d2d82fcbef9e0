import type { NextFunction, Response } from 'express';
import type { Snapshot, SnapshotCatalog } from './catalog.ts';
import { HttpError } from './errors.ts';

/** Types the mime database behind express does not know yet; everything else is express's own lookup. */
const EXTRA_TYPES: Array<[string, string]> = [
  ['.parquet', 'application/vnd.apache.parquet'],
  ['.jsonl', 'application/x-ndjson; charset=utf-8'],
];

/**
 * GET/HEAD of one snapshot file through express's `res.sendFile`: single byte ranges (206, 416 past the
 * end; several ranges or a malformed header get the whole file, as RFC 9110 allows), conditional requests
 * on the ETag (the file's SHA-256 from the manifest, so it is the same on every server) and Last-Modified.
 * `latest` answers with the newest snapshot's file; that answer may change, so it is not cached as immutable.
 */
export async function sendSnapshotFile(catalog: SnapshotCatalog, s: Snapshot, name: string, viaLatest: boolean, res: Response, next: NextFunction): Promise<void> {
  const file = await catalog.file(s, name);
  const entry = s.files.get(name);
  res.attachment(`${s.id}-${name}`); // also sets express's own content type for the name
  const type = EXTRA_TYPES.find(([ext]) => name.endsWith(ext));
  if (type) res.setHeader('Content-Type', type[1]);
  if (entry) {
    res.setHeader('ETag', `"${entry.sha256}"`);
    res.setHeader('X-Content-SHA256', entry.sha256);
  }
  res.setHeader('Content-Location', `/snapshots/${encodeURIComponent(s.id)}/${encodeURIComponent(name)}`);
  res.sendFile(file, {
    // `file` is already resolved and checked to lie inside the snapshot directory (catalog.file).
    dotfiles: 'allow',
    acceptRanges: true,
    lastModified: true,
    etag: !entry, // the manifest carries none of its own checksum: express's (size + mtime) then
    cacheControl: true,
    maxAge: viaLatest || !entry ? 0 : 86_400_000,
    immutable: !viaLatest && !!entry,
  }, (err?: Error & { status?: number; statusCode?: number }) => {
    if (!err) return;
    const status = err.status ?? err.statusCode;
    if (status === 416) {
      // express has already set Content-Range: bytes */size
      next(new HttpError(416, `range not satisfiable; the file is ${entry?.bytes ?? 'of another'} bytes`));
      return;
    }
    if ((err as NodeJS.ErrnoException).code === 'ECONNABORTED' || res.headersSent) return; // the client went away
    next(err);
  });
}
