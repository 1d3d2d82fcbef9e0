// crawlPortal: one portal, one run. Start URLs → list pages (paginated by the CMS idioms in ./cms) → report
// pages and attachments → CleanDocuments in the archive, handed to `onDocument` when new or changed.
// Plain HTTP first; Chromium only for pages a script builds. Page-level trouble is recorded, never thrown.
import path from 'node:path';
import type { Archive } from '../storage/archive.ts';
import { UrlStateStore, type UrlState } from '../storage/url-state.ts';
import { decode, detectKind, extractErrorKind } from '../src/extract/index.ts';
import { decodeUriSafe } from '../src/extract/text/uri.ts';
import { compilePattern } from '../src/config/patterns.ts';
import { ExtractPool, SandboxError } from './extract-pool.ts';
import { CrawlBudget, LEFT_COUNTER, limitsOf, type BudgetName } from './budget.ts';
import type { Portal, PortalsFile } from '../src/schema/config.ts';
import type { Attachment, CleanDocument } from '../src/schema/document.ts';
import { CrawlReport, type BlockEvidence, type CrawlError, type CrawlProgress } from '../src/schema/crawl.ts';
import { renderTasks, type BlockedRequest } from './browser.ts';
import { canonicalUrl, hostKey, isAllowedHost, resolveUrl } from './canonical.ts';
import { notANextPage } from './next-page-guard.ts';
import { IDIOMS, type BudgetCut, type FoundLink, type NextPage } from './cms/index.ts';
import { clientRedirect, detectChallenge, detectSoft404, looksScriptBuilt } from './detect.ts';
import { classifyLink, isAttachmentUrl, type LinkRules } from './discover.ts';
import { attachmentLinks, carriesReport, contentHash, emptyVerdict, hasNoContent, isThin, makeDocument } from './documents.ts';
import { FetchError, fetchWithRetry, type FetcherOptions, type FetchResult } from './fetcher.ts';
import { Frontier, type Counters } from './frontier.ts';
import { anchorsOf, framesOf, visibleText } from './links.ts';
import { HostGate } from './politeness.ts';
import { RobotsCache, type RobotsNote } from './robots.ts';
import { taskKey, type Anchor, type Page, type Task } from './types.ts';

export { renderCrawlReports } from './report-table.ts';
export type { CrawlReport, CrawlProgress } from '../src/schema/crawl.ts';

export interface CrawlPortalOptions {
  portal: Portal;
  settings: Omit<PortalsFile, 'portals'>;
  runId: string;
  dataDir: string;
  archive: Archive;
  onDocument: (doc: CleanDocument, docSha256: string) => Promise<void>;
  onProgress?: (p: CrawlProgress) => void;
  politeness?: boolean;
  signal?: AbortSignal;
}

const MAX_ERRORS = 50;
const MAX_ATTACHMENT_BYTES = 60 * 1024 * 1024;
// A 20 MB page took a crawl process to ~950 MB (bytes, decoded string, DOM, cleaned copy); real report pages are
// well under 2 MB, and reports that big come as attachments.
const MAX_HTML_BYTES = 8 * 1024 * 1024;

/** Error kind of a failed extraction: a breach of the sandbox's bounds (`too_large`, `timeout`) or unreadable input. */
// A sandbox breach names its bound; any other failure is `extract`, or `unsupported_format` when no reader here handles the format.
const extractFailure = (err: unknown) => (err instanceof SandboxError && err.kind !== 'extract' ? err.kind : extractErrorKind(err));

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

export async function crawlPortal(opts: CrawlPortalOptions): Promise<CrawlReport> {
  const { portal, settings, archive } = opts;
  const started = new Date();
  const politeness = opts.politeness ?? true;
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = stop.signal;

  const allowedHosts = portal.allowed_hosts?.length ? portal.allowed_hosts : defaultHosts(portal.start_urls);
  const userAgent = settings.contact_url && !settings.user_agent.includes(settings.contact_url) ? `${settings.user_agent} (+${settings.contact_url})` : settings.user_agent;
  const robotsAgent = userAgent.split(/[\s/]/)[0] ?? 'ogi-harvest';
  const fetchOpts: FetcherOptions = {
    userAgent, timeoutMs: settings.request_timeout_secs * 1000, retries: 3, backoffMs: politeness ? 1000 : 50, allowedHosts, signal,
  };
  const rate = portal.rate ?? settings.rate;
  const crawlDelays = new Map<string, number>();
  const extractPool = new ExtractPool();
  const gate = new HostGate({
    intervalMs: (host) => (politeness ? Math.max(1000 / rate, crawlDelays.get(host) ?? 0) : 0),
    concurrency: politeness ? 2 : 8,
  });
  // What robots.txt said of each origin (unreachable, cut, absent) goes into the report with the first task it decides.
  const robotsNotes: RobotsNote[] = [];
  const robots = settings.respect_robots ? new RobotsCache({ ...fetchOpts, retries: 1 }, robotsAgent, (n) => robotsNotes.push(n)) : null;
  const rules: LinkRules = {
    allowedHosts,
    listPatterns: (portal.list_patterns ?? []).map(compilePattern),
    reportPatterns: (portal.report_patterns ?? []).map(compilePattern),
    years: portal.years,
  };
  const runDir = path.join(opts.dataDir, 'crawlee', portal.id, opts.runId);
  const frontier = new Frontier(runDir);
  const state = UrlStateStore.open(opts.dataDir, portal.id);

  // ── counters (continued from an interrupted run of the same id)
  const c: Counters = {
    pages_fetched: 0, not_modified: 0, browser_pages: 0, list_pages: 0, reports_found: 0, reports_new: 0, reports_changed: 0,
    reports_unchanged: 0, attachments: 0, not_found: 0, robots_disallowed: 0, ...frontier.replayed,
  };
  const errorsByKind: Record<string, number> = {};
  for (const [k, v] of Object.entries(frontier.replayed)) if (k.startsWith('err:')) errorsByKind[k.slice(4)] = v;
  const errors: CrawlError[] = [];
  const robotsUrls: string[] = [];
  let blocked: BlockEvidence | null = null;
  let lastUrl: string | null = null;
  let phase: CrawlProgress['phase'] = 'start';

  const progress = () =>
    opts.onProgress?.({
      portal_id: portal.id, phase, pages_fetched: c.pages_fetched!, queued: frontier.pending, reports_found: c.reports_found!,
      reports_new: c.reports_new!, reports_changed: c.reports_changed!, errors: Object.values(errorsByKind).reduce((a, b) => a + b, 0), last_url: lastUrl,
    });

  /** Per-task counter deltas, written with the task's `done` line so a resumed run keeps its totals. */
  function counter(delta: Counters, k: string, n = 1) {
    c[k] = (c[k] ?? 0) + n;
    delta[k] = (delta[k] ?? 0) + n;
  }
  /** A report link whose page turned out to hold no report (soft 404, empty page) is not counted as found. */
  function uncountFound(delta: Counters) {
    counter(delta, 'reports_found', -1);
  }
  function fail(delta: Counters, url: string, kind: string, message: string) {
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
    delta[`err:${kind}`] = (delta[`err:${kind}`] ?? 0) + 1;
    if (errors.length < MAX_ERRORS) errors.push({ url, kind, message: message.slice(0, 300) });
  }

  // ── the budgets (./budget.ts): a task a budget keeps us from queueing is recorded, so the report tells a column that
  // was read to its end from one that was cut short (an endless 下一页 or 下一篇 chain, a CMS declaring 5,000 pages, a
  // list of 60,000 links, a server so slow the run outlasts its time).
  const budget = new CrawlBudget(limitsOf(portal), started.getTime());
  let truncatedAt: string | null = null;
  const attachmentsUsed = () => frontier.added.attachment + (c.page_attachments ?? 0);
  const usedOf = (b: BudgetName) =>
    b === 'max_pages' ? c.list_pages! : b === 'max_report_pages' ? frontier.added.report : b === 'max_attachments' ? attachmentsUsed() : budget.elapsedMinutes();
  function budgetCut(delta: Counters, b: BudgetName, url: string, remaining: number | null = null) {
    if (!budget.leave(b, url)) return;
    counter(delta, LEFT_COUNTER[b], Math.max(1, remaining ?? 1));
    if (budget.first(b) !== url) return;
    if (b === 'max_pages') truncatedAt = url;
    const extra = b === 'max_pages' && remaining && remaining > 1 ? ` (the list declares ${remaining} more)` : '';
    const message = b === 'max_pages'
      ? `page budget max_pages=${portal.max_pages} reached after ${c.list_pages} list page(s); first unvisited list page ${url}${extra}`
      : budget.message(b, usedOf(b), url, extra);
    // A resumed run already counted its cut (replayed from the frontier log); only the evidence is missing.
    if (errorsByKind[b]) {
      if (errors.length < MAX_ERRORS) errors.push({ url, kind: b, message });
    } else fail(delta, url, b, message);
  }

  // ── frontier helpers
  type Seed = { url: string; rawUrl?: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string>; kind: Task['kind']; idiom?: string; data?: Record<string, string>; browser?: boolean };
  const isListKind = (kind: Task['kind']) => kind === 'list' || kind === 'api';
  function keyOf(seed: Seed): { url: string; method: 'GET' | 'POST'; key: string } | null {
    const method = seed.method ?? 'GET';
    const url = seed.kind === 'api' ? seed.url : canonicalUrl(seed.url);
    if (!isAllowedHost(url, allowedHosts)) return null;
    return { url, method, key: (seed.browser ? 'BROWSER ' : '') + taskKey(method, url, seed.body) };
  }
  /** A list page the budget refuses: recorded when it is one we have not queued already. */
  function refuse(seed: Seed, delta: Counters, remaining: number | null = null) {
    const k = keyOf(seed);
    if (k && !frontier.has(k.key)) budgetCut(delta, 'max_pages', k.url, remaining);
  }
  /** The budget a new task of this kind would exceed, or null when it fits. */
  function overBudget(kind: Task['kind'], url: string): BudgetName | null {
    // Lists: pagination stops at max_pages list pages fetched (handleList); other list links (column menus, frames)
    // are queued up to four times that. Report pages and files waiting in the queue never count here.
    if (isListKind(kind)) return frontier.added.list + frontier.added.api < portal.max_pages * 4 ? null : 'max_pages';
    // A report page queued again for the browser is the same report, already counted.
    if (kind === 'report') return frontier.seenUrl(url) || budget.allowsReport(frontier.added.report) ? null : 'max_report_pages';
    return budget.allowsAttachment(attachmentsUsed()) ? null : 'max_attachments';
  }
  /** Queue a task; tasks beyond their budget are refused (and recorded when `delta` is given). */
  function enqueue(seed: Seed, via: string | null, linkText: string | null, depth: number, delta?: Counters): boolean {
    const k = keyOf(seed);
    if (!k || frontier.has(k.key)) return false;
    const over = overBudget(seed.kind, k.url);
    if (over) {
      if (delta) budgetCut(delta, over, k.url);
      return false;
    }
    return frontier.add({ key: k.key, url: k.url, rawUrl: seed.rawUrl ?? seed.url, method: k.method, body: seed.body, headers: seed.headers, kind: seed.kind, idiom: seed.idiom, data: seed.data, via, linkText, depth, browser: seed.browser });
  }
  const browserFor = (kind: Task['kind']) => portal.render === 'browser' && (kind === 'list' || kind === 'report');
  if (!frontier.resumed) for (const u of portal.start_urls) enqueue({ url: u, rawUrl: u, kind: 'list', browser: browserFor('list') }, null, null, 0);

  // ── fetching with politeness
  async function allowedByRobots(url: string, delta: Counters): Promise<boolean> {
    if (!robots) return true;
    const host = hostKey(url);
    if (!crawlDelays.has(host)) crawlDelays.set(host, await robots.crawlDelayMs(url));
    const allowed = await robots.isAllowed(url);
    for (const n of robotsNotes.splice(0)) fail(delta, n.url, n.kind, n.message);
    return allowed;
  }
  async function httpFetch(task: Pick<Task, 'url' | 'method' | 'body' | 'headers'>, prior?: UrlState): Promise<FetchResult> {
    const release = await gate.acquire(hostKey(task.url), signal);
    try {
      lastUrl = task.url;
      return await fetchWithRetry(
        { url: task.url, method: task.method, body: task.body, headers: task.headers, etag: prior?.etag, lastModified: prior?.last_modified },
        { ...fetchOpts, maxBytes: MAX_ATTACHMENT_BYTES, maxHtmlBytes: MAX_HTML_BYTES },
      );
    } finally {
      release();
    }
  }
  function challenge(res: FetchResult): boolean {
    const ch = detectChallenge(res.status, res.headers, res.bytes);
    if (!ch) return false;
    blocked ??= { url: res.finalUrl, status: res.status, signature: ch.signature, snippet: ch.snippet };
    // Never try to get past a challenge: stop the portal and let the report say why.
    stop.abort();
    return true;
  }
  /** An https host whose certificate failed and was read over http: said once per host, as a notice. */
  const fellBack = new Set<string>();
  function noteFallback(res: FetchResult, delta: Counters) {
    if (!res.httpFallback) return;
    const host = hostKey(res.url);
    if (fellBack.has(host)) return;
    fellBack.add(host);
    fail(delta, res.url, 'http_fallback', `https certificate of ${host} not accepted (${res.httpFallback}); its pages are fetched over http`);
  }
  /** Status handling shared by every kind of task; true when the body is usable. */
  function usable(res: FetchResult, task: Task, delta: Counters): boolean {
    noteFallback(res, delta);
    if (res.status === 304) return true;
    if (challenge(res)) return false;
    if (res.status === 404 || res.status === 410) {
      counter(delta, 'not_found');
      fail(delta, task.url, 'not_found', `HTTP ${res.status}`);
      return false;
    }
    if (res.status >= 400) {
      fail(delta, task.url, res.status >= 500 ? 'http_5xx' : 'http_4xx', `HTTP ${res.status} after ${res.attempts} attempt(s)`);
      return false;
    }
    return true;
  }

  // ── list pages and API answers
  async function handleList(task: Task, res: FetchResult, body: string, contentType: string, delta: Counters, rendered = false, charset?: string) {
    counter(delta, 'list_pages');
    const finalUrl = canonicalUrl(res.finalUrl);
    let anchors: Anchor[] | null = null;
    const isHtml = task.kind === 'list';
    const page: Page = { task, url: finalUrl, body, contentType, anchors: () => (anchors ??= isHtml ? anchorsOf(body, finalUrl, charset) : []) };
    if (isHtml) {
      const soft = detectSoft404(visibleText(body));
      if (soft) {
        counter(delta, 'not_found');
        fail(delta, task.url, 'soft_404', `HTTP ${res.status} page says “${soft}”`);
        return;
      }
      // An entry page that only forwards (meta refresh, `location.href = …`): the list is where it points.
      if (followClientRedirect(task, body, finalUrl, delta)) return;
    }
    const found: FoundLink[] = [];
    const next: NextPage[] = [];
    const cuts: BudgetCut[] = [];
    for (const idiom of IDIOMS) {
      const out = idiom.discover(page, { maxPages: portal.max_pages });
      if (!out) continue;
      found.push(...out.links);
      next.push(...out.next.filter((n) => n.kind !== 'list' || notANextPage(canonicalUrl(n.url), finalUrl, portal.start_urls, { postBack: n.method === 'POST' }) === null));
      if (out.cut) cuts.push(out.cut);
    }
    const pagerUrls = new Set(next.map((n) => canonicalUrl(n.url)));
    if (isHtml) for (const a of page.anchors()) if (a.url && !pagerUrls.has(a.url)) found.push({ url: a.url, text: a.text, title: a.title });

    let fresh = 0;
    let useful = 0;
    for (const l of found) {
      const url = resolveUrl(l.url, finalUrl);
      // Self-links (breadcrumbs, 当前栏目) say nothing about the page's content.
      if (!url || url === finalUrl || url === task.url) continue;
      const isNew = !frontier.seenUrl(url) && !seenLinks.has(url);
      seenLinks.add(url);
      if (isNew) fresh++;
      const v = classifyLink(url, l.text, l.title ?? '', rules, true);
      if (v.kind === 'skip') continue;
      useful++;
      if (v.kind === 'report') enqueue({ url, kind: v.attachment ? 'attachment' : 'report', browser: !v.attachment && browserFor('report') }, finalUrl, v.text, task.depth + 1, delta);
      else if (task.depth < 6) enqueue({ url, rawUrl: l.url, kind: 'list', browser: browserFor('list') }, finalUrl, v.text, task.depth + 1, delta);
    }
    // Follow pagination from a column's first page always, from a later page only if it brought new links:
    // that is what ends traps that repeat one page under ever new URLs.
    const paged = task.data?.paged === '1' || task.kind === 'api';
    if (!paged || fresh > 0) {
      for (const n of next) {
        const seed = { ...n, data: { ...(n.data ?? {}), paged: '1' }, browser: n.kind === 'list' && browserFor('list') };
        if (c.list_pages! >= portal.max_pages) refuse(seed, delta);
        else enqueue(seed, finalUrl, null, task.depth, delta);
      }
      // Pages the idioms themselves left out because of maxPages.
      for (const cut of cuts) refuse({ ...cut.next, browser: cut.next.kind === 'list' && browserFor('list') }, delta, cut.remaining);
    }
    // Nothing here but frames: old column pages hold their list in a frame or iframe. Follow those on the portal
    // that are pages, not documents (a PDF viewer frame is not a list).
    let framed = 0;
    if (isHtml && useful === 0 && next.length === 0) {
      for (const f of framesOf(body, finalUrl)) {
        if (isAttachmentUrl(f) || !isAllowedHost(f, allowedHosts)) continue;
        if (enqueue({ url: f, kind: 'list', browser: browserFor('list') }, finalUrl, null, task.depth, delta)) framed++;
      }
    }
    // Nothing found by plain HTTP on a page that a script fills in: render it in the browser (render: auto).
    if (!rendered && isHtml && portal.render === 'auto' && useful === 0 && next.length === 0 && framed === 0 && looksScriptBuilt(body)) {
      enqueue({ url: task.url, rawUrl: task.rawUrl, kind: 'list', browser: true }, task.via, task.linkText, task.depth, delta);
    }
  }

  /** Queues the target of a forwarding page as the same kind of task; true when the page was one. */
  function followClientRedirect(task: Task, html: string, finalUrl: string, delta: Counters): boolean {
    const href = clientRedirect(html);
    const target = href ? resolveUrl(href, finalUrl) : null;
    if (!target || target === finalUrl || target === task.url) return false;
    if (!isAllowedHost(target, allowedHosts)) {
      fail(delta, task.url, 'offsite_redirect', `the page forwards to ${target}, outside the portal`);
      return true;
    }
    const kind = task.kind === 'list' ? 'list' : 'report';
    enqueue({ url: target, kind, browser: browserFor(kind) }, task.via, task.linkText, task.depth, kind === 'list' ? delta : undefined);
    return true;
  }

  // ── report pages
  async function fetchAttachment(url: string, name: string | null, delta: Counters): Promise<{ att: Attachment; res: FetchResult | null; bytes: Buffer | null }> {
    const base: Attachment = { url, name, mime: null, sha256: null, bytes: null, text: null, needs_ocr: false, error: null };
    if (!(await allowedByRobots(url, delta))) {
      counter(delta, 'robots_disallowed');
      robotsUrls.push(url);
      return { att: { ...base, error: 'disallowed by robots.txt' }, res: null, bytes: null };
    }
    try {
      const res = await httpFetch({ url, method: 'GET' });
      counter(delta, 'pages_fetched');
      noteFallback(res, delta);
      if (challenge(res)) return { att: { ...base, error: `blocked (HTTP ${res.status})` }, res, bytes: null };
      if (res.status >= 400) {
        if (res.status === 404 || res.status === 410) counter(delta, 'not_found');
        fail(delta, url, res.status === 404 || res.status === 410 ? 'not_found' : res.status >= 500 ? 'http_5xx' : 'http_4xx', `attachment HTTP ${res.status}`);
        return { att: { ...base, error: `HTTP ${res.status}` }, res, bytes: null };
      }
      counter(delta, 'attachments');
      const sha = await archive.put(res.bytes);
      const filename = decodeUriSafe(new URL(res.finalUrl).pathname.split('/').pop() ?? '');
      const kind = detectKind(res.bytes, { filename, contentType: res.headers['content-type'] });
      try {
        const ex = await extractPool.file({ bytes: res.bytes, url, headers: res.headers, filename, kind });
        return { att: { ...base, mime: res.headers['content-type'] ?? null, sha256: sha, bytes: res.bytes.length, text: ex.text || null, needs_ocr: ex.needs_ocr, text_source: ex.text_source, ocr: ex.ocr }, res, bytes: res.bytes };
      } catch (err) {
        fail(delta, url, extractFailure(err), (err as Error).message);
        return { att: { ...base, mime: res.headers['content-type'] ?? null, sha256: sha, bytes: res.bytes.length, error: (err as Error).message }, res, bytes: res.bytes };
      }
    } catch (err) {
      const kind = err instanceof FetchError ? err.kind : 'network';
      fail(delta, url, kind, (err as Error).message);
      return { att: { ...base, error: (err as Error).message }, res: null, bytes: null };
    }
  }

  async function emit(task: Task, doc: CleanDocument, res: FetchResult, delta: Counters) {
    const prior = state.get(task.url);
    const hash = contentHash(doc);
    const next: UrlState = {
      etag: res.headers['etag'] ?? null, last_modified: res.headers['last-modified'] ?? null, raw_sha256: doc.raw_sha256,
      content_sha256: hash, doc_sha256: prior?.doc_sha256 ?? null, status: res.status, fetched_at: doc.fetched_at,
    };
    if (prior?.content_sha256 === hash) {
      counter(delta, 'reports_unchanged');
      state.set(task.url, next);
      return;
    }
    try {
      const sha = await archive.putJson(doc);
      await opts.onDocument(doc, sha);
      counter(delta, prior?.content_sha256 ? 'reports_changed' : 'reports_new');
      state.set(task.url, { ...next, doc_sha256: sha });
    } catch (err) {
      fail(delta, task.url, 'emit', (err as Error).message);
    }
  }

  async function handleReport(task: Task, res: FetchResult, delta: Counters, rendered?: string) {
    counter(delta, 'reports_found');
    if (res.status === 304) {
      counter(delta, 'reports_unchanged');
      return;
    }
    const kind = rendered ? 'html' : detectKind(res.bytes, { filename: new URL(res.finalUrl).pathname, contentType: res.headers['content-type'] });
    // Plain text (a `.txt` report) is read like a file, not cleaned as a page.
    if (kind !== 'html') return handleAttachmentReport(task, res, delta);
    // Archive the raw page while a worker thread decodes and cleans it.
    const [rawSha, cleaned] = await Promise.all([
      archive.put(rendered ?? res.bytes),
      extractPool.run({ bytes: rendered ? null : res.bytes, rendered: rendered ?? null, headers: res.headers, url: res.finalUrl }).catch((err: Error) => err),
    ]);
    if (cleaned instanceof Error) {
      fail(delta, task.url, extractFailure(cleaned), cleaned.message);
      return;
    }
    const { html, extracted } = cleaned;
    // Soft 404s are short: only a page with little main text is worth the full visible-text scan.
    const thin = isThin(extracted);
    const soft = thin || extracted.text.length < 600 ? detectSoft404(visibleText(html)) : null;
    if (soft) {
      uncountFound(delta);
      counter(delta, 'not_found');
      fail(delta, task.url, 'soft_404', `HTTP ${res.status} page says “${soft}”`);
      return;
    }
    // A moved article that forwards to its new address: the report is there.
    if (thin && followClientRedirect(task, html, canonicalUrl(res.finalUrl), delta)) {
      uncountFound(delta);
      return;
    }
    const anchors = anchorsOf(html, canonicalUrl(res.finalUrl));
    const attLinks = attachmentLinks(anchors, extracted, allowedHosts);
    if (!rendered && portal.render === 'auto' && thin && !attLinks.length && looksScriptBuilt(html)) {
      uncountFound(delta);
      enqueue({ url: task.url, kind: 'report', browser: true }, task.via, task.linkText, task.depth);
      return;
    }
    const atts: Attachment[] = [];
    for (const a of attLinks) {
      if (!budget.allowsAttachment(attachmentsUsed())) {
        budgetCut(delta, 'max_attachments', a.url);
        atts.push({ url: a.url, name: a.name || null, mime: null, sha256: null, bytes: null, text: null, needs_ocr: false, error: `not fetched: attachment budget max_attachments=${portal.max_attachments} used up` });
        continue;
      }
      counter(delta, 'page_attachments');
      atts.push((await fetchAttachment(a.url, a.name || null, delta)).att);
    }
    // Nothing in the page (binary junk served as text/html, an empty body, only scripts) and no attachment carrying
    // the report: emitting it would hand the parser a title and no body. Record why instead.
    if (hasNoContent(extracted) && !atts.some(carriesReport)) {
      const v = emptyVerdict(res.bytes.length, rendered ? 'text/html (rendered)' : res.headers['content-type'] ?? null, html);
      uncountFound(delta);
      fail(delta, task.url, v.kind, v.message);
      return;
    }
    const doc = makeDocument({ task, res, portalId: portal.id, runId: opts.runId, rawSha }, { ...extracted, charset: extracted.charset ?? null }, html, atts);
    await emit(task, doc, res, delta);
    // Reports link to neighbouring reports (上一篇/下一篇, 相关): follow those, not lists or attachments.
    for (const a of anchors) {
      if (!a.url || isAttachmentUrl(a.url)) continue;
      const v = classifyLink(a.url, a.text, a.title, rules, false);
      if (v.kind === 'report') enqueue({ url: a.url, kind: 'report', browser: browserFor('report') }, task.url, v.text, task.depth + 1, delta);
    }
  }

  async function handleAttachmentReport(task: Task, res: FetchResult, delta: Counters) {
    counter(delta, 'attachments');
    const sha = await archive.put(res.bytes);
    const filename = decodeUriSafe(new URL(res.finalUrl).pathname.split('/').pop() ?? '');
    const kind = detectKind(res.bytes, { filename, contentType: res.headers['content-type'] });
    let ex;
    try {
      ex = await extractPool.file({ bytes: res.bytes, url: task.url, headers: res.headers, filename, kind });
    } catch (err) {
      fail(delta, task.url, extractFailure(err), (err as Error).message);
      return;
    }
    // A file with no text that is not a scan either (an empty file, a PDF of blank pages) carries no report.
    if (hasNoContent(ex) && !ex.needs_ocr) {
      uncountFound(delta);
      fail(delta, task.url, 'empty_content', `${res.bytes.length} bytes served as ${res.headers['content-type'] || 'no content type'}, read as ${kind}: no text and not a scan${ex.warnings.length ? ` (${ex.warnings.slice(0, 2).join('; ')})` : ''}`);
      return;
    }
    const att: Attachment = { url: task.url, name: task.linkText, mime: res.headers['content-type'] ?? null, sha256: sha, bytes: res.bytes.length, text: ex.text || null, needs_ocr: ex.needs_ocr, error: null, text_source: ex.text_source, ocr: ex.ocr };
    const doc = makeDocument({ task, res, portalId: portal.id, runId: opts.runId, rawSha: sha }, { ...ex, attachments: [] }, null, [att]);
    await emit(task, doc, res, delta);
  }

  // ── one task over HTTP
  const seenLinks = new Set<string>();
  async function runTask(task: Task) {
    const delta: Counters = {};
    // A task cut short by an abort stays pending in the frontier, so a retried job does it again.
    let interrupted = false;
    try {
      if (!(await allowedByRobots(task.url, delta))) {
        counter(delta, 'robots_disallowed');
        robotsUrls.push(task.url);
        return;
      }
      const prior = state.get(task.url);
      // Conditional only when a 304 leaves us something to work with: the archived list body, the emitted report.
      const conditional = task.method === 'GET' && prior && (task.kind === 'report' || task.kind === 'attachment' ? prior.content_sha256 : prior.raw_sha256) ? prior : undefined;
      let res: FetchResult;
      try {
        res = await httpFetch(task, conditional);
      } catch (err) {
        if (signal.aborted && !blocked) {
          interrupted = true;
          return;
        }
        fail(delta, task.url, err instanceof FetchError ? err.kind : 'network', (err as Error).message);
        return;
      }
      counter(delta, 'pages_fetched');
      if (res.status === 304) counter(delta, 'not_modified');
      if (!usable(res, task, delta)) return;
      // A redirect to another address of the portal (an old http link to the https page, a moved path): the target
      // is one document. The first task to land there emits it; a target already queued or claimed is left to that.
      if ((task.kind === 'report' || task.kind === 'attachment') && res.status !== 304 && !res.httpFallback) {
        const target = canonicalUrl(res.finalUrl);
        if (target !== task.url && !frontier.claim(taskKey('GET', target), target)) {
          fail(delta, task.url, 'redirect_duplicate', `redirects to ${target}, which this crawl already has`);
          return;
        }
      }
      if (task.kind === 'list' || task.kind === 'api') {
        let bytes = res.bytes;
        if (res.status === 304) {
          bytes = await archive.get(conditional!.raw_sha256!);
        } else {
          const rawSha = await archive.put(bytes);
          if (task.method === 'GET') state.set(task.url, { etag: res.headers['etag'] ?? null, last_modified: res.headers['last-modified'] ?? null, raw_sha256: rawSha, content_sha256: null, doc_sha256: null, status: res.status, fetched_at: new Date().toISOString() });
        }
        const headers = res.status === 304 ? { 'content-type': 'text/html' } : res.headers;
        const dec = task.kind === 'api' ? null : decode(bytes, headers);
        const body = dec ? dec.text : bytes.toString('utf8');
        await handleList(task, res, body, headers['content-type'] ?? '', delta, false, dec?.charset);
      } else if (task.kind === 'report') {
        await handleReport(task, res, delta);
      } else {
        counter(delta, 'reports_found');
        if (res.status === 304) counter(delta, 'reports_unchanged');
        else await handleAttachmentReport(task, res, delta);
      }
    } catch (err) {
      fail(delta, task.url, 'internal', (err as Error).stack ?? String(err));
    } finally {
      if (!interrupted) frontier.done(task.key, delta);
      progress();
    }
  }

  // ── the loop: HTTP workers until the frontier is dry, then one browser batch, and again
  async function drainHttp() {
    phase = 'http';
    const workers = politeness ? 2 : 8;
    let inFlight = 0;
    await new Promise<void>((resolve) => {
      const pump = () => {
        if (signal.aborted) {
          if (inFlight === 0) resolve();
          return;
        }
        if (budget.timeUp() && frontier.pending > 0) {
          // The time budget: stop taking tasks; those in flight finish or stay queued for a retried job.
          timeCut();
          if (inFlight === 0) resolve();
          return;
        }
        let t: Task | undefined;
        while (inFlight < workers && (t = frontier.next())) {
          inFlight++;
          runTask(t).finally(() => {
            inFlight--;
            pump();
          });
        }
        if (inFlight === 0) resolve();
      };
      pump();
    });
  }

  /** Records the time budget's cut once, with the tasks it leaves queued. */
  let timeLeft = 0;
  function timeCut() {
    if (budget.cut('max_minutes')) return;
    const delta: Counters = {};
    timeLeft = frontier.pending;
    budgetCut(delta, 'max_minutes', lastUrl ?? portal.start_urls[0]!, frontier.pending);
    stop.abort();
  }

  let status: CrawlReport['status'] = 'ok';
  try {
    progress();
    for (let round = 0; round < 5 && !signal.aborted; round++) {
      await drainHttp();
      const batch = frontier.takeBrowserBatch();
      if (!batch.length || signal.aborted) break;
      phase = 'browser';
      progress();
      // A rendered page's requests outside the portal were aborted; each is recorded with the page that made it.
      const noteBlocked = (task: Task, delta: Counters, blockedRequests: BlockedRequest[]) => {
        for (const b of blockedRequests) {
          const kind = b.reason === 'too_large' ? 'too_large' : b.reason === 'offsite_redirect' ? 'offsite_redirect' : 'offsite_request';
          fail(delta, task.url, kind, b.reason === 'too_large' ? `browser: ${b.type} ${b.url} over the ${MAX_HTML_BYTES}-byte limit, aborted` : `browser: ${b.type} ${b.from ? `${b.from} redirects to ` : ''}${b.url} outside the portal, aborted`);
        }
      };
      await renderTasks(batch, {
        userAgent, timeoutSecs: settings.request_timeout_secs, concurrency: politeness ? 1 : 2,
        allowUrl: (u) => isAllowedHost(u, allowedHosts), maxBytes: MAX_HTML_BYTES,
        allow: async (t) => {
          const delta: Counters = {};
          if (await allowedByRobots(t.url, delta)) return true;
          counter(delta, 'robots_disallowed');
          robotsUrls.push(t.url);
          frontier.done(t.key, delta);
          return false;
        },
        onRendered: async ({ task, html, status: st, finalUrl, headers, blocked: blockedRequests }) => {
          const delta: Counters = {};
          noteBlocked(task, delta, blockedRequests);
          counter(delta, 'pages_fetched');
          counter(delta, 'browser_pages');
          const res: FetchResult = { url: task.url, finalUrl, status: st, headers, bytes: Buffer.from(html), attempts: 1 };
          try {
            if (usable(res, task, delta)) {
              if (task.kind === 'list') await handleList(task, res, html, 'text/html', delta, true);
              else await handleReport(task, res, delta, html);
            }
          } catch (err) {
            fail(delta, task.url, 'internal', (err as Error).stack ?? String(err));
          } finally {
            frontier.done(task.key, delta);
            progress();
          }
        },
        onFailed: (task, message, blockedRequests) => {
          const delta: Counters = {};
          noteBlocked(task, delta, blockedRequests);
          fail(delta, task.url, 'browser', message);
          frontier.done(task.key, delta);
        },
      }).catch((err: Error) => {
        const delta: Counters = {};
        fail(delta, portal.start_urls[0]!, 'browser', err.message);
      });
    }
  } catch (err) {
    status = 'failed';
    errorsByKind.internal = (errorsByKind.internal ?? 0) + 1;
    errors.push({ url: portal.start_urls[0]!, kind: 'internal', message: (err as Error).message });
  } finally {
    await extractPool.close();
    frontier.close();
    state.close();
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (blocked) status = 'blocked';
  else if (status === 'ok' && c.pages_fetched === 0 && (errors.length > 0 || opts.signal?.aborted)) status = 'failed';
  phase = 'done';
  progress();
  const finished = new Date();
  const budgets = ['max_pages', 'max_report_pages', 'max_attachments', 'max_minutes'] as const;
  const cuts = budget.report({ ...c, tasks_left_at_time_budget: timeLeft }, Object.fromEntries(budgets.map((b) => [b, usedOf(b)])) as Record<BudgetName, number>, budgets.filter((b) => (errorsByKind[b] ?? 0) > 0));
  return CrawlReport.parse({
    portal_id: portal.id, run_id: opts.runId, started_at: started.toISOString(), finished_at: finished.toISOString(),
    duration_ms: finished.getTime() - started.getTime(), status, blocked, resumed: frontier.resumed,
    pages_fetched: c.pages_fetched, not_modified: c.not_modified, browser_pages: c.browser_pages, list_pages: c.list_pages,
    reports_found: c.reports_found, reports_new: c.reports_new, reports_changed: c.reports_changed, reports_unchanged: c.reports_unchanged,
    attachments: c.attachments, not_found: c.not_found, robots_disallowed: c.robots_disallowed, robots_disallowed_urls: robotsUrls.slice(0, 50),
    errors_by_kind: errorsByKind, errors,
    truncated: cuts.length > 0, truncated_at: truncatedAt, lists_unvisited: c.lists_unvisited ?? 0, budget_cuts: cuts,
  });
}
