// Coverage in a snapshot's stats: reports and portals by province and level, years per portal, merged across parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatsAccumulator } from '../../storage/snapshot-stats.ts';
import type { ReportRecord } from '../../src/schema/record.ts';

const rec = (portal_id: string | null, region_code: string | null, admin_level: string | null, year: number | null) =>
  ({ portal_id, region_code, admin_level, year, format: 'html', parser_version: 't', checks: [], tables: {}, deadline: null, days_after_deadline: null }) as unknown as ReportRecord;

test('coverage counts reports and portals by province and level and lists the years of each portal', () => {
  const a = new StatsAccumulator();
  a.addReport(rec('fj-pingtan', '350128', 'county', 2019), 'PASS', 0);
  a.addReport(rec('fj-pingtan', '350128', 'county', 2021), 'PASS', 0);
  a.addReport(rec('cn-mof', null, 'central', 2020), 'PASS', 0);
  const b = new StatsAccumulator();
  b.addReport(rec('fj-pingtan', '350128', 'county', 2019), 'PASS', 0);
  b.addReport(rec('fj-sm', '350400', 'prefecture', 2022), 'PASS', 0);
  b.addReport(rec(null, null, null, null), 'PASS', 0);
  a.merge(b.state);
  const c = a.stats().coverage!;
  assert.deepEqual(c.reports_by_province_level, { '35': { county: 3, prefecture: 1 }, central: { central: 1 }, unknown: { unknown: 1 } });
  assert.deepEqual(c.portals_by_province_level, { '35': { county: 1, prefecture: 1 }, central: { central: 1 } });
  assert.deepEqual(c.years_by_portal, { 'cn-mof': [2020], 'fj-pingtan': [2019, 2021], 'fj-sm': [2022] });
});
