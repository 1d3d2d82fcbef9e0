import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const BIN = join(ROOT, 'bin', 'ogi.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'parse', ...args], { encoding: 'utf8', timeout: 120_000 });

test('ogi parse --json: many files, one record per line in input order; a failed file keeps its line; GBK .txt sniffed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-parse-'));
  try {
    // An old portal's report saved as GBK with no declaration anywhere.
    const gbk = join(dir, 'sanyuan-gbk.txt');
    writeFileSync(gbk, iconv.encode(readFileSync(join(FIXTURES, 'seeds', '001_d50b10d434d38268.txt'), 'utf8'), 'gbk'));
    const files = [
      join(FIXTURES, 'seeds', '003_43948e42974b10db.txt'),
      join(dir, 'missing.txt'),
      gbk,
      join(FIXTURES, 'pdf', 'huaian-hongze-2024.pdf'),
      join(dir, 'notes.xyz'),
    ];
    const r = run(...files, '--json');
    assert.equal(r.status, 1, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(out.map((o) => o.file), files);
    assert.deepEqual(out.map((o) => o.error === null), [true, false, true, true, false]);
    assert.match(out[1].error, /cannot read/);
    assert.match(out[4].error, /unsupported file type/);
    assert.equal(out[0].year, 2021);
    assert.equal(out[2].is_report, true);
    assert.equal(out[2].year, 2017);
    assert.match(out[2].agency, /三元区/);
    assert.equal(out[3].format, '2021');
    assert.match(r.stderr, /2 of 5 file\(s\) failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ogi parse: --help shows the many-file form; --url with several files is a usage error', () => {
  const help = run('--help');
  assert.match(help.stdout, /<files\.\.\.>/);
  assert.match(help.stdout, /JSON Lines/);
  const r = run(join(FIXTURES, 'seeds', '000_a22d6246aa810c86.txt'), join(FIXTURES, 'seeds', '001_d50b10d434d38268.txt'), '--url', 'https://example.invalid/a.html');
  assert.equal(r.status, 2);
});
