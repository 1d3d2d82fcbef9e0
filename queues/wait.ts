import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_CRAWL, QUEUE_SNAPSHOT } from '../src/schema/queue.ts';
import type { StartedRun } from './run.ts';

export interface PortalJobStatus {
  jobId: string;
  portalId: string;
  state: string;
  /** The crawl's live progress while it runs, its CrawlReport once done. */
  progress: Record<string, unknown> | null;
  failedReason: string | null;
  parses: { done: number; failed: number; pending: number };
}

export interface RunStatus {
  runId: string;
  portals: PortalJobStatus[];
  snapshot: { state: string; result: { id: string; path: string; reconciled?: number; reconciled_earlier_runs?: number } | null; failedReason: string | null } | null;
  done: boolean;
}

const FINAL = new Set(['completed', 'failed']);

/**
 * The status of every job of a run. `settled` holds portal statuses that can no longer change (a crawl job that
 * completed has no parse child left): they are reused instead of read again, so a long wait on a large run reads
 * only the jobs still moving.
 */
export async function runStatus(connection: Redis, run: StartedRun, settled?: Map<string, PortalJobStatus>): Promise<RunStatus> {
  const crawlQueue = new Queue(QUEUE_CRAWL, { connection });
  const snapQueue = new Queue(QUEUE_SNAPSHOT, { connection });
  // During a Redis outage the shared connection already reports (once per burst, see connection.ts);
  // these short-lived queues would otherwise print a stack trace on every poll.
  for (const q of [crawlQueue, snapQueue]) q.on('error', () => {});
  try {
    const portals: PortalJobStatus[] = [];
    for (const jobId of run.crawlJobIds) {
      const known = settled?.get(jobId);
      if (known) {
        portals.push(known);
        continue;
      }
      const job = await Job.fromId(crawlQueue, jobId);
      const portalId = jobId.split('__')[1] ?? jobId;
      if (!job) {
        portals.push({ jobId, portalId, state: 'missing', progress: null, failedReason: 'job not found in Redis', parses: { done: 0, failed: 0, pending: 0 } });
        continue;
      }
      const state = await job.getState();
      const deps = await job.getDependenciesCount({ processed: true, ignored: true, unprocessed: true, failed: true });
      portals.push({
        jobId, portalId, state,
        progress: (typeof job.progress === 'object' ? (job.progress as Record<string, unknown>) : null) ?? null,
        failedReason: job.failedReason ?? null,
        parses: { done: deps.processed ?? 0, failed: (deps.ignored ?? 0) + (deps.failed ?? 0), pending: deps.unprocessed ?? 0 },
      });
    }
    let snapshot: RunStatus['snapshot'] = null;
    if (run.snapshotJobId) {
      const job = await Job.fromId(snapQueue, run.snapshotJobId);
      const state = job ? await job.getState() : 'missing';
      snapshot = { state, result: job?.returnvalue ?? null, failedReason: job?.failedReason ?? null };
    }
    const done = portals.every((p) => FINAL.has(p.state) || p.state === 'missing') && (!snapshot || FINAL.has(snapshot.state) || snapshot.state === 'missing');
    return { runId: run.runId, portals, snapshot, done };
  } finally {
    await Promise.all([crawlQueue.close(), snapQueue.close()]);
  }
}

/**
 * Polls until every job of the run is final, calling onTick with each status; `signal` ends the wait (null).
 * Reading a status costs a few Redis calls per job still moving, so the pause after a poll is at least four times
 * what the poll took: on a run of thousands of portals the wait stays a small share of the process's CPU instead of
 * starving the workers beside it.
 */
export async function waitForRun(connection: Redis, run: StartedRun, onTick?: (s: RunStatus) => void, intervalMs = 500, signal?: AbortSignal): Promise<RunStatus> {
  const settled = new Map<string, PortalJobStatus>();
  for (;;) {
    const t0 = performance.now();
    const s = await runStatus(connection, run, settled);
    const took = performance.now() - t0;
    for (const p of s.portals) if (p.state === 'completed') settled.set(p.jobId, p);
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(`stopped (${String(signal.reason)})`);
    onTick?.(s);
    if (s.done) return s;
    await new Promise<void>((r) => {
      const t = setTimeout(done, Math.max(intervalMs, 4 * took));
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        r();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
