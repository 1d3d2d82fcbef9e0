import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CrawlJob, crawlJobId, newRunId, QUEUE_CRAWL, QUEUE_SNAPSHOT, snapshotJobId, type SnapshotJob } from '../src/schema/queue.ts';
import { CRAWL_JOB_OPTS, SNAPSHOT_JOB_OPTS } from './queues.ts';

export interface StartRunOptions {
  portalIds: string[];
  runId?: string;
  configPath: string;
  dataDir: string;
  /** Add a snapshot job that runs once every portal (and every parse it spawned) has finished. */
  snapshot: boolean;
  keep?: number;
  /** Only for the bundled offline replica and benches. */
  politeness?: boolean;
}

export interface StartedRun {
  runId: string;
  crawlJobIds: string[];
  snapshotJobId: string | null;
}

/**
 * A run is one crawl job per portal; with `snapshot`, they are children of a snapshot job (a BullMQ flow),
 * so the snapshot starts only when all of them are done. A failed portal does not block the snapshot
 * (`ignoreDependencyOnFailure`): it is recorded in the run report instead.
 */
export async function startRun(connection: Redis, opts: StartRunOptions): Promise<StartedRun> {
  if (opts.portalIds.length === 0) throw new Error('a run needs at least one portal');
  const runId = opts.runId ?? newRunId();
  const requested_at = new Date().toISOString();
  const children = opts.portalIds.map((portal_id) => ({
    name: `crawl ${portal_id}`,
    queueName: QUEUE_CRAWL,
    data: CrawlJob.parse({ run_id: runId, portal_id, config_path: opts.configPath, data_dir: opts.dataDir, requested_at, politeness: opts.politeness ?? true }),
    opts: { ...CRAWL_JOB_OPTS, jobId: crawlJobId(portal_id, runId), ignoreDependencyOnFailure: true },
  }));
  if (!opts.snapshot) {
    const queue = new Queue(QUEUE_CRAWL, { connection });
    try {
      await queue.addBulk(children.map((c) => ({ name: c.name, data: c.data, opts: c.opts })));
    } finally {
      await queue.close();
    }
    return { runId, crawlJobIds: children.map((c) => c.opts.jobId), snapshotJobId: null };
  }
  const flow = new FlowProducer({ connection });
  try {
    const data: SnapshotJob = { run_id: runId, data_dir: opts.dataDir, ...(opts.keep ? { keep: opts.keep } : {}) };
    await flow.add({
      name: `snapshot ${runId}`,
      queueName: QUEUE_SNAPSHOT,
      data,
      opts: { ...SNAPSHOT_JOB_OPTS, jobId: snapshotJobId(runId) },
      children,
    });
  } finally {
    await flow.close();
  }
  return { runId, crawlJobIds: children.map((c) => c.opts.jobId), snapshotJobId: snapshotJobId(runId) };
}
