// Pre-2019 attached statistics table (指标名称 | 计量单位 | 本年 | 历年累计, or 统计指标 | 单位 | 统计数).
import type { StatsRow } from '../formats/types.ts';
import { parseCell } from './cells.ts';
import { locateRows, segmentCells } from './rowreader.ts';
import { solveUnique } from './solve.ts';
import { enumerateSplits, hasRunTogether, ocrRunTogetherWarning, splitAllowed } from './split.ts';
import type { ReadOptions } from './types.ts';

export interface StatsRead {
  columns: number;
  values: Map<string, { cells: (number | null)[]; raw: string[]; label: string; unit: string | null }>;
  warnings: string[];
}

const HEADER = /指标名称|统计指标/;

export function readStats(t: string, rows: StatsRow[], identities: Array<[string, string[], string[]?]>, pins: Map<string, number>, opts: ReadOptions = {}): StatsRead | null {
  const h = HEADER.exec(t);
  if (!h) return null;
  const start = h.index;
  const header = t.slice(start, start + 120);
  const columns = /累计/.test(header) ? 2 : 1;
  const end = t.length;
  // Order-free: locate each row on its own, then cut segments between consecutive labels.
  const hits = rows
    .map((r) => ({ r, hit: locateRows(t, [r], start, end)[0] }))
    .filter((x): x is { r: StatsRow; hit: NonNullable<typeof x.hit> } => !!x.hit)
    .sort((a, b) => a.hit.keyStart - b.hit.keyStart);
  const warnings: string[] = [];
  const values: StatsRead['values'] = new Map();
  const ambiguous: Array<{ key: string; cands: number[][]; tokens: string[]; label: string }> = [];
  for (let i = 0; i < hits.length; i++) {
    const { r, hit } = hits[i]!;
    if (i > 0 && hit.start < hits[i - 1]!.hit.keyEnd) continue; // overlapping labels: keep the first
    const segEnd = i + 1 < hits.length ? Math.max(hit.end, hits[i + 1]!.hit.start) : Math.min(end, hit.end + 80);
    const label = t.slice(hit.start, hit.end);
    const unit = /万元/.test(label) ? '万元' : /元/.test(label) ? '元' : null;
    const tokens = segmentCells(t.slice(hit.end, segEnd));
    if (tokens.length >= columns) {
      values.set(r.key, { cells: tokens.slice(0, columns).map((x) => parseCell(x).value), raw: tokens.slice(0, columns), label, unit });
    } else if (tokens.length && hasRunTogether(tokens)) {
      const { splits } = enumerateSplits(tokens, columns);
      if (!splitAllowed(splits, opts)) {
        warnings.push(ocrRunTogetherWarning(`stats.${r.key}`, tokens, splits.length));
        continue;
      }
      const cands = splits.map((s) => s.map(Number)).filter((c) => columns < 2 || c[0]! <= c[1]!);
      if (cands.length === 1) values.set(r.key, { cells: cands[0]!, raw: cands[0]!.map(String), label, unit });
      else if (cands.length > 1) ambiguous.push({ key: r.key, cands, tokens, label });
    }
  }
  if (ambiguous.length) {
    const consistent = (vals: Map<string, (number | null)[]>) =>
      identities.every(([parent, kids, optional = []]) => {
        const p = vals.get(parent);
        if (kids.some((k) => !vals.get(k))) return true;
        const ks = [...kids, ...optional.filter((k) => vals.get(k))].map((k) => vals.get(k));
        if (!p || ks.some((k) => !k)) return true;
        return p.every((pv, c) => pv === null || ks.some((k) => k![c] === null) || pv === ks.reduce((s, k) => s + k![c]!, 0));
      });
    const attempt = () => solveUnique(ambiguous.map((a) => a.cands), (pick) => {
      const vals = new Map([...values].map(([k, v]) => [k, v.cells]));
      ambiguous.forEach((a, i) => vals.set(a.key, pick[i]!));
      return consistent(vals);
    });
    let res = attempt();
    if (!res.pick) {
      // The prose often states the year's figure ("主动公开政府信息2069条"): use it to pin a row, then retry.
      for (const a of ambiguous) {
        const pin = pins.get(a.key);
        if (pin === undefined) continue;
        const keep = a.cands.filter((c) => c[0] === pin);
        if (keep.length === 1) a.cands = keep;
      }
      res = attempt();
    }
    ambiguous.forEach((a, i) => {
      if (res.pick) {
        values.set(a.key, { cells: res.pick[i]!, raw: res.pick[i]!.map(String), label: a.label, unit: null });
        warnings.push(`stats.${a.key}: run-together digits "${a.tokens.join(' ')}" split as ${res.pick[i]!.join('/')} (the only split consistent with the table's sums and the text)`);
      } else if (a.cands.length === 1) {
        // No joint reading exists (the table's own sums disagree), but the text already narrowed this row to one.
        values.set(a.key, { cells: a.cands[0]!, raw: a.cands[0]!.map(String), label: a.label, unit: null });
        warnings.push(`stats.${a.key}: run-together digits "${a.tokens.join(' ')}" split as ${a.cands[0]!.join('/')} (the only split agreeing with the text; the table's sums do not hold)`);
      } else {
        warnings.push(`stats.${a.key}: run-together digits "${a.tokens.join(' ')}" allow ${a.cands.length} splits; left empty`);
      }
    });
  }
  return { columns, values, warnings };
}
