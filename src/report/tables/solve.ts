// Choosing among candidate splits: try every combination and keep the result only when exactly one combination
// satisfies the identities. Bounded so that a table with many ambiguous rows gives up instead of hanging.

export interface SolveResult<T> {
  pick: T[] | null;
  /** Consistent combinations found (stops counting at 2). */
  solutions: number;
  /** True when the search space exceeded the cap and was not explored. */
  gaveUp: boolean;
}

export function solveUnique<T>(choices: T[][], ok: (pick: T[]) => boolean, cap = 200_000): SolveResult<T> {
  let space = 1;
  for (const c of choices) {
    space *= Math.max(1, c.length);
    if (space > cap) return { pick: null, solutions: 0, gaveUp: true };
  }
  if (choices.some((c) => c.length === 0)) return { pick: null, solutions: 0, gaveUp: false };
  const idx = choices.map(() => 0);
  let found: T[] | null = null;
  let solutions = 0;
  for (;;) {
    const pick = idx.map((i, k) => choices[k]![i]!);
    if (ok(pick)) {
      solutions++;
      if (solutions > 1) return { pick: null, solutions, gaveUp: false };
      found = pick;
    }
    let k = 0;
    while (k < idx.length) {
      idx[k]!++;
      if (idx[k]! < choices[k]!.length) break;
      idx[k] = 0;
      k++;
    }
    if (k === idx.length) break;
  }
  return { pick: solutions === 1 ? found : null, solutions, gaveUp: false };
}
