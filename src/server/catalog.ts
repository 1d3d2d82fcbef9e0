import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SnapshotManifest } from '../../storage/snapshot.ts';
import { SNAPSHOT_ID, snapshotsDir } from '../../storage/snapshot-list.ts';
import { HttpError, logServerError } from './errors.ts';

/**
 * The published snapshots as the server sees them. Every lookup by a name from a URL goes through a `Map`
 * (never a plain object), so `__proto__`, `constructor` or `toString` are just names that are not there.
 * A snapshot whose manifest cannot be read or does not have the expected shape is listed as broken and
 * the others stay served.
 */
const ManifestFile = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });
const Manifest = z
  .object({
    id: z.string(),
    created_at: z.string(),
    schema_version: z.string(),
    parser_version: z.string(),
    counts: z.object({ reports: z.number() }).passthrough(),
    portals: z.array(z.object({ portal_id: z.string() }).passthrough()).default([]),
    files: z.record(z.string(), ManifestFile),
    /** Added by later builds: the data licence and how to cite the dataset. */
    license: z.unknown().optional(),
    citation: z.unknown().optional(),
  })
  .passthrough();

export interface Snapshot {
  id: string;
  manifest: SnapshotManifest & { license?: unknown; citation?: unknown };
  /** File name → checksum and size, exactly the names the manifest lists. */
  files: Map<string, { sha256: string; bytes: number }>;
  /** The snapshot directory with every symlink resolved: no file outside it is ever served. */
  dir: string;
}

export interface BrokenSnapshot {
  id: string;
  error: string;
}

export interface Catalog {
  /** Newest first. */
  list: Snapshot[];
  byId: Map<string, Snapshot>;
  broken: BrokenSnapshot[];
  latest: Snapshot | null;
}

const inside = (dir: string, file: string) => file.startsWith(dir + path.sep);

/** Reads one snapshot directory; a problem becomes a BrokenSnapshot with a message that names no path. */
async function readSnapshot(root: string, id: string): Promise<Snapshot | BrokenSnapshot | null> {
  const where = path.join(root, id);
  let dir: string;
  try {
    if (!(await stat(where)).isDirectory()) return null;
    dir = await realpath(where);
  } catch {
    return null; // vanished (pruned) between the listing and now
  }
  const file = path.join(dir, 'manifest.json');
  let text: string;
  try {
    const info = await lstat(file);
    if (info.isSymbolicLink()) return { id, error: 'manifest.json is a symbolic link' };
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null; // not a finished snapshot
    logServerError(`snapshot ${id}: cannot read ${file}`, err);
    return { id, error: `manifest.json cannot be read (${code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    logServerError(`snapshot ${id}: ${file} is not valid JSON`);
    return { id, error: 'manifest.json is not valid JSON' };
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { id, error: `manifest.json does not have the expected fields (${issue.path.join('.') || 'top level'}: ${issue.message})` };
  }
  if (parsed.data.id !== id) return { id, error: `manifest.json names another snapshot (${JSON.stringify(parsed.data.id.slice(0, 100))})` };
  const manifest = parsed.data as unknown as Snapshot['manifest'];
  return { id, manifest, dir, files: new Map(Object.entries(parsed.data.files)) };
}

/**
 * Reads the snapshots directory again only when it changed (a finished snapshot is renamed into it, a
 * pruned one renamed out, both of which touch the directory), so each request costs one `stat`.
 */
export class SnapshotCatalog {
  private cached: { key: string; catalog: Catalog } | null = null;
  private pending: Promise<Catalog> | null = null;
  constructor(private readonly dataDir: string) {}

  async get(): Promise<Catalog> {
    const root = snapshotsDir(this.dataDir);
    let key: string;
    try {
      const s = await stat(root);
      key = `${s.mtimeMs}:${s.ino}`;
    } catch {
      return { list: [], byId: new Map(), broken: [], latest: null };
    }
    if (this.cached?.key === key) return this.cached.catalog;
    this.pending ??= this.load(root).finally(() => {
      this.pending = null;
    });
    const catalog = await this.pending;
    this.cached = { key, catalog };
    return catalog;
  }

  private async load(root: string): Promise<Catalog> {
    let names: string[];
    try {
      names = await readdir(root);
    } catch (err) {
      logServerError(`cannot list ${root}`, err);
      throw new HttpError(503, 'the snapshots cannot be listed right now');
    }
    const list: Snapshot[] = [];
    const broken: BrokenSnapshot[] = [];
    for (const name of names) {
      if (!SNAPSHOT_ID.test(name)) continue; // hidden work directories (.tmp-…, .del-…) and stray names
      const s = await readSnapshot(root, name);
      if (!s) continue;
      if ('error' in s) broken.push(s);
      else list.push(s);
    }
    list.sort((a, b) => b.manifest.created_at.localeCompare(a.manifest.created_at) || b.id.localeCompare(a.id));
    broken.sort((a, b) => b.id.localeCompare(a.id));
    return { list, byId: new Map(list.map((s) => [s.id, s])), broken, latest: list[0] ?? null };
  }

  /** The snapshot `id` (or the newest for `latest`); a 404 HttpError otherwise. */
  async snapshot(id: string): Promise<Snapshot> {
    const c = await this.get();
    const s = id === 'latest' ? c.latest : c.byId.get(id);
    if (!s) throw new HttpError(404, id === 'latest' ? 'no snapshot has been published yet' : `no snapshot ${JSON.stringify(id.slice(0, 100))}`);
    return s;
  }

  /**
   * The absolute path of `name` in snapshot `s` when the manifest lists it (or it is the manifest itself)
   * and it resolves, symlinks followed, to a regular file inside the snapshot directory; else a 404.
   */
  async file(s: Snapshot, name: string): Promise<string> {
    const missing = () => new HttpError(404, `no file ${JSON.stringify(name.slice(0, 100))} in snapshot ${s.id}`);
    if (name !== 'manifest.json' && !s.files.has(name)) throw missing();
    let real: string;
    try {
      real = await realpath(path.join(s.dir, name));
      if (!(await stat(real)).isFile()) throw missing();
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw missing();
    }
    if (!inside(s.dir, real)) {
      logServerError(`snapshot ${s.id}: ${name} leads out of the snapshot directory to ${real}; not served`);
      throw missing();
    }
    return real;
  }
}
