import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { sqlIdent, sqlString } from '../../../storage/duckdb.ts';
import type { Snapshot } from '../catalog.ts';
import { regionName, regionPath } from '../regions.ts';
import type { SearchQuery } from './search-query.ts';

/**
 * The search side of one snapshot: the identity columns and a few totals of `reports.parquet` copied into an
 * in-memory DuckDB table (about 100 bytes a report, never the nested records), queried with parameters.
 * Per-report detail comes from reports.jsonl (record-lines.ts); checks from `checks.parquet` on demand.
 */
const BASE = [
  'report_id', 'version', 'portal_id', 'url', 'title', 'agency', 'year', 'published_at', 'deadline', 'days_after_deadline',
  'admin_level', 'scope', 'region_code', 'format', 'checks_fail', 'checks_status', 'n_warnings', 'source_kind',
];
/** Added to snapshots by later builds; used when present. */
const OPTIONAL = ['region_name', 'province_code', 'prefecture'];

/** Figures of the agency timeline: one SQL expression each over the wide columns that exist. */
const METRICS: Array<{ key: string; label: string; cols: (c: string[]) => string[] }> = [
  { key: 'requests', label: '本年新收申请 new requests', cols: (c) => c.filter((n) => n === 't3_new_received_total' || n === 'fig_requests_received') },
  { key: 'carried_over', label: '上年结转 carried over', cols: (c) => c.filter((n) => n === 't3_carried_over_total') },
  { key: 'granted', label: '予以公开 granted', cols: (c) => c.filter((n) => n === 't3_granted_total') },
  { key: 'partially_granted', label: '部分公开 partly granted', cols: (c) => c.filter((n) => n === 't3_partially_granted_total') },
  { key: 'denied', label: '不予公开 denied', cols: (c) => c.filter((n) => /^t3_denied_.*_total$/.test(n)) },
  { key: 'unable', label: '无法提供 unable to provide', cols: (c) => c.filter((n) => /^t3_unable_.*_total$/.test(n)) },
  { key: 'not_processed', label: '不予处理 not processed', cols: (c) => c.filter((n) => /^t3_unprocessed_.*_total$/.test(n)) },
  { key: 'handled', label: '总计 handled', cols: (c) => c.filter((n) => n === 't3_total_total') },
  { key: 'carried_forward', label: '结转下年 carried forward', cols: (c) => c.filter((n) => n === 't3_carried_forward_total') },
  { key: 'reconsiderations', label: '行政复议 reconsiderations', cols: (c) => c.filter((n) => n === 't4_reconsideration_total' || n === 'fig_reconsideration_total') },
  { key: 'lawsuits', label: '行政诉讼 lawsuits', cols: (c) => c.filter((n) => n === 't4_litigation_direct_total' || n === 't4_litigation_after_reconsideration_total' || n === 'fig_litigation_total') },
];

/** A sum that stays NULL when every part is NULL (a blank cell is not zero). */
const sumOf = (cols: string[]) => (cols.length ? `CASE WHEN ${cols.map((c) => `${sqlIdent(c)} IS NULL`).join(' AND ')} THEN NULL ELSE ${cols.map((c) => `coalesce(${sqlIdent(c)}, 0)`).join(' + ')} END` : 'NULL');

export interface Facet { value: string; label: string; count: number }

export interface SearchResult {
  snapshot: string;
  total: number;
  page: number;
  per_page: number;
  pages: number;
  results: Array<Record<string, unknown>>;
  facets: { region: Facet[]; admin_level: Facet[]; year: Facet[]; format: Facet[]; checks_status: Facet[] };
  region: { code: string; path: string | null } | null;
}

/** `<region_code>-<agency>`: the agency name plus where it is, so two 财政局 of different counties stay apart. */
export const agencyKey = (agency: string | null, regionCode: string | null) => (agency ? `${regionCode ?? ''}-${agency}` : null);
export function parseAgencyKey(key: string): { agency: string; region: string } | null {
  const m = /^(\d{0,12})-(.{1,200})$/su.exec(key);
  return m ? { region: m[1]!, agency: m[2]! } : null;
}

const plain = (row: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(row)) if (typeof v === 'bigint') row[k] = Number(v);
  return row;
};

export class ReportIndex {
  private chain: Promise<unknown> = Promise.resolve();
  private constructor(
    readonly snapshot: Snapshot,
    private readonly db: DuckDBInstance,
    private readonly con: DuckDBConnection,
    readonly columns: string[],
    private readonly checksFile: string | null,
    private readonly reportsFile: string,
    /** The timeline figures as SQL over reports.parquet: read per agency, not held for every report. */
    private readonly metricsSql: string,
  ) {}

  static async open(s: Snapshot, reportsFile: string, checksFile: string | null): Promise<ReportIndex> {
    // No temporary directory: the server writes nothing anywhere (the table is small enough never to spill).
    // No file cache either: the parquet file is read once, into the table.
    const db = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB', temp_directory: '', enable_external_file_cache: 'false' });
    const con = await db.connect();
    try {
      const src = `read_parquet(${sqlString(reportsFile)})`;
      const have = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjectsJson().map((r) => String(r.column_name));
      const keep = [...BASE, ...OPTIONAL].filter((c) => have.includes(c));
      // Stored in display order (so `rowid` is the rank: no window function, which doubled the memory of
      // opening), with the facet keys precomputed: a search is a filtered scan, a top-N on one integer and one
      // grouping pass over plain columns.
      await con.run(`CREATE TABLE r AS SELECT ${keep.map(sqlIdent).join(', ')}, CAST(year AS VARCHAR) AS f_year,
          substr(region_code, 1, 2) AS f_r2, substr(region_code, 1, 4) AS f_r4, substr(region_code, 1, 6) AS f_r6
        FROM ${src} ORDER BY year DESC NULLS LAST, agency, report_id`);
      const metrics = METRICS.map((m) => `${sumOf(m.cols(have))} AS ${sqlIdent(`m_${m.key}`)}`).join(', ');
      return new ReportIndex(s, db, con, keep, checksFile, reportsFile, metrics);
    } catch (err) {
      con.closeSync();
      db.closeSync();
      throw err;
    }
  }

  close(): void {
    void this.chain.finally(() => {
      this.con.closeSync();
      this.db.closeSync();
    });
  }

  /** One statement at a time on the connection. */
  private query(sql: string, values: Array<string | number> = []): Promise<Array<Record<string, unknown>>> {
    const run = this.chain.then(async () => (await this.con.runAndReadAll(sql, values)).getRowObjectsJS().map((r) => plain(r as Record<string, unknown>)));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private where(q: SearchQuery, skip?: string): { sql: string; values: Array<string | number> } {
    const parts: string[] = [];
    const values: Array<string | number> = [];
    if (q.q) {
      // Partial match on the name as printed and on the title, so 江宁 finds 南京市江宁区人民政府.
      parts.push('(contains(agency, ?) OR contains(title, ?))');
      values.push(q.q, q.q);
    }
    if (q.region && skip !== 'region') {
      parts.push('starts_with(region_code, ?)');
      values.push(q.region);
    }
    for (const [key, col] of [['level', 'admin_level'], ['year', 'year'], ['format', 'format'], ['check', 'checks_status']] as const) {
      const v = q[key];
      if (v === undefined || skip === key) continue;
      parts.push(`${col} = ?`);
      values.push(v);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values };
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const w = this.where(q);
    const offset = (q.page - 1) * q.per_page;
    const hasName = this.columns.includes('region_name');
    // Without a filter a page is a range of rowids.
    const page = w.sql ? `${w.sql} ORDER BY rowid LIMIT ${q.per_page} OFFSET ${offset}` : `WHERE rowid >= ${offset} AND rowid < ${offset + q.per_page} ORDER BY rowid`;
    const rows = await this.query(
      `SELECT report_id, agency, title, year, region_code, ${hasName ? 'region_name' : 'NULL AS region_name'}, admin_level, scope, format,
              published_at, deadline, days_after_deadline, checks_status, checks_fail, n_warnings, url
       FROM r ${page}`,
      w.values,
    );
    const { total, facets } = await this.facets(q, w);
    facets.year.sort((a, b) => b.value.localeCompare(a.value));
    for (const k of ['region', 'admin_level', 'format', 'checks_status'] as const) facets[k].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      snapshot: this.snapshot.id,
      total,
      page: q.page,
      per_page: q.per_page,
      pages: Math.max(1, Math.ceil(total / q.per_page)),
      results: rows.map((r) => ({ ...r, region_name: regionPath(r.region_code as string | null) ?? r.region_name, agency_key: agencyKey(r.agency as string | null, r.region_code as string | null) })),
      facets,
      region: q.region ? { code: q.region, path: regionPath(q.region) } : null,
    };
  }

  /** Counts of one filter, kept: every page of a result shares them, and a snapshot never changes. */
  private facetCache = new Map<string, Promise<{ total: number; facets: SearchResult['facets'] }>>();

  private facets(q: SearchQuery, w: { sql: string; values: Array<string | number> }): Promise<{ total: number; facets: SearchResult['facets'] }> {
    const key = JSON.stringify([q.region ?? '', w.sql, w.values]);
    let hit = this.facetCache.get(key);
    if (!hit) {
      hit = this.countFacets(q, w);
      hit.catch(() => this.facetCache.delete(key));
      if (this.facetCache.size >= 1000) this.facetCache.delete(this.facetCache.keys().next().value!);
      this.facetCache.set(key, hit);
    }
    // Each caller sorts its own copy.
    return hit.then((f) => structuredClone(f));
  }

  private async countFacets(q: SearchQuery, w: { sql: string; values: Array<string | number> }): Promise<{ total: number; facets: SearchResult['facets'] }> {
    // Region drills down: provinces, then the prefectures of the chosen province, then its counties.
    const len = !q.region ? 2 : q.region.length < 4 ? 4 : 6;
    const facetRows = await this.query(
      `SELECT f_year AS y, admin_level AS l, format AS f, checks_status AS c, f_r${len} AS g,
              grouping(f_year) AS gy, grouping(admin_level) AS gl, grouping(format) AS gf, grouping(checks_status) AS gc, grouping(f_r${len}) AS gg, count(*)::INTEGER AS n
       FROM r ${w.sql} GROUP BY GROUPING SETS ((f_year), (admin_level), (format), (checks_status), (f_r${len}), ())`,
      w.values,
    );
    let total = 0;
    const facets: SearchResult['facets'] = { region: [], admin_level: [], year: [], format: [], checks_status: [] };
    const sets = [['gy', 'y', 'year'], ['gl', 'l', 'admin_level'], ['gf', 'f', 'format'], ['gc', 'c', 'checks_status'], ['gg', 'g', 'region']] as const;
    for (const row of facetRows) {
      const n = Number(row.n);
      const set = sets.find(([g]) => Number(row[g]) === 0);
      if (!set) {
        total = n; // the () grouping set: every matching report
        continue;
      }
      const raw = row[set[1]];
      const value = raw == null ? '' : String(raw);
      const label = !value ? '未知 unknown' : set[2] === 'region' ? (regionName(value) ?? value) : value;
      facets[set[2]].push({ value, label, count: n });
    }
    return { total, facets };
  }

  /** The identity row of one report, or null. */
  async report(id: string): Promise<Record<string, unknown> | null> {
    const rows = await this.query(`SELECT * FROM r WHERE report_id = ?`, [id]);
    return rows[0] ?? null;
  }

  /** Every check of these reports from checks.parquet (the parser's and the cross-year ones). */
  async checks(reportIds: string[]): Promise<Array<Record<string, unknown>>> {
    if (!this.checksFile || reportIds.length === 0) return [];
    return this.query(
      `SELECT * FROM read_parquet(${sqlString(this.checksFile)}) WHERE report_id IN (${reportIds.map(() => '?').join(', ')}) ORDER BY report_id, scope, check_id, "column"`,
      reportIds,
    );
  }

  /** One body's reports across the years, oldest first, with the timeline figures and year-on-year change. */
  async agency(key: string) {
    const k = parseAgencyKey(key);
    if (!k) return null;
    const found = await this.query(
      `SELECT * FROM r WHERE agency = ? AND coalesce(region_code, '') = ? ORDER BY year NULLS FIRST, scope, report_id`,
      [k.agency, k.region],
    );
    if (!found.length) return null;
    const ids = found.map((r) => String(r.report_id));
    const figures = new Map((await this.query(
      `SELECT report_id, ${this.metricsSql} FROM read_parquet(${sqlString(this.reportsFile)}) WHERE report_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    )).map((r) => [String(r.report_id), r]));
    const rows = found.map((r) => ({ ...r, ...figures.get(String(r.report_id)) }));
    const metrics = METRICS.map((m) => ({ key: m.key, label: m.label }));
    const byYear = new Map<number, Record<string, unknown>>();
    for (const r of rows) if (typeof r.year === 'number' && !byYear.has(r.year)) byYear.set(r.year, r);
    const reports = rows.map((r) => {
      const prev = typeof r.year === 'number' ? byYear.get(r.year - 1) : undefined;
      const values: Record<string, number | null> = {};
      const change: Record<string, number | null> = {};
      for (const m of metrics) {
        const v = r[`m_${m.key}`] as number | null;
        values[m.key] = v;
        const p = prev?.[`m_${m.key}`] as number | null | undefined;
        change[m.key] = v != null && p != null ? v - p : null;
      }
      return {
        report_id: r.report_id, year: r.year, title: r.title, format: r.format, scope: r.scope, published_at: r.published_at,
        days_after_deadline: r.days_after_deadline, checks_status: r.checks_status, checks_fail: r.checks_fail, url: r.url,
        previous_report_id: prev?.report_id ?? null, values, change,
      };
    });
    const checks = (await this.checks(rows.map((r) => String(r.report_id)))).filter((c) => c.scope === 'cross_year');
    return {
      snapshot: this.snapshot.id,
      key,
      agency: k.agency,
      region_code: k.region || null,
      region_name: regionPath(k.region || null) ?? (rows[0]!.region_name as string | undefined) ?? null,
      admin_level: rows[0]!.admin_level ?? null,
      metrics,
      reports,
      cross_year_checks: checks,
    };
  }

  /** Reports and portals per province, for the dataset page. */
  async coverage(): Promise<Array<{ code: string; name: string; reports: number; portals: number; agencies: number }>> {
    const rows = await this.query(
      `SELECT coalesce(substr(region_code, 1, 2), '') AS code, count(*)::INTEGER AS reports, count(DISTINCT portal_id)::INTEGER AS portals,
              count(DISTINCT agency || '|' || coalesce(region_code, ''))::INTEGER AS agencies
       FROM r GROUP BY ALL ORDER BY reports DESC, code`,
    );
    return rows.map((r) => ({ code: String(r.code), name: r.code ? (regionName(String(r.code)) ?? String(r.code)) : '未知 unknown', reports: Number(r.reports), portals: Number(r.portals), agencies: Number(r.agencies) }));
  }
}

export const snapshotFile = (s: Snapshot, name: string) => path.join(s.dir, name);
