import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RecordStore } from '../../storage/record-store.ts';
import { buildSnapshot } from '../../storage/snapshot.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord, t3Row } from '../storage/make-record.ts';

/** A data directory with a handful of reports over several years/provinces, one crawl run, and one snapshot. */
export async function dataDirWithSnapshot() {
  const dataDir = await tmpDir('ogi-server-');
  const store = new RecordStore(dataDir);
  const places: Array<[string, string, 'province' | 'prefecture' | 'county']> = [['110000', '北京市人民政府', 'province'], ['320100', '南京市人民政府', 'prefecture'], ['320115', '南京市江宁区人民政府', 'county'], ['440300', '深圳市人民政府', 'prefecture']];
  let i = 0;
  for (const [code, agency, level] of places) {
    for (const year of [2019, 2020, 2021, 2022, 2023]) {
      i++;
      await store.upsert(makeRecord({
        report_id: `r${code}y${year}`, agency, region_code: code, admin_level: level, year, portal_id: `p${code}`,
        format: year >= 2021 ? '2021' : '2019', title: `${agency}${year}年政府信息公开工作年度报告`,
        // Governments are due on 31 March; one in four is a few days late, 2023 has no exact date.
        deadline: `${year + 1}-03-31`, days_after_deadline: year === 2023 ? null : i % 4 === 0 ? 5 : -20,
        tables: { t2: null, t3: { new_received: t3Row(10 + i), granted: t3Row(5 + (i % 3)), partially_granted: t3Row(2), denied_state_secret: t3Row(1), unable_not_held: t3Row(1 + (i % 2)), carried_over: t3Row(i % 4), carried_forward: t3Row((i + 1) % 4), total: t3Row(10 + i) }, t4: null },
        checks: [{ id: 'T3-total', status: i % 5 === 0 ? 'FAIL' : 'PASS', left: 1, right: 1, detail: 'x' }],
      }));
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
