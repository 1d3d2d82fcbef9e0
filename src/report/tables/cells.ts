// One printed cell → number or null. Blank encodings stay null (distinguishable from 0): the raw text is kept
// beside the number so a user can tell "0" from "/" or an empty cell.

const NUMBER = /^([+-]?)(\d+(?:\.\d+)?)(万元|亿元|元|件|条|个|项|次|人次|人|篇|份|%)?$/;
const BLANK = /^(\/|\\|-|—|–|−|_|——|—+|-+|无|空|\*)$/;

export type CellKind = 'number' | 'blank' | 'empty' | 'text';

export function cellKind(token: string): CellKind {
  const t = token.trim();
  if (t === '') return 'empty';
  if (NUMBER.test(t)) return 'number';
  if (BLANK.test(t)) return 'blank';
  return 'text';
}

export interface ParsedCell {
  value: number | null;
  unit: string | null;
}

export function parseCell(token: string): ParsedCell {
  const m = NUMBER.exec(token.trim());
  if (!m) return { value: null, unit: null };
  const v = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return { value: Number.isFinite(v) ? v : null, unit: m[3] ?? null };
}

/** Digits-only tokens can hide several run-together cells; anything with a sign, a decimal point or a unit cannot be split. */
export function isSplittable(token: string): boolean {
  return /^\d{2,}$/.test(token);
}
