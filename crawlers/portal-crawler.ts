// PortalCrawler: one portal, one run. Start URLs → list pages (paginated by the CMS idioms in ./cms) → report pages
// and attachments → CleanDocuments in the archive, handed to `onDocument` when new or changed. Plain HTTP first;
// Chromium only for pages a script builds. Page-level trouble is recorded, never thrown.
//
// Made of parts, each owning one concern (./crawl): the options and limits (options.ts), the scheduler (frontier
// behind the budgets), politeness for HTTP and browser alike (./politeness.ts), the ledger of counts, errors and
// skips, one handler per task kind (list-page, api-page, report-page, attachment), and the report.
import path from 'node:path';
import { UrlStateStore } from '../storage/url-state.ts';
import { compilePattern } from '../src/config/patterns.ts';
import { userAgentOf } from '../src/config/load.ts';
import type { CrawlReport } from '../src/schema/crawl.ts';
import { CrawlBudget, limitsOf } from './budget.ts';
import { hostKey } from './canonical.ts';
import type { LinkRules } from './discover.ts';
import { ExtractPool, type ExtractLease } from './extract-pool.ts';
import { Frontier } from './frontier.ts';
import { Politeness } from './politeness.ts';
import type { Task } from './types.ts';
import { browserRound } from './crawl/browser-round.ts';
import type { CrawlContext } from './crawl/context.ts';
import { runHttpTask } from './crawl/http-task.ts';
import { CrawlLedger } from './crawl/ledger.ts';
import { limitsFor, type CrawlLimits, type PortalCrawlerOptions } from './crawl/options.ts';
import { buildReport } from './crawl/report.ts';
import { Scheduler } from './crawl/scheduler.ts';

export type { CrawlLimits, PortalCrawlerOptions } from './crawl/options.ts';

/** allowed_hosts default: the start URLs' hosts, with and without `www.`. */
function defaultHosts(startUrls: string[]): string[] {
  const out = new Set<string>();
  for (const u of startUrls) {
    const h = hostKey(u);
    out.add(h);
    out.add(h.startsWith('www.') ? h.slice(4) : `www.${h}`);
  }
  return [...out];
}

export class PortalCrawler {
  readonly limits: CrawlLimits;
  private readonly ctx: CrawlContext;
  private readonly started = new Date();
  private readonly abort = new AbortController();
  private readonly userAgent: string;
  /** This crawl's share of the extraction pool (the process's, or one of its own when none is given). */
  private readonly lease: ExtractLease;
  // Stopped from outside (the process is stopping, the job's lock was lost): extractions not finished are cancelled,
  // so their tasks stay pending for the resumed job and the shared pool goes on with other crawls' pages. A crawl that
  // stops itself (time budget, a block) lets the extractions in flight finish.
  private readonly onOuterAbort = () => {
    this.lease.cancel('the crawl was stopped');
    this.abort.abort();
  };

  constructor(private readonly o: PortalCrawlerOptions) {
    const { portal, settings } = o;
    const polite = o.politeness ?? true;
    this.limits = limitsFor(polite, o.limits);
    const allowedHosts = portal.allowed_hosts?.length ? portal.allowed_hosts : defaultHosts(portal.start_urls);
    this.userAgent = userAgentOf(settings);
    this.lease = (o.pool ?? new ExtractPool()).lease();
    o.signal?.addEventListener('abort', this.onOuterAbort, { once: true });
    const frontier = new Frontier(path.join(o.dataDir, 'crawlee', portal.id, o.runId));
    const ledger = new CrawlLedger(frontier.replayed, this.limits);
    const l = this.limits;
    const politeness = new Politeness({
      polite, rate: portal.rate ?? settings.rate, concurrency: l.httpConcurrency, respectRobots: settings.respect_robots, robotsRetries: l.robotsRetries,
      fetch: { userAgent: this.userAgent, timeoutMs: settings.request_timeout_secs * 1000, retries: l.retries, backoffMs: l.backoffMs, allowedHosts, signal: this.abort.signal, maxBytes: l.maxFileBytes, maxHtmlBytes: l.maxHtmlBytes },
      onRobotsNote: (n) => ledger.robotsNotes.push(n),
      onRequest: (url) => (ledger.lastUrl = url),
    });
    const rules: LinkRules = {
      allowedHosts, listPatterns: (portal.list_patterns ?? []).map(compilePattern), reportPatterns: (portal.report_patterns ?? []).map(compilePattern), years: portal.years,
    };
    this.ctx = {
      portal, runId: o.runId, limits: l, allowedHosts, rules, archive: o.archive, state: UrlStateStore.open(o.dataDir, portal.id), pool: this.lease,
      politeness, ledger, queue: new Scheduler(frontier, new CrawlBudget(limitsOf(portal), this.started.getTime()), ledger, portal, allowedHosts, l),
      onDocument: o.onDocument, seenLinks: new Set(), signal: this.abort.signal, stop: () => this.abort.abort(),
    };
    if (!frontier.resumed) for (const u of portal.start_urls) this.ctx.queue.enqueue({ url: u, rawUrl: u, kind: 'list', browser: this.ctx.queue.browserFor('list') }, null, null, 0);
  }

  private progress = () => {
    const { ledger, queue, portal } = this.ctx;
    const c = ledger.c;
    this.o.onProgress?.({
      portal_id: portal.id, phase: ledger.phase, pages_fetched: c.pages_fetched!, queued: queue.frontier.pending, reports_found: c.reports_found!,
      reports_new: c.reports_new!, reports_changed: c.reports_changed!, errors: ledger.errorCount, last_url: ledger.lastUrl,
    });
  };

  /** HTTP workers until the frontier has no HTTP task left (or the crawl stops). */
  private drainHttp(): Promise<void> {
    const { ctx } = this;
    ctx.ledger.phase = 'http';
    let inFlight = 0;
    return new Promise<void>((resolve) => {
      const pump = () => {
        if (ctx.signal.aborted) {
          if (inFlight === 0) resolve();
          return;
        }
        if (ctx.queue.budget.timeUp() && ctx.queue.frontier.pending > 0) {
          // The time budget: stop taking tasks; those in flight finish or stay queued for a retried job.
          ctx.queue.timeCut();
          ctx.stop();
          if (inFlight === 0) resolve();
          return;
        }
        let t: Task | undefined;
        while (inFlight < this.limits.httpConcurrency && (t = ctx.queue.frontier.next())) {
          inFlight++;
          runHttpTask(ctx, t).finally(() => {
            this.progress();
            inFlight--;
            pump();
          });
        }
        if (inFlight === 0) resolve();
      };
      pump();
    });
  }

  /** HTTP until dry, then one browser batch, and again, for at most `maxRounds` rounds. */
  private async rounds(): Promise<void> {
    const { ctx } = this;
    for (let round = 0; !ctx.signal.aborted; round++) {
      if (round >= this.limits.maxRounds) return this.roundCap();
      await this.drainHttp();
      if (ctx.signal.aborted) return;
      const batch = ctx.queue.frontier.takeBrowserBatch();
      if (!batch.length) return;
      ctx.ledger.phase = 'browser';
      this.progress();
      await browserRound(ctx, batch, { userAgent: this.userAgent, settings: this.o.settings, onTaskDone: this.progress });
    }
  }

  /** Tasks still queued after the last round are left for a retried job, and said so. */
  private roundCap(): void {
    const pending = this.ctx.queue.frontier.pendingTasks();
    if (pending.length) this.ctx.ledger.tally().skip('round_cap', pending[0]!.url, pending.length);
  }

  async run(): Promise<CrawlReport> {
    const { ctx } = this;
    let status: CrawlReport['status'] = 'ok';
    try {
      this.progress();
      await this.rounds();
    } catch (err) {
      status = 'failed';
      ctx.ledger.crawlError(ctx.portal.start_urls[0]!, 'internal', (err as Error).message);
    } finally {
      // Nothing of this crawl is left in the pool (every task has settled); a pool of its own goes with it.
      this.lease.cancel('the crawl ended');
      if (this.lease.pool !== this.o.pool) await this.lease.pool.close();
      ctx.queue.frontier.close();
      ctx.state.close();
      this.o.signal?.removeEventListener('abort', this.onOuterAbort);
    }
    if (ctx.ledger.blocked) status = 'blocked';
    else if (status === 'ok' && ctx.ledger.c.pages_fetched === 0 && (ctx.ledger.errors.length > 0 || this.o.signal?.aborted)) status = 'failed';
    ctx.ledger.phase = 'done';
    this.progress();
    return buildReport({ portalId: ctx.portal.id, runId: this.o.runId, started: this.started, status, resumed: ctx.queue.frontier.resumed }, ctx.ledger, ctx.queue);
  }
}
