/**
 * RFC 4180 CSV cells. `null` is an empty field and an empty string is `""`, so DuckDB (nullstr '',
 * allow_quoted_nulls false) and spreadsheet users can tell a blank from a missing value.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * CSV injection (OWASP): a spreadsheet runs a text cell that starts with = + - @, tab or CR as a formula, so a crawled
 * title `=HYPERLINK("http://…")` would become a live link. Such a text cell gets a leading single quote, which the
 * spreadsheet shows as text. A text that already starts with quotes before such a character gets one more, so the
 * quote can always be taken off again exactly (`restoreFormulaText`; reports.parquet is built from the CSV that way
 * and keeps the exact text). Numbers are written as numbers and never quoted: -3 stays -3.
 */
/** A text a spreadsheet would run as a formula, also behind quotes already there. Also the pattern DuckDB applies (storage/duckdb.ts). */
export const FORMULA_START_SQL = "^'*[=+\\-@\\t\\r]";
const FORMULA_START = new RegExp(FORMULA_START_SQL);
/** A neutralised text: FORMULA_START behind the added quote. Also the pattern DuckDB applies (storage/duckdb.ts). */
export const NEUTRALISED_FORMULA = "^'+[=+\\-@\\t\\r]";
const NEUTRALISED = new RegExp(NEUTRALISED_FORMULA);

export const neutraliseFormulaText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);
export const restoreFormulaText = (s: string): string => (NEUTRALISED.test(s) ? s.slice(1) : s);

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === '') return '""';
  const t = neutraliseFormulaText(v);
  return NEEDS_QUOTES.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function csvLine(values: readonly CsvValue[]): string {
  let s = '';
  for (let i = 0; i < values.length; i++) s += (i ? ',' : '') + csvCell(values[i]);
  return `${s}\n`;
}

/** UTF-8 byte order mark: without it Excel opens a UTF-8 CSV as the local ANSI code page and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';
