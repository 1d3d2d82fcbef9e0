// The README's "Analyse the data" snippets, run against a demo snapshot and compared with the same answers
// computed here from reports.jsonl (which knows nothing of duplicate groups or harmonised columns): copies are
// told apart by agency, year and format, the measures read from the printed tables.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from './tmp.ts';
import { assertEveryFieldDocumented, assertValidDatapackage } from './snapshot-docs.ts';

interface JsonRecord {
  report_id: string;
  agency: string | null;
  year: number | null;
  format: string;
  scope: string | null;
  admin_level: string | null;
  region_code: string | null;
  tables: { t3: Record<string, Record<string, number | null>> | null };
  figures: Record<string, { value: number | null }>;
  checks: Array<{ id: string; status: string; column?: string; left: number | null; right: number | null }>;
}

/** The demo replica's provinces (GB/T 2260 first two digits), written out rather than looked up. */
const PROVINCE_NAMES: Record<string, string> = { '15': '内蒙古自治区', '32': '江苏省', '35': '福建省', '42': '湖北省', '43': '湖南省' };

async function readmeBlock(lang: string, firstLine: string): Promise<string> {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].find((m) => m[1] === lang && m[2]!.startsWith(firstLine));
  assert.ok(block, `README has a ${lang} block starting with ${firstLine}`);
  return block[2]!;
}

export async function duckdbAnswers(dir: string): Promise<Array<Record<string, unknown>[]>> {
  const sql = await readmeBlock('sql', '-- DuckDB: requests received per province per year');
  const statements = sql.split(';').map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim());
  assert.equal(statements.length, 3);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    // The snippets name files relative to the snapshot directory, as a user running them there would.
    await con.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
    const out: Array<Record<string, unknown>[]> = [];
    for (const s of statements) out.push((await con.runAndReadAll(s)).getRowObjectsJson());
    return out;
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function checkReadmeAnswers(dir: string): Promise<void> {
  await assertEveryFieldDocumented(dir);
  await assertValidDatapackage(dir);

  const records = (await readFile(path.join(dir, 'reports.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as JsonRecord);
  const received = (r: JsonRecord) => (r.format === 'pre2019' ? r.figures.requests_received?.value ?? null : r.format === '2019' || r.format === '2021' ? r.tables.t3?.new_received?.total ?? null : null);
  const distinct = new Map<string, JsonRecord>();
  for (const r of records) {
    const key = `${r.agency}|${r.year}|${r.format}`;
    const seen = distinct.get(key);
    if (seen) assert.equal(received(r), received(seen), `copies of ${key} print the same figure`);
    else distinct.set(key, r);
  }
  const reports = [...distinct.values()];
  assert.ok(reports.length < records.length, 'the demo has copies of some reports');

  const [byProvince, share, failing] = await duckdbAnswers(dir);

  // 1. requests received per province per year, bodies' own reports, each once.
  const q1 = new Map<string, number | null>();
  for (const r of reports.filter((x) => x.scope === 'agency_only')) {
    const key = `${r.region_code ? PROVINCE_NAMES[r.region_code.slice(0, 2)] : null}|${r.year}`;
    const v = received(r);
    q1.set(key, v === null ? q1.get(key) ?? null : (q1.get(key) ?? 0) + v);
  }
  assert.deepEqual(
    new Map(byProvince!.map((row) => [`${row.province_name}|${row.year}`, num(row.requests_received)])),
    q1,
  );

  // 2. share granted in full by level (2019+ formats).
  const q2 = new Map<string, [number, number]>();
  for (const r of reports) {
    if (r.format !== '2019' && r.format !== '2021') continue;
    const g = r.tables.t3?.granted?.total;
    const h = r.tables.t3?.total?.total;
    if (g == null || h == null || !(h > 0)) continue;
    const s = q2.get(String(r.admin_level)) ?? [0, 0];
    q2.set(String(r.admin_level), [s[0] + g, s[1] + h]);
  }
  assert.deepEqual(new Map(share!.map((row) => [String(row.admin_level), num(row.share_granted)])), new Map([...q2].map(([k, [g, h]]) => [k, g / h])));

  // 3. reports failing checks: the parser's FAILs (cross-year ones come from checks.csv).
  const expectedFails: string[] = [];
  for (const r of reports) for (const c of r.checks) if (c.status === 'FAIL') expectedFails.push(`${r.agency}|${r.year}|${c.id}|report|${c.column ?? null}`);
  const byId = new Map(reports.map((r) => [r.report_id, r]));
  const checksCsv = (await readFile(path.join(dir, 'checks.csv'), 'utf8')).replace(/^\ufeff/, '').split('\n').slice(1).filter(Boolean).map((l) => l.split(','));
  for (const [id, check, scope, status, column] of checksCsv) if (scope === 'cross_year' && status === 'FAIL' && byId.has(id!)) expectedFails.push(`${byId.get(id!)!.agency}|${byId.get(id!)!.year}|${check}|${scope}|${column || null}`);
  assert.deepEqual(failing!.map((row) => `${row.agency}|${row.year}|${row.check_id}|${row.scope}|${row.column}`).sort(), expectedFails.sort());

  // The example: 安化县 2021 is in the demo twice and counts once.
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const q = async (where: string) => num((await con.runAndReadAll(`SELECT sum(requests_received) AS n FROM read_parquet('${path.join(dir, 'reports.parquet')}') WHERE agency = '安化县人民政府' AND year = 2021 ${where}`)).getRowObjectsJson()[0]!.n);
    assert.equal(await q(''), 72, 'both copies are in the file');
    assert.equal(await q('AND is_primary'), 36, 'and one is primary');
  } finally {
    con.closeSync();
    db.closeSync();
  }
  const stats = JSON.parse(await readFile(path.join(dir, 'stats.json'), 'utf8'));
  assert.equal(stats.reports, reports.length, 'stats count each report once');
  const t3New2021 = reports.filter((r) => r.year === 2021 && r.tables.t3).reduce((s, r) => s + (r.tables.t3!.new_received?.total ?? 0), 0);
  assert.equal(stats.t3_totals_by_year['2021'].new_received, t3New2021);

  // pandas and R run the README's own snippets when they are installed.
  if (spawnSync('python3', ['-c', 'import pandas, pyarrow'], { stdio: 'ignore' }).status === 0) {
    const py = await readmeBlock('python', '# pandas');
    const out = execFileSync('python3', ['-c', `${py}\nimport json\nprint(json.dumps({"rows": len(r), "failing": len(failing), "region_code_is_text": bool(r.region_code.dropna().map(lambda v: isinstance(v, str)).all())}))`], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { rows: reports.length, failing: failing!.length, region_code_is_text: true });
  }
  if (spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0) {
    const r = await readmeBlock('r', '# R:');
    const out = execFileSync('Rscript', ['-e', `${r}\ncat(nrow(r), nrow(failing), class(r$region_code), sep = "|")`], { cwd: dir, encoding: 'utf8' });
    assert.equal(out.trim(), `${reports.length}|${failing!.length}|character`);
  }
}
