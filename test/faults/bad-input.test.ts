// Bad input at the edges a user touches: portals files through the real CLI (exit code 2 and a message naming
// file, portal and field), and the parser fed random bytes and mutated real reports (never throws, always a
// valid record, and a record that is not a clean report says why). The loader's own unit tests are in
// test/config/load.test.ts, the parser's string fuzzing in test/report/robust.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { fixture, tmpDir } from '../helpers/tmp.ts';
import { runOgi } from '../helpers/faults.ts';
import { parseReport } from '../../src/report/index.ts';
import { ReportRecord } from '../../src/schema/record.ts';

const good = (id = 'fj-pingtan', url = 'https://www.pingtan.gov.cn/zwgk/zfxxgknb/') => `  - id: ${id}
    name: 平潭 政府信息公开年报
    admin_level: county
    start_urls: [${url}]
`;

const CASES: Array<{ name: string; yaml: string; needles: RegExp[] }> = [
  { name: 'malformed YAML', yaml: 'portals: [\n  - id: x\n  name', needles: [/invalid YAML/] },
  { name: 'an unknown field', yaml: `portals:\n${good().replace('admin_level: county', 'admin_level: county\n    colour: red')}`, needles: [/portal "fj-pingtan"/, /colour/] },
  { name: 'duplicate portal ids', yaml: `portals:\n${good()}${good()}`, needles: [/duplicate id/, /fj-pingtan/] },
  { name: 'a non-http start URL', yaml: `portals:\n${good('fj-pingtan', 'ftp://www.pingtan.gov.cn/')}`, needles: [/portal "fj-pingtan"/, /start_urls\[0\]/, /http/] },
  { name: 'a host outside allowed_hosts', yaml: `portals:\n${good()}    allowed_hosts: [www.example.gov.cn]\n`, needles: [/portal "fj-pingtan"/, /allowed_hosts|start_urls/] },
];

for (const c of CASES) {
  test(`CLI: ${c.name} → exit 2 from \`ogi portals validate\` and \`ogi crawl\`, naming file, portal and field`, async () => {
    const dir = await tmpDir('ogi-fault-cfg-');
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, c.yaml);
    for (const args of [['portals', 'validate', file], ['crawl', '--config', file, '--data-dir', path.join(dir, 'data')]]) {
      // REDIS_URL points nowhere: a config error must be reported before anything connects.
      const res = await runOgi(args, { REDIS_URL: 'redis://127.0.0.1:9' }, 60_000);
      assert.equal(res.code, 2, `${args[0]}: exit ${res.code}\n${res.stderr}`);
      assert.ok(res.stderr.includes(file), `${args[0]}: file not named: ${res.stderr}`);
      for (const n of c.needles) assert.match(res.stderr, n, args[0]);
      assert.doesNotMatch(res.stderr, /^\s+at /m, 'a stack trace instead of a message');
    }
  });
}

const SOURCES = [
  ...['000_a22d6246aa810c86.txt', '002_e962cb43ef6559aa.txt', '004_41f57589810ddfa8.txt'].map((f) => readFileSync(fixture('seeds', f), 'utf8')),
  ...['pingtan-2019.txt', 'pingtan-2021.txt'].map((f) => readFileSync(fixture('texts', f), 'utf8')),
];

function checkRecord(text: string, title?: string) {
  const r = parseReport({ text, title, kind: 'html' });
  ReportRecord.parse(r);
  // A record that is not a report says why; a report whose tables do not add up says so in warnings or checks.
  if (!r.is_report) assert.ok(r.not_report_reason, 'not a report, without a reason');
  return r;
}

test('parser: random bytes decoded every way a page can be never throw and always give a valid record', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('utf8', 'latin1', 'utf16le'), (bytes, enc) => {
    checkRecord(Buffer.from(bytes).toString(enc as BufferEncoding));
  }), { numRuns: 200 });
});

test('parser: real reports with bytes flipped, lines dropped, duplicated or shuffled never throw', () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: SOURCES.length - 1 }),
    fc.array(fc.tuple(fc.constantFrom('flip', 'drop', 'dup', 'swap', 'digits'), fc.nat(), fc.nat()), { minLength: 1, maxLength: 30 }),
    (i, ops) => {
      const lines = SOURCES[i]!.split('\n');
      let bytes: Buffer | null = null;
      for (const [op, a, b] of ops) {
        const x = a % lines.length;
        const y = b % lines.length;
        if (op === 'drop') lines.splice(x, 1);
        else if (op === 'dup') lines.splice(x, 0, lines[y]!);
        else if (op === 'swap') [lines[x], lines[y]] = [lines[y]!, lines[x]!];
        else if (op === 'digits') lines[x] = lines[x]!.replace(/\d/g, (d) => String((Number(d) + b) % 10));
        else {
          bytes ??= Buffer.from(lines.join('\n'));
          bytes[a % bytes.length] ^= 1 << (b % 8);
        }
        if (!lines.length) lines.push('');
      }
      checkRecord(bytes ? bytes.toString('utf8') : lines.join('\n'));
    },
  ), { numRuns: 150 });
});

test('parser: digits changed in a real 2021-format report show up as failed checks or warnings, never as a clean record', () => {
  const src = SOURCES[4]!; // pingtan-2021: its tables add up
  const clean = checkRecord(src);
  assert.equal(clean.is_report, true);
  assert.ok(!clean.checks.some((c) => c.status === 'FAIL'), 'the unchanged report already fails a check');
  // Every total line gets a different number: the 勾稽 identities cannot all hold any more.
  const broken = src.replace(/(总计[^\n]*?)(\d+)/g, (_m, p: string, n: string) => `${p}${Number(n) + 7}`);
  assert.notEqual(broken, src);
  const r = checkRecord(broken);
  assert.ok(r.checks.some((c) => c.status === 'FAIL') || r.warnings.length > clean.warnings.length, `no failed check and no new warning: ${JSON.stringify(r.checks.map((c) => c.status))}`);
});

test('parser: a page with a report title but no text is not a clean report', () => {
  const r = checkRecord('', '某县人民政府2023年政府信息公开工作年度报告');
  assert.ok(!r.is_report || r.warnings.some((w) => /empty|no text|没有正文|正文/.test(w)), `is_report ${r.is_report}, warnings ${JSON.stringify(r.warnings)}`);
});
