import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT } from '../schema/queue.ts';
import { startRun, type StartedRun } from '../../queues/run.ts';
import { runStatus, waitForRun, type RunStatus, type PortalJobStatus } from '../../queues/wait.ts';
import { startWorkers, type QueueKind, type RunningWorkers } from '../../queues/workers.ts';
import { renderTable } from '../render/table.ts';
import { CrawlReport } from '../schema/crawl.ts';
import { renderCrawlReports } from '../../crawlers/report-table.ts';
import { lostDocuments } from '../../queues/reconcile.ts';
import { StoppedError, type StopSignals } from './stop-signals.ts';

export interface CrawlRunOptions {
  connection: Redis;
  configPath: string;
  portalIds: string[];
  dataDir: string;
  snapshot: boolean;
  keep?: number;
  politeness: boolean;
  wait: boolean;
  concurrency?: number;
  /** Ctrl-C / SIGTERM: stop waiting, put running crawls back in the queue, and throw StoppedError. */
  stop?: StopSignals;
  /** Where progress lines go (stderr by default, so --json output on stdout stays clean). */
  progress?: NodeJS.WritableStream;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function progressLine(p: PortalJobStatus): string {
  const r = p.progress ?? {};
  const parts = [
    `${p.portalId.padEnd(18)} ${p.state.padEnd(16)}`,
    `pages ${num(r.pages_fetched)}`,
    `lists ${num(r.list_pages)}`,
    `reports ${num(r.reports_found)}`,
    `parsed ${p.parses.done}${p.parses.failed ? ` (failed ${p.parses.failed})` : ''}${p.parses.pending ? ` (pending ${p.parses.pending})` : ''}`,
  ];
  if (r.status === 'blocked') parts.push('BLOCKED');
  if (p.failedReason) parts.push(`error: ${p.failedReason}`);
  return parts.join('  ');
}

/**
 * The crawler's own report table for every portal that reported (with its blocked/truncated/error lines), then
 * what the queue knows of every portal job: its final state, how its parse jobs ended, and why it failed.
 */
export function summaryTable(s: RunStatus): string {
  const reports = s.portals.map((p) => CrawlReport.safeParse(p.progress)).filter((r) => r.success).map((r) => r.data);
  const jobs = renderTable(
    ['portal', 'job', 'parsed', 'parse failed', 'job error'],
    s.portals.map((p) => [p.portalId, p.state, p.parses.done, p.parses.failed, p.failedReason ?? '']),
  );
  return reports.length ? `${renderCrawlReports(reports)}\n\n${jobs}` : jobs;
}

export interface Totals { pages: number; reports_found: number; parsed: number; parse_failed: number; portals_failed: number; portals_blocked: number }
export function totals(s: RunStatus): Totals {
  const t: Totals = { pages: 0, reports_found: 0, parsed: 0, parse_failed: 0, portals_failed: 0, portals_blocked: 0 };
  for (const p of s.portals) {
    t.pages += num(p.progress?.pages_fetched);
    t.reports_found += num(p.progress?.reports_found);
    t.parsed += p.parses.done;
    t.parse_failed += p.parses.failed;
    // The table shows the crawl's own verdict, so a job that completed with a failed crawl counts as failed too.
    if (p.state === 'failed' || p.state === 'missing' || p.progress?.status === 'failed') t.portals_failed++;
    if (p.progress?.status === 'blocked') t.portals_blocked++;
  }
  return t;
}

/** Queues whose jobs nobody would take: those get workers in this process. */
async function queuesWithoutWorkers(connection: Redis, snapshot: boolean): Promise<QueueKind[]> {
  const missing: QueueKind[] = [];
  const wanted: Array<[QueueKind, string]> = [['crawl', QUEUE_CRAWL], ['parse', QUEUE_PARSE]];
  if (snapshot) wanted.push(['snapshot', QUEUE_SNAPSHOT]);
  for (const [kind, name] of wanted) {
    const q = new Queue(name, { connection });
    try {
      if ((await q.getWorkersCount()) === 0) missing.push(kind);
    } finally {
      await q.close();
    }
  }
  return missing;
}

/** Enqueue a run; with `wait`, run missing workers in-process and show progress until every job is final. */
export async function executeRun(opts: CrawlRunOptions): Promise<{ run: StartedRun; status: RunStatus | null; lost: string[] }> {
  const out = opts.progress ?? process.stderr;
  const run = await startRun(opts.connection, {
    portalIds: opts.portalIds, configPath: opts.configPath, dataDir: opts.dataDir, snapshot: opts.snapshot, keep: opts.keep, politeness: opts.politeness,
  });
  out.write(`run ${run.runId}: ${run.crawlJobIds.length} portal job(s) queued${run.snapshotJobId ? ', snapshot after' : ''}\n`);
  if (!opts.wait) return { run, status: await runStatus(opts.connection, run), lost: [] };

  let workers: RunningWorkers | null = null;
  const missing = await queuesWithoutWorkers(opts.connection, opts.snapshot);
  if (missing.length) {
    out.write(`no ${missing.join('/')} workers attached: running them in this process\n`);
    workers = startWorkers({
      connection: opts.connection, queues: missing, politeness: opts.politeness,
      concurrency: opts.concurrency ? { crawl: opts.concurrency, parse: Math.max(4, opts.concurrency) } : undefined,
      log: (l) => out.write(`  ${l}\n`),
    });
  }
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  let drawn = 0;
  let lastPrinted = '';
  let lastAt = 0;
  try {
    const status = await waitForRun(opts.connection, run, (s) => {
      const lines = s.portals.map(progressLine);
      if (s.snapshot) lines.push(`snapshot           ${s.snapshot.state}`);
      if (tty) {
        if (drawn) out.write(`\x1b[${drawn}A`);
        out.write(lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
        drawn = lines.length;
      } else {
        const text = lines.join('\n');
        // Without a terminal, print only when something changed, at most every 2 s (or when done).
        if (text !== lastPrinted && (s.done || Date.now() - lastAt > 2000)) {
          out.write(`${text}\n`);
          lastPrinted = text;
          lastAt = Date.now();
        }
      }
    }, 500, opts.stop?.signal).catch(async (err) => {
      if (!opts.stop?.signal.aborted) throw err;
      const sig = opts.stop.signal.reason as NodeJS.Signals;
      out.write(`\n${sig}: stopping; the run's jobs stay in the queue and resume from their saved state with \`ogi worker\` (or the next \`ogi crawl --wait\`)\n`);
      await workers?.stop(3000);
      workers = null;
      throw new StoppedError(sig, `run ${run.runId} stopped by ${sig}`);
    });
    // Documents emitted whose parse job Redis no longer has (a Redis that lost its memory): not a success.
    const parseQueue = new Queue(QUEUE_PARSE, { connection: opts.connection });
    try {
      return { run, status, lost: await lostDocuments(opts.dataDir, run.runId, parseQueue) };
    } finally {
      await parseQueue.close();
    }
  } finally {
    await workers?.close();
  }
}
