import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { listDir } from './fs-errors.ts';

/**
 * Per-run records on disk: one crawl report per portal (`runs/<run>/<portal>.json`, written by the crawl job that
 * owns the portal, so writers never collide), merged into `runs/<run>.json` (after each portal, or once at the end of a
 * run with a snapshot job), and the documents the parser
 * rejected as not being reports (`runs/<run>/rejected.jsonl`), so nothing disappears without a trace.
 */
export interface RunFile {
  run_id: string;
  started_at: string | null;
  finished_at: string | null;
  portals: Array<Record<string, unknown> & { portal_id: string }>;
}

const runDir = (dataDir: string, runId: string) => path.join(dataDir, 'runs', runId);

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique per write: two portals of one process can finish in the same millisecond.
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/**
 * Writes one portal's report and, unless `merge` is false, rebuilds `runs/<run>.json` with it. A merge reads every
 * portal file of the run, so merging after each portal costs a run the square of its portals: a run whose end is
 * merged anyway (a run with a snapshot job, see queues/workers.ts) passes `merge: false`.
 */
export async function writePortalReport(dataDir: string, runId: string, report: { portal_id: string }, opts: { merge?: boolean } = {}): Promise<void> {
  await writeAtomic(path.join(runDir(dataDir, runId), `${report.portal_id}.json`), JSON.stringify(report, null, 2));
  if (opts.merge === false) return;
  // Merges race: one that listed the directory before another portal's file landed may rename last.
  // Re-merge until the merged file covers every portal file present after our own write.
  for (let i = 0; i < 5; i++) {
    const merged = await mergeRunReports(dataDir, runId);
    const names = await portalFileNames(dataDir, runId);
    if (names.length <= merged.portals.length) return;
  }
}

async function portalFileNames(dataDir: string, runId: string): Promise<string[]> {
  return (await listDir('list run reports in', runDir(dataDir, runId))).filter((n) => n.endsWith('.json')).sort();
}

/** Rebuilds `runs/<run>.json` from the per-portal files; safe to call from any process at any time. */
export async function mergeRunReports(dataDir: string, runId: string): Promise<RunFile> {
  const file = await collectRunReports(dataDir, runId);
  await writeAtomic(path.join(dataDir, 'runs', `${runId}.json`), JSON.stringify(file, null, 2));
  return file;
}

/** The run's per-portal reports as `runs/<run>.json` would hold them, without writing it. */
export async function collectRunReports(dataDir: string, runId: string): Promise<RunFile> {
  const dir = runDir(dataDir, runId);
  const names = await portalFileNames(dataDir, runId);
  const portals: RunFile['portals'] = [];
  for (const n of names) {
    try {
      portals.push(JSON.parse(await readFile(path.join(dir, n), 'utf8')));
    } catch (e) {
      portals.push({ portal_id: n.replace(/\.json$/, ''), status: 'failed', error: `unreadable report file: ${(e as Error).message}` });
    }
  }
  const times = (k: string) => portals.map((p) => p[k]).filter((v): v is string => typeof v === 'string').sort();
  return { run_id: runId, started_at: times('started_at')[0] ?? null, finished_at: times('finished_at').at(-1) ?? null, portals };
}

export async function recordRejected(dataDir: string, runId: string, entry: { url: string; portal_id: string; title: string | null; reason: string }): Promise<void> {
  await mkdir(runDir(dataDir, runId), { recursive: true });
  // One short line per append: O_APPEND keeps concurrent writers' lines whole.
  await appendFile(path.join(runDir(dataDir, runId), 'rejected.jsonl'), `${JSON.stringify(entry)}\n`);
}
