// What gets queued: the frontier (../frontier.ts) behind the crawl budgets (../budget.ts). A task a budget keeps out
// is recorded, so the report tells a column that was read to its end from one that was cut short (an endless 下一页 or
// 下一篇 chain, a CMS declaring 5,000 pages, a list of 60,000 links, a server so slow the run outlasts its time).
import type { Portal } from '../../src/schema/config.ts';
import type { BudgetCutReport } from '../../src/schema/crawl.ts';
import { CrawlBudget, LEFT_COUNTER, type BudgetName } from '../budget.ts';
import { canonicalUrl, isAllowedHost } from '../canonical.ts';
import type { Frontier } from '../frontier.ts';
import { taskKey, type Task } from '../types.ts';
import type { CrawlLedger, Tally } from './ledger.ts';
import type { CrawlLimits } from './options.ts';

/** A task to be: what a handler or an idiom found. */
export interface Seed {
  url: string;
  rawUrl?: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  kind: Task['kind'];
  idiom?: string;
  data?: Record<string, string>;
  browser?: boolean;
}

const BUDGETS = ['max_pages', 'max_report_pages', 'max_attachments', 'max_minutes'] as const;
const isListKind = (kind: Task['kind']) => kind === 'list' || kind === 'api';

export class Scheduler {
  /** First list page the page budget left unvisited. */
  private truncatedAt: string | null = null;
  /** Tasks still queued when the time budget ran out. */
  private timeLeft = 0;

  constructor(
    readonly frontier: Frontier,
    readonly budget: CrawlBudget,
    private readonly ledger: CrawlLedger,
    private readonly portal: Portal,
    private readonly allowedHosts: readonly string[],
    private readonly limits: CrawlLimits,
  ) {}

  /** Pages of this kind go to Chromium from the start when the portal says `render: browser`. */
  browserFor(kind: Task['kind']): boolean {
    return this.portal.render === 'browser' && (kind === 'list' || kind === 'report');
  }

  attachmentsUsed(): number {
    return this.frontier.added.attachment + this.ledger.get('page_attachments');
  }

  usedOf(b: BudgetName): number {
    const f = this.frontier;
    return b === 'max_pages' ? this.ledger.get('list_pages') : b === 'max_report_pages' ? f.added.report : b === 'max_attachments' ? this.attachmentsUsed() : this.budget.elapsedMinutes();
  }

  /** Records that budget `b` left `url` out (and, with `remaining`, how many more the list declared). */
  budgetCut(t: Tally, b: BudgetName, url: string, remaining: number | null = null): void {
    if (!this.budget.leave(b, url)) return;
    t.count(LEFT_COUNTER[b], Math.max(1, remaining ?? 1));
    t.skip('budget', url, Math.max(1, remaining ?? 1));
    if (this.budget.first(b) !== url) return;
    if (b === 'max_pages') this.truncatedAt = url;
    const extra = b === 'max_pages' && remaining && remaining > 1 ? ` (the list declares ${remaining} more)` : '';
    const message = b === 'max_pages'
      ? `page budget max_pages=${this.portal.max_pages} reached after ${this.ledger.get('list_pages')} list page(s); first unvisited list page ${url}${extra}`
      : this.budget.message(b, this.usedOf(b), url, extra);
    // A resumed run already counted its cut (replayed from the frontier log); only the evidence is missing.
    if (this.ledger.has(b)) this.ledger.evidence(url, b, message);
    else t.fail(url, b, message);
  }

  private keyOf(seed: Seed): { url: string; method: 'GET' | 'POST'; key: string } | null {
    const method = seed.method ?? 'GET';
    const url = seed.kind === 'api' ? seed.url : canonicalUrl(seed.url);
    if (!isAllowedHost(url, this.allowedHosts)) return null;
    return { url, method, key: (seed.browser ? 'BROWSER ' : '') + taskKey(method, url, seed.body) };
  }

  /** Whether a task for this seed is queued or done already. */
  known(seed: Seed): boolean {
    const k = this.keyOf(seed);
    return k !== null && this.frontier.has(k.key);
  }

  /** A list page the budget refuses: recorded when it is one we have not queued already. */
  refuse(seed: Seed, t: Tally, remaining: number | null = null): void {
    const k = this.keyOf(seed);
    if (k && !this.frontier.has(k.key)) this.budgetCut(t, 'max_pages', k.url, remaining);
  }

  /** The budget a new task of this kind would exceed, or null when it fits. */
  private overBudget(kind: Task['kind'], url: string): BudgetName | null {
    const f = this.frontier;
    // Lists: pagination stops at max_pages list pages fetched (the list handlers); other list links (column menus,
    // frames) are queued up to a multiple of that. Report pages and files waiting in the queue never count here.
    if (isListKind(kind)) return f.added.list + f.added.api < this.portal.max_pages * this.limits.listLinksPerListPage ? null : 'max_pages';
    // A report page queued again for the browser is the same report, already counted.
    if (kind === 'report') return f.seenUrl(url) || this.budget.allowsReport(f.added.report) ? null : 'max_report_pages';
    return this.budget.allowsAttachment(this.attachmentsUsed()) ? null : 'max_attachments';
  }

  /** Queue a task; tasks beyond their budget are refused (and recorded when a tally is given). */
  enqueue(seed: Seed, via: string | null, linkText: string | null, depth: number, t?: Tally): boolean {
    const k = this.keyOf(seed);
    if (!k || this.frontier.has(k.key)) return false;
    const over = this.overBudget(seed.kind, k.url);
    if (over) {
      if (t) this.budgetCut(t, over, k.url);
      return false;
    }
    return this.frontier.add({
      key: k.key, url: k.url, rawUrl: seed.rawUrl ?? seed.url, method: k.method, body: seed.body, headers: seed.headers, kind: seed.kind,
      idiom: seed.idiom, data: seed.data, via, linkText, depth, browser: seed.browser,
    });
  }

  /** The time budget ran out: records its cut once, with the tasks it leaves queued (the caller stops the crawl). */
  timeCut(): void {
    if (this.budget.cut('max_minutes')) return;
    this.timeLeft = this.frontier.pending;
    this.budgetCut(this.ledger.tally(), 'max_minutes', this.ledger.lastUrl ?? this.portal.start_urls[0]!, this.frontier.pending);
  }

  /** The report's budget fields. */
  cuts(): { truncated_at: string | null; cuts: BudgetCutReport[] } {
    const used = Object.fromEntries(BUDGETS.map((b) => [b, this.usedOf(b)])) as Record<BudgetName, number>;
    const cuts = this.budget.report({ ...this.ledger.c, tasks_left_at_time_budget: this.timeLeft }, used, BUDGETS.filter((b) => this.ledger.has(b)));
    return { truncated_at: this.truncatedAt, cuts };
  }
}
