// The registry of report formats: the one list every format-dependent part of the project is derived from (the
// record schema's `format` values and table keys, the codebook and flat columns, detection, the parser's tables
// and checks, the cross-year checks, deadlines). Adding a format = one file exporting a FormatSpec, its line in
// BUILT_IN, and its test (test/report/format-registry.test.ts shows a format that touches no other file).
//
// Derived tables are computed once, when their modules load, so parsing pays nothing per report. Hence the
// registry is sealed by its first reader: registering later would leave those tables without the new format,
// and it throws instead.
import { format2019 } from './2019.ts';
import { format2021 } from './2021.ts';
import { formatPre2019 } from './pre2019.ts';
import { T3_HEAD, T3_TAIL } from './shared.ts';
import type { FormatSpec } from './types.ts';

/** The formats of the product, newest first (detection prefers the first on a tie it cannot break by year). */
const BUILT_IN = [format2021, format2019, formatPre2019] as const;

/** The `format` values of the built-in formats (a format registered at run time passes the schema but is no part of this type). */
export type FormatId = (typeof BUILT_IN)[number]['id'];

/** The value of `format` when no format was recognised. */
export const UNKNOWN_FORMAT = 'unknown';

const specs: FormatSpec[] = [...BUILT_IN];
let sealedBy: string | null = null;

/** What would make a format spec contradict the other formats, or null. */
export function formatProblem(spec: FormatSpec, others: readonly FormatSpec[]): string | null {
  if (!/^[a-z0-9]+$/.test(spec.id)) return `id "${spec.id}" must be lower-case letters and digits (it names flat columns)`;
  if (spec.id === UNKNOWN_FORMAT) return `id "${UNKNOWN_FORMAT}" is reserved for unrecognised reports`;
  if (others.some((s) => s.id === spec.id)) return `id "${spec.id}" is already registered`;
  const dup = (keys: string[]) => keys.find((k, i) => keys.indexOf(k) !== i);
  const blocks = spec.t2?.rows ?? [];
  const d1 = dup(blocks.map((r) => r.key));
  if (d1) return `表二 block "${d1}" is declared twice`;
  for (const b of blocks) {
    const d = dup(b.fields.map((f) => f.key));
    if (d) return `表二 block "${b.key}" declares field "${d}" twice`;
  }
  const shared = new Set([...T3_HEAD, ...T3_TAIL].map((r) => r.key));
  for (const r of spec.t3?.sixth ?? []) {
    if (shared.has(r.key)) return `表三 row "${r.key}" is one of the shared rows (formats/shared.ts)`;
    // One flat column per 表三 row across formats: a key another format declares must mean the same row.
    const other = others.flatMap((s) => s.t3?.sixth ?? []).find((o) => o.key === r.key);
    if (other && (other.zh !== r.zh || other.en !== r.en)) return `表三 row "${r.key}" is declared by another format with other labels`;
  }
  const d2 = dup((spec.stats ?? []).map((r) => r.key));
  if (d2) return `statistics row "${d2}" is declared twice`;
  const stock = spec.crossYear.stock;
  if (stock) {
    for (const b of stock.blocks) {
      const row = blocks.find((r) => r.key === b);
      if (!row) return `the stock rule names 表二 block "${b}", which the format does not declare`;
      for (const f of [stock.stock, stock.added, stock.removed]) if (!row.fields.some((x) => x.key === f)) return `the stock rule names field "${f}", which 表二 block "${b}" does not declare`;
    }
  }
  if (spec.checks.includes('T3') && !spec.t3) return 'check T3 needs a 表三 (t3)';
  if (spec.checks.includes('T4') && !spec.t4) return 'check T4 needs a 表四 (t4)';
  if (spec.crossYear.carriedOver && !spec.t3) return 'the carry-over check needs a 表三 (t3)';
  for (const d of [spec.deadline.government, spec.deadline.department]) if (!/^(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/.test(d)) return `deadline "${d}" is not MM-DD`;
  return null;
}

for (const [i, s] of specs.entries()) {
  const p = formatProblem(s, specs.slice(0, i));
  if (p) throw new Error(`report format ${s.id}: ${p}`);
}

/**
 * Adds a format that is no part of the product (a test's throwaway format). Must run before anything reads the
 * registry (see the header); exists only in this thread (worker threads load the built-in formats).
 */
export function registerFormat(spec: FormatSpec): void {
  if (sealedBy) throw new Error(`report format ${spec.id}: the format registry was already read by ${sealedBy}; register formats before importing the record schema or the parser`);
  const p = formatProblem(spec, specs);
  if (p) throw new Error(`report format ${spec.id}: ${p}`);
  specs.push(spec);
  // Newest first, as BUILT_IN.
  specs.sort((a, b) => b.years[0] - a.years[0]);
}

/**
 * Every registered format, newest first. `reader` names the module deriving its tables from them, for the
 * error a late registration gets.
 */
export function formatSpecs(reader: string): readonly FormatSpec[] {
  sealedBy ??= reader;
  return specs;
}

/** Oldest first: the order of the codebook's columns and of listings. */
export function formatsOldestFirst(reader: string): readonly FormatSpec[] {
  return [...formatSpecs(reader)].reverse();
}

const byId = new Map<string, FormatSpec>();
export function specFor(id: string): FormatSpec | null {
  if (!byId.size) for (const s of formatSpecs('specFor')) byId.set(s.id, s);
  return byId.get(id) ?? null;
}
