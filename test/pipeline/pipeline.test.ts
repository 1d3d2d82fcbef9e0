// The whole pipeline in one process: replica portals on 127.0.0.1 → crawl queue → crawl worker → parse queue →
// parse worker → record store → snapshot, on a real redis-server.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Job, Queue } from 'bullmq';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { expectedUrls, writeReplicaConfig } from '../helpers/replica.ts';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { redisConnection } from '../../queues/connection.ts';
import type { RunStatus } from '../../queues/wait.ts';
import { runToSnapshot } from '../helpers/run-pipeline.ts';
import { QUEUE_CRAWL, QUEUE_PARSE, crawlJobId } from '../../src/schema/queue.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let replica: ReplicaServer;
let dataDir: string;
let status: RunStatus;
let reports: Array<{ url: string; report_id: string; is_report: boolean; year: number | null; format: string }>;

before(async () => {
  redis = await startTestRedis();
  replica = await startReplicaServer({ port: 0 });
  dataDir = await tmpDir('ogi-pipeline-');
  const configPath = await writeReplicaConfig(dataDir, replica.baseUrl);
  const portalIds = replicaPortalsFile(replica.baseUrl).portals.map((p) => p.id);
  ({ status, reports } = await runToSnapshot<(typeof reports)[number]>(redis.url, { portalIds, configPath, dataDir }));
});

after(async () => {
  await replica?.close();
  await redis?.stop();
});

test('every portal job completes, the challenge portal is recorded as blocked', () => {
  for (const p of status.portals) assert.equal(p.state, 'completed', `${p.portalId}: ${p.failedReason}`);
  const blocked = status.portals.find((p) => p.portalId === 'replica-blocked');
  assert.equal(blocked?.progress?.status, 'blocked');
  assert.equal(status.snapshot?.state, 'completed');
});

test('the snapshot holds every report of the replica exactly once and no look-alike', () => {
  const { reports: want, notReports } = expectedUrls(replica.baseUrl);
  const got = reports.map((r) => r.url);
  for (const u of want) assert.ok(got.includes(u), `missing report ${u}`);
  for (const u of got) assert.ok(!notReports.has(u), `look-alike in the snapshot: ${u}`);
  assert.equal(new Set(got).size, got.length, 'a report appears twice');
  assert.equal(new Set(reports.map((r) => r.report_id)).size, reports.length);
  assert.equal(reports.length, want.size, `snapshot has ${reports.length} reports, the replica ${want.size}`);
  for (const r of reports) {
    assert.equal(r.is_report, true);
    assert.ok(r.year && r.year >= 2008 && r.year <= 2030, `${r.url}: year ${r.year}`);
  }
});

test('the run leaves its crawl report on disk and parse jobs as children of their crawl job', async () => {
  const run = JSON.parse(await readFile(path.join(dataDir, 'runs', `${status.runId}.json`), 'utf8'));
  assert.equal(run.portals.length, status.portals.length);
  const connection = redisConnection(redis.url);
  const crawlQueue = new Queue(QUEUE_CRAWL, { connection });
  const parseQueue = new Queue(QUEUE_PARSE, { connection });
  try {
    const job = await Job.fromId(crawlQueue, crawlJobId('replica-trs', status.runId));
    assert.ok(job);
    const deps = await job.getDependenciesCount({ processed: true });
    assert.ok((deps.processed ?? 0) >= 3, `replica-trs parse children: ${JSON.stringify(deps)}`);
    assert.equal(await parseQueue.getJobCountByTypes('failed'), 0);
  } finally {
    await crawlQueue.close();
    await parseQueue.close();
    connection.disconnect();
  }
});
