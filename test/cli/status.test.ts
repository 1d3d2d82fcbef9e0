import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestRedis } from '../helpers/redis.ts';
import { repoRoot, tmpDir } from '../helpers/tmp.ts';
import { buildSnapshot } from '../../storage/snapshot.ts';

let redis: Awaited<ReturnType<typeof startTestRedis>>;
before(async () => (redis = await startTestRedis()));
after(async () => redis?.stop());

test('ogi status shows the newest snapshot as the latest one', async () => {
  const dataDir = await tmpDir('ogi-status-');
  await buildSnapshot({ dataDir });
  await new Promise((r) => setTimeout(r, 1100)); // snapshot ids are second-resolution build times
  const newer = await buildSnapshot({ dataDir });
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'bin', 'ogi.mjs'), 'status', '--json', '--data-dir', dataDir], {
    env: { ...process.env, REDIS_URL: redis.url },
  });
  const status = JSON.parse(stdout);
  assert.equal(status.latest_snapshot.id, newer.id);
  assert.deepEqual(status.portals, []);
  assert.deepEqual(status.crawl_report_errors, []);
});
