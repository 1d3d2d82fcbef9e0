import { DelayedError, Job, Queue, UnrecoverableError, WaitingChildrenError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadPortalsFile } from '../src/config/load.ts';
import { CleanDocument } from '../src/schema/document.ts';
import { CrawlJob, ParseJob, SnapshotJob, parseJobId, QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT } from '../src/schema/queue.ts';
import { parseReport } from '../src/report/index.ts';
import { crawlPortal } from '../crawlers/crawl-portal.ts';
import { Archive } from '../storage/archive.ts';
import { RecordStore } from '../storage/record-store.ts';
import { buildSnapshot } from '../storage/snapshot.ts';
import { mergeRunReports, recordRejected, writePortalReport } from '../storage/run-reports.ts';
import { readEmitted, readParsed, recordEmitted, recordParsed, recordReconciled } from '../storage/parse-ledger.ts';
import { PARSE_JOB_OPTS } from './queues.ts';
import { takePortalLock } from './portal-lock.ts';
import { processScheduleJob, SCHEDULE_QUEUE } from './schedule.ts';

import { ALL_QUEUES, type QueueKind } from '../src/schema/queue.ts';
export { ALL_QUEUES, type QueueKind };
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
  close(): Promise<void>;
}

const perDataDir = <T>(make: (dir: string) => T) => {
  const cache = new Map<string, T>();
  return (dir: string) => {
    let v = cache.get(dir);
    if (!v) cache.set(dir, (v = make(dir)));
    return v;
  };
};
const archiveFor = perDataDir((d) => new Archive(d));
const storeFor = perDataDir((d) => new RecordStore(d));

function crawlProcessor(opts: WorkerOptions, parseQueue: Queue) {
  const log = opts.log ?? (() => {});
  return async (job: Job, token?: string) => {
    // Second entry, after every parse job this crawl spawned has finished.
    if (job.data.step === 'parsed') return job.data.report;
    const data = CrawlJob.parse(job.data);
    // A live holder renews within a third of BullMQ's lock duration; silence for a whole one means it is gone.
    const lock = await takePortalLock(opts.connection, data.portal_id, job.id!, token ?? 'none', opts.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS);
    if (!lock) {
      await job.moveToDelayed(Date.now() + 15_000, token);
      throw new DelayedError();
    }
    let report;
    try {
      const file = await loadPortalsFile(data.config_path).catch((e) => {
        throw new UnrecoverableError((e as Error).message);
      });
      const portal = file.portals.find((p) => p.id === data.portal_id);
      if (!portal) throw new UnrecoverableError(`portal "${data.portal_id}" is not in ${data.config_path}`);
      const { portals: _portals, ...settings } = file;
      const archive = archiveFor(data.data_dir);
      let lastProgress = 0;
      report = await crawlPortal({
        portal,
        settings,
        runId: data.run_id,
        dataDir: data.data_dir,
        archive,
        politeness: data.politeness && (opts.politeness ?? true),
        signal: lock.lost,
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
      if (lock.lost.aborted) throw lock.lost.reason as Error;
      await writePortalReport(data.data_dir, data.run_id, report);
      log(`crawl ${data.portal_id}: ${report.status}, ${report.reports_found} reports, ${report.pages_fetched} pages`);
    } finally {
      await lock.release();
    }
    await job.updateProgress(report as object);
    await job.updateData({ ...data, step: 'parsed', report });
    if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
    return report;
  };
}

/** Archive → parser → record store (or the run's rejected list), then the run's parsed ledger. */
async function parseDocument(data: ParseJob): Promise<{ report_id: string; status: string; [k: string]: unknown }> {
  const raw = await archiveFor(data.data_dir).getJson(data.doc_sha256);
  const parsed = CleanDocument.safeParse(raw);
  if (!parsed.success) throw new UnrecoverableError(`document ${data.doc_sha256} does not match the CleanDocument schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const doc = parsed.data;
  const record = parseReport(doc, { portal: data.portal });
  if (!record.is_report) {
    await recordRejected(data.data_dir, data.run_id, { url: doc.url, portal_id: data.portal_id, title: record.title, reason: record.not_report_reason ?? 'not a report' });
    await recordParsed(data.data_dir, data.run_id, data.doc_sha256, 'rejected');
    return { report_id: record.report_id, status: 'rejected', reason: record.not_report_reason };
  }
  const res = await storeFor(data.data_dir).upsert(record);
  await recordParsed(data.data_dir, data.run_id, data.doc_sha256, res.status);
  return { report_id: record.report_id, ...res, format: record.format, year: record.year };
}

function parseProcessor() {
  return async (job: Job) => parseDocument(ParseJob.parse(job.data));
}

// Parse jobs still on their way: the snapshot leaves them to their worker.
const IN_FLIGHT = new Set(['active', 'waiting', 'wait', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Documents the run's crawls emitted that the parser never finished and whose parse job Redis no longer has (an
 * external Redis with a weak fsync policy can lose acknowledged writes): parsed here, before the snapshot reads the
 * store, and listed in `runs/<run>/reconciled.jsonl`. A job that failed for good keeps its error in the failed set.
 */
async function reconcileParses(runId: string, dataDir: string, parseQueue: Queue, log: (line: string) => void): Promise<number> {
  const emitted = await readEmitted(dataDir, runId);
  if (!emitted.length) return 0;
  const parsed = await readParsed(dataDir, runId);
  let done = 0;
  for (const payload of emitted) {
    if (parsed.has(payload.doc_sha256)) continue;
    parsed.add(payload.doc_sha256); // a document emitted twice is handled once
    const job = await Job.fromId(parseQueue, parseJobId(runId, payload.doc_sha256));
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed' || IN_FLIGHT.has(state)) continue;
    const why = state === 'missing' ? 'parse job missing from Redis' : `parse job ${state} but not in the parsed ledger`;
    let outcome: string;
    try {
      outcome = (await parseDocument(payload)).status;
    } catch (err) {
      outcome = `error: ${(err as Error).message}`;
    }
    await recordReconciled(dataDir, runId, { url: payload.url, portal_id: payload.portal_id, doc_sha256: payload.doc_sha256, why, outcome });
    log(`snapshot ${runId}: ${payload.url}: ${why}; parsed now (${outcome})`);
    done++;
  }
  return done;
}

function snapshotProcessor(opts: WorkerOptions, parseQueue: Queue) {
  const log = opts.log ?? (() => {});
  return async (job: Job) => {
    const data = SnapshotJob.parse(job.data);
    // Portals whose crawl job failed for good left no report of their own: record them before the snapshot reads the run.
    const failures = await job.getIgnoredChildrenFailures().catch(() => ({} as Record<string, string>));
    for (const [key, reason] of Object.entries(failures)) {
      const portalId = key.split('__')[1] ?? key;
      await writePortalReport(data.data_dir, data.run_id, { portal_id: portalId, run_id: data.run_id, status: 'failed', error: reason, finished_at: new Date().toISOString() } as { portal_id: string });
    }
    await mergeRunReports(data.data_dir, data.run_id);
    const reconciled = await reconcileParses(data.run_id, data.data_dir, parseQueue, (m) => {
      log(m);
      void job.log(m).catch(() => {});
    });
    const manifest = await buildSnapshot({ dataDir: data.data_dir, keep: data.keep, onProgress: (m) => void job.log(m).catch(() => {}) });
    log(`snapshot ${manifest.id}: ${manifest.path}`);
    return { id: manifest.id, path: manifest.path, reconciled };
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
  const workers: Worker[] = [];
  const log = opts.log ?? (() => {});
  if (kinds.includes('crawl')) workers.push(new Worker(QUEUE_CRAWL, crawlProcessor(opts, parseQueue), { ...common, concurrency: opts.concurrency?.crawl ?? 2 }));
  if (kinds.includes('parse')) workers.push(new Worker(QUEUE_PARSE, parseProcessor(), { ...common, concurrency: opts.concurrency?.parse ?? 4 }));
  if (kinds.includes('snapshot')) workers.push(new Worker(QUEUE_SNAPSHOT, snapshotProcessor(opts, parseQueue), { ...common, concurrency: 1 }));
  if (kinds.includes('schedule')) workers.push(new Worker(SCHEDULE_QUEUE, (job) => processScheduleJob(job, opts.connection), { ...common, concurrency: 1 }));
  for (const w of workers) {
    w.on('failed', (job, err) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      log(`${w.name} job ${job?.id ?? '?'} ${final ? 'failed' : `failed (attempt ${job?.attemptsMade}, will retry)`}: ${err.message}`);
    });
    w.on('error', (err) => log(`${w.name} worker error: ${err.message}`));
  }
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await parseQueue.close();
    },
  };
}
