// Snapshot build benchmark: generates N realistic records (2021 format, full 表二/三/四 with printed text, checks,
// ~6,000-character text) into a record store, then builds a snapshot in a child process and prints its wall
// time and peak RSS. Target: 100,000 reports in under 60 s and under 1 GB.
//
//   node --import tsx bench/snapshot.ts [--n 100000] [--data-dir DIR]   (DIR is reused when it already holds records)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION, T2_KEYS, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type ReportRecord } from '../src/schema/record.ts';
import { RecordStore } from '../storage/record-store.ts';
import { buildSnapshot } from '../storage/snapshot.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, 'data-dir': { type: 'string' }, build: { type: 'string' } } });

if (values.build) {
  // Child: only the build, so RSS is the snapshot's own.
  const t0 = performance.now();
  // Phase timings on stderr: elapsed wall seconds at each progress message, so a slow phase shows itself.
  const onProgress = (msg: string) => {
    const m = process.memoryUsage();
    const mb = (n: number) => (n / 2 ** 20).toFixed(0);
    process.stderr.write(`  [${((performance.now() - t0) / 1000).toFixed(1)} s, rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB] ${msg}\n`);
  };
  const snap = await buildSnapshot({ dataDir: values.build, onProgress });
  const secs = (performance.now() - t0) / 1000;
  const ru = process.resourceUsage();
  const rssMb = ru.maxRSS / 1024;
  const cpuSecs = (ru.userCPUTime + ru.systemCPUTime) / 1e6;
  const bytes = Object.values(snap.files).reduce((s, f) => s + f.bytes, 0);
  process.stdout.write(JSON.stringify({ reports: snap.counts.reports, cells: snap.counts.cells, checks: snap.counts.checks, secs, cpuSecs, rssMb, bytes }));
  process.exit(0);
}

const N = Number(values.n);
const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'ogi-bench-snapshot-')));
const store = new RecordStore(dataDir);
const SENTENCE = '本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息，依法办理依申请公开。';

function record(i: number): ReportRecord {
  const agencyNo = Math.floor(i / 5);
  const year = 2019 + (i % 5);
  const n = (k: number) => (i * 7 + k * 13) % 50;
  const t3: Record<string, Record<string, number | null>> = {};
  const raw3: Record<string, Record<string, string | null>> = {};
  for (const [ri, r] of T3_ROWS.entries()) {
    if (r === 'other') continue;
    t3[r] = {};
    raw3[r] = {};
    for (const [ci, c] of T3_COLUMNS.entries()) {
      t3[r]![c] = n(ri + ci);
      raw3[r]![c] = String(n(ri + ci));
    }
  }
  const t4: Record<string, Record<string, number | null>> = {};
  for (const g of T4_GROUPS) {
    t4[g] = {};
    for (const o of T4_OUTCOMES) t4[g]![o] = n(o.length);
  }
  const t2: Record<string, Record<string, number | null>> = {};
  for (const [block, fields] of Object.entries(T2_KEYS['2021'])) {
    t2[block] = {};
    for (const f of fields as readonly string[]) t2[block]![f] = n(f.length);
  }
  const text = `${year}年政府信息公开工作年度报告\n${SENTENCE.repeat(90)}`;
  const sections = Array.from({ length: 6 }, (_, k) => ({ heading: `${'一二三四五六'[k]}、部分`, text: text.slice(k * 1000, (k + 1) * 1000) }));
  return {
    schema_version: SCHEMA_VERSION, parser_version: 'bench', report_id: createHash('sha256').update(`r${i}`).digest('hex').slice(0, 16),
    version: 1, content_sha256: createHash('sha256').update(text + i).digest('hex'), portal_id: `portal-${agencyNo % 300}`,
    url: `https://www.example.gov.cn/zwgk/${i}.html`, final_url: null, found_via: 'https://www.example.gov.cn/zwgk/list.html',
    fetched_at: '2026-01-01T00:00:00Z', source_kind: 'html', attachments: [], raw_sha256: null, is_report: true, not_report_reason: null,
    title: `某某县第${agencyNo}局${year}年政府信息公开工作年度报告`, agency: `某某县第${agencyNo}局`, agency_source: 'title', year,
    published_at: `${year + 1}-01-20`, published_at_source: 'meta', deadline: `${year + 1}-01-31`, days_after_deadline: -11, admin_level: 'county', scope: 'agency_only',
    region_code: `${11 + (agencyNo % 30)}0101`, region_code_source: 'portal', format: '2021', format_evidence: ['表头'],
    tables: { t2, t3, t4 }, raw: { t2: null, t3: raw3, t4: null }, figures: {},
    checks: Array.from({ length: 10 }, (_, k) => ({ id: `T3-${k}`, status: k === i % 10 ? 'FAIL' : 'PASS', left: k, right: k, detail: '行合计' })),
    warnings: [], sections, text,
  };
}

if ((await store.count()) < N) {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < N) await store.upsert(record(next++));
  }));
  process.stderr.write(`generated ${N} records in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${dataDir}\n`);
}

const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--build', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
process.stdout.write(`snapshot of ${out.reports} reports (${out.cells} cells, ${out.checks} checks): ${out.secs.toFixed(1)} s (${out.cpuSecs.toFixed(1)} CPU s), peak RSS ${out.rssMb.toFixed(0)} MB, ${(out.bytes / 1e6).toFixed(0)} MB of files\n`);
process.stdout.write(`target: < 60 s and < 1024 MB → ${out.secs < 60 && out.rssMb < 1024 ? 'met' : 'NOT met'}\n`);
