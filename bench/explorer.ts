// Report explorer benchmark: a generated 100,000-report snapshot (bench/snapshot.ts makes it), served by a real
// `ogi serve` child process; times /api/reports searches of several kinds from here and reads the server's
// peak RSS from /proc. Targets: median < 100 ms, p95 < 300 ms, `ogi serve` under 500 MB.
//
//   node --import tsx bench/explorer.ts [--n 100000] [--data-dir DIR] [--requests 300]
//   (DIR is reused when it already holds a snapshot; else bench/snapshot.ts fills it first)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, 'data-dir': { type: 'string' }, requests: { type: 'string', default: '300' } } });
const root = path.resolve(import.meta.dirname, '..');
const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-explorer-')));

const hasSnapshot = async () => (await readdir(path.join(dataDir, 'snapshots')).catch(() => [] as string[])).some((n) => /^\d{8}T/.test(n));
if (!(await hasSnapshot())) {
  process.stderr.write(`generating ${values.n} reports and a snapshot in ${dataDir} (bench/snapshot.ts)…\n`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'snapshot.ts'), '--n', values.n!, '--data-dir', dataDir], { stdio: ['ignore', 'inherit', 'inherit'] });
}

const server = spawn(process.execPath, [path.join(root, 'bin', 'ogi.mjs'), 'serve', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (b) => {
    out += b;
    const m = /ogi serve: (http:\/\/[^/\s]+)\//.exec(out);
    if (m) resolve(m[1]!);
  });
  server.once('exit', (code) => reject(new Error(`ogi serve exited with ${code}`)));
});
const procKb = async (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(await readFile(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;
const rssLine = async (when: string) => process.stdout.write(`  rss ${when}: ${(await procKb('VmRSS')).toFixed(0)} MB (peak so far ${(await procKb('VmHWM')).toFixed(0)} MB)\n`);

/** CPU seconds the server has used (user + system), from /proc: a figure the machine's load does not inflate. */
const cpuSecs = async () => {
  const f = (await readFile(`/proc/${server.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
};

async function get(p: string): Promise<{ ms: number; body: any }> {
  const t0 = performance.now();
  const res = await fetch(url + p);
  const body = await res.json();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

try {
  await rssLine('at start');
  // The first search opens the snapshot (copies the search columns into DuckDB) and starts indexing
  // reports.jsonl; the first report page waits for that index. Both timed apart, before the searches.
  const first = await get('/api/reports');
  process.stdout.write(`snapshot ${first.body.snapshot}: ${first.body.total} reports; first search (opens the index) ${first.ms.toFixed(0)} ms\n`);
  await rssLine('after the first search');
  const firstReport = await get(`/api/reports/${encodeURIComponent(first.body.results[2].report_id)}`);
  process.stdout.write(`first report page (waits for the reports.jsonl index) ${firstReport.ms.toFixed(0)} ms\n`);
  await rssLine('after the first report page');
  const N = first.body.total as number;
  const agencies = Math.max(1, Math.floor(N / 5));
  // The kinds of search a reader makes, in turn: a name, a name in a province, a region drill-down, filters, deep pages.
  // Every query differs (the server keeps answers of a snapshot, which would flatter a repeated one).
  const kinds: Array<[string, (i: number) => string]> = [
    ['name', (i) => `q=${encodeURIComponent(`第${(i * 7919) % agencies}局`)}`],
    ['name part', (i) => `q=${encodeURIComponent(`第${i % 1000}`)}`],
    ['province', (i) => `region=${11 + (i % 30)}&page=${1 + Math.floor(i / 30)}`],
    ['city + year', (i) => `region=${11 + (i % 30)}01&year=${2019 + (Math.floor(i / 30) % 5)}&page=${1 + Math.floor(i / 150)}`],
    ['check + level + format', (i) => `check=${i % 2 ? 'FAIL' : 'PASS'}&level=county&format=2021&page=${1 + i}`],
    ['all, deep page', (i) => `page=${1 + ((i * 97) % 2000)}`],
    ['name + region + year', (i) => `q=${encodeURIComponent('某某县')}&region=${11 + (i % 30)}0101&year=${2019 + (Math.floor(i / 30) % 5)}&page=${1 + Math.floor(i / 150)}`],
  ];
  const cpu0 = await cpuSecs();
  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  const total = Number(values.requests);
  for (let i = 0; i < total; i++) {
    const [kind, make] = kinds[i % kinds.length]!;
    const { ms } = await get(`/api/reports?${make(i)}`);
    times.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const cpuPerSearch = ((await cpuSecs()) - cpu0) * 1000 / total;
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  for (const [kind, xs] of byKind) process.stdout.write(`  ${kind.padEnd(24)} median ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms (${xs.length})\n`);
  const median = q(times, 0.5);
  const p95 = q(times, 0.95);
  // A report page and an agency page as well, so the memory figure covers the reports.jsonl index too.
  const some = first.body.results[0];
  const report = await get(`/api/reports/${encodeURIComponent(some.report_id)}`);
  const agency = await get(`/api/agencies/${encodeURIComponent(some.agency_key)}`);
  const report2 = await get(`/api/reports/${encodeURIComponent(first.body.results[1].report_id)}`);
  const rss = await procKb('VmHWM');
  process.stdout.write(`/api/reports over ${total} searches: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; server CPU ${cpuPerSearch.toFixed(1)} ms a search\n`);
  process.stdout.write(`report pages ${report.ms.toFixed(0)} ms, ${report2.ms.toFixed(0)} ms; agency page ${agency.ms.toFixed(0)} ms\n`);
  process.stdout.write(`load average while measuring: ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')} on ${os.availableParallelism()} CPU(s)\n`);
  process.stdout.write(`ogi serve peak RSS: ${rss.toFixed(0)} MB\n`);
  process.stdout.write(`targets: median < 100 ms, p95 < 300 ms, RSS < 500 MB → ${median < 100 && p95 < 300 && rss < 500 ? 'met' : 'NOT met'}\n`);
} finally {
  server.kill('SIGTERM');
}
