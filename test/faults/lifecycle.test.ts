// The life of `ogi` processes and of the embedded Redis they share, with real processes:
//  - Ctrl-C on `ogi crawl --wait` stops it within seconds, leaves no redis-server or watchdog behind, and the
//    interrupted crawl resumes from its saved frontier under the next worker, to a complete snapshot;
//  - the embedded Redis outlives the process that started it while another `ogi` process of the data directory
//    uses it, and dies with the last of them, even when that one is killed with SIGKILL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { tmpDir } from '../helpers/tmp.ts';
import { ATTACH_MS, diffUrls, killAllChildren, snapshotRows, spawnOgi, spawnWorker, waitUntil, within } from '../helpers/faults.ts';
import { generatedPortalsYaml, startGeneratedSite } from '../../bench/e2e/site.ts';
import { ping } from '../../queues/redis-server.ts';
import { listSnapshots } from '../../storage/snapshot.ts';

const cleanups: Array<() => Promise<unknown>> = [];
const pids: number[] = [];
after(async () => {
  await killAllChildren();
  // Whatever happened, no server or watchdog of these tests outlives them.
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The embedded server of a data dir once it answers: its URL, redis-server pid and watchdog pid. */
async function embedded(dataDir: string): Promise<{ url: string; redisPid: number; watchdogPid: number }> {
  const lock = path.join(dataDir, 'redis', 'server.json');
  const info = (await waitUntil('the embedded redis-server', async () => {
    const i = JSON.parse(await readFile(lock, 'utf8').catch(() => '{}')) as { url?: string; watchdog?: number };
    return i.url && i.watchdog && (await ping(i.url)) ? (i as { url: string; watchdog: number }) : null;
  }, ATTACH_MS, 100))!;
  const admin = new Redis(info.url, { maxRetriesPerRequest: 1, lazyConnect: true });
  admin.on('error', () => {});
  await admin.connect();
  const redisPid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
  admin.disconnect();
  assert.ok(redisPid > 0);
  pids.push(redisPid, info.watchdog);
  return { url: info.url, redisPid, watchdogPid: info.watchdog };
}

test('Ctrl-C stops `ogi crawl --wait` within seconds, leaves no redis-server, and the crawl resumes to a complete snapshot', async () => {
  const REPORTS = 30;
  const site = await startGeneratedSite({ portals: 1, reports: REPORTS, reportDelayMs: 150 });
  cleanups.push(() => site.close());
  const dataDir = await tmpDir('ogi-lifecycle-ctrlc-');
  const config = path.join(dataDir, 'portals.yaml');
  await writeFile(config, generatedPortalsYaml(site.baseUrl, 1));
  const env = { REDIS_URL: '', OGI_DATA_DIR: dataDir, OGI_LOCK_DURATION_MS: '', OGI_STALLED_INTERVAL_MS: '' };

  const crawl = spawnOgi(['crawl', '--config', config, '--wait', '--snapshot', '--no-politeness'], env);
  const server = await embedded(dataDir);
  await waitUntil('the crawl to be under way', () => site.served[0]! >= 5, ATTACH_MS, 50);
  crawl.child.kill('SIGINT');
  // Generous: catches a hang (the old behaviour), not a slow machine.
  const { code } = await within('`ogi crawl --wait` to stop after SIGINT', 60_000, crawl.exited);
  assert.equal(code, 130, crawl.output());
  assert.match(crawl.output(), /stopped by SIGINT/);
  assert.ok(site.served[0]! < REPORTS, 'the crawl was stopped before its end');
  await waitUntil('the redis-server and its watchdog to be gone', () => !alive(server.redisPid) && !alive(server.watchdogPid), 30_000, 100);
  assert.deepEqual(await readdir(path.join(dataDir, 'redis', 'clients')), []);

  // The next worker starts the server again from its append-only file and finishes the run it finds there.
  // A shorter lock than the default lets the worker take the stopped crawl's portal lock over sooner.
  const worker = spawnWorker('crawl,parse,snapshot', { ...env, OGI_LOCK_DURATION_MS: '6000', OGI_STALLED_INTERVAL_MS: '3000' });
  const again = await embedded(dataDir);
  assert.notEqual(again.redisPid, server.redisPid);
  const [snap] = (await waitUntil('the resumed run’s snapshot', async () => {
    const l = await listSnapshots(dataDir);
    return l.length ? l : null;
  }, 180_000, 500))!;
  const rows = await snapshotRows(path.join(dataDir, 'snapshots', snap!.id));
  assert.deepEqual(diffUrls(site.reportUrls(), rows.map((r) => r.url)), { missing: [], extra: [], repeated: [] }, worker.output());
  const runFile = (await readdir(path.join(dataDir, 'runs'))).find((n) => n.endsWith('.json'))!;
  const report = (JSON.parse(await readFile(path.join(dataDir, 'runs', runFile), 'utf8')) as { portals: Array<{ resumed: boolean; status: string }> }).portals[0]!;
  assert.equal(report.resumed, true, 'the crawl went on from its saved frontier');
  assert.equal(report.status, 'ok');

  worker.child.kill('SIGTERM');
  const w = await within('`ogi worker` to stop after SIGTERM', 60_000, worker.exited);
  assert.equal(w.code, 0, worker.output());
  await waitUntil('the redis-server and its watchdog to be gone', () => !alive(again.redisPid) && !alive(again.watchdogPid), 30_000, 100);
});

test('the embedded Redis outlives its starter while another ogi process uses it, and dies with the last one, even by kill -9', async () => {
  const dataDir = await tmpDir('ogi-lifecycle-shared-');
  const env = { REDIS_URL: '', OGI_DATA_DIR: dataDir };
  const starter = spawnWorker('parse', env);
  const server = await embedded(dataDir);
  const other = spawnWorker('snapshot', env);
  await waitUntil('the second process to use the server', async () => (await readdir(path.join(dataDir, 'redis', 'clients'))).length === 2, ATTACH_MS, 100);
  assert.equal(JSON.parse(await readFile(path.join(dataDir, 'redis', 'server.json'), 'utf8')).url, server.url, 'one server for the data directory');

  starter.child.kill('SIGTERM');
  await within('the starter to exit', 60_000, starter.exited);
  // Longer than the watchdog needs to notice that its last client left (about 1 s): the server must still be up.
  await new Promise((r) => setTimeout(r, 3000));
  assert.equal(await ping(server.url), true, 'the server stopped under a process that still uses it');
  assert.ok(alive(server.redisPid));
  assert.deepEqual(await readdir(path.join(dataDir, 'redis', 'clients')), [String(other.pid)]);

  other.child.kill('SIGKILL');
  await within('the last user to die', 30_000, other.exited);
  await waitUntil('the redis-server and its watchdog to be gone after kill -9 of their last user', () => !alive(server.redisPid) && !alive(server.watchdogPid), 30_000, 100);
  assert.equal(await ping(server.url), false);
});
