// The crawl report of one run, built from the ledger and the scheduler's budget record.
import { CrawlReport } from '../../src/schema/crawl.ts';
import type { CrawlLedger } from './ledger.ts';
import type { Scheduler } from './scheduler.ts';

export interface ReportFacts {
  portalId: string;
  runId: string;
  started: Date;
  status: CrawlReport['status'];
  resumed: boolean;
}

export function buildReport(f: ReportFacts, ledger: CrawlLedger, queue: Scheduler): CrawlReport {
  const finished = new Date();
  const c = ledger.c;
  const { truncated_at, cuts } = queue.cuts();
  return CrawlReport.parse({
    portal_id: f.portalId, run_id: f.runId, started_at: f.started.toISOString(), finished_at: finished.toISOString(),
    duration_ms: finished.getTime() - f.started.getTime(), status: f.status, blocked: ledger.blocked, resumed: f.resumed,
    pages_fetched: c.pages_fetched, not_modified: c.not_modified, browser_pages: c.browser_pages, list_pages: c.list_pages,
    reports_found: c.reports_found, reports_new: c.reports_new, reports_changed: c.reports_changed, reports_unchanged: c.reports_unchanged,
    attachments: c.attachments, not_found: c.not_found, robots_disallowed: c.robots_disallowed, robots_disallowed_urls: ledger.robotsUrls.slice(0, 50),
    errors_by_kind: ledger.errorsByKind, errors: ledger.errors,
    truncated: cuts.length > 0, truncated_at, lists_unvisited: c.lists_unvisited ?? 0, budget_cuts: cuts,
    skipped: ledger.skipped(),
  });
}
