// One browser round: the pages queued for Chromium (script-built lists and reports, or `render: browser`), rendered
// through the same politeness as HTTP (robots before each page, the host gate around each navigation), then handed
// to the list or report handler like a fetched page.
import type { PortalsFile } from '../../src/schema/config.ts';
import { renderTasks, type BlockedRequest, type Rendered } from '../browser.ts';
import { isAllowedHost } from '../canonical.ts';
import type { FetchResult } from '../fetcher.ts';
import type { Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import { settleTask } from './interrupted.ts';
import type { Tally } from './ledger.ts';
import { handleListPage } from './list-page.ts';
import { handleReportPage } from './report-page.ts';
import { usable } from './responses.ts';
import { allowedByRobots } from './robots-check.ts';

export interface BrowserRoundOptions {
  userAgent: string;
  settings: Pick<Omit<PortalsFile, 'portals'>, 'request_timeout_secs'>;
  /** After each task: the progress line. */
  onTaskDone: () => void;
}

/** A rendered page's requests outside the portal were aborted; each is recorded with the page that made it. */
function noteBlocked(ctx: CrawlContext, task: Task, t: Tally, blocked: BlockedRequest[]): void {
  const max = ctx.limits.maxHtmlBytes;
  for (const b of blocked) {
    const kind = b.reason === 'too_large' ? 'too_large' : b.reason === 'offsite_redirect' ? 'offsite_redirect' : 'offsite_request';
    t.fail(task.url, kind, b.reason === 'too_large' ? `browser: ${b.type} ${b.url} over the ${max}-byte limit, aborted` : `browser: ${b.type} ${b.from ? `${b.from} redirects to ` : ''}${b.url} outside the portal, aborted`);
  }
}

async function onRendered(ctx: CrawlContext, r: Rendered, o: BrowserRoundOptions): Promise<void> {
  const { task, html } = r;
  const t = ctx.ledger.tally();
  noteBlocked(ctx, task, t, r.blocked);
  t.count('pages_fetched');
  t.count('browser_pages');
  const res: FetchResult = { url: task.url, finalUrl: r.finalUrl, status: r.status, headers: r.headers, bytes: Buffer.from(html), attempts: 1 };
  // As over HTTP: a page whose extraction the stopping crawl cancelled stays pending for a resumed crawl.
  try {
    await settleTask(ctx, task, t, async () => {
      if (!usable(ctx, res, task, t)) return;
      if (task.kind === 'list') handleListPage(ctx, task, res, { body: html, contentType: 'text/html', rendered: true }, t);
      else await handleReportPage(ctx, task, res, t, html);
    });
  } finally {
    o.onTaskDone();
  }
}

export async function browserRound(ctx: CrawlContext, batch: Task[], o: BrowserRoundOptions): Promise<void> {
  await renderTasks(batch, {
    userAgent: o.userAgent, timeoutSecs: o.settings.request_timeout_secs, concurrency: ctx.limits.browserConcurrency,
    allowUrl: (u) => isAllowedHost(u, ctx.allowedHosts), maxBytes: ctx.limits.maxHtmlBytes,
    allow: async (task) => {
      const t = ctx.ledger.tally();
      if (await allowedByRobots(ctx, task.url, t)) return true;
      ctx.queue.frontier.done(task.key, t.counters);
      return false;
    },
    acquire: (url) => ctx.politeness.acquire(url),
    onRendered: (r) => onRendered(ctx, r, o),
    onFailed: (task, message, blocked) => {
      const t = ctx.ledger.tally();
      noteBlocked(ctx, task, t, blocked);
      t.fail(task.url, 'browser', message);
      ctx.queue.frontier.done(task.key, t.counters);
    },
  }).catch((err: Error) => ctx.ledger.tally().fail(ctx.portal.start_urls[0]!, 'browser', err.message));
}
