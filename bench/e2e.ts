// End-to-end: a generated replica of many portals (bench/e2e/site.ts, real report texts varied per page) served
// by a child process on 127.0.0.1, then crawl → parse → snapshot through the real queues on a real redis-server,
// politeness off. Run twice: workers in this process, then the same run split over two `ogi worker` processes.
//   npx tsx bench/e2e.ts [--portals 100 --pages 10000] [--only one|two]
//   npx tsx bench/e2e.ts --scale [--crawl-concurrency 8]   (1,000 portals × 3 reports, one process: the figures docs/scale.md uses)
// Prints pages/s, reports/s, total time with the machine's load during it, the CPU the in-process workers used, peak
// RSS per process and Redis used_memory_peak; with --scale also the per-portal figures a nightly sweep is sized from
// (requests, bytes on disk, Redis per portal, snapshot time).
// Targets: whole run < 5 min; < 1 GB RSS per process; Redis < 200 MB (bodies stay out of Redis).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Job, Queue } from 'bullmq';
import { execFileSync } from 'node:child_process';
import { redisConnection } from '../queues/connection.ts';
import { QUEUE_SNAPSHOT } from '../src/schema/queue.ts';
import { startRedisServer } from '../queues/redis-server.ts';
import { startRun } from '../queues/run.ts';
import { waitForRun, type RunStatus } from '../queues/wait.ts';
import { startWorkers } from '../queues/workers.ts';
import { generatedPortalsYaml } from './e2e/site.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const SCALE = process.argv.includes('--scale');
const PORTALS = Number(arg('portals', SCALE ? '1000' : '100'));
// 3 reports per column keeps the 1,000-portal run within minutes on 2 cores; per-report figures do not depend on it.
const PAGES = Number(arg('pages', SCALE ? String(PORTALS * 3) : '10000'));
/** Portals crawled at once by the in-process worker: a sweep over many hosts waits on the network, not the CPU. */
const CRAWL_CONCURRENCY = Number(arg('crawl-concurrency', SCALE ? '8' : '2'));
const ONLY = arg('only', SCALE ? 'one' : '');
const root = path.resolve(import.meta.dirname, '..');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** Peak resident memory of a live process, from the kernel (VmHWM), in bytes. */
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

async function redisPeak(url: string): Promise<{ peak: number; used: number }> {
  const c = new Redis(url);
  const info = await c.info('memory');
  c.disconnect();
  return { peak: Number(/used_memory_peak:(\d+)/.exec(info)?.[1]), used: Number(/used_memory:(\d+)/.exec(info)?.[1]) };
}

interface Result { label: string; secs: number; cpuSecs: number | null; load: number[]; crawlSecs: number; pages: number; reports: number; parsed: number; rss: Array<[string, number]>; redis: { peak: number; used: number }; snapshotReports: number | null; snapshotSecs: number | null; disk: Record<string, number> }

/** Bytes under each top-level folder of the data directory (du, apparent sizes are not what a disk holds). */
function diskUse(dataDir: string): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const line of execFileSync('du', ['-s', '-B1', '--', ...['archive', 'records', 'state', 'snapshots', 'runs', 'crawlee'].map((d) => path.join(dataDir, d))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')) {
      const [bytes, dir] = line.split('\t');
      out[path.basename(dir!)] = Number(bytes);
    }
  } catch (e) {
    // du exits 1 when a folder is missing but still prints the others; its output is in the error
    const stdout = String((e as { stdout?: string }).stdout ?? '');
    for (const line of stdout.trim().split('\n').filter(Boolean)) {
      const [bytes, dir] = line.split('\t');
      out[path.basename(dir!)] = Number(bytes);
    }
  }
  return out;
}

/** How long the snapshot job itself ran, from BullMQ's own timestamps. */
async function snapshotSecs(connection: ReturnType<typeof redisConnection>, jobId: string | undefined): Promise<number | null> {
  if (!jobId) return null;
  const q = new Queue(QUEUE_SNAPSHOT, { connection });
  try {
    const job = await Job.fromId(q, jobId);
    return job?.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null;
  } finally {
    await q.close();
  }
}

async function once(label: string, siteUrl: string, workers: 'in-process' | number): Promise<Result> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-e2e-'));
  const dataDir = path.join(dir, 'data');
  const configPath = path.join(dir, 'portals.yaml');
  await writeFile(configPath, generatedPortalsYaml(siteUrl, PORTALS));
  const redis = await startRedisServer({ dir: path.join(dir, 'redis') });
  const connection = redisConnection(redis.url);
  const children: ChildProcess[] = [];
  let inproc: ReturnType<typeof startWorkers> | null = null;
  const redisPid = Number(/process_id:(\d+)/.exec(await connection.info('server'))?.[1]);
  try {
    if (workers === 'in-process') {
      inproc = startWorkers({ connection, politeness: false, concurrency: { crawl: CRAWL_CONCURRENCY } });
    } else {
      for (let i = 0; i < workers; i++) {
        const c = spawn(process.execPath, [path.join(root, 'bin', 'ogi.mjs'), 'worker'], { cwd: root, env: { ...process.env, REDIS_URL: redis.url, OGI_DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'inherit'] });
        children.push(c);
      }
      // Wait until every worker has registered, so the run is spread from the first job.
      const { Queue } = await import('bullmq');
      const q = new Queue('ogi-crawl', { connection });
      for (let t = 0; t < 600 && (await q.getWorkersCount()) < workers; t++) await new Promise((r) => setTimeout(r, 100));
      await q.close();
    }
    const portalIds = Array.from({ length: PORTALS }, (_, i) => `gen-${String(i).padStart(3, '0')}`);
    // Wall times depend on what else the machine runs: the load is sampled and printed with them, and the CPU the
    // in-process workers used (all their threads) is the figure that does not.
    const load: number[] = [];
    const sampler = setInterval(() => load.push(os.loadavg()[0]!), 5000);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await startRun(connection, { portalIds, configPath, dataDir, snapshot: true, politeness: false });
    let crawlSecs = 0;
    let lastProgress = t0;
    const status: RunStatus = await waitForRun(connection, run, (s) => {
      const now = performance.now();
      if (!crawlSecs && s.portals.every((p) => p.state === 'waiting-children' || p.state === 'completed' || p.state === 'failed')) crawlSecs = (now - t0) / 1000;
      // A 1,000-portal run takes minutes: say how far it is, on stderr so the figures on stdout stay clean.
      if (now - lastProgress >= 30_000) {
        lastProgress = now;
        const crawled = s.portals.filter((p) => p.state !== 'waiting' && p.state !== 'active').length;
        const parsed = s.portals.reduce((a, p) => a + p.parses.done, 0);
        process.stderr.write(`  [${((now - t0) / 1000).toFixed(0)} s] ${label}: ${crawled}/${s.portals.length} portals crawled, ${parsed} reports parsed\n`);
      }
    }, 1000);
    const secs = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const used = process.cpuUsage(cpu0);
    const cpuSecs = inproc ? (used.user + used.system) / 1e6 : null;
    const pages = status.portals.reduce((a, p) => a + Number(p.progress?.pages_fetched ?? 0), 0);
    const reports = status.portals.reduce((a, p) => a + Number(p.progress?.reports_found ?? 0), 0);
    const parsed = status.portals.reduce((a, p) => a + p.parses.done, 0);
    const failed = status.portals.filter((p) => p.state !== 'completed');
    if (failed.length) console.error(`${label}: ${failed.length} portal jobs not completed: ${failed[0]!.failedReason}`);
    let snapshotReports: number | null = null;
    if (status.snapshot?.result) snapshotReports = JSON.parse(await readFile(path.join(status.snapshot.result.path, 'manifest.json'), 'utf8')).counts.reports;
    else console.error(`${label}: no snapshot: ${status.snapshot?.failedReason}`);
    const rss: Array<[string, number]> = [];
    if (inproc) rss.push(['bench process (all workers)', process.resourceUsage().maxRSS * 1024]);
    children.forEach((c, i) => rss.push([`ogi worker ${i + 1}`, peakRss(c.pid!)]));
    rss.push(['redis-server', peakRss(redisPid)]);
    const snapSecs = await snapshotSecs(connection, run.snapshotJobId ?? undefined);
    return { label, secs, cpuSecs, load, crawlSecs, pages, reports, parsed, rss, redis: await redisPeak(redis.url), snapshotReports, snapshotSecs: snapSecs, disk: diskUse(dataDir) };
  } finally {
    await inproc?.close();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    connection.disconnect();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function print(r: Result) {
  console.log(`\n== ${r.label}`);
  console.log(`total ${r.secs.toFixed(1)} s (crawl phase ${r.crawlSecs.toFixed(1)} s), ${r.pages} pages fetched, ${r.reports} reports found, ${r.parsed} parsed, snapshot ${r.snapshotReports ?? '—'} reports`);
  console.log(`pages/s ${(r.pages / r.crawlSecs).toFixed(1)} (crawl phase), ${(r.pages / r.secs).toFixed(1)} (whole run); reports/s ${(r.parsed / r.secs).toFixed(1)} (whole run)`);
  if (r.cpuSecs !== null) console.log(`CPU of the bench process (all workers and their threads): ${r.cpuSecs.toFixed(1)} s, ${(r.cpuSecs * 1000 / PORTALS).toFixed(0)} ms per portal`);
  const load = [...r.load].sort((a, b) => a - b);
  if (load.length) console.log(`machine load (1-min average every 5 s, this run included; ${os.cpus().length} cores): min ${load[0]!.toFixed(1)}, median ${load[Math.floor(load.length / 2)]!.toFixed(1)}, max ${load[load.length - 1]!.toFixed(1)}`);
  for (const [name, bytes] of r.rss) console.log(`peak RSS ${name}: ${mb(bytes)}`);
  console.log(`redis used_memory_peak ${mb(r.redis.peak)} (used_memory at the end ${mb(r.redis.used)})`);
  const over: string[] = [];
  if (r.secs > 300) over.push('run > 5 min');
  if (r.rss.some(([, b]) => b > 1024 ** 3)) over.push('a process > 1 GB');
  if (r.redis.peak > 200 * 1024 ** 2) over.push('Redis > 200 MB');
  console.log(over.length ? `TARGETS MISSED: ${over.join(', ')}` : 'targets met: < 5 min, < 1 GB per process, Redis < 200 MB');
  if (SCALE) printScale(r);
}

/** The per-portal and per-report figures docs/scale.md multiplies out to a nightly sweep of 15,000 columns. */
function printScale(r: Result) {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const per = (n: number, d: number) => (d ? n / d : 0);
  const archive = r.disk.archive ?? 0;
  const records = r.disk.records ?? 0;
  console.log(`\n-- scale figures (${PORTALS} portals, ${r.parsed} reports parsed)`);
  console.log(`requests per portal (list + report pages): ${per(r.pages, PORTALS).toFixed(1)}; per report found: ${per(r.pages, r.reports).toFixed(2)}`);
  console.log(`crawl throughput, politeness off, one host: ${per(r.pages, r.crawlSecs).toFixed(1)} pages/s; parse throughput ${per(r.parsed, r.secs).toFixed(1)} reports/s`);
  console.log(`disk: archive ${mb(archive)} (${kb(per(archive, r.parsed))} per report), records ${mb(records)} (${kb(per(records, r.parsed))} per report), state ${mb(r.disk.state ?? 0)}, snapshots ${mb(r.disk.snapshots ?? 0)}, runs ${mb(r.disk.runs ?? 0)}, crawl frontiers ${mb(r.disk.crawlee ?? 0)}`);
  console.log(`redis used_memory_peak per portal in the run: ${kb(per(r.redis.peak, PORTALS))}; at the end ${kb(per(r.redis.used, PORTALS))}`);
  console.log(`snapshot job: ${r.snapshotSecs === null ? '—' : `${r.snapshotSecs.toFixed(1)} s`} for ${r.snapshotReports ?? '—'} reports${r.snapshotSecs && r.snapshotReports ? ` (${(r.snapshotSecs * 1000 / r.snapshotReports).toFixed(2)} ms per report)` : ''}`);
}

const server = fork(path.join(import.meta.dirname, 'e2e', 'site.ts'), ['--serve', String(PORTALS), String(Math.ceil(PAGES / PORTALS))], { execArgv: ['--import', 'tsx'] });
const { baseUrl } = await new Promise<{ baseUrl: string }>((r) => server.once('message', (m) => r(m as { baseUrl: string })));
console.log(`generated replica: ${PORTALS} portals × ${Math.ceil(PAGES / PORTALS)} report pages at ${baseUrl}; ${os.cpus().length} cores; node ${process.version}`);
try {
  if (ONLY !== 'two') print(await once(`one process (workers in-process: crawl ${CRAWL_CONCURRENCY} portals at once, parse 4)`, baseUrl, 'in-process'));
  if (ONLY !== 'one') print(await once('two `ogi worker` processes against one Redis', baseUrl, 2));
} finally {
  server.disconnect();
  server.kill();
}
