// A crawl killed midway and retried with the same run id resumes from its saved frontier: finished pages are
// not fetched again and no report is emitted twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { Frontier } from '../../crawlers/frontier.ts';
import { crawlReplica, tmpData } from './helpers.ts';

describe('resumability', () => {
  let server: ReplicaServer;
  before(async () => { server = await startReplicaServer(); });
  after(() => server.close());

  it('picks up an interrupted run where it stopped', async () => {
    const dataDir = await tmpData();
    const ac = new AbortController();
    // Kill the run as soon as the first report is out.
    const first = await crawlReplica(server, 'replica-trs', dataDir, 'run-x', {
      signal: ac.signal,
      onProgress: (p) => { if (p.reports_new >= 1) ac.abort(); },
    });
    const firstRequests = server.requests.length;
    assert.ok(first.docs.length >= 1);
    const second = await crawlReplica(server, 'replica-trs', dataDir, 'run-x');
    assert.equal(second.report.resumed, true);
    const secondPaths = server.requests.slice(firstRequests).map((r) => r.path);
    // The column's first page was finished before the kill and is not asked again.
    assert.ok(!secondPaths.includes('/trs/zwgk/zfxxgknb/'), secondPaths.join(' '));
    // Reports whose emission was recorded before the kill are not fetched again either.
    for (const p of first.paths) assert.ok(!secondPaths.includes(p), `${p} fetched again`);
    // Counters continue: the resumed report covers the whole run, and each report was emitted once overall.
    assert.equal(second.report.reports_new, 3);
    const all = [...first.paths, ...second.paths];
    assert.equal(all.length, 3);
    assert.equal(new Set(all).size, 3);
  });
});

describe('frontier log', () => {
  it('a redirect target claimed before a kill stays taken in the resumed run', async () => {
    const dir = await tmpData();
    const first = new Frontier(dir);
    assert.equal(first.claim('GET http://x.gov.cn/b.html', 'http://x.gov.cn/b.html'), true);
    assert.equal(first.claim('GET http://x.gov.cn/b.html', 'http://x.gov.cn/b.html'), false);
    first.close();
    const resumed = new Frontier(dir);
    assert.equal(resumed.resumed, true);
    assert.equal(resumed.has('GET http://x.gov.cn/b.html'), true);
    assert.equal(resumed.seenUrl('http://x.gov.cn/b.html'), true);
    assert.equal(resumed.pending, 0, 'a claim is not a task to fetch');
    resumed.close();
  });
});
