// A portal whose report pages each misbehave in one way (timeout, connection reset, 500, redirect loop, a 20 MB
// page, binary junk served as HTML, a wrong and a missing charset, a truncated PDF) next to one good report,
// behind a list whose 下一页 chain never ends. Crawled with crawlPortal directly and through `ogi crawl --wait`:
// every fault is in the crawl report with its cause, and the rest of the portal and of the run goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { startTestRedis } from '../helpers/redis.ts';
import { repoRoot, tmpDir } from '../helpers/tmp.ts';
import { killAllChildren, runOgi, snapshotRows } from '../helpers/faults.ts';
import { FAULTS, FAULTY_TIMEOUT_SECS, faultyPortalsYaml, startFaultySite, type FaultySite } from '../helpers/faults-site.ts';
import { crawlPortal, type CrawlReport } from '../../crawlers/crawl-portal.ts';
import { PortalsFile } from '../../src/schema/config.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { Archive } from '../../storage/archive.ts';

const MAX_PAGES = 30;
let site: FaultySite;
let report: CrawlReport;
let docs: CleanDocument[] = [];
let redis: Awaited<ReturnType<typeof startTestRedis>>;

before(async () => {
  site = await startFaultySite();
  const file = PortalsFile.parse(parse(faultyPortalsYaml(site, MAX_PAGES)));
  const { portals, ...settings } = file;
  const dataDir = await tmpDir('ogi-fault-site-');
  report = await crawlPortal({
    portal: portals[0]!, settings, runId: 'faults', dataDir, archive: new Archive(dataDir), politeness: false,
    onDocument: async (doc) => void docs.push(doc),
  });
});

after(async () => {
  await killAllChildren();
  await site?.close();
  await redis?.stop();
});

const errorFor = (name: (typeof FAULTS)[number]['name']) => report.errors.find((e) => e.url === site.url(name));
const docFor = (name: (typeof FAULTS)[number]['name']) => docs.find((d) => d.url === site.url(name));

test('each network and HTTP fault is in the crawl report with its cause, and the portal goes on', () => {
  assert.equal(report.status, 'ok');
  const want: Array<[(typeof FAULTS)[number]['name'], string, RegExp]> = [
    ['timeout', 'timeout', new RegExp(`no answer within ${FAULTY_TIMEOUT_SECS * 1000} ms`)],
    ['reset', 'network', /closed|reset|socket/i],
    ['500', 'http_5xx', /HTTP 500/],
    ['redirect-loop', 'too_many_redirects', /redirects/],
    ['truncated-pdf', 'extract', /pdf/i],
  ];
  for (const [name, kind, message] of want) {
    const e = errorFor(name);
    assert.ok(e, `no error recorded for the ${name} page: ${JSON.stringify(report.errors)}`);
    assert.equal(e.kind, kind, name);
    assert.match(e.message, message, name);
    assert.ok((report.errors_by_kind[kind] ?? 0) >= 1, `${kind} not counted`);
    assert.equal(docFor(name), undefined, `${name} produced a document`);
  }
  // 500s and timeouts are retried (politely bounded), a redirect loop or a reset page is not fetched forever.
  assert.equal(site.hits.get(FAULTS[3].path), 4);
  assert.ok((site.hits.get(FAULTS[4].path) ?? 0) <= 4 * 3);
  const good = docFor('good');
  assert.ok(good, 'the good report was not emitted');
  assert.match(good.text, /政府信息公开/);
});

test('endless pagination ends at the portal page budget', () => {
  assert.ok(report.list_pages <= MAX_PAGES, `list pages ${report.list_pages}`);
  const listHits = [...site.hits.keys()].filter((p) => p.startsWith('/f/list/')).length;
  assert.ok(listHits <= MAX_PAGES + 1, `the list chain was fetched ${listHits} times`);
});

test('endless pagination is recorded in the crawl report (the budget cut the list short)', () => {
  const kinds = Object.keys(report.errors_by_kind).join(',');
  assert.match(kinds, /max_pages|budget|truncat|trap/, `errors_by_kind: ${kinds}`);
});

test('a wrong and a missing charset still give the right text', () => {
  for (const name of ['wrong-charset', 'no-charset'] as const) {
    const d = docFor(name);
    assert.ok(d, `${name}: no document`);
    const title = FAULTS.find((f) => f.name === name)!.title;
    assert.ok(d.title?.includes(title.slice(0, 6)), `${name}: title ${d.title}`);
    assert.match(d.text, /政府信息公开/, `${name}: text is not Chinese: ${d.text.slice(0, 80)}`);
    assert.doesNotMatch(d.text, /\uFFFD/, `${name}: replacement characters in the text`);
  }
});

test('a 20 MB report page is refused as too large, with its size in the crawl report, and the crawl goes on', () => {
  // HTML over the crawler's page limit (8 MB) is recorded, never cut short: a truncated report would pass for a whole one.
  const e = errorFor('huge');
  assert.ok(e, 'no error recorded for the 20 MB page');
  assert.equal(e.kind, 'too_large');
  assert.match(e.message, /limit/);
  assert.equal(docFor('huge'), undefined);
  assert.ok(docFor('good'), 'the good report after it was not emitted');
});

test('binary junk served as HTML is recorded with a cause, not emitted as an empty report', () => {
  const e = errorFor('binary');
  assert.ok(e, `no error for the binary page; emitted: ${JSON.stringify(docFor('binary')?.text.length)}`);
  assert.equal(docFor('binary'), undefined);
});

test('`ogi crawl --wait --snapshot` on the faulty portal: exit 0, the crawl report on disk names every fault, the good report is in the snapshot', async () => {
  redis = await startTestRedis();
  const dataDir = await tmpDir('ogi-fault-site-cli-');
  const config = path.join(dataDir, 'faulty.yaml');
  await writeFile(config, faultyPortalsYaml(site, MAX_PAGES));
  const res = await runOgi(['crawl', '--config', config, '--data-dir', dataDir, '--wait', '--snapshot', '--no-politeness'], { REDIS_URL: redis.url }, 240_000);
  assert.equal(res.code, 0, `exit ${res.code}\n${res.stdout}\n${res.stderr}`);
  const runFile = /crawl reports: (\S+\.json)/.exec(res.stdout)?.[1];
  assert.ok(runFile, res.stdout);
  const run = JSON.parse(await readFile(runFile, 'utf8')) as { portals: CrawlReport[] };
  const p = run.portals.find((x) => x.portal_id === 'faulty');
  assert.ok(p, JSON.stringify(run).slice(0, 500));
  for (const kind of ['timeout', 'network', 'http_5xx', 'too_many_redirects', 'extract']) assert.ok((p.errors_by_kind[kind] ?? 0) >= 1, `${kind} missing: ${JSON.stringify(p.errors_by_kind)}`);
  const snap = /snapshot: (\S+)/.exec(res.stdout)?.[1];
  assert.ok(snap, res.stdout);
  const urls = (await snapshotRows(snap)).map((r) => r.url);
  for (const ok of ['good', 'wrong-charset', 'no-charset'] as const) assert.ok(urls.includes(site.url(ok)), `${ok} not in the snapshot`);
  assert.ok(!urls.includes(site.url('huge')), 'the over-limit page must not reach the snapshot');
  assert.ok((p.errors_by_kind.too_large ?? 0) >= 1, `too_large missing: ${JSON.stringify(p.errors_by_kind)}`);
  for (const bad of ['timeout', 'reset', '500', 'redirect-loop', 'truncated-pdf'] as const) assert.ok(!urls.includes(site.url(bad)), `${bad} in the snapshot`);
});

test('a malformed multi-megabyte page (content after </html> inside open containers) is cleaned in linear time', async () => {
  // Measured as CPU time, in a child, 1 MB against 4 MB: a busy machine stretches wall time but not CPU time, and a
  // ratio does not depend on the machine's speed. Linear work gives about 4; the quadratic cleaner gave about 25
  // (1.1 s at 1 MB, 28 s at 4 MB).
  const script = `
    import { extractHtml } from './src/extract/index.ts';
    const filler = '<p>附表：本年度无其他需要报告的事项。</p>\\n';
    const page = (mb) => '<html><head><meta charset="utf-8"><title>t</title></head><body><div class="article"><div class="TRS_Editor"><p>正文</p><div class="footer">版权所有</div></body></html>' + filler.repeat(Math.ceil((mb * 1024 * 1024) / 60)) + '</div></div></body></html>';
    const cpu = (mb) => { const html = page(mb); const t = process.cpuUsage(); extractHtml(html, {}); const d = process.cpuUsage(t); return d.user + d.system; };
    cpu(0.25);
    const small = cpu(1);
    const big = cpu(4);
    process.stdout.write(JSON.stringify({ small, big }));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (err += b));
  // Only a bound against a hang (quadratic at 4 MB would take minutes of CPU on a loaded machine).
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  await new Promise((r) => child.once('exit', r));
  clearTimeout(timer);
  assert.ok(out, `extractHtml did not finish the malformed pages: ${err.slice(-500)}`);
  const { small, big } = JSON.parse(out) as { small: number; big: number };
  assert.ok(big / small < 10, `4 MB took ${(big / small).toFixed(1)}× the CPU time of 1 MB (${big} µs vs ${small} µs): not linear`);
});
