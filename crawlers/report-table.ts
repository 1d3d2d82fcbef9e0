// Crawl reports as a fixed-width text table for the CLI.
import type { CrawlReport, SkipReason } from '../src/schema/crawl.ts';
import { width } from '../src/render/table.ts';
import { describeLeft } from './budget.ts';

/** Budget cuts are not fetch errors: they have their own column and line. */
const BUDGET_KINDS = new Set(['max_pages', 'max_report_pages', 'max_attachments', 'max_minutes']);

const COLS: [string, (r: CrawlReport) => string | number][] = [
  ['portal', (r) => r.portal_id],
  ['status', (r) => r.status],
  ['pages', (r) => r.pages_fetched],
  ['304', (r) => r.not_modified],
  ['lists', (r) => r.list_pages],
  ['found', (r) => r.reports_found],
  ['new', (r) => r.reports_new],
  ['changed', (r) => r.reports_changed],
  ['same', (r) => r.reports_unchanged],
  ['files', (r) => r.attachments],
  ['404', (r) => r.not_found],
  ['robots', (r) => r.robots_disallowed],
  // A budget cut is not a fetch error: it has its own column (how many list pages were left, '-' when none).
  ['errors', (r) => Object.entries(r.errors_by_kind).filter(([k]) => k !== 'not_found' && k !== 'soft_404' && !BUDGET_KINDS.has(k)).reduce((s, [, v]) => s + v, 0)],
  ['truncated', (r) => (r.truncated ? `yes (${r.budget_cuts.length ? r.budget_cuts.map((b) => `${b.budget} ${b.left}`).join(', ') : r.lists_unvisited})` : '-')],
  ['secs', (r) => (r.duration_ms / 1000).toFixed(1)],
];

/** What a skip count counts. Budget skips have their own lines and robots its column, so neither is repeated here. */
const SKIPPED: Partial<Record<SkipReason, string>> = {
  depth_cap: 'list link(s) beyond the depth limit',
  round_cap: 'task(s) still queued after the last round',
  offsite: 'link(s), redirect(s) or request(s) outside the portal',
  too_large: 'response(s) or document(s) over a size bound',
  attachment_cap: 'attachment(s) beyond the per-page limit',
};

/** One line of what the crawl left aside and why, or null when it left nothing. */
function skippedLine(r: CrawlReport): string | null {
  const parts = (Object.keys(SKIPPED) as SkipReason[]).flatMap((k) => {
    const s = r.skipped[k];
    return s ? [`${s.count} ${SKIPPED[k]}${s.first_url && (k === 'depth_cap' || k === 'round_cap') ? ` (first ${s.first_url})` : ''}`] : [];
  });
  return parts.length ? `${r.portal_id}: skipped ${parts.join('; ')}` : null;
}

const pad = (s: string, n: number, right: boolean) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

export function renderCrawlReports(reports: CrawlReport[]): string {
  const rows = reports.map((r) => COLS.map(([, f]) => String(f(r))));
  const widths = COLS.map(([h], i) => Math.max(width(h), ...rows.map((row) => width(row[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i > 1)).join('  ');
  const out = [line(COLS.map(([h]) => h)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const r of reports) {
    if (r.column) out.push(`${r.portal_id}: column ${r.column.url} found from ${r.column.found_from} (${r.column.pages_fetched} page(s) searched)`);
    if (r.blocked) out.push(`${r.portal_id}: blocked at ${r.blocked.url} (HTTP ${r.blocked.status}, ${r.blocked.signature}): ${r.blocked.snippet.slice(0, 100)}`);
    // Run files written before budget_cuts existed say only max_pages.
    const cuts = r.budget_cuts.length ? r.budget_cuts : r.truncated ? [{ budget: 'max_pages' as const, left: r.lists_unvisited, first_url: r.truncated_at }] : [];
    for (const b of cuts) {
      const left = b.budget === 'max_pages' ? `${b.left} list page(s) left unvisited` : `${describeLeft(b.budget, b.left)} left out`;
      out.push(`${r.portal_id}: truncated by ${b.budget} — ${left}${b.first_url ? `, first ${b.first_url}` : ''}`);
    }
    const skipped = skippedLine(r);
    if (skipped) out.push(skipped);
    for (const e of r.errors.filter((e) => e.kind !== 'not_found' && !BUDGET_KINDS.has(e.kind)).slice(0, 5)) out.push(`${r.portal_id}: ${e.kind} ${e.url} — ${e.message}`);
  }
  return out.join('\n');
}
