// One run through the real queues in this process (crawl → parse → snapshot), politeness off, and the snapshot's
// reports.jsonl read back: what the pipeline tests assert on.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { redisConnection } from '../../queues/connection.ts';
import { startRun } from '../../queues/run.ts';
import { waitForRun, type RunStatus } from '../../queues/wait.ts';
import { startWorkers } from '../../queues/workers.ts';

export async function runToSnapshot<R = Record<string, unknown>>(redisUrl: string, opts: { portalIds: string[]; configPath: string; dataDir: string }): Promise<{ status: RunStatus; reports: R[] }> {
  const connection = redisConnection(redisUrl);
  const workers = startWorkers({ connection, politeness: false });
  let status: RunStatus;
  try {
    const run = await startRun(connection, { ...opts, snapshot: true, politeness: false });
    status = await waitForRun(connection, run);
  } finally {
    await workers.close();
    connection.disconnect();
  }
  const snapPath = status.snapshot?.result?.path;
  assert.ok(snapPath, `no snapshot: ${JSON.stringify(status.snapshot)}`);
  const reports = (await readFile(path.join(snapPath, 'reports.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as R);
  return { status, reports };
}
