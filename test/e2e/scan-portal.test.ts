// A crawl of a replica portal whose only report is a scanned PDF: crawl queue → crawl worker (OCR in the extraction
// pool) → parse worker → snapshot, on a real redis-server. The record's numbers are marked as read by OCR.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { startTestRedis } from '../helpers/redis.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { scanPortal } from '../../crawlers/replica/scan-portal/index.ts';
import type { RunStatus } from '../../queues/wait.ts';
import { runToSnapshot } from '../helpers/run-pipeline.ts';
import type { ReportRecord } from '../../src/schema/record.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let replica: ReplicaServer;
let status: RunStatus;
let reports: ReportRecord[];
let expected: string[];

before(async () => {
  redis = await startTestRedis();
  replica = await startReplicaServer({ port: 0 });
  const dataDir = await tmpDir('ogi-scan-portal-');
  const scan = scanPortal(replica.baseUrl);
  expected = scan.reports;
  const configPath = path.join(dataDir, 'portals.yaml');
  await writeFile(configPath, stringify({ ...replicaPortalsFile(replica.baseUrl), portals: [scan.portal] }));
  ({ status, reports } = await runToSnapshot<ReportRecord>(redis.url, { portalIds: [scan.portal.id], configPath, dataDir }));
});

after(async () => {
  await replica?.close();
  await redis?.stop();
});

test('the scan portal crawl yields its one report, read by OCR, with its table figures marked source ocr', () => {
  assert.equal(status.portals[0]?.state, 'completed', status.portals[0]?.failedReason ?? undefined);
  assert.deepEqual(reports.map((r) => r.url), expected);
  const r = reports[0]!;
  assert.equal(r.source_kind, 'pdf');
  assert.equal(r.year, 2024);
  assert.equal(r.text_source, 'ocr');
  assert.ok(r.warnings.some((w) => w.startsWith('source: ocr')), JSON.stringify(r.warnings));
  // The page holds the head of 表三: figures were read from the OCR text, and every one of them is marked ocr.
  const t3 = r.tables.t3!;
  const read = Object.values(t3).flatMap((row) => Object.values(row)).filter((v) => v !== null);
  assert.ok(read.length >= 7, `表三 cells read: ${read.length}`);
  assert.deepEqual(Object.values(t3.carried_over!), [34, 0, 0, 0, 0, 0, 34]);
});
