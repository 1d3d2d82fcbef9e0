import type { Check, ReportRecord } from '../src/schema/record.ts';

/**
 * Counts gathered in the single pass over the records, for the manifest (`counts`) and for `stats.json`,
 * the small file the web page draws its charts from (so the page never has to read a whole snapshot).
 */
export interface CheckShare {
  id: string;
  /** Reports with at least one FAIL of this check. */
  reports_fail: number;
  /** Reports where the check could be assessed (PASS, FAIL or UNCERTAIN at least once). */
  reports_assessed: number;
}

export interface SnapshotStats {
  /** Distinct reports: one per duplicate_group (the primary copy); every count below counts only these. */
  reports: number;
  /** Copies left out of every count (rows with is_primary = false). */
  copies_excluded?: number;
  by_year_format: Record<string, Record<string, number>>;
  by_admin_level: Record<string, number>;
  /** First two digits of region_code (province-level division); 'unknown' when there is no code. */
  by_province: Record<string, number>;
  checks: CheckShare[];
  /** Σ 表三 rows (column `total`) by report year: year → row → sum. */
  t3_totals_by_year: Record<string, Record<string, number>>;
  /** Report year → how many were published by the statutory deadline, after it, or with no day-exact date. */
  timeliness_by_year?: Record<string, Record<Timeliness, number>>;
  /** What the dataset covers: reports and portals per province (first two digits of region_code) and level, years per portal. */
  coverage?: SnapshotCoverage;
}

export interface SnapshotCoverage {
  /** province ('11' … '65', 'central', 'unknown') → admin level → reports. */
  reports_by_province_level: Record<string, Record<string, number>>;
  /** province → admin level → portals with at least one report (a portal counts where most of its reports are). */
  portals_by_province_level: Record<string, Record<string, number>>;
  /** portal id → report years it holds, ascending. */
  years_by_portal: Record<string, number[]>;
}

export type Timeliness = 'on_time' | 'late' | 'unknown';

export interface SnapshotCounts {
  /** Rows in reports.* (every copy). */
  reports: number;
  /** Distinct reports (primary copies, `is_primary`); the by_* counts count only these. */
  primary_reports: number;
  /** Rows that are a further copy of a report (`is_primary` false). */
  copies: number;
  /** Duplicate groups with more than one copy. */
  duplicate_groups: number;
  /** Latest records in the store that the parser marked as not a report (left out of the snapshot). */
  not_reports: number;
  /** Records left out because a value did not fit its column type (listed in manifest.skipped). */
  skipped: number;
  cells: number;
  checks: number;
  cross_year_checks: Record<string, number>;
  by_year: Record<string, number>;
  by_format: Record<string, number>;
  by_admin_level: Record<string, number>;
  by_check_status: Record<string, number>;
  by_parser_version: Record<string, number>;
}

const bump = (o: Record<string, number>, k: string, n = 1) => {
  o[k] = (o[k] ?? 0) + n;
};

/** Plain data, so a worker thread can post its part and the main thread can merge the parts. */
export interface StatsState {
  counts: SnapshotCounts;
  byYearFormat: Record<string, Record<string, number>>;
  byProvince: Record<string, number>;
  t3: Record<string, Record<string, number>>;
  timeliness: Record<string, Record<string, number>>;
  checkShares: Record<string, CheckShare>;
  /** Coverage: province → level → reports, and per portal its province, level and years (merged across parts). */
  coverage?: { reports: Record<string, Record<string, number>>; portals: Record<string, { where: Record<string, number>; years: number[] }> };
}

const addInto = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) bump(into, k, v);
};

export class StatsAccumulator {
  readonly state: StatsState = {
    counts: {
      reports: 0, primary_reports: 0, copies: 0, duplicate_groups: 0, not_reports: 0, skipped: 0, cells: 0, checks: 0, cross_year_checks: {},
      by_year: {}, by_format: {}, by_admin_level: {}, by_check_status: {}, by_parser_version: {},
    },
    byYearFormat: {},
    byProvince: {},
    t3: {},
    timeliness: {},
    checkShares: {},
    coverage: { reports: {}, portals: {} },
  };
  /** report id → check id → [failed, assessed], only for checks added after the record pass (cross-year). */
  private readonly late = new Map<string, Map<string, [boolean, boolean]>>();

  get counts(): SnapshotCounts {
    return this.state.counts;
  }

  /** Every report row: file counts, and (until `removeCopy`) the distinct-report counts. */
  addReport(r: ReportRecord, checkStatus: string, cells: number): void {
    const c = this.state.counts;
    c.reports++;
    c.primary_reports++;
    c.cells += cells;
    c.checks += r.checks.length;
    this.apply(r, checkStatus, 1);
  }

  /** Takes a non-primary copy, added by `addReport`, back out of every count but the file counts. */
  removeCopy(r: ReportRecord, checkStatus: string): void {
    this.state.counts.primary_reports--;
    this.state.counts.copies++;
    this.apply(r, checkStatus, -1);
  }

  private apply(r: ReportRecord, checkStatus: string, n: 1 | -1): void {
    const c = this.state.counts;
    const year = r.year == null ? 'unknown' : String(r.year);
    bump(c.by_year, year, n);
    bump(c.by_format, r.format, n);
    bump(c.by_admin_level, r.admin_level ?? 'unknown', n);
    bump(c.by_check_status, checkStatus, n);
    bump(c.by_parser_version, r.parser_version, n);
    bump((this.state.byYearFormat[year] ??= {}), r.format, n);
    bump(this.state.byProvince, r.region_code && /^\d{2}/.test(r.region_code) ? r.region_code.slice(0, 2) : 'unknown', n);
    if (r.year != null && r.deadline) {
      const d = r.days_after_deadline;
      bump((this.state.timeliness[year] ??= {}), d == null ? 'unknown' : d > 0 ? 'late' : 'on_time', n);
    }
    const t3 = r.tables.t3;
    if (t3 && r.year != null) {
      const sums = (this.state.t3[year] ??= {});
      for (const row in t3) {
        const v = t3[row]!.total;
        if (typeof v === 'number' && Number.isFinite(v)) bump(sums, row, n * v);
      }
    }
    this.foldChecks(r.checks, n);
    this.addCoverage(r, n);
  }

  /**
   * Reports count distinct reports (n = -1 takes a copy back out, as everywhere above); a portal's own coverage
   * (where it points, which years it holds) keeps its copies: a portal that reposts a report does cover that year.
   */
  private addCoverage(r: ReportRecord, n: 1 | -1): void {
    const cov = (this.state.coverage ??= { reports: {}, portals: {} });
    const province = r.admin_level === 'central' ? 'central' : r.region_code && /^\d{2}/.test(r.region_code) ? r.region_code.slice(0, 2) : 'unknown';
    const level = r.admin_level ?? 'unknown';
    bump((cov.reports[province] ??= {}), level, n);
    if (!r.portal_id || n < 0) return;
    const p = (cov.portals[r.portal_id] ??= { where: {}, years: [] });
    bump(p.where, `${province} ${level}`);
    if (r.year != null && !p.years.includes(r.year)) p.years.push(r.year);
  }

  private foldChecks(checks: readonly Pick<Check, 'id' | 'status'>[], n: 1 | -1 = 1): void {
    if (!checks.length) return;
    const seen = new Map<string, [boolean, boolean]>();
    for (const ch of checks) {
      const f = seen.get(ch.id) ?? [false, false];
      if (ch.status === 'FAIL') f[0] = true;
      if (ch.status !== 'NOT_ASSESSABLE') f[1] = true;
      seen.set(ch.id, f);
    }
    for (const [id, [failed, assessed]] of seen) this.share(id, failed, assessed, n);
  }

  private share(id: string, failed: boolean, assessed: boolean, n: 1 | -1 = 1): void {
    const s = (this.state.checkShares[id] ??= { id, reports_fail: 0, reports_assessed: 0 });
    if (failed) s.reports_fail += n;
    if (assessed) s.reports_assessed += n;
  }

  /** Drops keys whose count a removal brought back to zero, so a copy leaves no empty year or format behind. */
  private prune(): void {
    const clean = (o: Record<string, number>) => {
      for (const k of Object.keys(o)) if (o[k] === 0) delete o[k];
    };
    const c = this.state.counts;
    for (const o of [c.by_year, c.by_format, c.by_admin_level, c.by_check_status, c.by_parser_version, this.state.byProvince]) clean(o);
    for (const [y, m] of Object.entries(this.state.byYearFormat)) {
      clean(m);
      if (!Object.keys(m).length) delete this.state.byYearFormat[y];
    }
    for (const [y, m] of Object.entries(this.state.timeliness)) if (!Object.values(m).some((v) => v !== 0)) delete this.state.timeliness[y];
    for (const [id, s] of Object.entries(this.state.checkShares)) if (!s.reports_fail && !s.reports_assessed) delete this.state.checkShares[id];
  }

  /** Adds another part's counts (each report is counted in exactly one part). */
  merge(o: StatsState): void {
    const c = this.state.counts;
    for (const k of ['reports', 'primary_reports', 'copies', 'duplicate_groups', 'not_reports', 'skipped', 'cells', 'checks'] as const) c[k] += o.counts[k];
    for (const k of ['cross_year_checks', 'by_year', 'by_format', 'by_admin_level', 'by_check_status', 'by_parser_version'] as const) addInto(c[k], o.counts[k]);
    for (const [y, m] of Object.entries(o.byYearFormat)) addInto((this.state.byYearFormat[y] ??= {}), m);
    addInto(this.state.byProvince, o.byProvince);
    for (const [y, m] of Object.entries(o.t3)) addInto((this.state.t3[y] ??= {}), m);
    for (const [y, m] of Object.entries(o.timeliness)) addInto((this.state.timeliness[y] ??= {}), m);
    if (o.coverage) {
      const cov = (this.state.coverage ??= { reports: {}, portals: {} });
      for (const [prov, m] of Object.entries(o.coverage.reports)) addInto((cov.reports[prov] ??= {}), m);
      for (const [id, p] of Object.entries(o.coverage.portals)) {
        const t = (cov.portals[id] ??= { where: {}, years: [] });
        addInto(t.where, p.where);
        for (const y of p.years) if (!t.years.includes(y)) t.years.push(y);
      }
    }
    for (const s of Object.values(o.checkShares)) {
      const t = (this.state.checkShares[s.id] ??= { id: s.id, reports_fail: 0, reports_assessed: 0 });
      t.reports_fail += s.reports_fail;
      t.reports_assessed += s.reports_assessed;
    }
  }

  addLateCheck(reportId: string, check: Pick<Check, 'id' | 'status'>): void {
    this.state.counts.checks++;
    bump(this.state.counts.cross_year_checks, `${check.id} ${check.status}`);
    const perReport = this.late.get(reportId) ?? new Map<string, [boolean, boolean]>();
    const f = perReport.get(check.id) ?? [false, false];
    if (check.status === 'FAIL') f[0] = true;
    if (check.status !== 'NOT_ASSESSABLE') f[1] = true;
    perReport.set(check.id, f);
    this.late.set(reportId, perReport);
  }

  skip(): void {
    this.state.counts.skipped++;
  }

  notReport(): void {
    this.state.counts.not_reports++;
  }

  stats(): SnapshotStats {
    for (const perReport of this.late.values()) for (const [id, [failed, assessed]] of perReport) this.share(id, failed, assessed);
    this.late.clear();
    this.prune();
    return {
      reports: this.state.counts.primary_reports,
      copies_excluded: this.state.counts.copies,
      by_year_format: this.state.byYearFormat,
      by_admin_level: this.state.counts.by_admin_level,
      by_province: this.state.byProvince,
      checks: Object.values(this.state.checkShares).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })),
      t3_totals_by_year: this.state.t3,
      timeliness_by_year: Object.fromEntries(Object.entries(this.state.timeliness).map(([y, m]) => [y, { on_time: m.on_time ?? 0, late: m.late ?? 0, unknown: m.unknown ?? 0 }])),
      coverage: coverageOf(this.state.coverage ?? { reports: {}, portals: {} }),
    };
  }
}

function coverageOf(c: NonNullable<StatsState['coverage']>): SnapshotCoverage {
  const portals: Record<string, Record<string, number>> = {};
  const years: Record<string, number[]> = {};
  for (const id of Object.keys(c.portals).sort()) {
    const p = c.portals[id]!;
    const [province, level] = Object.entries(p.where).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0].split(' ') as [string, string];
    bump((portals[province] ??= {}), level);
    years[id] = [...p.years].sort((a, b) => a - b);
  }
  return { reports_by_province_level: c.reports, portals_by_province_level: portals, years_by_portal: years };
}
