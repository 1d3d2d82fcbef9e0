// What a list page or an API answer leads to, shared by both handlers: the CMS idioms (../cms) read its links and
// its further pages; each link is classified (../discover.ts) and queued as a report, an attachment or a list page;
// pagination is followed. Links left aside for the depth limit or for being off the portal are recorded as skips.
import { canonicalUrl, resolveUrl } from '../canonical.ts';
import { IDIOMS, type BudgetCut, type FoundLink, type NextPage } from '../cms/index.ts';
import { classifyLink } from '../discover.ts';
import { notANextPage } from '../next-page-guard.ts';
import type { Page, Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';

export interface LinksOutcome {
  /** Links that were reports or lists (queued now or before). */
  useful: number;
  /** Further pages the idioms found. */
  pages: number;
}

interface Discovered { found: FoundLink[]; next: NextPage[]; cuts: BudgetCut[] }

/** Every idiom's reading of the page; on an HTML page, every other anchor as a found link too. */
function discover(ctx: CrawlContext, page: Page, isHtml: boolean): Discovered {
  const { portal } = ctx;
  const out: Discovered = { found: [], next: [], cuts: [] };
  for (const idiom of IDIOMS) {
    const r = idiom.discover(page, { maxPages: portal.max_pages });
    if (!r) continue;
    out.found.push(...r.links);
    out.next.push(...r.next.filter((n) => n.kind !== 'list' || notANextPage(canonicalUrl(n.url), page.url, portal.start_urls, { postBack: n.method === 'POST' }) === null));
    if (r.cut) out.cuts.push(r.cut);
  }
  const pagerUrls = new Set(out.next.map((n) => canonicalUrl(n.url)));
  if (isHtml) for (const a of page.anchors()) if (a.url && !pagerUrls.has(a.url)) out.found.push({ url: a.url, text: a.text, title: a.title });
  return out;
}

/** Queues what the found links are; returns how many were new to this crawl and how many were useful. */
function queueFound(ctx: CrawlContext, task: Task, finalUrl: string, found: FoundLink[], t: Tally): { fresh: number; useful: number } {
  const { queue, limits } = ctx;
  let fresh = 0;
  let useful = 0;
  for (const l of found) {
    const url = resolveUrl(l.url, finalUrl);
    // Self-links (breadcrumbs, 当前栏目) say nothing about the page's content.
    if (!url || url === finalUrl || url === task.url) continue;
    const isNew = !queue.frontier.seenUrl(url) && !ctx.seenLinks.has(url);
    ctx.seenLinks.add(url);
    if (isNew) fresh++;
    const v = classifyLink(url, l.text, l.title ?? '', ctx.rules, true);
    if (v.kind === 'skip') {
      if (v.reason === 'offsite' && isNew) t.skip('offsite', url);
      continue;
    }
    useful++;
    if (v.kind === 'report') {
      queue.enqueue({ url, kind: v.attachment ? 'attachment' : 'report', browser: !v.attachment && queue.browserFor('report') }, finalUrl, v.text, task.depth + 1, t);
      continue;
    }
    const seed = { url, rawUrl: l.url, kind: 'list' as const, browser: queue.browserFor('list') };
    if (task.depth < limits.maxDepth) queue.enqueue(seed, finalUrl, v.text, task.depth + 1, t);
    else if (!queue.known(seed)) t.skip('depth_cap', url);
  }
  return { fresh, useful };
}

/** Reads a list page or API answer and queues what it leads to. */
export function followListLinks(ctx: CrawlContext, task: Task, page: Page, t: Tally): LinksOutcome {
  const { queue, portal } = ctx;
  const isHtml = task.kind === 'list';
  const { found, next, cuts } = discover(ctx, page, isHtml);
  const { fresh, useful } = queueFound(ctx, task, page.url, found, t);
  // Follow pagination from a column's first page always, from a later page only if it brought new links:
  // that is what ends traps that repeat one page under ever new URLs.
  const paged = task.data?.paged === '1' || task.kind === 'api';
  if (!paged || fresh > 0) {
    for (const n of next) {
      const seed = { ...n, data: { ...(n.data ?? {}), paged: '1' }, browser: n.kind === 'list' && queue.browserFor('list') };
      if (ctx.ledger.get('list_pages') >= portal.max_pages) queue.refuse(seed, t);
      else queue.enqueue(seed, page.url, null, task.depth, t);
    }
    // Pages the idioms themselves left out because of maxPages.
    for (const cut of cuts) queue.refuse({ ...cut.next, browser: cut.next.kind === 'list' && queue.browserFor('list') }, t, cut.remaining);
  }
  return { useful, pages: next.length };
}
