// The crawl budgets of one portal run, each counted on its own: list pages, report pages, attachment files, and wall
// time. Counting them apart is what makes each mean what it says: report pages waiting in the queue never use up the
// list budget (a 125-page column of 2,500 reports is read whole at the defaults), and a chain of 下一篇 links or a list
// of 60,000 report links stops at the report budget. A budget that leaves anything out marks the crawl truncated and
// says which budget, with its limit, what was used, and how much was left.
import type { Portal } from '../src/schema/config.ts';
import type { BudgetCutReport } from '../src/schema/crawl.ts';

export type BudgetName = BudgetCutReport['budget'];

export interface BudgetLimits {
  /** List pages a column is paged through (`max_pages`); other list links are queued up to four times that. */
  listPages: number;
  /** Report pages queued (`max_report_pages`). */
  reportPages: number;
  /** Attachment files: report files queued plus attachments fetched from report pages (`max_attachments`). */
  attachments: number;
  /** Wall time of the run (`max_minutes`). */
  wallTimeMs: number;
}

export const limitsOf = (portal: Pick<Portal, 'max_pages' | 'max_report_pages' | 'max_attachments' | 'max_minutes'>): BudgetLimits => ({
  listPages: portal.max_pages, reportPages: portal.max_report_pages, attachments: portal.max_attachments, wallTimeMs: portal.max_minutes * 60_000,
});

/** What each budget leaves out, in the counter the frontier log keeps (so a resumed run keeps the totals). */
export const LEFT_COUNTER: Record<BudgetName, string> = {
  max_pages: 'lists_unvisited', max_report_pages: 'reports_unqueued', max_attachments: 'attachments_skipped', max_minutes: 'tasks_left_at_time_budget',
};

const WHAT: Record<BudgetName, string> = {
  max_pages: 'list page(s)', max_report_pages: 'report link(s)', max_attachments: 'attachment(s)', max_minutes: 'queued task(s)',
};

export class CrawlBudget {
  private readonly firstUrl = new Map<BudgetName, string>();
  private readonly leftOut = new Set<string>();

  constructor(readonly limits: BudgetLimits, private readonly startedAt: number, private readonly now: () => number = Date.now) {}

  /** Whether one more task of the kind fits, given how many were queued (for attachments: used) so far. */
  allowsReport = (queued: number) => queued < this.limits.reportPages;
  allowsAttachment = (used: number) => used < this.limits.attachments;
  timeUp = () => this.now() - this.startedAt >= this.limits.wallTimeMs;
  elapsedMinutes = () => (this.now() - this.startedAt) / 60_000;

  /** Notes `url` as left out by `budget`; true the first time (the caller counts it once). */
  leave(budget: BudgetName, url: string): boolean {
    const key = `${budget} ${url}`;
    if (this.leftOut.has(key)) return false;
    this.leftOut.add(key);
    if (!this.firstUrl.has(budget)) this.firstUrl.set(budget, url);
    return true;
  }

  /** True when `budget` left something out in this attempt. */
  cut = (budget: BudgetName) => this.firstUrl.has(budget);
  first = (budget: BudgetName) => this.firstUrl.get(budget) ?? null;

  limitOf(budget: BudgetName): number {
    const l = this.limits;
    return budget === 'max_pages' ? l.listPages : budget === 'max_report_pages' ? l.reportPages : budget === 'max_attachments' ? l.attachments : l.wallTimeMs / 60_000;
  }

  /** The error message of a cut, said once per budget. */
  message(budget: BudgetName, used: number, url: string, extra = ''): string {
    const limit = this.limitOf(budget);
    if (budget === 'max_minutes') return `time budget max_minutes=${limit} reached after ${used.toFixed(1)} min; the crawl stopped with tasks still queued (first ${url})${extra}`;
    const name = budget === 'max_pages' ? 'page budget' : budget === 'max_report_pages' ? 'report budget' : 'attachment budget';
    return `${name} ${budget}=${limit} reached after ${used} ${WHAT[budget]}; first left out ${url}${extra}`;
  }

  /** Report entries for every budget that cut (`left` from the replayed counters; `used` per budget). */
  report(left: Record<string, number>, used: Record<BudgetName, number>, replayedCuts: Iterable<BudgetName>): BudgetCutReport[] {
    const names = new Set<BudgetName>([...this.firstUrl.keys(), ...replayedCuts]);
    return (['max_pages', 'max_report_pages', 'max_attachments', 'max_minutes'] as const)
      .filter((b) => names.has(b))
      .map((b) => ({ budget: b, limit: this.limitOf(b), used: used[b], left: Math.max(1, left[LEFT_COUNTER[b]] ?? 0), first_url: this.first(b) }));
  }
}

export const describeLeft = (budget: BudgetName, n: number) => `${n} ${WHAT[budget]}`;
