// `ogi serve` against names, files and data it must not trust: no lookup walks Object.prototype, no symlink
// leads out of a snapshot, one bad file never takes the others down, and no answer carries a path or a stack.
import assert from 'node:assert/strict';
import { cp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../src/server/start.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { dataDirWithSnapshot } from './fixture-snapshot.ts';

let fx: Awaited<ReturnType<typeof dataDirWithSnapshot>>;
let server: Awaited<ReturnType<typeof startServer>>;
let secret: string;
let stderr: string[] = [];
const realWrite = process.stderr.write.bind(process.stderr);

/** No answer may name a directory of this machine. */
function assertNoPath(body: string, what: string) {
  assert.doesNotMatch(body, /\/tmp\/|\/work\/|\/home\/|ogi-server-|ogi-secret-|node_modules|\bat \w+ \(|\.ts:\d+/, `${what} leaks a path or stack: ${body.slice(0, 200)}`);
}

before(async () => {
  fx = await dataDirWithSnapshot();
  const snaps = path.join(fx.dataDir, 'snapshots');
  // A secret outside the snapshot, reachable only through symlinks planted inside it.
  secret = path.join(await tmpDir('ogi-secret-'), 'secret.txt');
  await writeFile(secret, 'TOP SECRET');
  await rm(path.join(fx.snap.path, 'codebook.md'));
  await symlink(secret, path.join(fx.snap.path, 'codebook.md')); // listed in the manifest
  await symlink(secret, path.join(fx.snap.path, 'extra.txt')); // not listed
  // A second snapshot with a corrupt manifest and a third whose stats.json is missing.
  await mkdir(path.join(snaps, '20000101T000000Z'));
  await writeFile(path.join(snaps, '20000101T000000Z', 'manifest.json'), '{"id": "20000101T000000Z", "files": {');
  const noStats = '20000102T000000Z';
  await cp(fx.snap.path, path.join(snaps, noStats), { recursive: true, verbatimSymlinks: true });
  const manifest = JSON.parse(JSON.stringify(fx.snap));
  delete manifest.path;
  manifest.id = noStats;
  manifest.created_at = '2000-01-02T00:00:00.000Z';
  await writeFile(path.join(snaps, noStats, 'manifest.json'), JSON.stringify(manifest));
  await rm(path.join(snaps, noStats, 'stats.json'));
  // A broken crawl report next to the good one.
  await writeFile(path.join(fx.dataDir, 'runs', 'run0.json'), '{not json');
  server = await startServer({ dataDir: fx.dataDir });
  stderr = [];
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr.push(String(chunk));
    return realWrite(chunk as string, ...(rest as []));
  }) as typeof process.stderr.write;
});
after(async () => {
  process.stderr.write = realWrite;
  await server?.close();
});

test('prototype names are just names that are not there: 404, no path', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    for (const p of [`/snapshots/${fx.snap.id}/${name}`, `/snapshots/${name}/reports.csv`, `/api/snapshots/${name}`, `/api/snapshots/${name}/charts`]) {
      const r = await fetch(server.url + p);
      const body = await r.text();
      assert.equal(r.status, 404, `${p} → ${r.status} ${body}`);
      assertNoPath(body, p);
    }
  }
});

test('a symlink out of the snapshot directory is never followed', async () => {
  for (const name of ['codebook.md', 'extra.txt']) {
    const r = await fetch(`${server.url}/snapshots/${fx.snap.id}/${name}`);
    const body = await r.text();
    assert.equal(r.status, 404, name);
    assert.doesNotMatch(body, /TOP SECRET/);
    assertNoPath(body, name);
  }
  // The other files of the snapshot are still served.
  assert.equal((await fetch(`${server.url}/snapshots/${fx.snap.id}/reports.csv`)).status, 200);
});

test('a corrupt manifest is listed as broken; the others stay served', async () => {
  const r = await fetch(`${server.url}/api/snapshots`);
  assert.equal(r.status, 200);
  const text = await r.text();
  assertNoPath(text, '/api/snapshots');
  const list = JSON.parse(text) as Array<{ id: string; broken?: boolean; error?: string }>;
  assert.deepEqual(list.map((s) => [s.id, !!s.broken]), [[fx.snap.id, false], ['20000102T000000Z', false], ['20000101T000000Z', true]]);
  assert.match(list[2]!.error!, /not valid JSON/);
  const one = await fetch(`${server.url}/api/snapshots/20000101T000000Z`);
  assert.equal(one.status, 404);
  assertNoPath(await one.text(), 'broken manifest');
  assert.equal((await fetch(`${server.url}/snapshots/20000101T000000Z/manifest.json`)).status, 404);
});

test('a missing stats.json and a broken run report give clean errors', async () => {
  const r = await fetch(`${server.url}/api/snapshots/20000102T000000Z/charts`);
  const body = await r.text();
  assert.equal(r.status, 404);
  assert.match(body, /has no stats\.json/);
  assertNoPath(body, 'charts');
  const c = await fetch(`${server.url}/api/crawl-status`);
  assert.equal(c.status, 200);
  const ctext = await c.text();
  assertNoPath(ctext, 'crawl-status');
  const status = JSON.parse(ctext);
  assert.deepEqual(status.errors, ['runs/run0.json: cannot be read']);
  assert.equal(status.portals.length, 3, 'the good run report is still read');
  assert.ok(stderr.some((l) => l.includes('run0.json')), 'the full reason is logged on the server');
});

test('an unexpected failure answers "internal error" with a log id, never the stack', async () => {
  // A stats.json that is not JSON: a parse failure inside the handler.
  await writeFile(path.join(fx.snap.path, 'stats.json'), '{');
  const r = await fetch(`${server.url}/api/snapshots/${fx.snap.id}/charts`);
  const body = await r.text();
  assert.equal(r.status, 500);
  assert.match(body, /cannot be read \(logged as [0-9a-f]{8}\)/);
  assertNoPath(body, 'charts 500');
  const id = /logged as ([0-9a-f]{8})/.exec(body)![1]!;
  assert.ok(stderr.some((l) => l.includes(id) && l.includes('stats.json')), 'the log line carries the id and the path');
  // A malformed escape in the path is a 400 that does not echo the request.
  const bad = await fetch(`${server.url}/api/snapshots/%E0%A4%A`);
  assert.equal(bad.status, 400);
  assertNoPath(await bad.text(), 'bad escape');
});
