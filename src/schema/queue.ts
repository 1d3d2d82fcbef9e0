import { z } from 'zod';
import { AdminLevel } from './config.ts';

export const QUEUE_CRAWL = 'ogi-crawl';
export const QUEUE_PARSE = 'ogi-parse';
export const QUEUE_SNAPSHOT = 'ogi-snapshot';

/** The queues an `ogi worker` can serve; `schedule` turns each nightly scheduler firing into a run (queues/schedule.ts). */
export type QueueKind = 'crawl' | 'parse' | 'snapshot' | 'schedule';
export const ALL_QUEUES: QueueKind[] = ['crawl', 'parse', 'snapshot', 'schedule'];

/** One portal, one run. Job id = crawlJobId(portal_id, run_id) so a portal is never crawled twice at once within a run. */
export const CrawlJob = z.object({
  run_id: z.string().min(1),
  portal_id: z.string().min(1),
  /** Path of the portals file, so workers on other machines read the same config (shared volume). */
  config_path: z.string().min(1),
  data_dir: z.string().min(1),
  requested_at: z.string(),
  /** false only for the bundled offline replica and benches: no rate limit, no robots delay. */
  politeness: z.boolean().default(true),
});
export type CrawlJob = z.infer<typeof CrawlJob>;

/** One cleaned document; the body travels by reference (archive key), never inside Redis. */
export const ParseJob = z.object({
  run_id: z.string().min(1),
  portal_id: z.string().min(1),
  url: z.string(),
  doc_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data_dir: z.string().min(1),
  /** What the config knows of the portal's agency, so the parser need not re-read the config. */
  portal: z
    .object({ agency: z.string().optional(), region_code: z.string().optional(), admin_level: AdminLevel.optional() })
    .default({}),
});
export type ParseJob = z.infer<typeof ParseJob>;

export const SnapshotJob = z.object({
  run_id: z.string().min(1),
  data_dir: z.string().min(1),
  keep: z.number().int().positive().optional(),
});
export type SnapshotJob = z.infer<typeof SnapshotJob>;

// BullMQ forbids ':' in custom job ids.
const safeId = (s: string) => s.replace(/:/g, '_');

export function crawlJobId(portalId: string, runId: string): string {
  return safeId(`crawl__${portalId}__${runId}`);
}

/** One parse job per cleaned document per run: a resumed crawl re-emitting a document adds nothing. */
export function parseJobId(runId: string, docSha256: string): string {
  return safeId(`parse__${runId}__${docSha256}`);
}

export function snapshotJobId(runId: string): string {
  return safeId(`snapshot__${runId}`);
}

/** Sortable, readable, unique enough for one operator: 20261123T020000Z-k3f9. */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${Math.random().toString(36).slice(2, 6)}`;
}
