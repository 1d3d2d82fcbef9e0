// `ogi portals discover`: from the replica's home pages (TRS, Hanweb, gkmlpt) to each annual-report column, and the
// proposed entry, crawled, finds the replica's reports (test/fixtures/portals/expected.json, hand-written).
// `ogi portals check`: the dry run of a replica portal lists its report links with years and the look-alikes left out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { crawlPortal, renderCrawlReports } from '../../crawlers/crawl-portal.ts';
import { discoverColumn, scoreLink, proposedId } from '../../crawlers/discover-column.ts';
import { checkPortal, renderCheck } from '../../crawlers/check-portal.ts';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { replicaExpected } from '../helpers/replica.ts';
import { Archive } from '../../storage/archive.ts';
import { Portal } from '../../src/schema/config.ts';
import { tmpData } from './helpers.ts';

let server: ReplicaServer;
before(async () => { server = await startReplicaServer(); });
after(async () => { await server.close(); });

const opts = () => ({ userAgent: 'ogi-harvest/0.1 (discover test)', rate: 50, respectRobots: true, timeoutMs: 10_000 });

const cases = [
  { home: '/trs/', replica: 'replica-trs', column: '/trs/zwgk/zfxxgknb/', family: 'trs' },
  { home: '/hw/', replica: 'replica-hanweb', column: '/hw/col/col1234/index.html', family: 'hanweb' },
  { home: '/gd/', replica: 'replica-gkmlpt', column: '/gd/gkmlpt/index#2731', family: 'gkmlpt' },
];

for (const c of cases) {
  test(`discover: ${c.family} home page ${c.home} → ${c.column}, and the proposed entry crawls the replica's reports`, async () => {
    const p = await discoverColumn(new URL(c.home, server.baseUrl).toString(), opts());
    assert.equal(p.entry.start_urls[0], new URL(c.column, server.baseUrl).toString());
    assert.match(p.idiom, new RegExp(c.family));
    assert.ok(p.reports_on_first_page > 0, 'the column shows reports');
    assert.ok(p.pages_fetched <= 15, `bounded: ${p.pages_fetched} pages`);
    assert.ok(Portal.safeParse({ ...p.entry }).success, 'the proposal is a valid portal entry');

    const { portals: _p, ...settings } = replicaPortalsFile(server.baseUrl);
    const portal = Portal.parse({ ...p.entry, allowed_hosts: [server.host], max_pages: 60 });
    const dataDir = await tmpData();
    const found: string[] = [];
    await crawlPortal({ portal, settings, runId: 'discover', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void found.push(new URL(d.url).pathname + new URL(d.url).search) });
    const host = server.host;
    const expected = replicaExpected()[c.replica]!.reports.map((r) => r.replace(/__HOST__/g, host));
    for (const r of expected) assert.ok(found.includes(r), `${c.replica}: ${r} not found by the proposed entry (found ${found.join(', ')})`);
  });
}

test('a portal given only its home page (discover_column) is crawled through the column found from it, and the report says which', async () => {
  const { portals: _p, ...settings } = replicaPortalsFile(server.baseUrl);
  const home = new URL('/hw/', server.baseUrl).toString();
  const portal = Portal.parse({ id: 'home-only', name: 'home only', start_urls: [home], discover_column: true, max_pages: 60 });
  const dataDir = await tmpData();
  const found: string[] = [];
  const report = await crawlPortal({ portal, settings, runId: 'home', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void found.push(new URL(d.url).pathname + new URL(d.url).search) });
  assert.equal(report.status, 'ok');
  assert.equal(report.column?.url, new URL('/hw/col/col1234/index.html', server.baseUrl).toString());
  assert.equal(report.column?.found_from, home);
  assert.ok(report.column!.pages_fetched > 0 && report.pages_fetched > report.column!.pages_fetched, 'the search\'s pages are counted with the crawl\'s');
  const expected = replicaExpected()['replica-hanweb']!.reports.map((r) => r.replace(/__HOST__/g, server.host));
  for (const r of expected) assert.ok(found.includes(r), `${r} not found (found ${found.join(', ')})`);

  assert.match(renderCrawlReports([report]), /home-only: column .*col1234\/index\.html found from .*\/hw\/ \(\d+ page\(s\) searched\)/);
  const check = await checkPortal(portal, settings);
  assert.equal(check.column?.url, report.column?.url);
  assert.ok(check.start_pages[0]!.probe!.reports.length > 0);
  assert.match(renderCheck(check), /column found from .*\/hw\/: .*col1234/);
});

test('a home page with no annual-report column is a failed crawl that says so, and nothing is crawled', async () => {
  const { portals: _p, ...settings } = replicaPortalsFile(server.baseUrl);
  const portal = Portal.parse({ id: 'no-column', name: 'no column', start_urls: [new URL('/js/xxgk/nb/index.html', server.baseUrl).toString()], discover_column: true });
  const dataDir = await tmpData();
  const docs: unknown[] = [];
  const report = await crawlPortal({ portal, settings, runId: 'none', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void docs.push(d) });
  assert.equal(report.status, 'failed');
  assert.equal(report.errors[0]!.kind, 'no_column');
  assert.match(report.errors[0]!.message, /no annual-report column found from .*\/js\/xxgk\/nb\/index\.html/);
  assert.ok(report.pages_fetched > 0);
  assert.equal(report.column, null);
  assert.equal(docs.length, 0);
  const check = await checkPortal(portal, settings);
  assert.match(check.column?.error ?? '', /no annual-report column found/);
});

test('discover: a site without an annual-report column is a clear error, within the page budget', async () => {
  await assert.rejects(discoverColumn(new URL('/js/xxgk/nb/index.html', server.baseUrl).toString(), { ...opts(), maxPages: 3 }), /no annual-report column found .* within \d+ pages \(budget 3/);
});

test('discover: a portal that does not answer says its robots.txt was unreachable, not that robots.txt disallows it', async () => {
  await assert.rejects(discoverColumn('http://127.0.0.1:9/', { ...opts(), timeoutMs: 2_000 }), (e: Error) => /robots\.txt unreachable/.test(e.message) && !/robots\.txt disallows/.test(e.message));
});

test('discover: robots.txt is obeyed (a disallowed start page is not fetched)', async () => {
  const before = server.requests.length;
  await assert.rejects(discoverColumn(new URL('/rb/xxgk/private/index.html', server.baseUrl).toString(), opts()), /robots\.txt disallows/);
  assert.ok(!server.requests.slice(before).some((r) => r.path.startsWith('/rb/xxgk/private/')));
});

test('link scores: the site-wide column above department columns and hubs; notices and guides score nothing', () => {
  const col = scoreLink('政府信息公开年报', 'http://x.gov.cn/zwgk/zfxxgknb/');
  const dept = scoreLink('部门信息公开年报', 'http://x.gov.cn/col/col2/');
  const hub = scoreLink('政府信息公开', 'http://x.gov.cn/zfxxgk/');
  assert.ok(col.column && col.score > dept.score && dept.score > hub.score && hub.score > 0);
  for (const t of ['政府信息公开指南', '关于做好2021年政府信息公开工作年度报告编制发布工作的通知', '2024年政府工作报告', '首页']) assert.equal(scoreLink(t, 'http://x.gov.cn/a/').score, 0, t);
  assert.equal(proposedId('https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/'), 'pingtan');
  assert.equal(proposedId('http://127.0.0.1:8731/trs/zwgk/zfxxgknb/'), 'portal-trs');
});

test('check: dry run of the TRS replica lists reports with years, pagination and look-alikes, and writes nothing', async () => {
  const { portals, ...settings } = replicaPortalsFile(server.baseUrl);
  const portal = portals.find((p) => p.id === 'replica-trs')!;
  const r = await checkPortal(portal, settings);
  assert.equal(r.start_pages.length, 1);
  const s = r.start_pages[0]!;
  assert.equal(s.error, null);
  const years = s.probe!.reports.map((x) => x.year);
  assert.ok(years.includes(2021), `years ${years}`);
  assert.ok(s.probe!.next.length > 0, 'pagination is seen');
  assert.ok(s.probe!.rejected.some((x) => /一图读懂/.test(x.text)), 'the 一图读懂 look-alike is left out');
  assert.ok(s.probe!.rejected.every((x) => x.reason.length > 0));
  assert.ok(s.probe!.lists.some((l) => /lsnb/.test(l.url)), 'the 历年年报 sub-column would be followed');
  assert.match(renderCheck(r), /reports \(\d+\):[\s\S]*2021/);
});

test('check: the gkmlpt replica is read through its first API page', async () => {
  const { portals, ...settings } = replicaPortalsFile(server.baseUrl);
  const r = await checkPortal(portals.find((p) => p.id === 'replica-gkmlpt')!, settings);
  const s = r.start_pages[0]!;
  assert.ok(s.api && !s.api.error && s.api.urls.length >= 1, 'the API pages were fetched');
  assert.ok(s.api!.probe!.reports.length > 0);
});
