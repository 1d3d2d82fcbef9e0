// Cross-year checks: pure report logic (two reports of one agency, consecutive years). The snapshot builder in
// storage/ feeds it the latest records and writes what it yields; nothing here touches disk.
import { T3_COLUMNS, type Check, type ReportRecord } from '../schema/record.ts';
import { formatSpecs } from './formats/index.ts';
import type { StockRule } from './formats/types.ts';

/**
 * Checks that need two reports of the same agency, run at snapshot time over the latest records:
 *
 * - X-1 (per 表三 column): this year's 上年结转 (`carried_over`) = the previous year's 结转下年度继续办理
 *   (`carried_forward`).
 * - X-2 (per 表二 block of a format's stock rule, e.g. 2021 规章 / 行政规范性文件): 现行有效件数(N) =
 *   现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N), between two reports of that format.
 *
 * Which formats take part in which check is declared by the format files (`crossYear`).
 *
 * "Same agency" = same normalised agency name, region code and scope. When two reports claim the previous
 * year of one agency the result is UNCERTAIN (we cannot tell which one is right), never a guess.
 * Only the few numbers the checks need are kept per report, so memory stays small for 100k reports.
 */
export interface CrossYearCheck extends Check {
  report_id: string;
  /** The previous-year report(s) compared against. */
  other_report_ids: string[];
}

export interface CrossYearEntry {
  report_id: string;
  format: ReportRecord['format'];
  carried_over: Record<string, number | null> | null;
  carried_forward: Record<string, number | null> | null;
  /** Formats with a stock rule only: block → {added, removed, stock} (2021: 本年制发件数, 本年废止件数, 现行有效件数). */
  stock: Record<string, { added: number | null; removed: number | null; stock: number | null }> | null;
}

const SPECS = formatSpecs('src/report/cross-year.ts');
const CARRY_OVER = new Set(SPECS.filter((s) => s.crossYear.carriedOver).map((s) => s.id));
const STOCK = new Map<string, StockRule>(SPECS.filter((s) => s.crossYear.stock).map((s) => [s.id, s.crossYear.stock!]));

function agencyKey(r: ReportRecord): string | null {
  if (!r.agency || r.year == null) return null;
  const name = r.agency.normalize('NFKC').replace(/\s+/g, '');
  return `${name}|${r.region_code ?? ''}|${r.scope ?? ''}`;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function pickRow(row: Record<string, number | null> | undefined): Record<string, number | null> | null {
  if (!row) return null;
  const out: Record<string, number | null> = {};
  for (const c of T3_COLUMNS) out[c] = num(row[c]);
  return out;
}

export class CrossYearIndex {
  private readonly byKey = new Map<string, Map<number, CrossYearEntry[]>>();
  /** Everything added, in order, so a worker thread can hand its part to the main thread. */
  readonly added: Array<[string, number, CrossYearEntry]> = [];

  add(r: ReportRecord): void {
    const key = agencyKey(r);
    if (!key || !r.is_report) return;
    const t3 = CARRY_OVER.has(r.format) ? r.tables.t3 : null;
    const rule = STOCK.get(r.format);
    let stock: CrossYearEntry['stock'] = null;
    if (rule && r.tables.t2) {
      stock = {};
      for (const b of rule.blocks) {
        const row = r.tables.t2[b];
        if (row) stock[b] = { added: num(row[rule.added]), removed: num(row[rule.removed]), stock: num(row[rule.stock]) };
      }
    }
    const entry: CrossYearEntry = {
      report_id: r.report_id,
      format: r.format,
      carried_over: pickRow(t3?.carried_over),
      carried_forward: pickRow(t3?.carried_forward),
      stock,
    };
    this.addEntry(key, r.year!, entry);
  }

  addEntry(key: string, year: number, entry: CrossYearEntry): void {
    this.added.push([key, year, entry]);
    let years = this.byKey.get(key);
    if (!years) this.byKey.set(key, (years = new Map()));
    const list = years.get(year) ?? [];
    list.push(entry);
    years.set(year, list);
  }

  *checks(): Generator<CrossYearCheck> {
    for (const years of this.byKey.values()) {
      for (const [year, entries] of years) {
        const prev = years.get(year - 1);
        if (!prev) continue;
        for (const cur of entries) {
          yield* carriedOverChecks(cur, prev, year);
          yield* stockChecks(cur, prev, year);
        }
      }
    }
  }
}

function status(left: number | null, right: number | null, ambiguous: boolean): Check['status'] {
  if (left === null || right === null) return 'NOT_ASSESSABLE';
  if (ambiguous) return 'UNCERTAIN';
  return left === right ? 'PASS' : 'FAIL';
}

function* carriedOverChecks(cur: CrossYearEntry, prev: CrossYearEntry[], year: number): Generator<CrossYearCheck> {
  if (!cur.carried_over) return;
  const withForward = prev.filter((p) => p.carried_forward);
  if (!withForward.length) return;
  const ambiguous = withForward.length > 1;
  const p = withForward[0]!;
  for (const col of T3_COLUMNS) {
    const left = cur.carried_over[col] ?? null;
    const right = p.carried_forward![col] ?? null;
    yield {
      id: 'X-1',
      column: col,
      status: status(left, right, ambiguous),
      left,
      right,
      detail: ambiguous
        ? `上年结转(${year}) vs 结转下年度(${year - 1}): ${withForward.length} reports for ${year - 1} (${withForward.map((e) => e.report_id).join(', ')})`
        : `上年结转(${year}) vs 结转下年度(${year - 1}) of report ${p.report_id}`,
      report_id: cur.report_id,
      other_report_ids: withForward.map((e) => e.report_id),
    };
  }
}

function* stockChecks(cur: CrossYearEntry, prev: CrossYearEntry[], year: number): Generator<CrossYearCheck> {
  const rule = STOCK.get(cur.format);
  if (!rule || !cur.stock) return;
  const prevSame = prev.filter((p) => p.format === cur.format && p.stock);
  if (!prevSame.length) return;
  const ambiguous = prevSame.length > 1;
  const p = prevSame[0]!;
  for (const block of rule.blocks) {
    const now = cur.stock[block];
    const before = p.stock![block];
    if (!now && !before) continue;
    const left = now?.stock ?? null;
    const parts = [before?.stock ?? null, now?.added ?? null, now?.removed ?? null];
    const right = parts.some((v) => v === null) ? null : parts[0]! + parts[1]! - parts[2]!;
    yield {
      id: 'X-2',
      column: block,
      status: status(left, right, ambiguous),
      left,
      right,
      detail: `现行有效(${year}) = 现行有效(${year - 1}, report ${prevSame.map((e) => e.report_id).join(', ')}) + 本年制发 − 本年废止 = ${parts.map((v) => v ?? '?').join(' + ').replace(/ \+ ([^+]+)$/, ' − $1')}`,
      report_id: cur.report_id,
      other_report_ids: prevSame.map((e) => e.report_id),
    };
  }
}
