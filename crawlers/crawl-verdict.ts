import type { CrawlReport } from '../src/schema/crawl.ts';

/**
 * A crawl that read no list page, or whose list pages linked no report, found nothing because something is wrong
 * (a moved column, a 404 start URL, a pattern that no longer matches), not because the portal has no reports: every
 * configured portal is an annual-report column. Such a crawl is `failed`, with an error that says what to check,
 * so the table, the summary and the exit code all show it.
 */
export function crawlVerdict(report: CrawlReport, startUrls: readonly string[]): CrawlReport {
  if (report.status !== 'ok') return report;
  let error: { kind: string; message: string } | null = null;
  if (report.list_pages === 0) {
    const first = report.errors.find((e) => startUrls.includes(e.url)) ?? report.errors[0];
    error = {
      kind: 'start_url',
      message: `no list page could be read${first ? ` (${first.kind}: ${first.message} at ${first.url})` : ''}${report.robots_disallowed ? ` (${report.robots_disallowed} URL(s) disallowed by robots.txt)` : ''}; check start_urls`,
    };
  } else if (report.reports_found === 0 && report.robots_disallowed === 0) {
    error = {
      kind: 'no_reports',
      message: `${report.list_pages} list page(s) read, no report link on them; check start_urls (and report_patterns if set)`,
    };
  }
  if (!error) return report;
  return {
    ...report,
    status: 'failed',
    errors_by_kind: { ...report.errors_by_kind, [error.kind]: (report.errors_by_kind[error.kind] ?? 0) + 1 },
    errors: [{ url: startUrls[0] ?? '', ...error }, ...report.errors],
  };
}
