// Splitting run-together digits. Some tools flattened tables by concatenating cells, so "21 7 10000 218" became
// "21710000218". A digit string alone cannot be split; the table's own identities (a 总计 equals the sum of its
// parts) can make exactly one split consistent. This module only enumerates candidate splits; callers filter them.
// On OCR text only a split the digits force is taken ("0000000" into seven cells: one way to cut it). A run that can
// be cut several ways may hide a dropped or misread digit besides the dropped gaps, and a cut that happens to satisfy
// the identities is then still a guess. Readers ask `splitAllowed`.

import { cellKind, isSplittable } from './cells.ts';

/** Longest plausible single cell (a county's penalty count can reach seven digits; money is never splittable). */
const MAX_PART = 8;

/**
 * Every way to cut `tokens` into exactly `n` cells, keeping token boundaries (a printed space or cell break is a real
 * boundary) and never creating a multi-digit part with a leading zero. Returns at most `cap` candidates (and
 * `truncated` when more exist) so a pathological input cannot blow up.
 */
export function enumerateSplits(tokens: string[], n: number, cap = 4000): { splits: string[][]; truncated: boolean } {
  const out: string[][] = [];
  let truncated = false;
  const minCells = tokens.length;
  let maxCells = 0;
  for (const t of tokens) maxCells += isSplittable(t) ? t.length : 1;
  if (n < minCells || n > maxCells) return { splits: [], truncated: false };

  const cur: string[] = [];
  const rest = (ti: number) => {
    let c = 0;
    for (let k = ti; k < tokens.length; k++) c += isSplittable(tokens[k]!) ? tokens[k]!.length : 1;
    return c;
  };
  const restMax = tokens.map((_, i) => rest(i)).concat(0);

  const cutToken = (ti: number, s: string, start: number): void => {
    if (out.length >= cap) { truncated = true; return; }
    if (start === s.length) { walk(ti + 1); return; }
    // cells still needed after this token's remaining part
    for (let len = 1; len <= Math.min(MAX_PART, s.length - start); len++) {
      const part = s.slice(start, start + len);
      if (part.length > 1 && part[0] === '0') break;
      cur.push(part);
      const remainingTokens = tokens.length - ti - 1;
      const need = n - cur.length;
      const canStillFill = need >= remainingTokens && need <= restMax[ti + 1]! + (s.length - start - len);
      if (canStillFill) cutToken(ti, s, start + len);
      cur.pop();
    }
  };
  const walk = (ti: number): void => {
    if (out.length >= cap) { truncated = true; return; }
    if (ti === tokens.length) { if (cur.length === n) out.push([...cur]); return; }
    const t = tokens[ti]!;
    if (isSplittable(t)) { cutToken(ti, t, 0); return; }
    cur.push(t);
    if (cur.length <= n) walk(ti + 1);
    cur.pop();
  };
  walk(0);
  return { splits: out, truncated };
}

/** True when any token is a digits-only string that could hide several cells. */
export function hasRunTogether(tokens: string[]): boolean {
  return tokens.some((t) => cellKind(t) === 'number' && isSplittable(t));
}

/** Whether a reader may choose among `splits` of a digit run: on OCR text only when there is no choice. */
export function splitAllowed(splits: readonly unknown[], opts: { ocr?: boolean } | undefined): boolean {
  return !opts?.ocr || splits.length <= 1;
}

/** The warning for a row left empty because its OCR text runs digits together in more than one possible way. */
export function ocrRunTogetherWarning(where: string, tokens: string[], ways: number): string {
  return `${where}: OCR text runs digits together ("${tokens.join(' ').slice(0, 80)}", ${ways} ways to cut it); not split, since on OCR text choosing a cut is a guess; left empty`;
}
