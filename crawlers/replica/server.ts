// The offline portal replica: a real node http server on 127.0.0.1 that serves ./site/ (one folder per portal) with
// the HTTP details crawlers meet on government portals (conditional requests, charset only in <meta>, big5
// gateway URLs, query-string pages, soft 404s) plus the dynamic behaviours in ./behaviours.ts.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { behaviours, type Reply } from './behaviours.ts';

export const REPLICA_ROOT = path.resolve(import.meta.dirname, 'site');

export interface ReplicaRequest { method: string; path: string; headers: http.IncomingHttpHeaders; status: number }

export interface ReplicaServer {
  baseUrl: string;
  host: string;
  /** Every request served, in order (tests assert on robots obedience and conditional headers). */
  requests: ReplicaRequest[];
  /** Replace the bytes served at `pathname` (tests use it to change a report between two crawls). */
  patch(pathname: string, content: string | Buffer): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.shtml': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.doc': 'application/msword',
  // Dynamic pages of the CMS modules, stored as `<path>@<query>` files.
  '.jsp': 'text/html; charset=utf-8', '.php': 'text/html; charset=utf-8', '.aspx': 'text/html; charset=utf-8',
};
/** Directories whose pages are sent without a charset in Content-Type, so only the <meta> tells (GBK sites). */
const META_ONLY_CHARSET = ['/gbk/'];
const STARTED = new Date('2024-03-01T00:00:00Z');

export async function startReplicaServer(opts: { port?: number; root?: string } = {}): Promise<ReplicaServer> {
  const root = opts.root ?? REPLICA_ROOT;
  const patches = new Map<string, { body: Buffer; at: Date }>();
  const requests: ReplicaRequest[] = [];
  let host = '';

  async function staticFile(url: URL): Promise<{ body: Buffer; mtime: Date; file: string } | null> {
    let p = decodeURIComponent(url.pathname);
    // big5 gateway mirrors (`/gate/big5/<host>/<path>`) serve the same document as `<path>`.
    const gate = p.match(/^\/gate\/big5\/[^/]+(\/.*)$/);
    if (gate) p = gate[1]!;
    if (p.split('/').some((seg) => seg === '..' || seg === '_data' || seg === '_build')) return null;
    const patched = patches.get(p + url.search) ?? patches.get(p);
    if (patched) return { body: patched.body, mtime: patched.at, file: p };
    const candidates = url.search ? [`${p}@${url.search.slice(1)}`, p] : [p];
    if (p.endsWith('/')) candidates.push(`${p}index.html`, `${p}index.htm`, `${p}index.shtml`);
    for (const c of candidates) {
      const file = path.join(root, c);
      const st = await stat(file).catch(() => null);
      if (st?.isFile()) return { body: await readFile(file), mtime: new Date(Math.max(st.mtimeMs, STARTED.getTime())), file: c };
    }
    return null;
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    const send = (r: Reply) => {
      requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, status: r.status });
      res.writeHead(r.status, r.headers);
      res.end(req.method === 'HEAD' ? undefined : r.body);
    };
    try {
      for (const b of behaviours) {
        const r = await b({ root, url, req, body, host });
        if (r) return send(r);
      }
      const f = await staticFile(url);
      if (!f) return send({ status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>' });
      const ext = path.extname(f.file.replace(/@.*$/, '')) || '.html';
      let bytes = f.body;
      const type = TYPES[ext] ?? 'application/octet-stream';
      if (/^text\/|json/.test(type)) bytes = Buffer.from(bytes.toString('latin1').replaceAll('__HOST__', host).replaceAll('__PORT__', host.split(':')[1]!), 'latin1');
      const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
      const lastModified = new Date(Math.floor(f.mtime.getTime() / 1000) * 1000);
      const headers: Record<string, string> = {
        'content-type': META_ONLY_CHARSET.some((d) => url.pathname.startsWith(d)) ? type.replace(/;\s*charset=.*$/, '') : type,
        etag, 'last-modified': lastModified.toUTCString(), 'cache-control': 'max-age=600',
      };
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const notModified = inm ? inm.split(/\s*,\s*/).includes(etag) : ims ? Date.parse(ims) >= lastModified.getTime() : false;
      if (notModified) return send({ status: 304, headers: { etag, 'last-modified': headers['last-modified']! }, body: '' });
      send({ status: 200, headers, body: bytes });
    } catch (err) {
      send({ status: 500, headers: { 'content-type': 'text/plain' }, body: `replica error: ${(err as Error).message}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  return {
    baseUrl: `http://${host}`,
    host,
    requests,
    patch(pathname, content) {
      patches.set(pathname, { body: Buffer.isBuffer(content) ? content : Buffer.from(content), at: new Date() });
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
