// Label-anchored row reading over serialized table text. Works the same for " | " rows, one cell per line, markdown
// pipes, PDF text with space-separated cells and fully flattened text: a row's cells are whatever number-like tokens
// lie between its label and the next row's label. Rows are searched in printed order so a label word that recurs in
// prose later cannot pull the reader past the table.

import { cellKind } from './cells.ts';

export interface RowDef {
  key: string;
  /** Matches a distinctive part of the printed label on normalized text (see normalize.ts). */
  re: RegExp;
  /** Printed ordinal ("2" for "2.其他法律…") so glued digits before the label are not taken as part of it. */
  ord?: string;
}

export interface LabelHit {
  key: string;
  keyStart: number;
  keyEnd: number;
  start: number;
  end: number;
}

const LABEL_CHAR = /[\u3400-\u9fff\uf900-\ufaff“”‘’"()、,:;。·《》〔〕\[\]]/;

function extendBack(t: string, i: number, floor: number, ord?: string): number {
  let j = skipLabelBack(t, i, floor);
  if (ord) {
    // "2.其他法律" / "2、申请人…": step over the row's own ordinal, and only that, so digits of the previous row's
    // last cell glued to it ("00000002.") stay with that row.
    if (/[.、]/.test(t[j] ?? '') && t.slice(j - ord.length, j) === ord && j - ord.length >= floor) j = skipLabelBack(t, j - ord.length, floor);
    else {
      const m = new RegExp(`${ord}\\.\\s*$`).exec(t.slice(Math.max(floor, j - ord.length - 3), j));
      if (m) j = skipLabelBack(t, j - m[0].length, floor);
    }
  }
  // "(1)" style ordinals of Hubei-like templates
  while (j > floor + 2 && /\(\d{1,2}\)$/.test(t.slice(Math.max(floor, j - 4), j))) {
    j = skipLabelBack(t, t.lastIndexOf('(', j - 1), floor);
  }
  return j;
}

/** Back over label characters, and over whitespace that separates two label fragments ("(四)无 1.本机关"). */
function skipLabelBack(t: string, i: number, floor: number): number {
  let j = i;
  for (;;) {
    while (j > floor && LABEL_CHAR.test(t[j - 1]!)) j--;
    let k = j;
    while (k > floor && /[\s|]/.test(t[k - 1]!)) k--;
    if (k < j && k > floor && LABEL_CHAR.test(t[k - 1]!) && /[\u3400-\u9fff]/.test(t[k - 1]!)) { j = k; continue; }
    return j;
  }
}

function extendForward(t: string, i: number, ceil: number): number {
  let j = i;
  while (j < ceil && LABEL_CHAR.test(t[j]!)) j++;
  return j;
}

function findFrom(re: RegExp, t: string, from: number, to: number): RegExpExecArray | null {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  g.lastIndex = from;
  const m = g.exec(t);
  return m && m.index < to ? m : null;
}

/** Find each row's label in order between `from` and `to`. Rows whose label is missing are left out. */
export function locateRows(t: string, rows: readonly RowDef[], from: number, to: number): LabelHit[] {
  const hits: LabelHit[] = [];
  let pos = from;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const m = findFrom(row.re, t, pos, to);
    if (!m) continue;
    // If the next row's label comes first, this row is missing and the match belongs to something later.
    const next = rows[i + 1];
    if (next) {
      const n = findFrom(next.re, t, pos, m.index);
      if (n && !row.re.test(n[0])) continue;
    }
    const keyStart = m.index;
    const keyEnd = m.index + m[0].length;
    hits.push({ key: row.key, keyStart, keyEnd, start: extendBack(t, keyStart, pos, row.ord), end: extendForward(t, keyEnd, to) });
    pos = keyEnd;
  }
  for (let i = 0; i + 1 < hits.length; i++) {
    const a = hits[i]!;
    const b = hits[i + 1]!;
    if (b.start < a.keyEnd) b.start = a.keyEnd;
    if (a.end > b.start) a.end = Math.max(a.keyEnd, b.start);
  }
  return hits;
}

/** Parenthesised notes inside a cell run (Hubei's "(指2019年事项数)") carry digits that are not cells. */
const NOTE = /\([^()]*[\u3400-\u9fff][^()]*\)/g;

const UNIT_AHEAD = '(?:万元|亿元|元|件|条|个|项|次|人次|人|篇|份)(?:[\\s|]|$)';
const DIGIT_THEN_CJK = new RegExp(`(\\d)(?!${UNIT_AHEAD})(?=[\\u3400-\\u9fff(])`, 'g');
const CJK_THEN_DIGIT = /([\u3400-\u9fff)])(?=[+-]?\d)/g;

/** Flattened text glues header words to numbers ("总计000000"); a CJK/digit boundary is a cell boundary (units excepted). */
/** A money amount keeps its unit even when the next label follows without a space (“62600元第二十条…”). */
const MONEY_THEN_CJK = /(\d(?:万元|亿元|元))(?=[\u3400-\u9fff(])/g;

export function separateDigits(s: string): string {
  return s.replace(CJK_THEN_DIGIT, '$1 ').replace(MONEY_THEN_CJK, '$1 ').replace(DIGIT_THEN_CJK, '$1 ');
}

/**
 * The cell tokens of one row segment: '|' separated cells keep their empties (a blank cell is data), whitespace
 * separates cells too; leading/trailing empties are padding from colspans. Reading stops at the first text token
 * after a cell (the next block's header or prose).
 */
export function segmentCells(segment: string): string[] {
  const s = separateDigits(segment.replace(NOTE, ' '));
  const raw: string[] = [];
  const parts = s.includes('|') ? s.split('|') : [s];
  for (const p of parts) {
    const sub = p.trim().split(/\s+/).filter((x) => x !== '');
    if (sub.length === 0) raw.push('');
    else raw.push(...sub);
  }
  const out: string[] = [];
  let seen = false;
  for (const tok of raw) {
    const k = cellKind(tok);
    if (k === 'text') {
      if (seen) break;
      continue;
    }
    if (k === 'empty' && !seen) continue;
    seen = true;
    out.push(tok);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}
