// The crawl ledger: every count, error and skip of one portal run, and the only place they are kept. Each task
// records into its own Tally, whose counters the frontier writes with the task's `done` line, so a resumed run
// continues the totals (skips included). The report is built from the ledger (./report.ts).
import type { BlockEvidence, CrawlError, CrawlProgress, SkipEntry, SkipReason } from '../../src/schema/crawl.ts';
import type { Counters } from '../frontier.ts';
import type { RobotsNote } from '../robots.ts';

/** Error kinds that also mean something was left aside, and why. */
const SKIP_OF_ERROR: Record<string, SkipReason> = {
  too_large: 'too_large', offsite: 'offsite', offsite_redirect: 'offsite', offsite_request: 'offsite',
};

const COUNTERS = [
  'pages_fetched', 'not_modified', 'browser_pages', 'list_pages', 'reports_found', 'reports_new', 'reports_changed',
  'reports_unchanged', 'attachments', 'not_found', 'robots_disallowed',
] as const;

export class CrawlLedger {
  /** Totals, replayed ones included. */
  readonly c: Counters;
  readonly errorsByKind: Record<string, number> = {};
  readonly errors: CrawlError[] = [];
  readonly robotsUrls: string[] = [];
  /** What robots.txt said of an origin, waiting to be recorded with the task it decided. */
  readonly robotsNotes: RobotsNote[] = [];
  blocked: BlockEvidence | null = null;
  lastUrl: string | null = null;
  phase: CrawlProgress['phase'] = 'start';
  private readonly firstSkipped = new Map<SkipReason, string>();
  private readonly skippedKeys = new Set<string>();
  private readonly notices = new Set<string>();

  constructor(replayed: Counters, private readonly caps: { maxErrors: number; maxListedUrls: number }) {
    this.c = { ...Object.fromEntries(COUNTERS.map((k) => [k, 0])), ...replayed };
    for (const [k, v] of Object.entries(replayed)) if (k.startsWith('err:')) this.errorsByKind[k.slice(4)] = v;
  }

  tally(): Tally {
    return new Tally(this);
  }

  get(k: string): number {
    return this.c[k] ?? 0;
  }

  /** An error of this kind already counted (by this attempt or the replayed one). */
  has(kind: string): boolean {
    return (this.errorsByKind[kind] ?? 0) > 0;
  }

  /** Evidence of an error counted before (a resumed run's budget cut): kept, not counted again. */
  evidence(url: string, kind: string, message: string): void {
    if (this.errors.length < this.caps.maxErrors) this.errors.push({ url, kind, message });
  }

  /** An error that is not any one task's (the crawl itself failed): counted and kept, not persisted. */
  crawlError(url: string, kind: string, message: string): void {
    this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
    this.errors.push({ url, kind, message });
  }

  /** True the first time `key` is given: for notices said once per crawl (a host's certificate fallback). */
  firstNotice(key: string): boolean {
    if (this.notices.has(key)) return false;
    this.notices.add(key);
    return true;
  }

  get errorCount(): number {
    return Object.values(this.errorsByKind).reduce((a, b) => a + b, 0);
  }

  /** Each reason with something skipped: its count (replayed included) and the first URL of this attempt. */
  skipped(): Partial<Record<SkipReason, SkipEntry>> {
    const out: Partial<Record<SkipReason, SkipEntry>> = {};
    for (const [k, v] of Object.entries(this.c)) {
      if (!k.startsWith('skip:') || !v) continue;
      const reason = k.slice(5) as SkipReason;
      out[reason] = { count: v, first_url: this.firstSkipped.get(reason) ?? null };
    }
    return out;
  }

  /** @internal Tally's way in. */
  add(delta: Counters, k: string, n: number): void {
    this.c[k] = (this.c[k] ?? 0) + n;
    delta[k] = (delta[k] ?? 0) + n;
  }

  /** @internal */
  addError(delta: Counters, url: string, kind: string, message: string): void {
    this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
    delta[`err:${kind}`] = (delta[`err:${kind}`] ?? 0) + 1;
    if (this.errors.length < this.caps.maxErrors) this.errors.push({ url, kind, message: message.slice(0, 300) });
    const skip = SKIP_OF_ERROR[kind];
    if (skip) this.addSkip(delta, skip, url, 1);
  }

  /** @internal A URL is counted once per reason in an attempt; `n` counts what it stands for (a list declaring 40 more pages). */
  addSkip(delta: Counters, reason: SkipReason, url: string, n: number): void {
    const key = `${reason} ${url}`;
    if (this.skippedKeys.has(key)) return;
    this.skippedKeys.add(key);
    if (!this.firstSkipped.has(reason)) this.firstSkipped.set(reason, url);
    this.add(delta, `skip:${reason}`, n);
  }

  /** @internal */
  addRobots(delta: Counters, url: string): void {
    this.add(delta, 'robots_disallowed', 1);
    if (this.robotsUrls.length < this.caps.maxListedUrls) this.robotsUrls.push(url);
    this.addSkip(delta, 'robots', url, 1);
  }
}

/** What one task moved: its counter deltas, written to the frontier with the task. */
export class Tally {
  readonly counters: Counters = {};
  constructor(private readonly ledger: CrawlLedger) {}

  count(k: string, n = 1): void {
    this.ledger.add(this.counters, k, n);
  }

  /** A report link whose page turned out to hold no report (soft 404, empty page) is not counted as found. */
  uncountFound(): void {
    this.count('reports_found', -1);
  }

  /**
   * The task was interrupted and stays pending: what it counted is taken back, since the attempt that does it again
   * counts it then. (Errors an interrupted task met before stay in the list; they happened.)
   */
  discard(): void {
    for (const [k, v] of Object.entries(this.counters)) {
      if (k.startsWith('err:')) this.ledger.errorsByKind[k.slice(4)] = (this.ledger.errorsByKind[k.slice(4)] ?? 0) - v;
      else this.ledger.c[k] = (this.ledger.c[k] ?? 0) - v;
      delete this.counters[k];
    }
  }

  fail(url: string, kind: string, message: string): void {
    this.ledger.addError(this.counters, url, kind, message);
  }

  skip(reason: SkipReason, url: string, n = 1): void {
    this.ledger.addSkip(this.counters, reason, url, n);
  }

  robotsDisallowed(url: string): void {
    this.ledger.addRobots(this.counters, url);
  }
}
