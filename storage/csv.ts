/**
 * RFC 4180 CSV cells. `null` is an empty field and an empty string is `""`, so DuckDB (nullstr '',
 * allow_quoted_nulls false) and spreadsheet users can tell a blank from a missing value.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === '') return '""';
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(values: readonly CsvValue[]): string {
  let s = '';
  for (let i = 0; i < values.length; i++) s += (i ? ',' : '') + csvCell(values[i]);
  return `${s}\n`;
}

/** UTF-8 byte order mark: without it Excel opens a UTF-8 CSV as the local ANSI code page and garbles Chinese. */
export const UTF8_BOM = '\uFEFF';
