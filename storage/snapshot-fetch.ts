// Downloads a published snapshot from an `ogi serve` instance through its JSON API, checking every file against the
// SHA-256 in the manifest. Files already present with the right checksum are kept, so an interrupted download is
// finished by running it again.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FetchSnapshotOptions {
  /** Base URL of the server, e.g. `https://data.example.org/`. */
  server: string;
  /** Snapshot id; the newest when left out. */
  id?: string;
  /** Target directory; `./ogi-snapshot-<id>` when left out. */
  outDir?: string;
  /** File names to fetch (default: all of the manifest's files); manifest.json always comes along. */
  files?: string[];
  onProgress?: (line: string) => void;
}

export interface FetchedFile { name: string; bytes: number; sha256: string; status: 'downloaded' | 'already present' }
export interface FetchedSnapshot { id: string; dir: string; files: FetchedFile[] }

interface ApiFile { url: string; sha256: string; bytes: number }
interface ApiSnapshot { id: string; files: Record<string, ApiFile> }

export class SnapshotFetchError extends Error {}

async function getJson<T>(url: URL): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new SnapshotFetchError(`cannot reach ${url.origin}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
  if (!res.ok) {
    const detail = await res.text().then((t) => t.slice(0, 200), () => '');
    throw new SnapshotFetchError(`${url}: HTTP ${res.status}${detail ? ` ${detail}` : ''}`);
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new SnapshotFetchError(`${url}: the answer is not JSON (is this an ogi serve address?)`);
  }
}

/** SHA-256 of a local file, streamed (snapshot files can be large); null when it does not exist. */
async function sha256Of(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return hash.digest('hex');
}

export async function fetchSnapshot(o: FetchSnapshotOptions): Promise<FetchedSnapshot> {
  let base: URL;
  try {
    base = new URL(o.server.endsWith('/') ? o.server : `${o.server}/`);
  } catch {
    throw new SnapshotFetchError(`not a server address: "${o.server}" (expected e.g. http://127.0.0.1:8080)`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new SnapshotFetchError(`not an http(s) address: "${o.server}"`);
  const progress = o.onProgress ?? (() => {});

  let id = o.id;
  if (!id) {
    const list = await getJson<Array<{ id: string }>>(new URL('api/snapshots', base));
    if (!list.length) throw new SnapshotFetchError(`${base.origin} has no snapshots yet`);
    id = list[0]!.id;
  }
  const manifest = await getJson<ApiSnapshot>(new URL(`api/snapshots/${encodeURIComponent(id)}`, base));
  const available = Object.keys(manifest.files);
  const wanted = o.files?.length ? o.files : available;
  const unknown = wanted.filter((f) => !manifest.files[f]);
  if (unknown.length) throw new SnapshotFetchError(`snapshot ${id} has no ${unknown.join(', ')}; its files: ${available.join(', ')}`);

  const dir = path.resolve(o.outDir ?? `ogi-snapshot-${id}`);
  await mkdir(dir, { recursive: true });
  const total = wanted.reduce((s, f) => s + manifest.files[f]!.bytes, 0);
  progress(`snapshot ${id}: ${wanted.length} file(s), ${(total / 1e6).toFixed(1)} MB → ${dir}`);
  const out: FetchedFile[] = [];
  for (const name of wanted) {
    const f = manifest.files[name]!;
    const target = path.join(dir, name);
    if ((await sha256Of(target)) === f.sha256) {
      progress(`${name}: already present, checksum matches`);
      out.push({ name, bytes: f.bytes, sha256: f.sha256, status: 'already present' });
      continue;
    }
    await download(new URL(f.url, base), target, f, (line) => progress(`${name}: ${line}`));
    out.push({ name, bytes: f.bytes, sha256: f.sha256, status: 'downloaded' });
  }
  // The manifest has no checksum of its own; it is what the others are checked against.
  const manifestRes = await fetch(new URL(`snapshots/${encodeURIComponent(id)}/manifest.json`, base));
  if (!manifestRes.ok) throw new SnapshotFetchError(`manifest.json of ${id}: HTTP ${manifestRes.status}`);
  await writeFile(path.join(dir, 'manifest.json'), Buffer.from(await manifestRes.arrayBuffer()));
  return { id, dir, files: out };
}

/** Streams `url` into `<target>.part`, hashing as it goes; renamed into place only when size and SHA-256 match. */
async function download(url: URL, target: string, f: ApiFile, progress: (line: string) => void): Promise<void> {
  const part = `${target}.part`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new SnapshotFetchError(`${url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
  if (!res.ok || !res.body) throw new SnapshotFetchError(`${url}: HTTP ${res.status}`);
  const hash = createHash('sha256');
  let got = 0;
  let shown = Date.now();
  const counted = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>).map((chunk: Buffer) => {
    hash.update(chunk);
    got += chunk.length;
    if (Date.now() - shown > 1000) {
      shown = Date.now();
      progress(`${(got / 1e6).toFixed(1)} of ${(f.bytes / 1e6).toFixed(1)} MB`);
    }
    return chunk;
  });
  try {
    await pipeline(counted, createWriteStream(part));
  } catch (err) {
    await rm(part, { force: true });
    throw new SnapshotFetchError(`${url}: download broke off after ${got} of ${f.bytes} bytes: ${(err as Error).message}`);
  }
  const sha = hash.digest('hex');
  if (got !== f.bytes || sha !== f.sha256) {
    await rm(part, { force: true });
    throw new SnapshotFetchError(`${url}: got ${got} bytes with sha256 ${sha}; the manifest says ${f.bytes} bytes, ${f.sha256}. Nothing was kept; run again.`);
  }
  await rename(part, target);
  progress(`${(got / 1e6).toFixed(1)} MB, sha256 verified`);
}
