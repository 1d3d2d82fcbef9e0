// Pages that only forward (meta refresh, `location.href = …`): an entry page whose list is elsewhere, a moved article.
import { isAllowedHost, resolveUrl } from '../canonical.ts';
import { clientRedirect } from '../detect.ts';
import type { Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';

/** Queues the target of a forwarding page as the same kind of task; true when the page was one. */
export function followClientRedirect(ctx: CrawlContext, task: Task, html: string, finalUrl: string, t: Tally): boolean {
  const href = clientRedirect(html);
  const target = href ? resolveUrl(href, finalUrl) : null;
  if (!target || target === finalUrl || target === task.url) return false;
  if (!isAllowedHost(target, ctx.allowedHosts)) {
    t.fail(task.url, 'offsite_redirect', `the page forwards to ${target}, outside the portal`);
    return true;
  }
  const kind = task.kind === 'list' ? 'list' : 'report';
  ctx.queue.enqueue({ url: target, kind, browser: ctx.queue.browserFor(kind) }, task.via, task.linkText, task.depth, kind === 'list' ? t : undefined);
  return true;
}
