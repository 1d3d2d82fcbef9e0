// Handler of an API page: a CMS's JSON or XML list answer (gkmlpt, Hanweb dataproxy), read by the idiom that asked
// for it. It has no anchors of its own; what it leads to is queued like a list page's links.
import { canonicalUrl } from '../canonical.ts';
import type { FetchResult } from '../fetcher.ts';
import type { Page, Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';
import { followListLinks } from './list-links.ts';

export function handleApiPage(ctx: CrawlContext, task: Task, res: FetchResult, body: string, contentType: string, t: Tally): void {
  t.count('list_pages');
  const page: Page = { task, url: canonicalUrl(res.finalUrl), body, contentType, anchors: () => [] };
  followListLinks(ctx, task, page, t);
}
