// `ogi portals discover URL`: from a portal's home page (or its 政府信息公开 page) follow the links a person would
// (信息公开 → 政府信息公开年报) to the annual-report column, and propose a portal entry for it. Bounded: a page
// budget, a depth limit and a byte cap per page; polite: robots.txt and the per-host rate (crawlers/probe.ts).
// Which links to follow is data (crawlers/rules/discovery.ts); the column is the page whose own links the crawler
// classifies as reports, reached by the best-named link.
import { canonicalUrl, hostKey } from './canonical.ts';
import { type LinkRules } from './discover.ts';
import { anchorsOf, htmlTitle } from './links.ts';
import { followApi, mergeProbes, probeList, probeTask, ProbeSession, type FetchedPage, type ListProbe, type ReportLink } from './probe.ts';
import {
  CMS_FAMILIES, COLUMN_LINK_TEXT, COLUMN_URL_BONUS, COLUMN_URL_HINT, GENERIC_HOST_LABELS, HUB_LINK_TEXT, HUB_URL_BONUS, HUB_URL_HINT, NOT_A_COLUMN_TEXT,
} from './rules/discovery.ts';
import { classifyTitle } from '../src/report/classify.ts';
import { resolveRegion } from '../src/report/identity/region.ts';
import { inferAdminLevel } from '../src/report/identity/level.ts';
import { userAgentOf } from '../src/config/load.ts';
import type { AdminLevel, PortalsFile } from '../src/schema/config.ts';

export interface DiscoverOptions {
  userAgent: string;
  rate: number;
  respectRobots: boolean;
  timeoutMs: number;
  /** Pages fetched in all (default 15). */
  maxPages?: number;
  /** Link depth from the start page (default 3). */
  maxDepth?: number;
  /** Byte cap per page (default 2 MB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** The search's options from a portals file's settings (user agent, robots, timeout) at the given rate. */
export function discoverOptionsFrom(settings: Omit<PortalsFile, 'portals'>, rate: number, extra: Partial<DiscoverOptions> = {}): DiscoverOptions {
  return { userAgent: userAgentOf(settings), rate, respectRobots: settings.respect_robots, timeoutMs: settings.request_timeout_secs * 1000, ...extra };
}

export interface ColumnCandidate {
  url: string;
  /** The URL as linked (keeps a `#catid` fragment gkmlpt needs). */
  rawUrl: string;
  linkText: string;
  score: number;
  depth: number;
  path: string[];
  probe: ListProbe;
}

export interface PortalProposal {
  entry: { id: string; name: string; agency?: string; region_code?: string; admin_level?: AdminLevel; start_urls: string[] };
  idiom: string;
  reports_on_first_page: number;
  years: number[];
  path: string[];
  pages_fetched: number;
  /** Other columns seen on the way, best first (sub-columns, per-department reports). */
  alternatives: Array<{ url: string; text: string; reports: number }>;
}

export class DiscoveryError extends Error {
  constructor(message: string, readonly pagesFetched: number) {
    super(message);
  }
}

interface Queued { url: string; rawUrl: string; depth: number; score: number; text: string; path: string[]; column: boolean }

/** Score of an anchor as a step towards the column: column links above hub links, both above nothing (0). */
export function scoreLink(text: string, url: string): { score: number; column: boolean } {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (!t || t.length > 30 || NOT_A_COLUMN_TEXT.test(t)) return { score: 0, column: false };
  const path = (() => { try { return new URL(url).pathname; } catch { return ''; } })();
  for (const r of COLUMN_LINK_TEXT) if (r.re.test(t)) return { score: r.score + (COLUMN_URL_HINT.test(path) ? COLUMN_URL_BONUS : 0), column: true };
  for (const r of HUB_LINK_TEXT) if (r.re.test(t)) return { score: r.score + (HUB_URL_HINT.test(path) ? HUB_URL_BONUS : 0), column: false };
  return { score: 0, column: false };
}

export async function discoverColumn(startUrl: string, o: DiscoverOptions): Promise<PortalProposal> {
  const start = canonicalUrl(startUrl);
  const host = hostKey(start);
  const allowedHosts = [host, host.startsWith('www.') ? host.slice(4) : `www.${host}`];
  const maxPages = o.maxPages ?? 15;
  const maxDepth = o.maxDepth ?? 3;
  const session = new ProbeSession({
    userAgent: o.userAgent, rate: o.rate, respectRobots: o.respectRobots, timeoutMs: o.timeoutMs, maxPages,
    maxBytes: o.maxBytes ?? 2 * 1024 * 1024, allowedHosts, signal: o.signal,
  });
  const rules: LinkRules = { allowedHosts, listPatterns: [], reportPatterns: [] };
  const queue: Queued[] = [{ url: start, rawUrl: startUrl, depth: 0, score: 0, text: '', path: [start], column: false }];
  const visited = new Set<string>();
  const candidates: ColumnCandidate[] = [];
  const failures: string[] = [];
  let homeTitle: string | null = null;

  while (queue.length && session.budgetLeft > 0) {
    // Best-scored link first; among equals the shallower one.
    queue.sort((a, b) => b.score - a.score || a.depth - b.depth);
    const q = queue.shift()!;
    const key = visitKey(q);
    if (visited.has(key)) continue;
    visited.add(key);
    const got = await session.fetch({ url: q.url });
    if (!got.ok) {
      failures.push(`${q.url}: ${got.reason}`);
      continue;
    }
    const page = got.page;
    if (q.depth === 0) homeTitle = htmlTitle(page.text);
    const probe = await probeColumn(q, page, rules, session);
    if (probe.reports.length && (q.column || q.depth === 0)) {
      candidates.push({ url: page.finalUrl, rawUrl: q.rawUrl, linkText: q.text, score: q.score, depth: q.depth, path: q.path, probe });
      // A site-wide column with reports found: no need to look further (fewer requests to the portal).
      if (q.score >= COLUMN_LINK_TEXT[0]!.score) break;
    }
    if (q.depth >= maxDepth) continue;
    for (const a of anchorsOf(page.text, page.finalUrl)) {
      if (!a.url || !allowedHosts.includes(hostKey(a.url))) continue;
      const label = [a.text, a.title].filter(Boolean).sort((x, y) => y.length - x.length)[0] ?? '';
      const s = scoreLink(label, a.url);
      if (s.score <= 0) continue;
      queue.push({ url: a.url, rawUrl: a.href.startsWith('http') ? a.href : new URL(a.href, page.finalUrl).toString(), depth: q.depth + 1, score: s.score, text: label, path: [...q.path, `${label} → ${a.url}`], column: s.column });
    }
  }

  if (!candidates.length) {
    throw new DiscoveryError(`no annual-report column found from ${startUrl} within ${session.pagesFetched} pages (budget ${maxPages}, depth ${maxDepth})${failures.length ? `; failed: ${failures.slice(0, 3).join('; ')}` : ''}`, session.pagesFetched);
  }
  candidates.sort((a, b) => b.score - a.score || b.probe.reports.length - a.probe.reports.length || a.depth - b.depth);
  const best = candidates[0]!;
  return propose(best, candidates.slice(1), homeTitle, session.pagesFetched);
}

/** gkmlpt columns differ only by their `#catid` fragment: keep them apart. */
function visitKey(q: Queued): string {
  const frag = /#\d+$/.exec(q.rawUrl)?.[0] ?? '';
  return q.url + frag;
}

/** A column page's reports; a gkmlpt shell brings its rows from the first API page. */
async function probeColumn(q: Queued, page: FetchedPage, rules: LinkRules, session: ProbeSession): Promise<ListProbe> {
  const task = probeTask(page.finalUrl, q.rawUrl);
  const probe = probeList(task, page, rules, 3);
  const api = probe.next.find((n) => n.kind === 'api');
  if (!probe.reports.length && api && session.budgetLeft > 0) {
    const r = await followApi(session, api, rules, 3, 3);
    if (r.probe) return mergeProbes([probe, r.probe]);
  }
  return probe;
}

function propose(best: ColumnCandidate, others: ColumnCandidate[], homeTitle: string | null, pagesFetched: number): PortalProposal {
  const agency = commonAgency(best.probe.reports);
  const region = agency ? resolveRegion(agency, '') : null;
  const level = agency ? inferAdminLevel(agency, region?.division ?? null) : null;
  const family = cmsFamily(best);
  const years = [...new Set(best.probe.reports.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const name = agency ?? siteName(homeTitle) ?? hostKey(best.url);
  const entry: PortalProposal['entry'] = { id: proposedId(best.url), name, start_urls: [best.rawUrl.includes('#') ? best.rawUrl : best.url] };
  if (agency) entry.agency = agency;
  if (region?.code && level && level !== 'central') entry.region_code = region.code;
  if (level) entry.admin_level = level;
  return {
    entry,
    idiom: [family, ...best.probe.idioms].filter(Boolean).join(' + ') || 'plain links',
    reports_on_first_page: best.probe.reports.length,
    years,
    path: best.path,
    pages_fetched: pagesFetched,
    alternatives: others.map((c) => ({ url: c.url, text: c.linkText, reports: c.probe.reports.length })),
  };
}

/** The agency most report titles name (a column holds one body's reports, sometimes with its departments'). */
function commonAgency(reports: ReportLink[]): string | null {
  const counts = new Map<string, number>();
  for (const r of reports) {
    const a = classifyTitle(r.text).agency;
    if (a) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0] ?? null;
}

function cmsFamily(c: ColumnCandidate): string {
  for (const f of CMS_FAMILIES) {
    if (f.column?.test(c.rawUrl)) return f.name;
    if (f.report && c.probe.reports.filter((r) => f.report!.test(r.url)).length * 2 > c.probe.reports.length) return f.name;
  }
  return '';
}

/** The site's name from its home page title: the part that names a government body. */
function siteName(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/[-_|｜—–·\s]+/).map((s) => s.trim()).filter(Boolean);
  return parts.find((p) => /(人民政府|政府|管理委员会|办公厅|办公室|局|委员会|厅)$/.test(p)) ?? parts[parts.length - 1] ?? null;
}

/** A portal id from the column's host: its distinctive labels, lower case, `-` between them. */
export function proposedId(url: string): string {
  const u = new URL(url);
  const labels = u.hostname.toLowerCase().split('.').filter((l) => !GENERIC_HOST_LABELS.has(l) && !/^\d+$/.test(l));
  const base = labels.join('-').replace(/[^a-z0-9-]/g, '') || 'portal';
  const seg = u.pathname.split('/').filter(Boolean)[0]?.toLowerCase().replace(/[^a-z0-9]/g, '');
  // Several portals on one host (the replica, a province's shared platform) differ by their first path segment.
  const id = seg && labels.length === 0 ? `${base}-${seg}` : base;
  return id.slice(0, 64).replace(/^-+|-+$/g, '') || 'portal';
}
