// `ogi portals check ID…`: a dry run of one portal's crawl. Fetches its start pages (and, for list widgets fed by
// an API such as gkmlpt, the first API page) politely, and says what the crawl would take from them: report links
// with their years, sub-columns and further list pages it would follow, and look-alikes it would leave with the
// reason. Nothing is archived, queued or recorded.
import { canonicalUrl } from './canonical.ts';
import { allowedHosts, userAgentOf } from '../src/config/load.ts';
import { type LinkRules } from './discover.ts';
import { discoverColumn, discoverOptionsFrom, DiscoveryError } from './discover-column.ts';
import { followApi, probeList, probeTask, ProbeSession, type ListProbe } from './probe.ts';
import type { Portal, PortalsFile } from '../src/schema/config.ts';

export interface StartPageCheck {
  url: string;
  /** Why the page could not be looked at (robots, HTTP status, budget …); null when it was. */
  error: string | null;
  probe: ListProbe | null;
  /** The first API page fetched for a list built from one (gkmlpt), with what it held. */
  api: { urls: string[]; error: string | null; probe: ListProbe | null } | null;
}

export interface PortalCheck {
  portal_id: string;
  pages_fetched: number;
  /** For a portal with discover_column: the column found from its home page (null when none was found: see error). */
  column: { url: string; found_from: string; path: string[]; error: string | null } | null;
  start_pages: StartPageCheck[];
}

export async function checkPortal(given: Portal, settings: Omit<PortalsFile, 'portals'>, opts: { maxPages?: number; signal?: AbortSignal } = {}): Promise<PortalCheck> {
  let portal = given;
  let column: PortalCheck['column'] = null;
  let searched = 0;
  if (given.discover_column) {
    // As the crawl does: the column is looked for from the home page first, then looked at.
    const from = given.start_urls[0]!;
    try {
      const p = await discoverColumn(from, discoverOptionsFrom(settings, given.rate ?? settings.rate, { signal: opts.signal }));
      portal = { ...given, start_urls: p.entry.start_urls, discover_column: false };
      column = { url: p.entry.start_urls[0]!, found_from: from, path: p.path, error: null };
      searched = p.pages_fetched;
    } catch (e) {
      if (!(e instanceof DiscoveryError)) throw e;
      return { portal_id: given.id, pages_fetched: e.pagesFetched, column: { url: '', found_from: from, path: [], error: e.message }, start_pages: [] };
    }
  }
  // The crawl's own default: the start URLs' hosts with and without `www.`.
  const hosts = portal.allowed_hosts?.length ? allowedHosts(portal) : [...new Set(allowedHosts(portal).flatMap((h) => [h, h.startsWith('www.') ? h.slice(4) : `www.${h}`]))];
  const userAgent = userAgentOf(settings);
  const session = new ProbeSession({
    userAgent, rate: portal.rate ?? settings.rate, respectRobots: settings.respect_robots, timeoutMs: settings.request_timeout_secs * 1000,
    maxPages: opts.maxPages ?? 4 * portal.start_urls.length, maxBytes: 8 * 1024 * 1024, allowedHosts: hosts, signal: opts.signal,
  });
  const rules: LinkRules = {
    allowedHosts: hosts,
    listPatterns: (portal.list_patterns ?? []).map((p) => new RegExp(p)),
    reportPatterns: (portal.report_patterns ?? []).map((p) => new RegExp(p)),
    years: portal.years,
  };
  const out: StartPageCheck[] = [];
  for (const raw of portal.start_urls) {
    const url = canonicalUrl(raw);
    const got = await session.fetch({ url });
    if (!got.ok) {
      out.push({ url: raw, error: got.reason, probe: null, api: null });
      continue;
    }
    const probe = probeList(probeTask(got.page.finalUrl, raw), got.page, rules, portal.max_pages);
    const first = probe.next.find((n) => n.kind === 'api');
    const api: StartPageCheck['api'] = first ? await followApi(session, first, rules, portal.max_pages, 3) : null;
    out.push({ url: raw, error: null, probe, api });
  }
  return { portal_id: portal.id, pages_fetched: searched + session.pagesFetched, column, start_pages: out };
}

/** Plain-text account of a check, one block per start page. */
export function renderCheck(c: PortalCheck): string {
  const lines = [`${c.portal_id}: ${c.pages_fetched} page(s) fetched`];
  if (c.column?.error) lines.push(`  ${c.column.error}`);
  else if (c.column) lines.push(`  column found from ${c.column.found_from}: ${c.column.url}`, ...c.column.path.slice(1).map((step) => `    via ${step}`));
  for (const s of c.start_pages) {
    lines.push(`  start ${s.url}`);
    if (s.error) {
      lines.push(`    could not look: ${s.error}`);
      continue;
    }
    const parts = [s.probe!, ...(s.api?.probe ? [s.api.probe] : [])];
    const reports = parts.flatMap((p) => p.reports);
    const lists = parts.flatMap((p) => p.lists);
    const next = parts.flatMap((p) => p.next);
    const rejected = parts.flatMap((p) => p.rejected);
    const idioms = [...new Set(parts.flatMap((p) => p.idioms))];
    lines.push(`    list idioms: ${idioms.join(', ') || 'plain links'}`);
    if (s.api) lines.push(`    API pages ${s.api.urls.join(' ')}${s.api.error ? `: ${s.api.error}` : ''}`);
    lines.push(`    reports (${reports.length}):`);
    for (const r of reports) lines.push(`      ${r.year ?? '????'}  ${r.attachment ? '[attachment] ' : ''}${r.text}  ${r.url}`);
    lines.push(`    list pages the crawl would follow (${lists.length + next.length}):`);
    for (const n of next) lines.push(`      next page  ${n.method === 'POST' ? 'POST ' : ''}${n.url}`);
    for (const l of lists) lines.push(`      column     ${l.text}  ${l.url}`);
    lines.push(`    look-alikes left out (${rejected.length}):`);
    for (const r of rejected) lines.push(`      ${r.text}  ${r.url}  — ${r.reason}`);
  }
  return lines.join('\n');
}
