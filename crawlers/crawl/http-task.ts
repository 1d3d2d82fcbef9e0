// One task over plain HTTP: robots, a conditional request through the politeness gate, status handling, then the
// handler of its kind. Whatever happens is recorded in the task's tally, written to the frontier with the task.
import type { UrlState } from '../../storage/url-state.ts';
import { decode } from '../../src/extract/index.ts';
import { canonicalUrl } from '../canonical.ts';
import { FetchError, type FetchResult } from '../fetcher.ts';
import { taskKey, type Task } from '../types.ts';
import { handleApiPage } from './api-page.ts';
import { handleAttachmentTask } from './attachment.ts';
import type { CrawlContext } from './context.ts';
import { settleTask, stoppedUnder, TaskInterrupted } from './interrupted.ts';
import type { Tally } from './ledger.ts';
import { handleListPage } from './list-page.ts';
import { handleReportPage } from './report-page.ts';
import { usable } from './responses.ts';
import { allowedByRobots } from './robots-check.ts';

export async function runHttpTask(ctx: CrawlContext, task: Task): Promise<void> {
  const t = ctx.ledger.tally();
  // A task cut short by an abort (its fetch, its extraction) stays pending in the frontier, so a retried job does it again.
  await settleTask(ctx, task, t, async () => {
    if (!(await allowedByRobots(ctx, task.url, t))) return;
    const prior = ctx.state.get(task.url);
    // Conditional only when a 304 leaves us something to work with: the archived list body, the emitted report.
    const conditional = task.method === 'GET' && prior && (task.kind === 'report' || task.kind === 'attachment' ? prior.content_sha256 : prior.raw_sha256) ? prior : undefined;
    let res: FetchResult;
    try {
      res = await ctx.politeness.fetch({ url: task.url, method: task.method, body: task.body, headers: task.headers, etag: conditional?.etag, lastModified: conditional?.last_modified });
    } catch (err) {
      if (stoppedUnder(ctx)) throw new TaskInterrupted(`${task.url}: fetch stopped with the crawl`);
      t.fail(task.url, err instanceof FetchError ? err.kind : 'network', (err as Error).message);
      return;
    }
    t.count('pages_fetched');
    if (res.status === 304) t.count('not_modified');
    if (!usable(ctx, res, task, t) || redirectTaken(ctx, task, res, t)) return;
    await dispatch(ctx, task, res, conditional, t);
  });
}

/**
 * A redirect to another address of the portal (an old http link to the https page, a moved path): the target is one
 * document. The first task to land there emits it; a target already queued or claimed is left to that.
 */
function redirectTaken(ctx: CrawlContext, task: Task, res: FetchResult, t: Tally): boolean {
  if ((task.kind !== 'report' && task.kind !== 'attachment') || res.status === 304 || res.httpFallback) return false;
  const target = canonicalUrl(res.finalUrl);
  if (target === task.url || ctx.queue.frontier.claim(taskKey('GET', target), target)) return false;
  t.fail(task.url, 'redirect_duplicate', `redirects to ${target}, which this crawl already has`);
  return true;
}

async function dispatch(ctx: CrawlContext, task: Task, res: FetchResult, conditional: UrlState | undefined, t: Tally): Promise<void> {
  if (task.kind === 'report') return handleReportPage(ctx, task, res, t);
  if (task.kind === 'attachment') return handleAttachmentTask(ctx, task, res, t);
  // A list page or API answer: archived (a 304 reads the archived body back), decoded, handed to its handler.
  let bytes = res.bytes;
  if (res.status === 304) {
    bytes = await ctx.archive.get(conditional!.raw_sha256!);
  } else {
    const rawSha = await ctx.archive.put(bytes);
    if (task.method === 'GET') ctx.state.set(task.url, { etag: res.headers['etag'] ?? null, last_modified: res.headers['last-modified'] ?? null, raw_sha256: rawSha, content_sha256: null, doc_sha256: null, status: res.status, fetched_at: new Date().toISOString() });
  }
  const headers = res.status === 304 ? { 'content-type': 'text/html' } : res.headers;
  const contentType = headers['content-type'] ?? '';
  if (task.kind === 'api') return handleApiPage(ctx, task, res, bytes.toString('utf8'), contentType, t);
  const dec = decode(bytes, headers);
  handleListPage(ctx, task, res, { body: dec.text, contentType, charset: dec.charset, rendered: false }, t);
}
