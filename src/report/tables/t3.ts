// 表三 (收到和处理政府信息公开申请情况) reader for the 2019 and 2021 formats.
import { T3_COLUMNS } from '../../schema/record.ts';
import { T3_HEAD, T3_SIXTH_GROUP, T3_START, T3_TAIL, T3_END, T4_START } from '../formats/shared.ts';
import type { FormatSpec } from '../formats/types.ts';
import { cellKind, parseCell } from './cells.ts';
import { locateRows, segmentCells, separateDigits, type RowDef } from './rowreader.ts';
import { solveUnique } from './solve.ts';
import { enumerateSplits, hasRunTogether, ocrRunTogetherWarning, splitAllowed } from './split.ts';
import type { ReadOptions, TableRead } from './types.ts';

const N = T3_COLUMNS.length;
const OUTCOME_EXCLUDE = new Set(['new_received', 'carried_over', 'total', 'carried_forward']);

function firstMatch(re: RegExp, t: string, from = 0): number {
  const g = new RegExp(re.source, 'g');
  g.lastIndex = from;
  const m = g.exec(t);
  return m ? m.index : -1;
}

/** Which (六) variant the text prints: the one whose rows are found most (2021's sub-rows vs 2019's single row). */
function chooseSixth(t: string, from: number, to: number, variants: readonly (readonly RowDef[])[]): readonly RowDef[] {
  const region = t.slice(from, to);
  let best = variants[0] ?? [];
  let bestScore = -1;
  for (const v of variants) {
    const hits = v.filter((r) => r.re.test(region)).length;
    // A multi-row variant needs at least two of its sub-rows; the single row needs its own label.
    const score = v.length > 1 ? (hits >= 2 ? hits : 0) : hits;
    if (score > bestScore) { best = v; bestScore = score; }
  }
  return best;
}

/** The 表三 label row: the intro paragraph also names the section, so anchor on the first data label. */
export function findT3Start(t: string): number {
  const g = /本年新收|新收政府信息公开申请/g;
  for (let m = g.exec(t); m; m = g.exec(t)) if (/上年结转/.test(t.slice(m.index, m.index + 600))) return m.index;
  return firstMatch(T3_START, t);
}

/** 表四 begins where its heading is followed by its header words (the intro paragraph names it too). */
export function findT4Start(t: string, from: number): number {
  const g = new RegExp(T4_START.source, 'g');
  g.lastIndex = from;
  for (let m = g.exec(t); m; m = g.exec(t)) if (/结果维持|尚未审结|复议后起诉/.test(t.slice(m.index, m.index + 400))) return m.index;
  return -1;
}

export function t3RowKeys(sixth: readonly RowDef[]): string[] {
  return [...T3_HEAD, ...sixth, ...T3_TAIL].map((r) => r.key);
}

/** Column identities used to pick among run-together splits (T3-1 and T3-2). */
function columnsConsistent(vals: Map<string, (number | null)[]>, outcomeKeys: string[]): boolean {
  for (let c = 0; c < N; c++) {
    const get = (k: string) => vals.get(k)?.[c] ?? null;
    const nr = get('new_received'), co = get('carried_over'), tot = get('total'), cf = get('carried_forward');
    if (nr !== null && co !== null && tot !== null && cf !== null && nr + co !== tot + cf) return false;
    if (tot !== null) {
      let s = 0;
      let complete = true;
      for (const k of outcomeKeys) {
        const v = get(k);
        if (v === null) { complete = false; break; }
        s += v;
      }
      if (complete && s !== tot) return false;
    }
  }
  return true;
}

/**
 * The cells that end an OCR line, after whatever its label was read as: all numbers after the last text token when
 * there are exactly `n`, or the last `n` of them when a cell gap (written ' | ') sets them apart from digits before
 * (a label read as its ordinal alone, "1 | 1 0 0 0 0 0 1"). Null when the line ends otherwise.
 */
export function trailingCells(line: string, n: number): string[] | null {
  const toks: { t: string; gapBefore: boolean }[] = [];
  separateDigits(line).split('|').forEach((part, i) => part.trim().split(/\s+/).filter(Boolean).forEach((t, j) => toks.push({ t, gapBefore: i > 0 && j === 0 })));
  let s = toks.length;
  while (s > 0 && cellKind(toks[s - 1]!.t) === 'number') s--;
  const run = toks.slice(s);
  if (run.length === n) return run.map((x) => x.t);
  if (run.length > n && run[run.length - n]!.gapBefore) return run.slice(-n).map((x) => x.t);
  return null;
}

const rowSumOk = (cells: number[]) => cells.slice(0, N - 1).reduce((a, b) => a + b, 0) === cells[N - 1];

export function readT3(t: string, spec: FormatSpec | null, variants: readonly (readonly RowDef[])[], opts: ReadOptions = {}): TableRead & { rowKeys: string[] } {
  const warnings: string[] = [];
  const start = findT3Start(t);
  if (start < 0) return { nums: {}, raw: {}, warnings, found: false, rowKeys: [] };
  let end = findT4Start(t, start);
  if (end < 0) end = firstMatch(T3_END, t, start + 20);
  if (end < 0) end = t.length;

  const preferred = spec?.t3?.sixth;
  const ordered = preferred ? [preferred, ...variants.filter((v) => v !== preferred)] : variants;
  const sixGroup = firstMatch(T3_SIXTH_GROUP, t, start);
  const sixth = chooseSixth(t, sixGroup >= 0 ? sixGroup : start, end, ordered);
  if (preferred && sixth !== preferred) warnings.push(`t3: (六)其他处理 printed as ${sixth.length === 1 ? 'one row' : `${sixth.length} sub-rows`}, unlike the ${spec!.id} format; read as printed`);
  const rows = [...T3_HEAD, ...sixth, ...T3_TAIL];
  const rowKeys = rows.map((r) => r.key);
  const hits = locateRows(t, rows, start, end);
  if (hits.length < 3) return { nums: {}, raw: {}, warnings, found: false, rowKeys };

  const fixed = new Map<string, (number | null)[]>();
  const rawCells = new Map<string, (string | null)[]>();
  const ambiguous: { key: string; cands: number[][]; tokens: string[] }[] = [];
  const splitByRow: string[] = [];

  // OCR misreads a label now and then (予以公开 as 子以公开): its row's cells then sit, on a line of their own, in the
  // segment of the row before. When k rows are missing between two found ones and those lines hold exactly k full
  // rows that add up, they are those rows, in order: recognised by their place in the fixed order of 表三.
  const placed = new Map<string, string[]>();
  if (opts.ocr) {
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i]!;
      const idx = rowKeys.indexOf(h.key);
      const nextHit = hits[i + 1];
      // The rows between two found ones (or the one row after the last found), none of them found.
      const missing = nextHit ? rowKeys.slice(idx + 1, rowKeys.indexOf(nextHit.key)) : rowKeys.slice(idx + 1, idx + 2);
      if (!missing.length) continue;
      const segEnd = nextHit ? nextHit.start : end;
      const lines = t.slice(h.end, segEnd).split('\n');
      let k = 0;
      while (k < lines.length && segmentCells(lines.slice(0, k + 1).join('\n')).length < N) k++;
      const rest = lines.slice(k + 1).join('\n');
      const adds = (ts: string[]) => { const v = ts.map((x) => parseCell(x).value); return ts.length === N && v.every((x) => x !== null) && rowSumOk(v as number[]); };
      let rows: string[][] = missing.length === 1 && adds(segmentCells(rest)) ? [segmentCells(rest)] : [];
      if (!rows.length) {
        // The misread label may itself hold digits (its ordinal, 3危及…, or a garbled word read as 277): a row is
        // then the numbers that end a line. There must be exactly as many such lines as rows missing, in order.
        rows = lines.slice(k + 1).map((l) => trailingCells(l, N)).filter((r): r is string[] => r !== null && adds(r));
      }
      if (rows.length !== missing.length) continue;
      const at = h.end + lines.slice(0, k + 1).join('\n').length + 1;
      missing.forEach((key, m) => {
        hits.splice(i + 1 + m, 0, { key, keyStart: at, keyEnd: at, start: at, end: at });
        placed.set(key, rows[m]!);
        warnings.push(`t3.${key}: its label was not read by OCR; the row was recognised by its place after ${m ? missing[m - 1] : h.key}${nextHit ? ` and before ${missing[m + 1] ?? nextHit.key}` : ''} ("${rows[m]!.join(' ')}", which adds up)`);
      });
      i += missing.length;
    }
  }

  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const segEnd = i + 1 < hits.length ? hits[i + 1]!.start : end;
    const tokens = placed.get(h.key) ?? segmentCells(t.slice(h.end, segEnd));
    if (tokens.length >= N) {
      const cells = tokens.slice(0, N);
      const nums = cells.map((c) => parseCell(c).value);
      // Extra tokens or "00…" tokens mean the text is scrambled (e.g. PDF columns read in the wrong order): keep
      // the row only if it still adds up, otherwise leave it empty rather than publish shifted numbers.
      const glued = cells.some((c) => /^0\d/.test(c));
      if (tokens.length > N || glued) {
        const sums = nums.every((v) => v !== null) && rowSumOk(nums as number[]);
        if (glued || !sums) {
          warnings.push(`t3.${h.key}: ${tokens.length} cells printed (expected ${N}) and they do not add up; left empty: "${tokens.join(' ').slice(0, 80)}"`);
          rawCells.set(h.key, Array(N).fill(null));
          continue;
        }
        warnings.push(`t3.${h.key}: ${tokens.length} cells printed, expected ${N}; kept the first ${N} (they add up to the row's 总计)`);
      } else if (opts.ocr && nums.every((v) => v !== null) && !rowSumOk(nums as number[])) {
        // On OCR text a row that does not add up holds a misread digit more likely than a misprint, and which cell
        // is wrong cannot be told: the whole row stays empty rather than publish a wrong cell.
        warnings.push(`t3.${h.key}: OCR text "${cells.join(' ')}" does not add up to the row's 总计 (a misread digit); left empty`);
        rawCells.set(h.key, cells);
        continue;
      }
      fixed.set(h.key, nums);
      rawCells.set(h.key, cells);
      continue;
    }
    if (tokens.length === 0) {
      warnings.push(`t3.${h.key}: label found but no cells`);
      continue;
    }
    if (!hasRunTogether(tokens)) {
      warnings.push(`t3.${h.key}: ${tokens.length} cells printed, expected ${N}; left empty`);
      rawCells.set(h.key, tokens.concat(Array(N - tokens.length).fill(null)).slice(0, N));
      continue;
    }
    const { splits, truncated } = enumerateSplits(tokens, N);
    if (!splitAllowed(splits, opts)) {
      warnings.push(ocrRunTogetherWarning(`t3.${h.key}`, tokens, splits.length));
      continue;
    }
    const cands = splits.map((s) => s.map((x) => Number(x))).filter(rowSumOk);
    if (truncated) warnings.push(`t3.${h.key}: too many ways to split "${tokens.join(' ')}"; only some were tried`);
    if (cands.length === 1) {
      fixed.set(h.key, cands[0]!);
      rawCells.set(h.key, cands[0]!.map(String));
      splitByRow.push(`${h.key} "${tokens.join(' ')}"→${cands[0]!.join('/')}`);
    } else if (cands.length === 0) {
      warnings.push(`t3.${h.key}: run-together digits "${tokens.join(' ')}" have no split whose columns add up to its 总计; left empty`);
    } else {
      ambiguous.push({ key: h.key, cands, tokens });
    }
  }

  if (splitByRow.length) warnings.push(`t3: run-together digits split where only one split makes the six applicant columns add up to the printed 总计 (${splitByRow.length} rows): ${splitByRow.join('; ')}`);
  if (ambiguous.length) {
    const outcomeKeys = rowKeys.filter((k) => !OUTCOME_EXCLUDE.has(k));
    const res = solveUnique(ambiguous.map((a) => a.cands), (pick) => {
      const vals = new Map(fixed);
      ambiguous.forEach((a, i) => vals.set(a.key, pick[i]!));
      return columnsConsistent(vals, outcomeKeys);
    });
    if (res.pick) {
      ambiguous.forEach((a, i) => {
        fixed.set(a.key, res.pick![i]!);
        rawCells.set(a.key, res.pick![i]!.map(String));
        warnings.push(`t3.${a.key}: run-together digits "${a.tokens.join(' ')}" split as ${res.pick![i]!.join('/')} (the only split consistent with the table's identities)`);
      });
    } else {
      for (const a of ambiguous) {
        warnings.push(`t3.${a.key}: run-together digits "${a.tokens.join(' ')}" allow ${a.cands.length} splits${res.gaveUp ? ' (too many combinations to test)' : res.solutions > 1 ? ' and the identities do not single one out' : ' and none is consistent with the identities'}; left empty`);
      }
    }
  }

  const nums: TableRead['nums'] = {};
  const raw: TableRead['raw'] = {};
  for (const k of rowKeys) {
    const v = fixed.get(k);
    const r = rawCells.get(k);
    nums[k] = Object.fromEntries(T3_COLUMNS.map((c, i) => [c, v ? v[i] ?? null : null]));
    raw[k] = Object.fromEntries(T3_COLUMNS.map((c, i) => [c, r ? r[i] ?? null : null]));
  }
  const missing = rowKeys.filter((k) => !hits.some((h) => h.key === k));
  if (missing.length) warnings.push(`t3: rows not found: ${missing.join(', ')}`);
  return { nums, raw, warnings, found: true, rowKeys };
}
