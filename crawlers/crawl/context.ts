// What every task handler of a portal crawl shares: the portal, its limits, the parts that own each concern
// (politeness, scheduler, ledger, extraction pool, stores) and the crawl's abort. Built once by PortalCrawler.
import type { Archive } from '../../storage/archive.ts';
import type { UrlStateStore } from '../../storage/url-state.ts';
import type { Portal } from '../../src/schema/config.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import type { LinkRules } from '../discover.ts';
import type { Extractor } from '../extract-pool.ts';
import type { Politeness } from '../politeness.ts';
import type { CrawlLedger } from './ledger.ts';
import type { CrawlLimits } from './options.ts';
import type { Scheduler } from './scheduler.ts';

export interface CrawlContext {
  readonly portal: Portal;
  readonly runId: string;
  readonly limits: CrawlLimits;
  readonly allowedHosts: readonly string[];
  readonly rules: LinkRules;
  readonly archive: Archive;
  readonly state: UrlStateStore;
  /** Every page and file is extracted here, in worker threads, never on the crawl's own thread: this crawl's lease of a pool. */
  readonly pool: Extractor;
  readonly politeness: Politeness;
  readonly queue: Scheduler;
  readonly ledger: CrawlLedger;
  readonly onDocument: (doc: CleanDocument, docSha256: string) => Promise<void>;
  /** URLs seen on list pages in this attempt, to tell a page that brought new links from one that repeats. */
  readonly seenLinks: Set<string>;
  readonly signal: AbortSignal;
  /** Stops the crawl: it takes no more tasks. */
  stop(): void;
}
