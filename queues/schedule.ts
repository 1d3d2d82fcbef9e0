import path from 'node:path';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PortalsFile } from '../src/schema/config.ts';
import { startRun } from './run.ts';

/**
 * Nightly (or any cron) runs. Each schedule is a BullMQ job scheduler on the small `ogi-schedule` queue;
 * when it fires, `processScheduleJob` starts a run — a flow of one crawl job per portal under a snapshot job
 * (queues/run.ts), so the snapshot waits for every portal and a failed portal does not block it.
 *
 * Portals without their own `schedule` share the file's schedule (scheduler id `default`); a portal with a
 * `schedule` override gets its own scheduler `portal-<id>`. `applySchedules` removes schedulers that the
 * config no longer asks for, so the set in Redis always matches the file.
 */
export const SCHEDULE_QUEUE = 'ogi-schedule';
const JOB_NAME = 'scheduled-run';

export const ScheduledRunJob = z.object({
  scheduler_id: z.string().min(1),
  portal_ids: z.array(z.string().min(1)).min(1),
  config_path: z.string().min(1),
  data_dir: z.string().min(1),
  keep: z.number().int().positive().optional(),
});
export type ScheduledRunJob = z.infer<typeof ScheduledRunJob>;

export interface ScheduleInfo {
  id: string;
  pattern: string | null;
  tz: string | null;
  portal_ids: string[];
  /** Next time it fires (ISO 8601), when Redis knows it. */
  next_run: string | null;
}

export interface PlannedSchedule {
  id: string;
  pattern: string;
  tz: string;
  portal_ids: string[];
}

/** Which schedulers a portals file asks for (enabled portals only). */
export function plannedSchedules(file: PortalsFile): PlannedSchedule[] {
  const enabled = file.portals.filter((p) => p.enabled);
  const plans: PlannedSchedule[] = [];
  const shared = enabled.filter((p) => !p.schedule).map((p) => p.id);
  if (shared.length) plans.push({ id: 'default', pattern: file.schedule.cron, tz: file.schedule.tz, portal_ids: shared });
  for (const p of enabled) {
    if (p.schedule) plans.push({ id: `portal-${p.id}`, pattern: p.schedule.cron, tz: p.schedule.tz, portal_ids: [p.id] });
  }
  return plans;
}

export async function applySchedules(connection: Redis, portalsFile: PortalsFile, configPath: string, dataDir: string, opts: { keep?: number } = {}): Promise<ScheduleInfo[]> {
  const plans = plannedSchedules(portalsFile);
  const queue = new Queue(SCHEDULE_QUEUE, { connection });
  try {
    for (const plan of plans) {
      // Absolute paths: the worker that runs the job may start in another directory (or on another machine with the same volume).
      const data: ScheduledRunJob = {
        scheduler_id: plan.id,
        portal_ids: plan.portal_ids,
        config_path: path.resolve(configPath),
        data_dir: path.resolve(dataDir),
        ...(opts.keep ? { keep: opts.keep } : {}),
      };
      try {
        await queue.upsertJobScheduler(plan.id, { pattern: plan.pattern, tz: plan.tz }, {
          name: JOB_NAME,
          data,
          opts: { removeOnComplete: { count: 200 }, removeOnFail: { count: 1000 } },
        });
      } catch (err) {
        const where = plan.id === 'default' ? 'field schedule' : `portal "${plan.portal_ids[0]}", field schedule`;
        throw new Error(`${configPath}: ${where}: cannot schedule cron "${plan.pattern}" in ${plan.tz}: ${(err as Error).message}`);
      }
    }
    const wanted = new Set(plans.map((p) => p.id));
    for (const s of await queue.getJobSchedulers(0, -1)) {
      if (!wanted.has(s.key)) await queue.removeJobScheduler(s.key);
    }
  } finally {
    await queue.close();
  }
  return listSchedules(connection);
}

export async function listSchedules(connection: Redis): Promise<ScheduleInfo[]> {
  const queue = new Queue(SCHEDULE_QUEUE, { connection });
  try {
    const list = await queue.getJobSchedulers(0, -1, true);
    return list
      .map((s) => {
        const data = ScheduledRunJob.safeParse(s.template?.data);
        return {
          id: s.key,
          pattern: s.pattern ?? null,
          tz: s.tz ?? null,
          portal_ids: data.success ? data.data.portal_ids : [],
          next_run: typeof s.next === 'number' ? new Date(s.next).toISOString() : null,
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await queue.close();
  }
}

/** Removes every scheduler (e.g. before decommissioning a deployment). */
export async function removeAllSchedules(connection: Redis): Promise<string[]> {
  const queue = new Queue(SCHEDULE_QUEUE, { connection });
  try {
    const ids = (await queue.getJobSchedulers(0, -1)).map((s) => s.key);
    for (const id of ids) await queue.removeJobScheduler(id);
    return ids;
  } finally {
    await queue.close();
  }
}

/** `20261123T020000Z`, for run ids. */
const compact = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Processor for the `ogi-schedule` queue: starts the run. The run id comes from the scheduler and the planned
 * fire time, so a retried schedule job re-adds the same flow (same job ids: BullMQ keeps the existing jobs)
 * instead of starting a second run.
 */
export async function processScheduleJob(job: Job, connection: Redis): Promise<{ runId: string; portal_ids: string[] }> {
  const parsed = ScheduledRunJob.safeParse(job.data);
  if (!parsed.success) {
    throw new Error(`schedule job ${job.id}: bad payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const data = parsed.data;
  const firedAt = job.timestamp + (job.opts.delay ?? 0);
  const runId = `sched-${data.scheduler_id}-${compact(firedAt)}`;
  const run = await startRun(connection, {
    portalIds: data.portal_ids,
    runId,
    configPath: data.config_path,
    dataDir: data.data_dir,
    snapshot: true,
    ...(data.keep ? { keep: data.keep } : {}),
  });
  return { runId: run.runId, portal_ids: data.portal_ids };
}
