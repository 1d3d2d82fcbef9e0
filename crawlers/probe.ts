// A small polite fetch session for looking at a portal without crawling it (`ogi portals discover` and
// `ogi portals check`): robots.txt obeyed, at most `rate` requests per second per host (and the robots crawl-delay),
// a page budget and a byte cap per response, and never a host outside the allowed ones. Also what a list page
// holds as the crawler would see it: report links with their years, sub-columns, pagination, and the
// look-alikes it would leave and why.
import { canonicalUrl, hostKey, isAllowedHost, resolveUrl } from './canonical.ts';
import { IDIOMS, type NextPage } from './cms/index.ts';
import { classifyLink, type LinkRules } from './discover.ts';
import { fetchWithRetry, FetchError, type FetcherOptions } from './fetcher.ts';
import { anchorsOf } from './links.ts';
import { HostGate } from './politeness.ts';
import { RobotsCache, type RobotsNote } from './robots.ts';
import { LOOKALIKE_TEXT } from './rules/discovery.ts';
import { taskKey, type Page, type Task } from './types.ts';
import { decodeBytes } from '../src/extract/decode.ts';
import { classifyTitle } from '../src/report/classify.ts';

export interface ProbeOptions {
  userAgent: string;
  /** Requests per second per host. */
  rate: number;
  respectRobots: boolean;
  timeoutMs: number;
  /** Pages this session may fetch in all (robots.txt not counted). */
  maxPages: number;
  /** Byte cap per response. */
  maxBytes: number;
  allowedHosts: readonly string[];
  signal?: AbortSignal;
}

export interface FetchedPage { url: string; finalUrl: string; status: number; contentType: string; text: string; bytes: number }
export type ProbeFetch = { ok: true; page: FetchedPage } | { ok: false; url: string; reason: string };

export class ProbeSession {
  pagesFetched = 0;
  bytesFetched = 0;
  private readonly gate: HostGate;
  private readonly robots: RobotsCache | null;
  private readonly fetchOpts: FetcherOptions;
  private readonly delays = new Map<string, number>();
  private readonly robotsNotes = new Map<string, RobotsNote>();

  constructor(private readonly o: ProbeOptions) {
    this.fetchOpts = {
      userAgent: o.userAgent, timeoutMs: o.timeoutMs, retries: 1, backoffMs: 1000, allowedHosts: o.allowedHosts, signal: o.signal,
      maxBytes: o.maxBytes, maxHtmlBytes: o.maxBytes,
    };
    this.gate = new HostGate({ intervalMs: (h) => Math.max(1000 / o.rate, this.delays.get(h) ?? 0), concurrency: 1 });
    // A robots.txt that could not be read refuses the origin too (RFC 9309); the refusal then says why.
    this.robots = o.respectRobots ? new RobotsCache(this.fetchOpts, o.userAgent.split(/[\s/]/)[0] ?? 'ogi-harvest', (n) => this.robotsNotes.set(new URL(n.url).origin, n)) : null;
  }

  get budgetLeft(): number {
    return this.o.maxPages - this.pagesFetched;
  }

  async fetch(req: { url: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> }): Promise<ProbeFetch> {
    const url = req.url;
    if (!isAllowedHost(url, this.o.allowedHosts)) return { ok: false, url, reason: `host ${hostKey(url)} is outside the portal` };
    if (this.budgetLeft <= 0) return { ok: false, url, reason: `page budget of ${this.o.maxPages} used up` };
    if (this.robots) {
      if (!(await this.robots.isAllowed(url))) {
        const note = this.robotsNotes.get(new URL(url).origin);
        return { ok: false, url, reason: note?.kind === 'robots_unreachable' ? note.message : 'robots.txt disallows it' };
      }
      const delay = await this.robots.crawlDelayMs(url);
      if (delay) this.delays.set(hostKey(url), delay);
    }
    this.pagesFetched++;
    const release = await this.gate.acquire(hostKey(url), this.o.signal);
    try {
      const res = await fetchWithRetry({ url, method: req.method, body: req.body, headers: req.headers }, this.fetchOpts);
      this.bytesFetched += res.bytes.length;
      const contentType = res.headers['content-type'] ?? '';
      if (res.status >= 400) return { ok: false, url, reason: `HTTP ${res.status}` };
      const text = /json/i.test(contentType) ? res.bytes.toString('utf8') : decodeBytes(res.bytes, res.headers).text;
      return { ok: true, page: { url, finalUrl: canonicalUrl(res.finalUrl), status: res.status, contentType, text, bytes: res.bytes.length } };
    } catch (e) {
      return { ok: false, url, reason: e instanceof FetchError ? `${e.kind}: ${e.message}` : (e as Error).message };
    } finally {
      release();
    }
  }
}

export interface ReportLink { url: string; text: string; year: number | null; attachment: boolean }
export interface Rejected { url: string; text: string; reason: string }
export interface ListProbe {
  /** Idioms (pagination / list-data families) that recognised the page. */
  idioms: string[];
  reports: ReportLink[];
  /** Sub-columns the crawl would follow (year folders, 部门年报 …). */
  lists: Array<{ url: string; text: string }>;
  /** Further pages of the same list (pagination or API pages). */
  next: NextPage[];
  rejected: Rejected[];
}

/** A task as the crawler's idioms expect it, for a page fetched outside a crawl. */
export function probeTask(url: string, rawUrl: string, kind: 'list' | 'api' = 'list', extra: Partial<Task> = {}): Task {
  return { key: taskKey('GET', url), url, rawUrl, method: 'GET', kind, via: null, linkText: null, depth: 0, ...extra };
}

/** What the crawler would take from one list page (or API answer): run the CMS idioms, then classify every link. */
export function probeList(task: Task, fetched: FetchedPage, rules: LinkRules, maxPages: number): ListProbe {
  const isHtml = task.kind === 'list';
  let anchors: ReturnType<typeof anchorsOf> | null = null;
  const page: Page = { task, url: fetched.finalUrl, body: fetched.text, contentType: fetched.contentType, anchors: () => (anchors ??= isHtml ? anchorsOf(fetched.text, fetched.finalUrl) : []) };
  const out: ListProbe = { idioms: [], reports: [], lists: [], next: [], rejected: [] };
  const found: Array<{ url: string; text: string; title: string }> = [];
  for (const idiom of IDIOMS) {
    const r = idiom.discover(page, { maxPages });
    if (!r) continue;
    if (r.links.length || r.next.length || r.cut) out.idioms.push(idiom.name);
    found.push(...r.links.map((l) => ({ url: l.url, text: l.text, title: l.title ?? '' })));
    out.next.push(...r.next);
  }
  const pager = new Set(out.next.map((n) => canonicalUrl(n.url)));
  if (isHtml) for (const a of page.anchors()) if (a.url && !pager.has(a.url)) found.push({ url: a.url, text: a.text, title: a.title });
  const seen = new Set<string>();
  for (const l of found) {
    const url = resolveUrl(l.url, fetched.finalUrl);
    if (!url || url === fetched.finalUrl || url === task.url || seen.has(url)) continue;
    seen.add(url);
    const v = classifyLink(url, l.text, l.title, rules, true);
    const label = [l.title, l.text].filter(Boolean).sort((a, b) => b.length - a.length)[0] ?? '';
    if (v.kind === 'report') out.reports.push({ url, text: v.text, year: v.year, attachment: v.attachment });
    else if (v.kind === 'list') out.lists.push({ url, text: v.text });
    else if (LOOKALIKE_TEXT.test(label)) {
      const why = v.reason === 'offsite' ? 'outside the portal'
        : v.reason === 'year' ? 'year outside the portal\'s years filter'
        : `not a report title (${classifyTitle(label).reason})`;
      out.rejected.push({ url, text: label, reason: why });
    }
  }
  return out;
}

/** Merges the probes of several pages of one list. */
export function mergeProbes(parts: ListProbe[]): ListProbe {
  return {
    idioms: [...new Set(parts.flatMap((p) => p.idioms))],
    reports: parts.flatMap((p) => p.reports),
    lists: parts.flatMap((p) => p.lists),
    next: parts.length ? parts[parts.length - 1]!.next : [],
    rejected: parts.flatMap((p) => p.rejected),
  };
}

/**
 * A list built from API answers (gkmlpt): fetch its API pages from `first` until one brings a report link, at most
 * `limit` pages (the first rows are often 图解 and notices).
 */
export async function followApi(session: ProbeSession, first: NextPage, rules: LinkRules, maxPages: number, limit: number): Promise<{ urls: string[]; error: string | null; probe: ListProbe | null }> {
  const parts: ListProbe[] = [];
  const urls: string[] = [];
  let next: NextPage | undefined = first;
  while (next && urls.length < limit) {
    urls.push(next.url);
    const got = await session.fetch({ url: next.url, method: next.method, body: next.body, headers: next.headers });
    if (!got.ok) return { urls, error: got.reason, probe: parts.length ? mergeProbes(parts) : null };
    const p = probeList(probeTask(next.url, next.url, 'api', { idiom: next.idiom, data: next.data }), got.page, rules, maxPages);
    parts.push(p);
    if (p.reports.length) break;
    next = p.next.find((n) => n.kind === 'api');
  }
  return { urls, error: null, probe: mergeProbes(parts) };
}
