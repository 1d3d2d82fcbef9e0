// Redis losing parse jobs (an external Redis with a weak fsync policy restarting between the crawl and the parse):
// the documents are in the archive and the crawl's emitted ledger, so the snapshot job parses them itself.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Job, Queue } from 'bullmq';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { expectedUrls, writeReplicaConfig } from '../helpers/replica.ts';
import { waitUntil } from '../helpers/faults.ts';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { redisConnection } from '../../queues/connection.ts';
import { startRun } from '../../queues/run.ts';
import { waitForRun } from '../../queues/wait.ts';
import { startWorkers } from '../../queues/workers.ts';
import { readEmitted, readParsed, readReconciled } from '../../storage/parse-ledger.ts';
import { QUEUE_CRAWL, QUEUE_PARSE, crawlJobId } from '../../src/schema/queue.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let replica: ReplicaServer;

before(async () => {
  redis = await startTestRedis();
  replica = await startReplicaServer({ port: 0 });
});
after(async () => {
  await replica?.close();
  await redis?.stop();
});

test('parse jobs lost from Redis are parsed by the snapshot job; the snapshot misses no report', async () => {
  const dataDir = await tmpDir('ogi-lost-parse-');
  const configPath = await writeReplicaConfig(dataDir, replica.baseUrl);
  const connection = redisConnection(redis.url);
  const crawlQueue = new Queue(QUEUE_CRAWL, { connection });
  const parseQueue = new Queue(QUEUE_PARSE, { connection });
  // Crawl only: the parse jobs stay queued until the test drops them.
  let workers = startWorkers({ connection, politeness: false, queues: ['crawl'] });
  try {
    const portalId = 'replica-trs';
    const run = await startRun(connection, { portalIds: [portalId], configPath, dataDir, snapshot: true, politeness: false });
    const crawl = await waitUntil('the crawl job waits for its parse jobs', async () => {
      const job = await Job.fromId(crawlQueue, crawlJobId(portalId, run.runId));
      return job && (await job.getState()) === 'waiting-children' ? job : null;
    });
    const { unprocessed = [] } = await crawl!.getDependencies({ unprocessed: { count: 1000 } });
    assert.ok(unprocessed.length >= 3, `parse children of ${portalId}: ${unprocessed.length}`);
    const emitted = await readEmitted(dataDir, run.runId);
    assert.equal(emitted.length, unprocessed.length, 'every parse job has its line in the emitted ledger');
    // The loss: every parse job vanishes, and with it the crawl job's dependency on it.
    for (const key of unprocessed) await parseQueue.remove(key.split(':').pop()!);
    assert.equal(await parseQueue.count(), 0);

    await workers.close();
    workers = startWorkers({ connection, politeness: false, queues: ['crawl', 'snapshot'] });
    const status = await waitForRun(connection, run);
    assert.equal(status.snapshot?.state, 'completed', JSON.stringify(status.snapshot));
    assert.equal(status.snapshot?.result?.reconciled, emitted.length);

    const reconciled = await readReconciled(dataDir, run.runId);
    assert.deepEqual(new Set(reconciled.map((r) => r.doc_sha256)), new Set(emitted.map((e) => e.doc_sha256)));
    for (const r of reconciled) assert.equal(r.why, 'parse job missing from Redis');
    assert.equal((await readParsed(dataDir, run.runId)).size, emitted.length);

    const rows = (await readFile(path.join(status.snapshot!.result!.path, 'reports.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { url: string });
    const { reports: want } = expectedUrls(replica.baseUrl, [portalId]);
    assert.ok(want.size >= 1);
    for (const u of want) assert.ok(rows.some((r) => r.url === u), `report ${u} missing from the snapshot`);
  } finally {
    await workers.close();
    await crawlQueue.close();
    await parseQueue.close();
    connection.disconnect();
  }
});

test('a run whose parse jobs all ran reconciles nothing', async () => {
  const dataDir = await tmpDir('ogi-no-loss-');
  const configPath = await writeReplicaConfig(dataDir, replica.baseUrl);
  const connection = redisConnection(redis.url);
  const workers = startWorkers({ connection, politeness: false });
  try {
    const run = await startRun(connection, { portalIds: ['replica-trs'], configPath, dataDir, snapshot: true, politeness: false });
    const status = await waitForRun(connection, run);
    assert.equal(status.snapshot?.state, 'completed', JSON.stringify(status.snapshot));
    assert.equal(status.snapshot?.result?.reconciled, 0);
    assert.deepEqual(await readReconciled(dataDir, run.runId), []);
    const emitted = await readEmitted(dataDir, run.runId);
    assert.ok(emitted.length >= 3);
    assert.equal((await readParsed(dataDir, run.runId)).size, new Set(emitted.map((e) => e.doc_sha256)).size);
  } finally {
    await workers.close();
    connection.disconnect();
  }
});
