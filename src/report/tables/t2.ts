// 表二 (主动公开政府信息情况) reader. Field keys come from the format file: 2019 and 2021 keys are never merged.
import { formatSpecs } from '../formats/index.ts';
import { T2_END, T2_HEADER_WORD, T2_START } from '../formats/shared.ts';
import type { FormatSpec, T2Field } from '../formats/types.ts';
import { parseCell } from './cells.ts';
import { locateRows, segmentCells } from './rowreader.ts';
import { enumerateSplits, hasRunTogether } from './split.ts';
import type { TableRead } from './types.ts';

/** What follows a 表二 header within 40 characters: the shared header word or any format's header labels. */
const T2_HEADER_NEXT = new RegExp(
  `^.{0,40}?(?:${[T2_HEADER_WORD, ...formatSpecs('src/report/tables/t2.ts').flatMap((f) => (f.t2 ? [f.t2.header] : []))].map((r) => r.source).join('|')})`,
  's',
);

export function readT2(t: string, spec: FormatSpec): TableRead {
  const warnings: string[] = [];
  const rows = spec.t2?.rows;
  if (!rows) return { nums: {}, raw: {}, warnings, found: false };
  // The table starts at a header; prose before it that cites 第二十条 or names 规范性文件 is no row.
  const starts = [...t.matchAll(new RegExp(T2_START.source, 'g'))];
  const sm = starts.find((m) => T2_HEADER_NEXT.test(t.slice(m.index!, m.index! + 80))) ?? starts[0];
  if (!sm) return { nums: {}, raw: {}, warnings, found: false };
  const start = sm.index!;
  const em = new RegExp(T2_END.source, 'g');
  em.lastIndex = start;
  const end = em.exec(t)?.index ?? t.length;
  const hits = locateRows(t, rows, start, end);
  const nums: TableRead['nums'] = {};
  const raw: TableRead['raw'] = {};
  for (const r of rows) {
    nums[r.key] = Object.fromEntries(r.fields.map((f) => [f.key, null]));
    raw[r.key] = Object.fromEntries(r.fields.map((f) => [f.key, null]));
  }
  if (hits.length === 0) return { nums, raw, warnings, found: false };
  const region = t.slice(start, end);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const row = rows.find((r) => r.key === h.key)!;
    const n = row.fields.length;
    let tokens = segmentCells(t.slice(h.end, i + 1 < hits.length ? hits[i + 1]!.start : end));
    if (tokens.length < n && hasRunTogether(tokens)) {
      // 表二 has no identities, so only a split forced by the digits themselves ("000") is safe.
      const { splits } = enumerateSplits(tokens, n);
      if (splits.length === 1) {
        warnings.push(`t2.${h.key}: run-together digits "${tokens.join(' ')}" split as ${splits[0]!.join('/')} (the only possible split)`);
        tokens = splits[0]!;
      } else {
        warnings.push(`t2.${h.key}: run-together digits "${tokens.join(' ')}" allow ${splits.length} splits and 表二 has no identity to choose; left empty`);
        raw[h.key] = Object.fromEntries(row.fields.map((f, k) => [f.key, k === 0 ? tokens.join(' ') : null]));
        continue;
      }
    }
    if (tokens.length > n) warnings.push(`t2.${h.key}: ${tokens.length} cells printed, expected ${n}; kept the first ${n}`);
    if (tokens.length < n && tokens.length > 0) warnings.push(`t2.${h.key}: ${tokens.length} cells printed, expected ${n}`);
    row.fields.forEach((f, k) => {
      const tok = tokens[k];
      if (tok === undefined) return;
      raw[h.key]![f.key] = tok;
      const { value, unit } = parseCell(tok);
      nums[h.key]![f.key] = convertUnit(h.key, f, value, unit, region, warnings);
    });
  }
  return { nums, raw, warnings, found: true };
}

/** Money fields have a fixed unit in the record (declared in the format file); convert what the report printed and say so. */
function convertUnit(row: string, field: T2Field, value: number | null, unit: string | null, region: string, warnings: string[]): number | null {
  if (value === null) return null;
  if (field.unit === '10k_yuan' && (unit === '元')) {
    warnings.push(`t2.${row}.${field.key}: printed in 元, converted to 万元`);
    return value / 10000;
  }
  if (field.unit === 'yuan') {
    // The column header may give the unit for every cell: “采购总金额(单位:万元)”.
    const headerWan = wanHeader(field).test(region);
    if (unit === '万元' || (unit === null && headerWan)) {
      warnings.push(`t2.${row}.${field.key}: printed in 万元, converted to 元`);
      return Math.round(value * 10000 * 100) / 100;
    }
  }
  return value;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wanHeaders = new Map<T2Field, RegExp>();
/** “<label>(单位:万元)” for a field, built once. */
function wanHeader(field: T2Field): RegExp {
  let re = wanHeaders.get(field);
  if (!re) wanHeaders.set(field, (re = new RegExp(`${escapeRegExp(field.zh)}\\((单位:)?万元\\)`)));
  return re;
}
