import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { startServer } from '../../src/server/start.ts';
import { Archive } from '../../storage/archive.ts';
import { RecordStore } from '../../storage/record-store.ts';
import { buildSnapshot } from '../../storage/snapshot.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord, t3Row } from '../storage/make-record.ts';

/**
 * A data directory with a handful of reports over several years/provinces, one crawl run, and one snapshot.
 * Every report has its raw page in the archive (with a script the server must not let run); one in five fails
 * the T3-2 check; 南京市江宁区人民政府's 2022 report was edited after publication (two versions).
 */
export async function dataDirWithSnapshot() {
  const dataDir = await tmpDir('ogi-server-');
  const store = new RecordStore(dataDir);
  const archive = new Archive(dataDir);
  const places: Array<[string, string, 'province' | 'prefecture' | 'county']> = [['110000', '北京市人民政府', 'province'], ['320100', '南京市人民政府', 'prefecture'], ['320115', '南京市江宁区人民政府', 'county'], ['440300', '深圳市人民政府', 'prefecture']];
  let i = 0;
  for (const [code, agency, level] of places) {
    for (const year of [2019, 2020, 2021, 2022, 2023]) {
      i++;
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      const raw = await archive.put(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><script>document.title = 'script ran'</script></head><body><h1>${title}</h1><p>本年新收政府信息公开申请${10 + i}件。</p></body></html>`);
      const fail = i % 5 === 0;
      const t4 = { reconsideration: { upheld: i % 3, corrected: 0, other: 0, pending: 0, total: i % 3 }, litigation_direct: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 }, litigation_after_reconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 } };
      const rec = makeRecord({
        report_id: `r${code}y${year}`, agency, region_code: code, admin_level: level, year, portal_id: `p${code}`,
        format: year >= 2021 ? '2021' : '2019', title, raw_sha256: raw,
        // Governments are due on 31 March; one in four is a few days late, 2023 has no exact date.
        deadline: `${year + 1}-03-31`, days_after_deadline: year === 2023 ? null : i % 4 === 0 ? 5 : -20,
        tables: { t2: null, t3: { new_received: t3Row(10 + i), granted: t3Row(5 + (i % 3)), partially_granted: t3Row(2), denied_state_secret: t3Row(1), unable_not_held: t3Row(1 + (i % 2)), carried_over: t3Row(i % 4), carried_forward: t3Row((i + 1) % 4), total: t3Row(10 + i) }, t4 },
        checks: [{ id: 'T3-2', status: fail ? 'FAIL' : 'PASS', column: 'total', left: (10 + i) * 6, right: fail ? (10 + i) * 6 - 3 : (10 + i) * 6, detail: '（七）总计 = sum of the outcome rows' }],
        warnings: fail ? ['表三 total row does not add up'] : [],
      });
      await store.upsert(rec);
      if (code === '320115' && year === 2022) {
        // A silent edit: the page changed after publication, one figure with it.
        await store.upsert({ ...rec, text: `${rec.text} 修订`, content_sha256: `${rec.content_sha256.slice(0, 60)}beef`, tables: { ...rec.tables, t3: { ...rec.tables.t3!, granted: t3Row(9) } } });
      }
    }
  }
  await mkdir(path.join(dataDir, 'runs'));
  await writeFile(path.join(dataDir, 'runs', 'run1.json'), JSON.stringify({
    run_id: 'run1', started_at: '2026-01-01T02:00:00Z', finished_at: '2026-01-01T02:40:00Z',
    portals: [
      { portal_id: 'p110000', status: 'ok', reports_found: 5, pages_fetched: 40, finished_at: '2026-01-01T02:10:00Z' },
      { portal_id: 'p320100', status: 'blocked', reports_found: 0, pages_fetched: 2, finished_at: '2026-01-01T02:20:00Z', error: 'HTTP 412 from every page' },
      { portal_id: 'p440300', status: 'failed', reports_found: 0, pages_fetched: 0, finished_at: '2026-01-01T02:30:00Z', error: 'DNS failure' },
    ],
  }));
  const snap = await buildSnapshot({ dataDir });
  return { dataDir, snap };
}

/**
 * Registers before/after hooks that build the fixture data directory and serve it on 127.0.0.1; the returned
 * object's fields are filled once `before` has run.
 */
export function servedFixtureSnapshot() {
  const it = {} as { fx: Awaited<ReturnType<typeof dataDirWithSnapshot>>; server: Awaited<ReturnType<typeof startServer>> };
  before(async () => {
    it.fx = await dataDirWithSnapshot();
    it.server = await startServer({ dataDir: it.fx.dataDir });
  });
  after(async () => {
    await it.server?.close();
  });
  return it;
}
