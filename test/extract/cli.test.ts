import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'ogi.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'extract', ...args], { encoding: 'utf8', timeout: 120_000 });

test('ogi extract --json: one line per file in input order, failures keep their line with error, exit 1', () => {
  const files = [
    join(FIXTURES, 'seeds', '002_e962cb43ef6559aa.txt'),
    join(FIXTURES, 'extract', 'pages', 'hanweb-sanyuan.html'),
    join(FIXTURES, 'does-not-exist.html'),
    join(FIXTURES, 'docx', 'filled-2021-report.docx'),
    join(FIXTURES, 'pdf', 'huaian-hongze-2024.pdf'),
  ];
  const r = run(...files, '--json', '--url', 'http://www.smsy.gov.cn/zwgk/a.htm');
  assert.equal(r.status, 1, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => o.file), files);
  assert.deepEqual(out.map((o) => o.kind), ['txt', 'html', undefined, 'docx', 'pdf']);
  assert.equal(out[0].published_at, '2018-03-20');
  assert.equal(out[1].attachments[0].url, 'http://www.smsy.gov.cn/module/download/downfile.jsp?classid=0&filename=1801191151.doc');
  assert.match(out[2].error, /cannot read/);
  for (const i of [0, 1, 3, 4]) {
    assert.equal(out[i].error, null);
    for (const k of ['title', 'published_at', 'meta', 'text', 'tables', 'removed', 'attachments', 'warnings']) assert.ok(k in out[i], k);
  }
  assert.match(r.stderr, /1 of 5 file\(s\) failed/);
});

test('ogi extract: a bad --url is a usage error (exit 2)', () => {
  const r = run(join(FIXTURES, 'seeds', '000_a22d6246aa810c86.txt'), '--url', 'not a url');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--url/);
});

test('ogi extract without --json prints a readable summary and exits 0', () => {
  const r = run(join(FIXTURES, 'seeds', '001_d50b10d434d38268.txt'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /title: 三元区2017年政府信息公开工作年度报告/);
  assert.match(r.stdout, /published_at: 2018-01-19 11:51 \(text-bar\)/);
});
