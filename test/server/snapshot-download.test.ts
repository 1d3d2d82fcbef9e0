// `ogi snapshot download`: a user fetches a published snapshot from an `ogi serve` address.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fetchSnapshot } from '../../storage/snapshot-fetch.ts';
import { runOgi } from '../helpers/faults.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { servedFixtureSnapshot } from './fixture-snapshot.ts';

const served = servedFixtureSnapshot();

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

test('the newest snapshot is downloaded whole and every file matches the manifest', async () => {
  const out = path.join(await tmpDir('ogi-dl-'), 'snap');
  const got = await fetchSnapshot({ server: served.server.url, outDir: out });
  assert.equal(got.id, served.fx.snap.id);
  assert.deepEqual((await readdir(out)).sort(), [...Object.keys(served.fx.snap.files), 'manifest.json'].sort());
  for (const [name, f] of Object.entries(served.fx.snap.files)) assert.equal(await sha(path.join(out, name)), f.sha256, name);
  assert.ok(got.files.every((f) => f.status === 'downloaded'));
  // Again: nothing is fetched twice; a damaged file is fetched anew.
  await writeFile(path.join(out, 'reports.csv'), 'damaged');
  const again = await fetchSnapshot({ server: `${served.server.url}/`, id: served.fx.snap.id, outDir: out });
  assert.deepEqual(again.files.filter((f) => f.status === 'downloaded').map((f) => f.name), ['reports.csv']);
  assert.equal(await sha(path.join(out, 'reports.csv')), served.fx.snap.files['reports.csv']!.sha256);
});

test('chosen files only; unknown files, snapshots and servers are clear errors', async () => {
  const out = await tmpDir('ogi-dl-some-');
  const got = await fetchSnapshot({ server: served.server.url, outDir: out, files: ['codebook.md', 'stats.json'] });
  assert.deepEqual(got.files.map((f) => f.name), ['codebook.md', 'stats.json']);
  assert.deepEqual((await readdir(out)).sort(), ['codebook.md', 'manifest.json', 'stats.json']);
  await assert.rejects(fetchSnapshot({ server: served.server.url, outDir: out, files: ['nope.xlsx'] }), /has no nope\.xlsx; its files: .*reports\.parquet/);
  await assert.rejects(fetchSnapshot({ server: served.server.url, outDir: out, id: '19990101T000000Z' }), /HTTP 404/);
  await assert.rejects(fetchSnapshot({ server: 'ftp://example.org', outDir: out }), /not an http\(s\) address/);
  await assert.rejects(fetchSnapshot({ server: 'http://127.0.0.1:9', outDir: out }), /cannot reach http:\/\/127\.0\.0\.1:9/);
});

test('ogi snapshot download: progress on stderr, a summary on stdout, exit 1 with the reason on failure', async () => {
  const out = await tmpDir('ogi-dl-cli-');
  const ok = await runOgi(['snapshot', 'download', served.server.url, '--out', out, '--files', 'reports.parquet'], {});
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`snapshot ${served.fx.snap.id}: 1 file\\(s\\) downloaded, 0 already present, all checksums verified`));
  assert.match(ok.stderr, /reports\.parquet: .*sha256 verified/);
  const bad = await runOgi(['snapshot', 'download', served.server.url, '--out', out, '--id', 'nope'], {});
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^ogi: .*api\/snapshots\/nope: HTTP 404/m);
});
