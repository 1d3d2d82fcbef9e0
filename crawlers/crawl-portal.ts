// crawlPortal: one portal, one run, as a function (the crawl queue's worker, the benches and the tests call it).
// The crawler itself is ./portal-crawler.ts and its parts under ./crawl.
import { CrawlReport } from '../src/schema/crawl.ts';
import { discoverColumn, discoverOptionsFrom, DiscoveryError, type PortalProposal } from './discover-column.ts';
import { PortalCrawler } from './portal-crawler.ts';
import type { PortalCrawlerOptions } from './crawl/options.ts';

export { renderCrawlReports } from './report-table.ts';
export type { CrawlReport, CrawlProgress } from '../src/schema/crawl.ts';
export type { CrawlLimits } from './crawl/options.ts';
export type CrawlPortalOptions = PortalCrawlerOptions;

export async function crawlPortal(opts: CrawlPortalOptions): Promise<CrawlReport> {
  if (!opts.portal.discover_column) return new PortalCrawler(opts).run();
  return crawlDiscoveredColumn(opts);
}

/**
 * A portal known only by its home (or 政府信息公开) page: find its annual-report column as `ogi portals discover`
 * does, then crawl that column. The column is looked up on every crawl, so a portal that moves it is followed, and
 * the report says which column was crawled. Finding none is a failed crawl that says why, never an empty success.
 */
async function crawlDiscoveredColumn(opts: CrawlPortalOptions): Promise<CrawlReport> {
  const { portal, settings } = opts;
  const started = new Date();
  const from = portal.start_urls[0]!;
  let proposal: PortalProposal;
  try {
    // Without politeness (the replica, the benches) the search goes at the crawl's own unthrottled pace.
    const rate = opts.politeness === false ? 100 : portal.rate ?? settings.rate;
    proposal = await discoverColumn(from, discoverOptionsFrom(settings, rate, { signal: opts.signal }));
  } catch (e) {
    const kind = e instanceof DiscoveryError ? 'no_column' : 'discovery';
    return failedBeforeCrawl(opts, started, e instanceof DiscoveryError ? e.pagesFetched : 0, { url: from, kind, message: (e as Error).message });
  }
  const column = { ...portal, start_urls: proposal.entry.start_urls, discover_column: false };
  const report = await new PortalCrawler({ ...opts, portal: column }).run();
  const finished = new Date(report.finished_at);
  return CrawlReport.parse({
    ...report,
    started_at: started.toISOString(),
    duration_ms: finished.getTime() - started.getTime(),
    pages_fetched: report.pages_fetched + proposal.pages_fetched,
    column: { url: proposal.entry.start_urls[0]!, found_from: from, path: proposal.path, pages_fetched: proposal.pages_fetched },
  });
}

function failedBeforeCrawl(opts: CrawlPortalOptions, started: Date, pagesFetched: number, error: { url: string; kind: string; message: string }): CrawlReport {
  const finished = new Date();
  return CrawlReport.parse({
    portal_id: opts.portal.id, run_id: opts.runId, started_at: started.toISOString(), finished_at: finished.toISOString(),
    duration_ms: finished.getTime() - started.getTime(), status: 'failed', blocked: null, resumed: false,
    pages_fetched: pagesFetched, not_modified: 0, browser_pages: 0, list_pages: 0, reports_found: 0, reports_new: 0, reports_changed: 0, reports_unchanged: 0,
    attachments: 0, not_found: 0, robots_disallowed: 0, robots_disallowed_urls: [], errors_by_kind: { [error.kind]: 1 }, errors: [error],
  });
}
