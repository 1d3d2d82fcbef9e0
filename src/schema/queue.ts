import { z } from 'zod';

export const QUEUE_CRAWL = 'ogi-crawl';
export const QUEUE_PARSE = 'ogi-parse';
export const QUEUE_SNAPSHOT = 'ogi-snapshot';

/** One portal, one run. Job id = `${portal_id}__${run_id}` so a portal is never crawled twice at once within a run. */
export const CrawlJob = z.object({
  run_id: z.string().min(1),
  portal_id: z.string().min(1),
  /** Path of the portals file, so workers on other machines read the same config (shared volume). */
  config_path: z.string().min(1),
  data_dir: z.string().min(1),
  requested_at: z.string(),
});
export type CrawlJob = z.infer<typeof CrawlJob>;

/** One cleaned document; the body travels by reference (archive key), never inside Redis. */
export const ParseJob = z.object({
  run_id: z.string().min(1),
  portal_id: z.string().min(1),
  url: z.string(),
  doc_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data_dir: z.string().min(1),
});
export type ParseJob = z.infer<typeof ParseJob>;

export const SnapshotJob = z.object({
  run_id: z.string().min(1),
  data_dir: z.string().min(1),
  keep: z.number().int().positive().optional(),
});
export type SnapshotJob = z.infer<typeof SnapshotJob>;

export function crawlJobId(portalId: string, runId: string): string {
  // BullMQ forbids ':' in custom ids.
  return `${portalId}__${runId}`.replace(/:/g, '_');
}
