import { DelayedError, Job, Queue, UnrecoverableError, WaitingChildrenError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { CrawlJob, ParseJob, SnapshotJob, parseJobId, QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT } from '../src/schema/queue.ts';
import { crawlPortal } from '../crawlers/crawl-portal.ts';
import { crawlVerdict } from '../crawlers/crawl-verdict.ts';
import { ExtractPool } from '../crawlers/extract-pool.ts';
import { buildSnapshot } from '../storage/snapshot.ts';
import { mergeRunReports, writePortalReport } from '../storage/run-reports.ts';
import { recordEmitted } from '../storage/parse-ledger.ts';
import { archiveFor, parseDocument } from './parse-document.ts';
import { reconcileParses } from './reconcile.ts';
import { PARSE_JOB_OPTS } from './queues.ts';
import { takePortalLock } from './portal-lock.ts';
import { PortalConfigCache } from './portal-config.ts';
import { processScheduleJob, SCHEDULE_QUEUE } from './schedule.ts';

import { ALL_QUEUES, type QueueKind } from '../src/schema/queue.ts';
export { ALL_QUEUES, type QueueKind };
/**
 * A crawl runs for minutes to hours, and a stalled one (its lock not renewed in time: a loaded machine, a long GC, a
 * killed worker) resumes from its saved frontier, so a stall costs little; BullMQ's default of one tolerated stall
 * would fail a whole portal for a busy night. The portal lock keeps a stalled-but-alive attempt and its retry apart.
 */
const CRAWL_MAX_STALLED = 3;
/** BullMQ's default lock duration. */
const DEFAULT_LOCK_DURATION_MS = 30_000;

export interface WorkerOptions {
  connection: Redis;
  queues?: QueueKind[];
  /** Concurrency per queue; crawl defaults to 2 portals at once, parse to 4 documents. */
  concurrency?: Partial<Record<QueueKind, number>>;
  /** Politeness off is only for the local replica and benches. */
  politeness?: boolean;
  log?: (line: string) => void;
  /** Shorter lock/stall timings let tests see a killed worker's job retried quickly. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Lets every active job finish, however long that takes. */
  close(): Promise<void>;
  /**
   * For a process that is stopping (Ctrl-C): running crawls stop at once and go back to the queue (delayed, resumed
   * from their saved frontier by the next worker); other jobs get `graceMs` to finish, then the workers are left
   * behind and their jobs are retried once their locks expire.
   */
  stop(graceMs?: number): Promise<void>;
}

/** A crawl put back because the process is stopping: delayed briefly, so any worker resumes it from its saved frontier. */
async function suspend(job: Job, token: string | undefined): Promise<never> {
  await job.moveToDelayed(Date.now() + 1000, token);
  throw new DelayedError();
}

function crawlProcessor(opts: WorkerOptions, parseQueue: Queue, stopping: AbortSignal, pool: ExtractPool, configs: PortalConfigCache) {
  const log = opts.log ?? (() => {});
  return async (job: Job, token?: string) => {
    // Second entry, after every parse job this crawl spawned has finished.
    if (job.data.step === 'parsed') return job.data.report;
    const data = CrawlJob.parse(job.data);
    if (stopping.aborted) return suspend(job, token);
    // A live holder renews within a third of BullMQ's lock duration; silence for a whole one means it is gone.
    const lock = await takePortalLock(opts.connection, data.portal_id, job.id!, token ?? 'none', opts.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS);
    if (!lock) {
      await job.moveToDelayed(Date.now() + 15_000, token);
      throw new DelayedError();
    }
    let report;
    let suspended = false;
    try {
      const found = await configs.portal(data.config_path, data.portal_id).catch((e) => {
        throw new UnrecoverableError((e as Error).message);
      });
      if (!found) throw new UnrecoverableError(`portal "${data.portal_id}" is not in ${data.config_path}`);
      const { portal, settings } = found;
      const archive = archiveFor(data.data_dir);
      let lastProgress = 0;
      const crawling = crawlPortal({
        portal,
        settings,
        runId: data.run_id,
        dataDir: data.data_dir,
        archive,
        politeness: data.politeness && (opts.politeness ?? true),
        pool,
        signal: AbortSignal.any([lock.lost, stopping]),
        onDocument: async (doc, docSha256) => {
          const payload = ParseJob.parse({
            run_id: data.run_id, portal_id: data.portal_id, url: doc.url, doc_sha256: docSha256, data_dir: data.data_dir,
            portal: { agency: portal.agency, region_code: portal.region_code, admin_level: portal.admin_level },
          });
          // On disk before it goes to Redis: a parse job Redis loses is found and parsed by the snapshot job.
          await recordEmitted(data.data_dir, data.run_id, payload);
          await parseQueue.add(`parse ${data.portal_id}`, payload, {
            ...PARSE_JOB_OPTS,
            jobId: parseJobId(data.run_id, docSha256),
            parent: { id: job.id!, queue: job.queueQualifiedName },
            ignoreDependencyOnFailure: true,
          });
        },
        onProgress: (p) => {
          if (Date.now() - lastProgress < 500) return;
          lastProgress = Date.now();
          void job.updateProgress(p as object).catch(() => {});
        },
      });
      // A stopping process does not wait for the crawl to wind down (its in-flight pages may take long): the job goes
      // back to the queue now. The portal lock is kept and left to expire, so no other worker crawls the portal while
      // this one still finishes its last pages.
      let onAbort!: () => void;
      const onStop = new Promise<null>((r) => stopping.addEventListener('abort', (onAbort = () => r(null)), { once: true }));
      const done = await Promise.race([crawling, onStop]).finally(() => stopping.removeEventListener('abort', onAbort));
      if (lock.lost.aborted) throw lock.lost.reason as Error;
      if (!done || stopping.aborted) {
        crawling.catch(() => {});
        suspended = true;
      } else {
        report = crawlVerdict(done, done.column ? [done.column.url] : portal.start_urls);
        // A run with a snapshot job merges its reports once, when every portal is done (snapshotProcessor); merging
        // after each of its thousands of portals would read the whole run each time.
        await writePortalReport(data.data_dir, data.run_id, report, { merge: !job.parentKey });
        log(`crawl ${data.portal_id}: ${report.status}, ${report.reports_found} reports, ${report.pages_fetched} pages`);
      }
    } finally {
      if (!suspended) await lock.release();
    }
    if (suspended || !report) {
      log(`crawl ${data.portal_id}: stopped with the process; the job resumes from its saved frontier on the next worker`);
      return suspend(job, token);
    }
    await job.updateProgress(report as object);
    await job.updateData({ ...data, step: 'parsed', report });
    if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
    return report;
  };
}

function parseProcessor() {
  return async (job: Job) => parseDocument(ParseJob.parse(job.data));
}

function snapshotProcessor(opts: WorkerOptions, parseQueue: Queue, crawlQueue: Queue) {
  const log = opts.log ?? (() => {});
  return async (job: Job) => {
    const data = SnapshotJob.parse(job.data);
    // Portals whose crawl job failed for good left no report of their own: record them before the snapshot reads the run.
    const failures = await job.getIgnoredChildrenFailures().catch(() => ({} as Record<string, string>));
    for (const [key, reason] of Object.entries(failures)) {
      const portalId = key.split('__')[1] ?? key;
      await writePortalReport(data.data_dir, data.run_id, { portal_id: portalId, run_id: data.run_id, status: 'failed', error: reason, finished_at: new Date().toISOString() } as { portal_id: string }, { merge: false });
    }
    await mergeRunReports(data.data_dir, data.run_id);
    const { reconciled, from_earlier_runs, pending } = await reconcileParses({
      dataDir: data.data_dir, runId: data.run_id, parseQueue, crawlQueue,
      log: (m) => {
        log(m);
        void job.log(m).catch(() => {});
      },
    });
    const manifest = await buildSnapshot({ dataDir: data.data_dir, keep: data.keep, onProgress: (m) => void job.log(m).catch(() => {}) });
    log(`snapshot ${manifest.id}: ${manifest.path}`);
    return { id: manifest.id, path: manifest.path, reconciled, reconciled_earlier_runs: from_earlier_runs, reconcile_pending: pending };
  };
}

/** Starts BullMQ workers for the chosen queues in this process. */
export function startWorkers(opts: WorkerOptions): RunningWorkers {
  const kinds = opts.queues ?? ALL_QUEUES;
  const common = {
    connection: opts.connection,
    ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs } : {}),
    ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
  };
  const parseQueue = new Queue(QUEUE_PARSE, { connection: opts.connection });
  const crawlQueue = new Queue(QUEUE_CRAWL, { connection: opts.connection });
  const workers: Worker[] = [];
  const log = opts.log ?? (() => {});
  const stopping = new AbortController();
  // One extraction pool for every crawl of this process, closed with the process (PortalCrawlerOptions.pool). Its
  // threads start on the first page. A crawl stopped with the process cancels its lease first, so its unfinished
  // pages stay pending in its frontier rather than failing when the pool closes.
  const pool = new ExtractPool();
  if (kinds.includes('crawl')) workers.push(new Worker(QUEUE_CRAWL, crawlProcessor(opts, parseQueue, stopping.signal, pool, new PortalConfigCache()), { ...common, maxStalledCount: CRAWL_MAX_STALLED, concurrency: opts.concurrency?.crawl ?? 2 }));
  if (kinds.includes('parse')) workers.push(new Worker(QUEUE_PARSE, parseProcessor(), { ...common, concurrency: opts.concurrency?.parse ?? 4 }));
  if (kinds.includes('snapshot')) workers.push(new Worker(QUEUE_SNAPSHOT, snapshotProcessor(opts, parseQueue, crawlQueue), { ...common, concurrency: 1 }));
  if (kinds.includes('schedule')) workers.push(new Worker(SCHEDULE_QUEUE, (job) => processScheduleJob(job, opts.connection), { ...common, concurrency: 1 }));
  for (const w of workers) {
    w.on('failed', (job, err) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      log(`${w.name} job ${job?.id ?? '?'} ${final ? 'failed' : `failed (attempt ${job?.attemptsMade}, will retry)`}: ${err.message}`);
    });
    w.on('error', (err) => log(`${w.name} worker error: ${err.message}`));
  }
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([parseQueue.close(), crawlQueue.close(), pool.close()]);
    })());
  return {
    workers,
    close,
    stop: async (graceMs = 3000) => {
      stopping.abort();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        close().then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (late) log(`jobs still active after ${graceMs} ms are left to be retried once their locks expire`);
    },
  };
}
