import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import { readManifest, snapshotsDir } from '../../storage/snapshot.ts';
import { contentTypeFor } from './content-types.ts';
import { parseRange } from './range.ts';

/**
 * GET/HEAD /snapshots/:id/:file. The file must be named in that snapshot's manifest (or be the manifest):
 * names are looked up, never joined from user input, so `..`, `%2e%2e`, `%2f` and friends can only miss
 * (404). Single byte ranges get 206; malformed, multiple or out-of-bounds ranges get 416.
 */
export async function serveSnapshotFile(req: Request, res: Response, dataDir: string): Promise<void> {
  const id = String(req.params.id);
  const name = String(req.params.file);
  const manifest = await readManifest(dataDir, id);
  const entry = manifest?.files[name];
  if (!manifest || (!entry && name !== 'manifest.json')) {
    res.status(404).json({ error: `no file ${JSON.stringify(name)} in snapshot ${JSON.stringify(id)}` });
    return;
  }
  const file = path.join(snapshotsDir(dataDir), id, name);
  const size = (await stat(file)).size;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', contentTypeFor(name));
  res.setHeader('Content-Disposition', `attachment; filename="${id}-${name}"`);
  if (entry) {
    res.setHeader('ETag', `"${entry.sha256}"`);
    res.setHeader('X-Content-SHA256', entry.sha256);
    // A snapshot never changes once published.
    res.setHeader('Cache-Control', 'public, max-age=86400, immutable');
  }
  const range = parseRange(req.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${size}`);
    res.json({ error: `range not satisfiable (${range.reason}); file is ${size} bytes` });
    return;
  }
  const [start, end] = range.kind === 'range' ? [range.start, range.end] : [0, size - 1];
  if (range.kind === 'range') {
    res.status(206).setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  }
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file, { start, end });
    stream.on('error', (err) => {
      // Headers are gone once streaming started: all we can do is cut the connection, never send a short "ok".
      res.destroy(err);
      reject(err);
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
