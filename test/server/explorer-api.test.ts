// The report explorer's JSON API over the fixture snapshot: search with filters and counts, one report with
// its checks, archived copy and versions, one agency across the years, coverage by province.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../src/server/start.ts';
import { servedFixtureSnapshot } from './fixture-snapshot.ts';

const served = servedFixtureSnapshot();

const get = async (p: string) => {
  const r = await fetch(served.server.url + p);
  return { status: r.status, body: await r.json(), headers: r.headers };
};

test('search: partial Chinese agency name, filters, paging, counts', async () => {
  const all = await get('/api/reports');
  assert.equal(all.status, 200);
  assert.equal(all.body.snapshot, served.fx.snap.id);
  assert.equal(all.body.total, 20);
  assert.equal(all.body.results.length, 20);
  assert.deepEqual(all.body.facets.region.map((f: { value: string; label: string; count: number }) => [f.value, f.label, f.count]), [['32', '江苏省', 10], ['11', '北京市', 5], ['44', '广东省', 5]]);

  // Pages without a filter are ranges of the same order.
  const paged = await get('/api/reports?per_page=3&page=2');
  assert.deepEqual(paged.body.results.map((r: { report_id: string }) => r.report_id), all.body.results.slice(3, 6).map((r: { report_id: string }) => r.report_id));
  assert.equal(paged.body.total, 20);
  assert.equal((await get('/api/reports?page=2')).body.results.length, 0);

  const q = await get(`/api/reports?q=${encodeURIComponent('江宁')}&per_page=2&page=2`);
  assert.equal(q.body.total, 5);
  assert.equal(q.body.pages, 3);
  assert.deepEqual(q.body.results.map((r: { report_id: string }) => r.report_id), ['r320115y2021', 'r320115y2020']);
  assert.equal(q.body.results[0].region_name, '江苏省 南京市 江宁区');
  assert.equal(q.body.results[0].agency_key, '320115-南京市江宁区人民政府');

  // Province → city → county by code; a full 6-digit province code means the province.
  const province = await get('/api/reports?region=320000');
  assert.equal(province.body.total, 10);
  assert.deepEqual(province.body.facets.region.map((f: { value: string }) => f.value), ['3201']);
  const city = await get('/api/reports?region=3201');
  assert.deepEqual(city.body.facets.region.map((f: { value: string; count: number }) => [f.value, f.count]), [['320100', 5], ['320115', 5]]);
  assert.equal((await get('/api/reports?region=320115')).body.total, 5);

  const filtered = await get('/api/reports?year=2023&check=FAIL&format=2021&level=county');
  assert.deepEqual(filtered.body.results.map((r: { report_id: string }) => r.report_id), ['r320115y2023']);
  assert.deepEqual((await get('/api/reports?check=FAIL')).body.facets.year, [{ value: '2023', label: '2023', count: 4 }]);
  assert.equal((await get('/api/reports?q=&region=&year=')).body.total, 20, 'empty fields mean any');
  assert.equal((await get(`/api/reports?q=${encodeURIComponent('不存在的机关')}`)).body.total, 0);
});

test('search: bad parameters are 400 with the field named', async () => {
  for (const [p, field] of [['year=abc', 'year'], ['region=32a', 'region'], ['level=city', 'level'], ['check=ok', 'check'], ['page=0', 'page'], ['per_page=1000', 'per_page'], ['sql=1', 'sql'], ['year=2020&year=2021', 'year']] as const) {
    const r = await get(`/api/reports?${p}`);
    assert.equal(r.status, 400, p);
    assert.match(r.body.error, new RegExp(`^${field}`), p);
  }
  // A quote or wildcard in the name is searched for as text.
  assert.equal((await get(`/api/reports?q=${encodeURIComponent("' OR 1=1 --")}`)).body.total, 0);
  assert.equal((await get('/api/reports?q=%25')).body.total, 0);
});

test('one report: record, failed check with both sides, cross-year checks, archived copy, versions', async () => {
  const r = await get('/api/reports/r320115y2023');
  assert.equal(r.status, 200);
  assert.equal(r.body.report.agency, '南京市江宁区人民政府');
  assert.equal(r.body.report.tables.t3.new_received.total, (10 + 15) * 6);
  const fail = r.body.report.checks.find((c: { status: string }) => c.status === 'FAIL');
  assert.deepEqual([fail.left, fail.right], [150, 147]);
  assert.ok(r.body.cross_year_checks.some((c: { check_id: string }) => c.check_id === 'X-1'));
  assert.equal(r.body.archive.raw, '/reports/r320115y2023/raw');
  assert.equal(r.body.archive.text, '/reports/r320115y2023/text');
  assert.equal(r.body.layout.t3.rows[0].label, '一、本年新收政府信息公开申请数量');
  // Each format's own 表三 rows, from the format registry: 2019 prints one (六) row, 2021 three.
  const own = r.body.layout.t3.format_rows;
  assert.ok(own['2019'].includes('other') && !own['2019'].includes('other_overdue_fee'));
  assert.ok(!own['2021'].includes('other') && own['2021'].includes('other_overdue_fee') && own['2021'].includes('carried_forward'));

  const raw = await fetch(served.server.url + r.body.archive.raw);
  assert.equal(raw.status, 200);
  assert.match(raw.headers.get('content-type')!, /^text\/html; charset=utf-8/);
  assert.match(raw.headers.get('content-security-policy')!, /^sandbox; default-src 'none'/);
  assert.match(await raw.text(), /南京市江宁区人民政府2023年/);
  const text = await fetch(served.server.url + r.body.archive.text);
  assert.match(text.headers.get('content-type')!, /^text\/plain/);
  assert.match(await text.text(), /r320115y2023/);

  const edited = await get('/api/reports/r320115y2022');
  assert.deepEqual(edited.body.versions.map((v: { version: number; in_snapshot: boolean }) => [v.version, v.in_snapshot]), [[1, false], [2, true]]);
  const changes = edited.body.versions[1].changes;
  assert.equal(changes.text_changed, true);
  assert.ok(changes.cells.some((c: { table: string; row: string; column: string; to: number }) => c.table === 't3' && c.row === 'granted' && c.column === 'total' && c.to === 54));

  for (const p of ['/api/reports/nope', '/api/reports/__proto__', '/reports/nope/raw', '/reports/r320115y2023/attachments/0', '/reports/r320115y2023/attachments/constructor']) {
    const x = await fetch(served.server.url + p);
    assert.equal(x.status, 404, p);
    assert.doesNotMatch(await x.text(), /\/tmp\//);
  }
});

test('one agency over the years: figures, year-on-year change, cross-year checks', async () => {
  const a = await get(`/api/agencies/${encodeURIComponent('320115-南京市江宁区人民政府')}`);
  assert.equal(a.status, 200);
  assert.deepEqual(a.body.reports.map((r: { year: number }) => r.year), [2019, 2020, 2021, 2022, 2023]);
  const [y19, y20] = a.body.reports;
  assert.equal(y19.values.requests, (10 + 11) * 6);
  assert.equal(y20.values.requests, (10 + 12) * 6);
  assert.equal(y20.change.requests, 6);
  assert.equal(y19.change.requests, null);
  assert.equal(y20.values.reconsiderations, 12 % 3);
  assert.equal(y20.values.lawsuits, 1);
  assert.ok(a.body.cross_year_checks.length >= 4);
  assert.ok(a.body.cross_year_checks.every((c: { scope: string }) => c.scope === 'cross_year'));
  assert.equal((await get(`/api/agencies/${encodeURIComponent('320116-南京市江宁区人民政府')}`)).status, 404);
  assert.equal((await get('/api/agencies/__proto__')).status, 404);
});

test('coverage by province: reports, portals and agencies', async () => {
  const c = await get('/api/coverage');
  assert.deepEqual(c.body.provinces.map((p: { code: string; reports: number; portals: number }) => [p.code, p.reports, p.portals]), [['32', 10, 2], ['11', 5, 1], ['44', 5, 1]]);
});

test('nothing the explorer does writes to the data directory or the working directory', async () => {
  const { readdir, stat } = await import('node:fs/promises');
  const path = await import('node:path');
  async function tree(dir: string): Promise<string[]> {
    const out: string[] = [];
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) out.push(`${p}/`, ...(await tree(p)));
      else {
        const s = await stat(p);
        out.push(`${p} ${s.size} ${s.mtimeMs}`);
      }
    }
    return out.sort();
  }
  const before = await tree(served.fx.dataDir);
  const cwdBefore = (await readdir(process.cwd())).sort();
  // A fresh server, so opening the snapshot (DuckDB, the reports.jsonl index) happens inside the window.
  const fresh = await startServer({ dataDir: served.fx.dataDir });
  try {
    for (const p of ['/api/reports?q=%E6%B1%9F%E5%AE%81', '/api/reports/r320115y2022', '/reports/r320115y2022/text', '/reports/r320115y2022/raw',
      `/api/agencies/${encodeURIComponent('320115-南京市江宁区人民政府')}`, '/api/coverage', '/api/snapshots', '/api/snapshots/latest', '/snapshots/latest/reports.csv',
      '/', '/reports/r320115y2022', '/codebook', '/api/crawl-status']) {
      const r = await fetch(fresh.url + p);
      assert.equal(r.status, 200, p);
      await r.arrayBuffer();
    }
  } finally {
    await fresh.close();
  }
  assert.deepEqual(await tree(served.fx.dataDir), before);
  assert.deepEqual((await readdir(process.cwd())).sort(), cwdBefore);
});

test('a newer snapshot is picked up by the next search', async () => {
  const { buildSnapshot } = await import('../../storage/snapshot.ts');
  const before = await get('/api/reports');
  await new Promise((r) => setTimeout(r, 1100)); // snapshot ids are to the second
  const next = await buildSnapshot({ dataDir: served.fx.dataDir });
  assert.notEqual(next.id, before.body.snapshot);
  const after = await get('/api/reports');
  assert.equal(after.body.snapshot, next.id);
  assert.equal(after.body.total, 20);
  assert.equal((await get('/api/snapshots/latest')).body.id, next.id);
  assert.equal((await get('/api/reports/r320115y2023')).body.snapshot, next.id);
});
