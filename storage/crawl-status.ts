import { readFile } from 'node:fs/promises';
import { listDir } from './fs-errors.ts';
import { collectRunReports } from './run-reports.ts';
import path from 'node:path';

/**
 * The latest crawl outcome of every portal, read from the run reports the crawl worker writes
 * (`<dataDir>/runs/<run_id>.json` = {run_id, started_at, finished_at, portals: CrawlReport[]}).
 * A portal's latest status is taken from the newest run that crawled it, so a run over some portals does
 * not hide the others. A run not merged yet (a run with a snapshot job merges at its end) is read from its per-portal
 * reports (`<dataDir>/runs/<run_id>/<portal>.json`). No runs directory → empty list; an unreadable run file is
 * reported in `errors`.
 */
export interface PortalCrawlStatus {
  portal_id: string;
  status: string;
  run_id: string;
  finished_at: string | null;
  reports_found: number | null;
  pages_fetched: number | null;
  error: string | null;
}

export interface CrawlStatusSummary {
  runs: number;
  latest_run: { run_id: string; started_at: string | null; finished_at: string | null } | null;
  portals: PortalCrawlStatus[];
  errors: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function readCrawlStatus(dataDir: string): Promise<CrawlStatusSummary> {
  const dir = path.join(dataDir, 'runs');
  const out: CrawlStatusSummary = { runs: 0, latest_run: null, portals: [], errors: [] };
  let entries: string[];
  try {
    entries = (await listDir('list', dir)).filter((n) => !n.startsWith('.')).sort();
  } catch (err) {
    out.errors.push((err as Error).message);
    return out;
  }
  const names = entries.filter((n) => n.endsWith('.json'));
  // A run with a snapshot job merges its portal reports only when it ends: until then its finished portals are read
  // from their own files.
  const merged = new Set(names.map((n) => n.slice(0, -'.json'.length)));
  const unmerged = entries.filter((n) => !n.endsWith('.json') && !merged.has(n));
  const latest = new Map<string, PortalCrawlStatus>();
  let latestRunKey = '';
  for (const name of [...names, ...unmerged]) {
    const file = path.join(dir, name);
    let run: { run_id?: unknown; started_at?: unknown; finished_at?: unknown; portals?: unknown };
    if (!name.endsWith('.json')) {
      const collected = await collectRunReports(dataDir, name).catch(() => null); // not a run directory
      if (!collected?.portals.length) continue;
      run = collected;
    } else {
      try {
        run = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        out.errors.push(`${file}: ${(err as Error).message}`);
        continue;
      }
    }
    if (!Array.isArray(run.portals)) {
      out.errors.push(`${file}: no portals list`);
      continue;
    }
    out.runs++;
    const runId = str(run.run_id) ?? name.replace(/\.json$/, '');
    const runKey = `${str(run.finished_at) ?? str(run.started_at) ?? ''}|${runId}`;
    if (runKey >= latestRunKey) {
      latestRunKey = runKey;
      out.latest_run = { run_id: runId, started_at: str(run.started_at), finished_at: str(run.finished_at) };
    }
    for (const p of run.portals as Array<Record<string, unknown>>) {
      const portalId = str(p?.portal_id);
      if (!portalId) continue;
      const entry: PortalCrawlStatus = {
        portal_id: portalId,
        status: str(p.status) ?? 'unknown',
        run_id: runId,
        finished_at: str(p.finished_at) ?? str(run.finished_at),
        reports_found: int(p.reports_found),
        pages_fetched: int(p.pages_fetched),
        error: str(p.error),
      };
      const prev = latest.get(portalId);
      if (!prev || `${entry.finished_at ?? ''}|${entry.run_id}` >= `${prev.finished_at ?? ''}|${prev.run_id}`) latest.set(portalId, entry);
    }
  }
  out.portals = [...latest.values()].sort((a, b) => a.portal_id.localeCompare(b.portal_id));
  return out;
}
