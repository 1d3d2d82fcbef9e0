import type { SnapshotStats } from '../../storage/snapshot.ts';
import type { Timeliness } from '../../storage/snapshot-stats.ts';
import { PROVINCES } from './provinces.ts';

/**
 * The page's chart series, derived from a snapshot's stats.json: 表三 rows grouped into outcome classes,
 * provinces named, check failure shares as fractions. Kept on the server so the page script only draws.
 */
export const OUTCOMES: Array<[string, string, (row: string) => boolean]> = [
  ['granted', '予以公开 granted', (r) => r === 'granted'],
  ['partially_granted', '部分公开 partly granted', (r) => r === 'partially_granted'],
  ['denied', '不予公开 denied', (r) => r.startsWith('denied_')],
  ['unable', '无法提供 unable to provide', (r) => r.startsWith('unable_')],
  ['not_processed', '不予处理 not processed', (r) => r.startsWith('unprocessed_')],
  ['other', '其他处理 other', (r) => r === 'other' || r.startsWith('other_')],
];

export interface ChartData {
  years: string[];
  formats: string[];
  by_year_format: Record<string, number[]>;
  admin_levels: Array<{ level: string; reports: number }>;
  provinces: Array<{ code: string; name: string; reports: number }>;
  checks: Array<{ id: string; reports_fail: number; reports_assessed: number; share_fail: number | null }>;
  outcomes: { years: string[]; series: Array<{ key: string; label: string; values: number[] }> };
  timeliness: { years: string[]; series: Array<{ key: string; label: string; values: number[] }> };
}

const TIMELINESS: Array<[Timeliness, string]> = [
  ['on_time', '按期 by the deadline'],
  ['late', '逾期 after the deadline'],
  ['unknown', '日期不详 no exact date'],
];

const byNumericKey = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function chartData(stats: SnapshotStats): ChartData {
  const years = Object.keys(stats.by_year_format).sort(byNumericKey);
  const formats = [...new Set(years.flatMap((y) => Object.keys(stats.by_year_format[y]!)))].sort();
  const by_year_format: Record<string, number[]> = {};
  for (const f of formats) by_year_format[f] = years.map((y) => stats.by_year_format[y]![f] ?? 0);
  const t3Years = Object.keys(stats.t3_totals_by_year).sort(byNumericKey);
  // Snapshots written before schema 1.1.0 have no timeliness counts.
  const timely = stats.timeliness_by_year ?? {};
  const timelyYears = Object.keys(timely).sort(byNumericKey);
  return {
    years,
    formats,
    by_year_format,
    admin_levels: Object.entries(stats.by_admin_level).map(([level, reports]) => ({ level, reports })).sort((a, b) => b.reports - a.reports),
    provinces: Object.entries(stats.by_province)
      .map(([code, reports]) => ({ code, name: PROVINCES[code] ?? (code === 'unknown' ? '未知 unknown' : code), reports }))
      .sort((a, b) => b.reports - a.reports),
    checks: stats.checks.map((c) => ({ ...c, share_fail: c.reports_assessed ? c.reports_fail / c.reports_assessed : null })),
    outcomes: {
      years: t3Years,
      series: OUTCOMES.map(([key, label, match]) => ({
        key,
        label,
        values: t3Years.map((y) => Object.entries(stats.t3_totals_by_year[y]!).reduce((s, [row, v]) => (match(row) ? s + v : s), 0)),
      })),
    },
    timeliness: {
      years: timelyYears,
      series: TIMELINESS.map(([key, label]) => ({ key, label, values: timelyYears.map((y) => timely[y]![key] ?? 0) })),
    },
  };
}
