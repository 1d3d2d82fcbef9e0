// Work a stopping crawl did not finish says nothing of the page it was for: the task stays pending in the frontier
// (no `done` line, its counts dropped), and a resumed crawl does it again. Recording it as the page's error would mark
// the task finished, and the report would be lost to the run.
import { ExtractionCancelled } from '../extract-pool.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';
import type { Task } from '../types.ts';

/** Thrown by a handler whose task was cut short by the crawl stopping; the task runner leaves the task pending. */
export class TaskInterrupted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskInterrupted';
  }
}

export const isInterruption = (err: unknown): boolean => err instanceof TaskInterrupted || err instanceof ExtractionCancelled;

/** A request that failed because the crawl was stopped (not because a block was detected, which is a finding). */
export const stoppedUnder = (ctx: CrawlContext): boolean => ctx.signal.aborted && !ctx.ledger.blocked;

/**
 * Runs one task's work and closes the task in the frontier: done, with what its tally counted; or, when the crawl's stop
 * cut the work short, left pending with its counts taken back. Any other error is the page's `internal` error.
 */
export async function settleTask(ctx: CrawlContext, task: Task, t: Tally, work: () => Promise<void>): Promise<void> {
  let interrupted = false;
  try {
    await work();
  } catch (err) {
    if (isInterruption(err)) interrupted = true;
    else t.fail(task.url, 'internal', (err as Error).stack ?? String(err));
  } finally {
    if (interrupted) t.discard();
    else ctx.queue.frontier.done(task.key, t.counters);
  }
}
