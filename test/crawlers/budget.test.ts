// The page budget (max_pages) in the crawl report: a column cut short by it is recorded as truncated, with the first
// list page left unvisited, an error of kind max_pages and a line in the CLI table; a column read to its end is not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { renderCrawlReports } from '../../crawlers/crawl-portal.ts';
import { crawlReplica, tmpData } from './helpers.ts';

describe('page budget', () => {
  let server: ReplicaServer;
  before(async () => { server = await startReplicaServer(); });
  after(() => server.close());
  const trsPortal = (maxPages: number) => ({ ...replicaPortalsFile(server.baseUrl).portals.find((p) => p.id === 'replica-trs')!, max_pages: maxPages });

  it('a TRS column of 3 pages under max_pages 2 is reported truncated at its third page', async () => {
    const run = await crawlReplica(server, 'replica-trs', await tmpData(), 'budget-2', { portal: trsPortal(2) });
    const r = run.report;
    assert.equal(r.status, 'ok');
    assert.equal(r.truncated, true);
    assert.equal(new URL(r.truncated_at!).pathname, '/trs/zwgk/zfxxgknb/index_2.html');
    assert.ok(r.lists_unvisited >= 1);
    assert.equal(r.errors_by_kind.max_pages, 1, JSON.stringify(r.errors_by_kind));
    const e = r.errors.find((x) => x.kind === 'max_pages');
    assert.ok(e, JSON.stringify(r.errors));
    assert.equal(e.url, r.truncated_at);
    assert.match(e.message, /max_pages=2/);
    // The unvisited page really was not fetched.
    assert.ok(!server.requests.some((q) => q.path === '/trs/zwgk/zfxxgknb/index_2.html' && q.headers['user-agent']?.includes('ogi-harvest')), 'index_2 fetched');
    const table = renderCrawlReports([r]);
    assert.match(table.split('\n')[0]!, /truncated/);
    assert.match(table, /replica-trs: truncated by max_pages .*index_2\.html/);
  });

  it('the same column under the default budget is read to its end and not truncated', async () => {
    const run = await crawlReplica(server, 'replica-trs', await tmpData(), 'budget-60', { portal: trsPortal(60) });
    assert.equal(run.report.truncated, false);
    assert.equal(run.report.truncated_at, null);
    assert.equal(run.report.lists_unvisited, 0);
    assert.equal(run.report.errors_by_kind.max_pages, undefined);
    assert.equal(run.docs.length, 3);
    assert.doesNotMatch(renderCrawlReports([run.report]), /truncated by/);
  });
});
