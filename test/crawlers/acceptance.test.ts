// Acceptance: crawlPortal over every replica portal finds every expected report and no look-alike, reports the
// 412 portal blocked, obeys robots.txt, and a second crawl is conditional and emits only what changed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { replicaExpected } from '../helpers/replica.ts';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { crawlReplica, tmpData } from './helpers.ts';

describe('crawlPortal over the replica', () => {
  let server: ReplicaServer;
  let dataDir: string;
  const expected = replicaExpected();
  const firstRun = new Map<string, Awaited<ReturnType<typeof crawlReplica>>>();
  const fill = (p: string) => p.replaceAll('__HOST__', server.host);

  before(async () => {
    server = await startReplicaServer();
    dataDir = await tmpData();
    for (const p of replicaPortalsFile(server.baseUrl).portals) firstRun.set(p.id, await crawlReplica(server, p.id, dataDir, 'night-1'));
  });
  after(() => server.close());

  it('has an expectation for every replica portal', () => {
    assert.deepEqual([...firstRun.keys()].sort(), Object.keys(expected).sort());
  });

  for (const [id, exp] of Object.entries(replicaExpected())) {
    it(`${id}: every report, no look-alike (${exp.notes.slice(0, 60)}…)`, () => {
      const run = firstRun.get(id)!;
      assert.equal(run.report.status, exp.status, JSON.stringify(run.report.errors));
      assert.deepEqual([...new Set(run.paths)].sort(), exp.reports.map(fill).sort());
      assert.equal(run.paths.length, new Set(run.paths).size, 'a document was emitted twice');
      for (const bad of exp.not_reports.map(fill)) assert.ok(!run.paths.includes(bad), `look-alike emitted: ${bad}`);
      for (const nf of exp.not_found ?? []) assert.ok(run.report.errors.some((e) => new URL(e.url).pathname === nf && /not_found|soft_404/.test(e.kind)), `${nf} not recorded as not_found`);
      for (const d of run.docs) assert.ok(d.doc.text.length > 500, `${d.doc.url} (${d.doc.kind}) has almost no text`);
    });
  }

  it('the 412 portal is blocked with its evidence and was asked only once', () => {
    const r = firstRun.get('replica-blocked')!.report;
    assert.equal(r.status, 'blocked');
    assert.equal(r.blocked?.status, 412);
    assert.match(r.blocked!.snippet, /\$_ts/);
    assert.equal(server.requests.filter((q) => q.path.startsWith('/blk/')).length, 1);
  });

  it('never requests a path robots.txt disallows, and says so in the report', () => {
    assert.equal(server.requests.filter((q) => q.path.startsWith('/rb/xxgk/private/')).length, 0);
    const r = firstRun.get('replica-robots')!.report;
    assert.equal(r.robots_disallowed, 1);
    assert.match(r.robots_disallowed_urls[0]!, /\/rb\/xxgk\/private\/ndbg_02\.html$/);
  });

  it('takes no pager href for the site root or a column above the list (TRS document.write pager)', () => {
    assert.ok(server.requests.some((q) => q.path === '/s404/xxgk/nb/index_1.html'), 'page 2 of the script pager was not fetched');
    assert.deepEqual(server.requests.filter((q) => q.path === '/' || q.path === '/s404/' || q.path === '/s404/xxgk/').map((q) => q.path), []);
  });

  it('sends a descriptive User-Agent with the contact URL', () => {
    const ua = String(server.requests.find((q) => q.path.startsWith('/trs/'))?.headers['user-agent']);
    assert.match(ua, /^ogi-harvest\/0\.1 .*\+https:\/\/example\.org\/ogi-harvest\/contact/);
  });

  it('the attachment-only report carries the PDF text and the PDF’s URL and hash', () => {
    const d = firstRun.get('replica-attach')!.docs.find((x) => x.doc.url.endsWith('/t20240125_2001.html'))!;
    assert.equal(d.doc.kind, 'pdf');
    assert.match(d.doc.text, /洪泽/);
    const att = d.doc.attachments.find((a) => a.url.endsWith('huaian-hongze-2023.pdf'));
    assert.match(att?.sha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('the Word report made by LibreOffice carries its text, not an empty needs_ocr shell', () => {
    const d = firstRun.get('replica-attach')!.docs.find((x) => x.doc.url.endsWith('.docx'))!;
    assert.equal(d.doc.kind, 'docx');
    assert.equal(d.doc.needs_ocr, false);
    assert.match(d.doc.text, /一、总体情况/);
  });

  it('stops a pagination trap after the first page that brings nothing new', () => {
    const pages = server.requests.filter((q) => q.path.startsWith('/trap/list.html'));
    assert.ok(pages.length <= 3, `trap list fetched ${pages.length} times`);
  });

  it('a second night is conditional and emits nothing; a changed report is emitted again', async () => {
    const before2 = server.requests.length;
    const second = await crawlReplica(server, 'replica-trs', dataDir, 'night-2');
    assert.equal(second.docs.length, 0);
    assert.equal(second.report.reports_unchanged, 3);
    const reportReqs = server.requests.slice(before2).filter((q) => /t20\d{6}_\d+\.s?html$/.test(q.path) && !/80620|80601|80570|80577|80590|80571|70001|80540|69990/.test(q.path));
    assert.ok(reportReqs.length >= 3 && reportReqs.every((q) => q.headers['if-none-match'] && q.status === 304), JSON.stringify(reportReqs.map((q) => [q.path, q.status])));

    const target = '/trs/zwgk/zfxxgknb/202202/t20220208_80613.html';
    const html = (await (await fetch(server.baseUrl + target)).text()).replace('一、总体情况', '一、总体情况（更正版：补充了平台建设情况）');
    server.patch(target, html);
    const third = await crawlReplica(server, 'replica-trs', dataDir, 'night-3');
    assert.deepEqual(third.paths, [target]);
    assert.equal(third.report.reports_changed, 1);
    assert.equal(third.report.reports_unchanged, 2);
    assert.notEqual(third.docs[0]!.sha, firstRun.get('replica-trs')!.docs.find((d) => d.doc.url.endsWith('t20220208_80613.html'))!.sha);
  });
});
