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
/** Jobs read at once by a poll. */
const READ_BATCH = 100;

/**
 * The status of every job of a run. `settled` holds portal statuses known not to have changed (a crawl job that
 * completed has no parse child left; a queued job no worker has taken): they are reused instead of read again, so a
 * long wait on a large run reads only the jobs still moving.
 */
export async function runStatus(connection: Redis, run: StartedRun, settled?: Map<string, PortalJobStatus>): Promise<RunStatus> {
  const crawlQueue = new Queue(QUEUE_CRAWL, { connection });
  const snapQueue = new Queue(QUEUE_SNAPSHOT, { connection });
  // During a Redis outage the shared connection already reports (once per burst, see connection.ts);
  // these short-lived queues would otherwise print a stack trace on every poll.
  for (const q of [crawlQueue, snapQueue]) q.on('error', () => {});
  try {
    const read = async (jobId: string): Promise<PortalJobStatus> => {
      const job = await Job.fromId(crawlQueue, jobId);
      const portalId = jobId.split('__')[1] ?? jobId;
      if (!job) return { jobId, portalId, state: 'missing', progress: null, failedReason: 'job not found in Redis', parses: { done: 0, failed: 0, pending: 0 } };
      const state = await job.getState();
      const deps = await job.getDependenciesCount({ processed: true, ignored: true, unprocessed: true, failed: true });
      return {
        jobId, portalId, state,
        progress: (typeof job.progress === 'object' ? (job.progress as Record<string, unknown>) : null) ?? null,
        failedReason: job.failedReason ?? null,
        parses: { done: deps.processed ?? 0, failed: (deps.ignored ?? 0) + (deps.failed ?? 0), pending: deps.unprocessed ?? 0 },
      };
    };
    // Jobs are read a hundred at a time: in a process whose workers keep the event loop busy each awaited call waits
    // its turn, and read one after the other the jobs of a 1,000-portal run took about a minute.
    const portals: PortalJobStatus[] = [];
    for (let i = 0; i < run.crawlJobIds.length; i += READ_BATCH) {
      const batch = run.crawlJobIds.slice(i, i + READ_BATCH);
      portals.push(...(await Promise.all(batch.map((jobId) => settled?.get(jobId) ?? read(jobId)))));
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
 * The longest pause between polls. A poll's time is mostly its wait behind the workers sharing the process: one that
 * waited long behind the parses would otherwise leave a finished run unnoticed for minutes (seen in bench/e2e.ts --scale).
 */
const MAX_PAUSE_MS = 10_000;

// A job in one of these states that no worker has taken yet has nothing new to read.
const QUEUED = new Set(['waiting', 'prioritized']);

/**
 * Of the statuses last read as queued, those whose job no worker has taken since: one pipelined read of two fields
 * per job (BullMQ stamps `processedOn` when a worker takes a job), where reading a status would cost three calls and
 * a search through the queue's whole wait list. Most of a large run's portals wait their turn for most of the run.
 */
export async function stillQueued(connection: Redis, queued: PortalJobStatus[]): Promise<PortalJobStatus[]> {
  if (!queued.length) return [];
  const queue = new Queue(QUEUE_CRAWL, { connection });
  queue.on('error', () => {}); // as in runStatus: the shared connection reports an outage
  try {
    const pipe = connection.pipeline();
    for (const p of queued) pipe.hmget(queue.toKey(p.jobId), 'name', 'processedOn');
    const res = (await pipe.exec()) ?? [];
    return queued.filter((_, i) => {
      const [err, fields] = res[i] ?? [];
      const [name, processedOn] = (fields as Array<string | null> | undefined) ?? [];
      return !err && name != null && processedOn == null;
    });
  } finally {
    await queue.close();
  }
}

/**
 * Polls until every job of the run is final, calling onTick with each status; `signal` ends the wait (null).
 * A poll reads in full only the jobs that moved: completed ones are kept as they were, and queued ones a worker has not
 * taken are checked with one field each (stillQueued). The pause after a poll is at least four times what the poll
 * took (at most MAX_PAUSE_MS), so on a run of thousands of portals the wait stays a small share of the process's CPU.
 */
export async function waitForRun(connection: Redis, run: StartedRun, onTick?: (s: RunStatus) => void, intervalMs = 500, signal?: AbortSignal): Promise<RunStatus> {
  const settled = new Map<string, PortalJobStatus>();
  let queued: PortalJobStatus[] = [];
  for (;;) {
    const t0 = performance.now();
    const known = new Map(settled);
    for (const p of await stillQueued(connection, queued)) known.set(p.jobId, p);
    const s = await runStatus(connection, run, known);
    const took = performance.now() - t0;
    for (const p of s.portals) if (p.state === 'completed') settled.set(p.jobId, p);
    queued = s.portals.filter((p) => QUEUED.has(p.state));
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(`stopped (${String(signal.reason)})`);
    onTick?.(s);
    if (s.done) return s;
    await new Promise<void>((r) => {
      const t = setTimeout(done, Math.min(Math.max(intervalMs, 4 * took), Math.max(intervalMs, MAX_PAUSE_MS)));
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        r();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
