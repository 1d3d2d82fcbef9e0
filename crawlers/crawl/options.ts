// The options of one portal crawl, in one place: what to crawl and where results go (PortalCrawlerOptions), and the
// limits the crawler works within (CrawlLimits), each with its default. The per-portal budgets (max_pages,
// max_report_pages, max_attachments, max_minutes) come from the portal entry; these limits are the crawler's own.
import type { Archive } from '../../storage/archive.ts';
import type { Portal, PortalsFile } from '../../src/schema/config.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import type { CrawlProgress } from '../../src/schema/crawl.ts';
import type { ExtractPool } from '../extract-pool.ts';

export interface CrawlLimits {
  /** Further HTTP attempts after a timeout, a network error, a 5xx or a 429 (other 4xx are never retried). */
  retries: number;
  /** Wait before the first retry, doubled each time. */
  backoffMs: number;
  /** Further attempts at a robots.txt that did not answer. */
  robotsRetries: number;
  /** HTTP tasks in flight at once; also the requests in flight per host. */
  httpConcurrency: number;
  /** Pages rendered in Chromium at once. */
  browserConcurrency: number;
  /** List links (column menus, sub-columns, frames) are followed this many links deep from a start URL; pagination does not deepen. Deeper ones are skipped as `depth_cap`. */
  maxDepth: number;
  /** Rounds of "HTTP until the frontier is dry, then one browser batch"; tasks still queued after the last are skipped as `round_cap`. */
  maxRounds: number;
  /** List links other than pagination are queued up to this many times the portal's `max_pages`. */
  listLinksPerListPage: number;
  /** Attachments fetched from one report page; further ones are skipped as `attachment_cap`. */
  attachmentsPerPage: number;
  /** Byte cap of a page (HTML): a 20 MB page took a crawl process to ~950 MB, and real report pages are well under 2 MB. */
  maxHtmlBytes: number;
  /** Byte cap of a file (PDF, DOC, spreadsheet); bigger ones are `too_large`. */
  maxFileBytes: number;
  /** Errors kept with their URL and message in the report (all are counted by kind). */
  maxErrors: number;
  /** URLs kept in the report's lists (robots_disallowed_urls). */
  maxListedUrls: number;
}

/** Limits of a polite crawl (the default; `politeness: false` is for the replica and the benches on 127.0.0.1). */
export const POLITE_LIMITS: CrawlLimits = {
  retries: 3, backoffMs: 1000, robotsRetries: 1, httpConcurrency: 2, browserConcurrency: 1, maxDepth: 6, maxRounds: 5,
  listLinksPerListPage: 4, attachmentsPerPage: 8, maxHtmlBytes: 8 * 1024 * 1024, maxFileBytes: 60 * 1024 * 1024, maxErrors: 50, maxListedUrls: 50,
};

/** Without politeness only the pace changes: shorter backoff, more in flight. */
export const IMPOLITE_LIMITS: CrawlLimits = { ...POLITE_LIMITS, backoffMs: 50, httpConcurrency: 8, browserConcurrency: 2 };

export interface PortalCrawlerOptions {
  portal: Portal;
  /** The portals file's top-level settings: user agent, contact URL, rate, robots, request timeout. */
  settings: Omit<PortalsFile, 'portals'>;
  /** A run id seen before resumes that run's frontier (a retried job). */
  runId: string;
  dataDir: string;
  archive: Archive;
  /** Called for each new or changed document, after it is in the archive. */
  onDocument: (doc: CleanDocument, docSha256: string) => Promise<void>;
  onProgress?: (p: CrawlProgress) => void;
  /** Host intervals, robots crawl-delay and retry backoff (default true). */
  politeness?: boolean;
  signal?: AbortSignal;
  /** Overrides of the limits above. */
  limits?: Partial<CrawlLimits>;
  /**
   * The extraction pool the crawls of one process share (the crawl worker passes its own). A pool's worker threads
   * load the whole extraction stack when they start, which costs more CPU than a small column's crawl. The crawl takes
   * a lease of it and cancels the lease when `signal` aborts; it never closes a pool it was given. Without one, the
   * crawl starts its own and closes it at the end.
   */
  pool?: ExtractPool;
}

export const limitsFor = (polite: boolean, overrides: Partial<CrawlLimits> = {}): CrawlLimits => ({ ...(polite ? POLITE_LIMITS : IMPOLITE_LIMITS), ...overrides });
