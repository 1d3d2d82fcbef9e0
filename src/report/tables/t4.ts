// 表四 (行政复议、行政诉讼情况): one data row of 15 numbers after a three-line header.
import { T4_GROUPS, T4_OUTCOMES } from '../../schema/record.ts';
import { T4_END, T4_START } from '../formats/shared.ts';
import { findT3Start, findT4Start } from './t3.ts';
import { cellKind, parseCell } from './cells.ts';
import { segmentCells } from './rowreader.ts';
import { enumerateSplits, hasRunTogether, ocrRunTogetherWarning, splitAllowed } from './split.ts';
import type { ReadOptions, TableRead } from './types.ts';

const N = T4_GROUPS.length * T4_OUTCOMES.length;
const groupsOk = (v: number[]) => [0, 5, 10].every((o) => v[o]! + v[o + 1]! + v[o + 2]! + v[o + 3]! === v[o + 4]);

export function readT4(t: string, opts: ReadOptions = {}): TableRead {
  const warnings: string[] = [];
  const t3 = findT3Start(t);
  const at = findT4Start(t, Math.max(0, t3));
  if (at < 0) return opts.ocr && t3 >= 0 ? rowAfterT3(t, t3) : { nums: {}, raw: {}, warnings, found: false };
  const m = new RegExp(T4_START.source).exec(t.slice(at))!;
  m.index = at;
  const from = m.index + m[0].length;
  const e = new RegExp(T4_END.source, 'g');
  // The data row follows the header: skip to the last header word before the first number.
  e.lastIndex = from;
  let end = t.length;
  for (let em = e.exec(t); em; em = e.exec(t)) {
    // An end marker inside the header (none expected) would cut the table; accept the first one after a digit.
    if (/\d/.test(t.slice(from, em.index))) { end = em.index; break; }
  }
  let tokens = segmentCells(t.slice(from, end));
  if (opts.ocr && tokens.length < N) {
    // On OCR text a misread header word can carry a stray digit (8结果) that reads as the row's start: the data row
    // is the line with the most numbers.
    const best = t.slice(from, end).split('\n').map((l) => segmentCells(l)).sort((a, b) => b.length - a.length)[0];
    if (best && best.length > tokens.length) tokens = best;
  }
  let cells: string[] = tokens;
  if (tokens.length < N) {
    if (!hasRunTogether(tokens)) {
      if (tokens.length === 0) return { nums: {}, raw: {}, warnings: ['t4: header found but no cells'], found: false };
      warnings.push(`t4: ${tokens.length} cells printed, expected ${N}; left empty`);
      return emptyT4(warnings);
    }
    const { splits } = enumerateSplits(tokens, N);
    if (!splitAllowed(splits, opts)) {
      warnings.push(ocrRunTogetherWarning('t4 (its one data row)', tokens, splits.length));
      return emptyT4(warnings);
    }
    const ok = splits.filter((s) => groupsOk(s.map(Number)));
    if (ok.length !== 1) {
      warnings.push(`t4: run-together digits "${tokens.join(' ')}" allow ${ok.length} consistent splits; left empty`);
      return emptyT4(warnings);
    }
    warnings.push(`t4: run-together digits "${tokens.join(' ')}" split as ${ok[0]!.join('/')} (the only split where each group's 总计 adds up)`);
    cells = ok[0]!;
  } else if (tokens.length > N) {
    // On OCR text a stray token (a speck read as a digit) may sit anywhere: the first N are kept only if they add up.
    if (opts.ocr && !(tokens.slice(0, N).every((x) => cellKind(x) === 'number') && groupsOk(tokens.slice(0, N).map((x) => parseCell(x).value!)))) {
      warnings.push(`t4 (its one data row): OCR text has ${tokens.length} cells, expected ${N}, and the first ${N} do not add up per group; left empty`);
      return emptyT4(warnings);
    }
    warnings.push(`t4: ${tokens.length} cells printed, expected ${N}; kept the first ${N}`);
  }
  const nums: TableRead['nums'] = {};
  const raw: TableRead['raw'] = {};
  T4_GROUPS.forEach((grp, gi) => {
    nums[grp] = {};
    raw[grp] = {};
    T4_OUTCOMES.forEach((o, oi) => {
      const tok = cells[gi * T4_OUTCOMES.length + oi];
      raw[grp]![o] = tok ?? null;
      nums[grp]![o] = tok !== undefined && cellKind(tok) === 'number' ? parseCell(tok).value : null;
    });
  });
  return { nums, raw, warnings, found: true };
}

/**
 * OCR text whose 表四 heading and header were misread: 表四 is the table after 表三 and has one row of 15 numbers.
 * The first line after 表三's last row that holds exactly 15 numbers adding up per group is taken, said so.
 */
function rowAfterT3(t: string, t3: number): TableRead {
  const tail = t.slice(t3);
  const last = /结转下年度/.exec(tail);
  if (!last) return { nums: {}, raw: {}, warnings: [], found: false };
  const lines = tail.slice(last.index).split('\n').slice(1, 12);
  for (const line of lines) {
    const tokens = segmentCells(line);
    if (tokens.length !== N || !tokens.every((x) => cellKind(x) === 'number')) continue;
    const v = tokens.map((x) => parseCell(x).value!);
    if (!groupsOk(v)) continue;
    const nums: TableRead['nums'] = {};
    const raw: TableRead['raw'] = {};
    T4_GROUPS.forEach((grp, gi) => {
      nums[grp] = Object.fromEntries(T4_OUTCOMES.map((o, oi) => [o, v[gi * T4_OUTCOMES.length + oi]!]));
      raw[grp] = Object.fromEntries(T4_OUTCOMES.map((o, oi) => [o, tokens[gi * T4_OUTCOMES.length + oi]!]));
    });
    return { nums, raw, warnings: [`t4: its heading was not read by OCR; took the row of ${N} numbers after 表三 that adds up per group ("${tokens.join(' ')}")`], found: true };
  }
  return { nums: {}, raw: {}, warnings: [], found: false };
}

function emptyT4(warnings: string[]): TableRead {
  const nums: TableRead['nums'] = {};
  const raw: TableRead['raw'] = {};
  for (const grp of T4_GROUPS) {
    nums[grp] = Object.fromEntries(T4_OUTCOMES.map((o) => [o, null]));
    raw[grp] = Object.fromEntries(T4_OUTCOMES.map((o) => [o, null]));
  }
  return { nums, raw, warnings, found: true };
}
