// 勾稽关系 (docs/domain.md, "Arithmetic checks"): T3-1, T3-2, T3-3 and T4-1..3. Integers must match exactly. A blank cell makes a check
// UNCERTAIN (blank may mean 0 or "not filled"); a missing table makes it NOT_ASSESSABLE.
import { T3_COLUMNS, T4_GROUPS, type Check } from '../schema/record.ts';
import type { NumTable } from './tables/types.ts';

const OUTCOME_EXCLUDE = new Set(['new_received', 'carried_over', 'total', 'carried_forward']);

function compare(id: string, column: string | undefined, leftParts: (number | null)[], rightParts: (number | null)[], what: string): Check {
  const blanks = [...leftParts, ...rightParts].filter((v) => v === null).length;
  const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const left = sum(leftParts);
  const right = sum(rightParts);
  const base = { id, ...(column ? { column } : {}) };
  if (blanks === leftParts.length + rightParts.length) return { ...base, status: 'NOT_ASSESSABLE', left: null, right: null, detail: `${what}: all cells blank` };
  if (blanks > 0) return { ...base, status: 'UNCERTAIN', left, right, detail: `${what}: ${blanks} blank cell(s); with blanks as 0: ${left} vs ${right}` };
  return { ...base, status: left === right ? 'PASS' : 'FAIL', left, right, detail: left === right ? what : `${what}: ${left} ≠ ${right} (difference ${left - right})` };
}

export function t3Checks(t3: NumTable | null, rowKeys: string[]): Check[] {
  const ids = ['T3-1', 'T3-2', 'T3-3'];
  if (!t3 || !Object.keys(t3).length) return ids.map((id) => ({ id, status: 'NOT_ASSESSABLE', left: null, right: null, detail: '表三 not found' }));
  const v = (r: string, c: string) => t3[r]?.[c] ?? null;
  const outcomes = rowKeys.filter((k) => !OUTCOME_EXCLUDE.has(k));
  const out: Check[] = [];
  for (const c of T3_COLUMNS) {
    out.push(compare('T3-1', c, [v('new_received', c), v('carried_over', c)], [v('total', c), v('carried_forward', c)], '新收+上年结转 = 总计+结转下年度'));
  }
  for (const c of T3_COLUMNS) {
    out.push(compare('T3-2', c, [v('total', c)], outcomes.map((r) => v(r, c)), '(七)总计 = sum of the outcome rows'));
  }
  for (const r of rowKeys) {
    out.push({ ...compare('T3-3', r, [v(r, 'total')], T3_COLUMNS.filter((c) => c !== 'total').map((c) => v(r, c)), `${r}: 总计 = sum of the six applicant columns`) });
  }
  return out;
}

export function t4Checks(t4: NumTable | null): Check[] {
  return T4_GROUPS.map((g, i) => {
    const id = `T4-${i + 1}`;
    if (!t4 || !t4[g]) return { id, status: 'NOT_ASSESSABLE' as const, left: null, right: null, detail: '表四 not found' };
    const r = t4[g]!;
    return compare(id, g, [r.total ?? null], [r.upheld ?? null, r.corrected ?? null, r.other ?? null, r.pending ?? null], `${g}: 总计 = 维持+纠正+其他+尚未审结`);
  });
}

/** Above this a count in 表三/表四 cannot be true: no body receives or handles ten million of anything in a year. */
export const MAX_PLAUSIBLE_COUNT = 10_000_000;

/**
 * V-1, per table read: every figure is a possible value. A count is never negative; a 表三/表四 count is a whole
 * number below MAX_PLAUSIBLE_COUNT (表二 holds fee amounts, which may have decimals). Each impossible cell is also
 * a warning naming it, so a misread figure is visible in the record and not only in the check.
 */
export function valueChecks(tables: { t2: NumTable | null; t3: NumTable | null; t4: NumTable | null }): { checks: Check[]; warnings: string[] } {
  const checks: Check[] = [];
  const warnings: string[] = [];
  for (const name of ['t2', 't3', 't4'] as const) {
    const t = tables[name];
    if (!t || !Object.keys(t).length) continue;
    const bad: string[] = [];
    for (const [row, cols] of Object.entries(t)) {
      for (const [col, v] of Object.entries(cols)) {
        if (v === null) continue;
        const why = v < 0 ? 'negative' : name !== 't2' && !Number.isInteger(v) ? 'not a whole number' : name !== 't2' && v >= MAX_PLAUSIBLE_COUNT ? 'implausibly large' : null;
        if (!why) continue;
        bad.push(`${row}.${col}=${v}`);
        if (warnings.length < 10) warnings.push(`${name} ${row}/${col}: ${v} is ${why} for a count`);
      }
    }
    checks.push({ id: 'V-1', column: name, status: bad.length ? 'FAIL' : 'PASS', left: bad.length, right: 0, detail: bad.length ? `impossible values: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}` : 'every figure is a possible value' });
  }
  return { checks, warnings };
}
