import { Job, type Queue } from 'bullmq';
import { crawlJobId, parseJobId } from '../src/schema/queue.ts';
import { emittedPortals, markSettled, readEmitted, readParsed, readReconciled, recordReconciled, unsettledRuns } from '../storage/parse-ledger.ts';
import { parseDocument } from './parse-document.ts';

// Jobs still on their way: their worker will finish them, so reconciliation leaves them alone.
const IN_FLIGHT = new Set(['active', 'waiting', 'wait', 'delayed', 'prioritized', 'waiting-children']);

export interface ReconcileResult {
  /** Documents parsed here because their parse job was gone. */
  reconciled: number;
  /** Of those, documents emitted by earlier runs (a Redis that lost its memory after their run ended). */
  from_earlier_runs: number;
  /** Documents still queued or crawled by a live job: checked again by the next snapshot. */
  pending: number;
}

/**
 * Documents a crawl emitted that the parser never finished and whose parse job Redis no longer has (a Redis without
 * persistence that restarted, a failover, an external Redis with a weak fsync policy): parsed here, before the
 * snapshot reads the store, and listed in `runs/<run>/reconciled.jsonl`. Every run not yet settled is checked, not
 * only the current one: the crawler remembers a page as seen once it has emitted it, so a document lost with a run's
 * Redis would never be emitted again. A job that failed for good keeps its error in the failed set.
 */
export async function reconcileParses(opts: { dataDir: string; runId: string; parseQueue: Queue; crawlQueue: Queue; log: (line: string) => void }): Promise<ReconcileResult> {
  const { dataDir, parseQueue, crawlQueue, log } = opts;
  const out: ReconcileResult = { reconciled: 0, from_earlier_runs: 0, pending: 0 };
  for (const runId of await unsettledRuns(dataDir)) {
    // A crawl still running (another run, or a retry) may have written its ledger line and not yet queued the job.
    let live = false;
    for (const portalId of await emittedPortals(dataDir, runId)) {
      const job = await Job.fromId(crawlQueue, crawlJobId(portalId, runId));
      const state = job ? await job.getState() : 'missing';
      // The current run's crawl jobs are this snapshot's children, so done; 'waiting-children' is a crawl of another run waiting for its parses.
      if (IN_FLIGHT.has(state)) live = true;
    }
    if (live) {
      out.pending++;
      continue;
    }
    const emitted = await readEmitted(dataDir, runId);
    const handled = await readParsed(dataDir, runId);
    for (const r of await readReconciled(dataDir, runId)) handled.add(r.doc_sha256);
    let pending = 0;
    let failed = 0;
    let done = 0;
    for (const payload of emitted) {
      if (handled.has(payload.doc_sha256)) continue;
      handled.add(payload.doc_sha256); // a document emitted twice is handled once
      const job = await Job.fromId(parseQueue, parseJobId(runId, payload.doc_sha256));
      const state = job ? await job.getState() : 'missing';
      if (IN_FLIGHT.has(state)) {
        pending++;
        continue;
      }
      if (state === 'failed') {
        failed++;
        continue;
      }
      const why = state === 'missing' ? 'parse job missing from Redis' : `parse job ${state} but not in the parsed ledger`;
      let outcome: string;
      try {
        outcome = (await parseDocument(payload)).status;
      } catch (err) {
        outcome = `error: ${(err as Error).message}`;
      }
      await recordReconciled(dataDir, runId, { url: payload.url, portal_id: payload.portal_id, doc_sha256: payload.doc_sha256, why, outcome });
      log(`snapshot ${opts.runId}: ${payload.url} (run ${runId}): ${why}; parsed now (${outcome})`);
      done++;
    }
    out.reconciled += done;
    if (runId !== opts.runId) out.from_earlier_runs += done;
    out.pending += pending;
    if (!pending) await markSettled(dataDir, runId, { emitted: emitted.length, reconciled_now: done, failed });
  }
  return out;
}

/**
 * Documents of one run that nobody parsed and that no parse job will: emitted, not in the parsed or reconciled
 * ledgers, their job gone from Redis. A run that ends with any is not a success: the next snapshot parses them.
 */
export async function lostDocuments(dataDir: string, runId: string, parseQueue: Queue): Promise<string[]> {
  const handled = await readParsed(dataDir, runId);
  for (const r of await readReconciled(dataDir, runId)) handled.add(r.doc_sha256);
  const lost: string[] = [];
  for (const payload of await readEmitted(dataDir, runId)) {
    if (handled.has(payload.doc_sha256)) continue;
    handled.add(payload.doc_sha256);
    const job = await Job.fromId(parseQueue, parseJobId(runId, payload.doc_sha256));
    if (!job) lost.push(payload.url);
  }
  return lost;
}
