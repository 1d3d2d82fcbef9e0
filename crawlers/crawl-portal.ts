// crawlPortal: one portal, one run, as a function (the crawl queue's worker, the benches and the tests call it).
// The crawler itself is ./portal-crawler.ts and its parts under ./crawl.
import type { CrawlReport } from '../src/schema/crawl.ts';
import { PortalCrawler } from './portal-crawler.ts';
import type { PortalCrawlerOptions } from './crawl/options.ts';

export { renderCrawlReports } from './report-table.ts';
export type { CrawlReport, CrawlProgress } from '../src/schema/crawl.ts';
export type { CrawlLimits } from './crawl/options.ts';
export type CrawlPortalOptions = PortalCrawlerOptions;

export async function crawlPortal(opts: CrawlPortalOptions): Promise<CrawlReport> {
  return new PortalCrawler(opts).run();
}
