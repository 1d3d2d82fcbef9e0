import { z } from 'zod';

/** What stopped a portal: the response that carried an anti-bot signature, kept as evidence. */
export const BlockEvidence = z.object({
  url: z.string(),
  status: z.number().int(),
  signature: z.string().describe('name of the matched entry in crawlers/rules/signatures.ts'),
  snippet: z.string().describe('first bytes of the body around the match'),
});
export type BlockEvidence = z.infer<typeof BlockEvidence>;

export const CrawlError = z.object({
  url: z.string(),
  kind: z.string().describe('http_4xx | http_5xx | timeout | network | not_found | soft_404 | offsite_redirect | extract | browser | max_pages | empty_content | not_text | …'),
  message: z.string(),
});
export type CrawlError = z.infer<typeof CrawlError>;

/** A budget that stopped part of a crawl: which, its limit, what was used, and how much it left undone. */
export const BudgetCutReport = z.object({
  budget: z.enum(['max_pages', 'max_report_pages', 'max_attachments', 'max_minutes']),
  limit: z.number().nonnegative(),
  used: z.number().nonnegative().describe('list pages, report pages or attachments queued; minutes elapsed for max_minutes'),
  left: z.number().int().nonnegative().describe('list pages, report links or attachments known but left out; queued tasks not done for max_minutes (a lower bound)'),
  first_url: z.string().nullable().describe('first URL the budget left out'),
});
export type BudgetCutReport = z.infer<typeof BudgetCutReport>;

/** Why the crawl left a URL or task aside without fetching (or keeping) it. */
export const SkipReason = z.enum(['depth_cap', 'round_cap', 'robots', 'offsite', 'too_large', 'budget', 'attachment_cap']);
export type SkipReason = z.infer<typeof SkipReason>;

export const SkipEntry = z.object({
  count: z.number().int().nonnegative(),
  first_url: z.string().nullable().describe('first URL skipped for this reason in this attempt (null after a resume that skipped none)'),
});
export type SkipEntry = z.infer<typeof SkipEntry>;

/** One portal crawl, as returned by crawlPortal and shown by the CLI. */
export const CrawlReport = z.object({
  portal_id: z.string(),
  run_id: z.string(),
  started_at: z.string(),
  finished_at: z.string(),
  duration_ms: z.number().int().nonnegative(),
  status: z.enum(['ok', 'blocked', 'failed']),
  blocked: BlockEvidence.nullable(),
  resumed: z.boolean().describe('true when saved state of an interrupted run was picked up'),
  pages_fetched: z.number().int().nonnegative().describe('HTTP responses and browser renders, 304s included'),
  not_modified: z.number().int().nonnegative().describe('conditional requests answered 304'),
  browser_pages: z.number().int().nonnegative(),
  list_pages: z.number().int().nonnegative(),
  reports_found: z.number().int().nonnegative(),
  reports_new: z.number().int().nonnegative(),
  reports_changed: z.number().int().nonnegative(),
  reports_unchanged: z.number().int().nonnegative(),
  attachments: z.number().int().nonnegative().describe('attachment files fetched'),
  not_found: z.number().int().nonnegative(),
  robots_disallowed: z.number().int().nonnegative(),
  robots_disallowed_urls: z.array(z.string()),
  errors_by_kind: z.record(z.string(), z.number().int().nonnegative()),
  errors: z.array(CrawlError).describe('first 50 errors'),
  // Added after the first release: defaults keep older run files readable.
  truncated: z.boolean().default(false).describe('true when a budget (max_pages, max_report_pages, max_attachments, max_minutes) cut the crawl short: the portal may hold more reports than were found'),
  truncated_at: z.string().nullable().default(null).describe('first list page the budget left unvisited (null when not truncated, or when the cut happened before a resume)'),
  lists_unvisited: z.number().int().nonnegative().default(0).describe('list pages known but left unvisited by the budget (a lower bound: an endless 下一页 chain shows only its next link)'),
  column: z
    .object({ url: z.string(), found_from: z.string(), path: z.array(z.string()), pages_fetched: z.number().int().nonnegative() })
    .nullable()
    .default(null)
    .describe('for a portal with discover_column: the annual-report column this crawl found and crawled, the page it started from, the links followed, and the pages the search fetched (counted in pages_fetched too)'),
  budget_cuts: z.array(BudgetCutReport).default([]).describe('every budget that cut the crawl short; `truncated` is true when there is one'),
  skipped: z.partialRecord(SkipReason, SkipEntry).default({}).describe(
    'what the crawl left aside, by reason: depth_cap (list links beyond the depth limit), round_cap (tasks still queued after the last HTTP/browser round), ' +
      'robots (disallowed by robots.txt), offsite (links, redirects and browser requests outside the portal), too_large (over a byte or memory bound), ' +
      'budget (left out by a max_* budget, see budget_cuts), attachment_cap (attachments beyond the per-page limit). Reasons with nothing skipped are absent',
  ),
});
export type CrawlReport = z.infer<typeof CrawlReport>;

export const CrawlProgress = z.object({
  portal_id: z.string(),
  phase: z.enum(['start', 'http', 'browser', 'done']),
  pages_fetched: z.number().int(),
  queued: z.number().int(),
  reports_found: z.number().int(),
  reports_new: z.number().int(),
  reports_changed: z.number().int(),
  errors: z.number().int(),
  last_url: z.string().nullable(),
});
export type CrawlProgress = z.infer<typeof CrawlProgress>;
