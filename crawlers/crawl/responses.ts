// Status handling shared by every kind of task: anti-bot challenges, certificate fallbacks, 404s and other errors.
import { hostKey } from '../canonical.ts';
import { detectChallenge } from '../detect.ts';
import type { FetchResult } from '../fetcher.ts';
import type { Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';

/** A challenge wall stops the portal, with the response kept as evidence: never try to get past one. */
export function challenged(ctx: CrawlContext, res: FetchResult): boolean {
  const ch = detectChallenge(res.status, res.headers, res.bytes);
  if (!ch) return false;
  ctx.ledger.blocked ??= { url: res.finalUrl, status: res.status, signature: ch.signature, snippet: ch.snippet };
  ctx.stop();
  return true;
}

/** An https host whose certificate failed and was read over http: said once per host, as a notice. */
export function noteFallback(ctx: CrawlContext, res: FetchResult, t: Tally): void {
  if (!res.httpFallback) return;
  const host = hostKey(res.url);
  if (!ctx.ledger.firstNotice(`http_fallback ${host}`)) return;
  t.fail(res.url, 'http_fallback', `https certificate of ${host} not accepted (${res.httpFallback}); its pages are fetched over http`);
}

/** True when the body is usable; otherwise the reason is recorded. */
export function usable(ctx: CrawlContext, res: FetchResult, task: Task, t: Tally): boolean {
  noteFallback(ctx, res, t);
  if (res.status === 304) return true;
  if (challenged(ctx, res)) return false;
  if (res.status === 404 || res.status === 410) {
    t.count('not_found');
    t.fail(task.url, 'not_found', `HTTP ${res.status}`);
    return false;
  }
  if (res.status >= 400) {
    t.fail(task.url, res.status >= 500 ? 'http_5xx' : 'http_4xx', `HTTP ${res.status} after ${res.attempts} attempt(s)`);
    return false;
  }
  return true;
}

/** Error kind of a failed HTTP status. */
export const statusKind = (status: number) => (status === 404 || status === 410 ? 'not_found' : status >= 500 ? 'http_5xx' : 'http_4xx');
