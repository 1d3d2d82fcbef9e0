// Handler of a list page (HTML, fetched or rendered): a column page whose links lead to reports, further pages and
// sub-columns. Soft 404s and forwarding pages are recognised first; a page with nothing but frames is followed into
// its frames; a page that a script fills in is queued again for the browser (render: auto).
import { canonicalUrl, isAllowedHost } from '../canonical.ts';
import { detectSoft404, looksScriptBuilt } from '../detect.ts';
import { isAttachmentUrl } from '../discover.ts';
import type { FetchResult } from '../fetcher.ts';
import { anchorsOf, framesOf, visibleText } from '../links.ts';
import type { Anchor, Page, Task } from '../types.ts';
import { followClientRedirect } from './client-redirect.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';
import { followListLinks } from './list-links.ts';

export interface ListBody {
  body: string;
  contentType: string;
  charset?: string;
  /** Rendered in Chromium: never queued for the browser again. */
  rendered: boolean;
}

export function handleListPage(ctx: CrawlContext, task: Task, res: FetchResult, b: ListBody, t: Tally): void {
  t.count('list_pages');
  const finalUrl = canonicalUrl(res.finalUrl);
  let anchors: Anchor[] | null = null;
  const page: Page = { task, url: finalUrl, body: b.body, contentType: b.contentType, anchors: () => (anchors ??= anchorsOf(b.body, finalUrl, b.charset)) };
  const soft = detectSoft404(visibleText(b.body));
  if (soft) {
    t.count('not_found');
    t.fail(task.url, 'soft_404', `HTTP ${res.status} page says “${soft}”`);
    return;
  }
  // An entry page that only forwards (meta refresh, `location.href = …`): the list is where it points.
  if (followClientRedirect(ctx, task, b.body, finalUrl, t)) return;
  const { useful, pages } = followListLinks(ctx, task, page, t);
  if (useful > 0 || pages > 0) return;
  // Nothing here but frames: old column pages hold their list in a frame or iframe. Follow those on the portal
  // that are pages, not documents (a PDF viewer frame is not a list).
  let framed = 0;
  for (const f of framesOf(b.body, finalUrl)) {
    if (isAttachmentUrl(f) || !isAllowedHost(f, ctx.allowedHosts)) continue;
    if (ctx.queue.enqueue({ url: f, kind: 'list', browser: ctx.queue.browserFor('list') }, finalUrl, null, task.depth, t)) framed++;
  }
  // Nothing found by plain HTTP on a page that a script fills in: render it in the browser (render: auto).
  if (!b.rendered && ctx.portal.render === 'auto' && framed === 0 && looksScriptBuilt(b.body)) {
    ctx.queue.enqueue({ url: task.url, rawUrl: task.rawUrl, kind: 'list', browser: true }, task.via, task.linkText, task.depth, t);
  }
}
