import { Queue, FlowProducer } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_CRAWL, QUEUE_PARSE, QUEUE_SNAPSHOT } from '../src/schema/queue.ts';

/** Retry with exponential backoff, then stay visible in the failed set with the error. */
export const CRAWL_JOB_OPTS = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { count: 5000 }, removeOnFail: false } as const;
export const PARSE_JOB_OPTS = { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { count: 50_000 }, removeOnFail: false } as const;
export const SNAPSHOT_JOB_OPTS = { attempts: 2, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { count: 500 }, removeOnFail: false } as const;

export interface Queues {
  crawl: Queue;
  parse: Queue;
  snapshot: Queue;
  flow: FlowProducer;
  close(): Promise<void>;
}

export function openQueues(connection: Redis): Queues {
  const crawl = new Queue(QUEUE_CRAWL, { connection });
  const parse = new Queue(QUEUE_PARSE, { connection });
  const snapshot = new Queue(QUEUE_SNAPSHOT, { connection });
  const flow = new FlowProducer({ connection });
  return {
    crawl, parse, snapshot, flow,
    close: async () => {
      await Promise.all([crawl.close(), parse.close(), snapshot.close(), flow.close()]);
    },
  };
}
