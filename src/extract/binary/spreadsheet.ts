// Spreadsheet attachments (.xls, .xlsx, and WPS Spreadsheets .et, which is one of those two inside) through
// SheetJS. Merged cells are expanded into every cell they cover, like HTML rowspan/colspan grids, so the
// table readers see the same shape whatever the file; each grid row also becomes a “ | ” text line, because
// the crawler keeps an attachment's text only.
import * as XLSX from '@e965/xlsx';
import type { Extracted, Grid } from '../../schema/document.ts';
import { emptyExtracted } from '../text/clean-text.ts';
import { gridRowsToLines } from '../html/tables.ts';
import { liftTitle } from './title-lines.ts';

/** A report's statistics sheet is a few dozen rows; these bounds keep a hostile or huge workbook cheap. */
export const SHEET_LIMITS = { maxSheets: 20, maxRows: 2000, maxCols: 60, maxCellChars: 2000 };

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/[\s\u3000]+/g, ' ').trim().slice(0, SHEET_LIMITS.maxCellChars);
}

/** One sheet → expanded grid plus, per cell, the id of the merge it belongs to (for writing a merge once). */
export function sheetGrid(ws: XLSX.WorkSheet, warnings: string[], name: string): { grid: Grid; origin: number[][] } {
  if (!ws['!ref']) return { grid: [], origin: [] };
  const range = XLSX.utils.decode_range(ws['!ref']);
  const rows = Math.min(range.e.r - range.s.r + 1, SHEET_LIMITS.maxRows);
  const cols = Math.min(range.e.c - range.s.c + 1, SHEET_LIMITS.maxCols);
  if (range.e.r - range.s.r + 1 > rows || range.e.c - range.s.c + 1 > cols) {
    warnings.push(`sheet “${name}” is ${range.e.r - range.s.r + 1}×${range.e.c - range.s.c + 1}; read only the first ${rows}×${cols} cells (cap)`);
  }
  const grid: string[][] = [];
  const origin: number[][] = [];
  for (let r = 0; r < rows; r++) {
    grid.push([]);
    origin.push([]);
    for (let c = 0; c < cols; c++) {
      const cell = ws[XLSX.utils.encode_cell({ r: range.s.r + r, c: range.s.c + c })] as XLSX.CellObject | undefined;
      // w is the text as formatted in the sheet (what a reader sees); v the raw value when no format was kept.
      grid[r]!.push(cellText(cell ? cell.w ?? cell.v : ''));
      origin[r]!.push(r * cols + c);
    }
  }
  for (const m of (ws['!merges'] ?? []) as XLSX.Range[]) {
    const r0 = m.s.r - range.s.r, c0 = m.s.c - range.s.c;
    if (r0 < 0 || c0 < 0 || r0 >= rows || c0 >= cols) continue;
    const text = grid[r0]![c0]!;
    const id = origin[r0]![c0]!;
    for (let r = r0; r <= Math.min(m.e.r - range.s.r, rows - 1); r++) {
      for (let c = c0; c <= Math.min(m.e.c - range.s.c, cols - 1); c++) {
        grid[r]![c] = text;
        origin[r]![c] = id;
      }
    }
  }
  // Trailing empty rows and columns are formatting, not data.
  while (grid.length && grid[grid.length - 1]!.every((x) => x === '')) { grid.pop(); origin.pop(); }
  let width = 0;
  for (const row of grid) for (let c = row.length - 1; c >= 0; c--) if (row[c] !== '') { width = Math.max(width, c + 1); break; }
  return { grid: grid.map((r) => r.slice(0, width)), origin: origin.map((r) => r.slice(0, width)) };
}

export function extractSpreadsheet(bytes: Uint8Array): Extracted {
  const out = emptyExtracted('sheet');
  const wb = XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    type: 'buffer', cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, sheetRows: SHEET_LIMITS.maxRows + 1,
  });
  const names = wb.SheetNames.slice(0, SHEET_LIMITS.maxSheets);
  if (wb.SheetNames.length > names.length) out.warnings.push(`workbook has ${wb.SheetNames.length} sheets; read the first ${names.length} (cap)`);
  const lines: string[] = [];
  for (const name of names) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const t = sheetGrid(ws, out.warnings, name);
    if (!t.grid.length) continue;
    out.tables.push(t.grid);
    // A one-column row is a heading or a paragraph (the report's title or 表三's caption): a line of its own.
    for (const line of gridRowsToLines(t)) lines.push(line.replace(/^(?: \| )+| \| (?: \| )*$/g, ''));
  }
  const { title, rest } = liftTitle(lines.map((l) => l.replace(/^\s*\|\s*|\s*\|\s*$/g, '').trim()).filter(Boolean));
  out.title = title;
  out.text = rest.join('\n');
  if (!out.text.trim()) out.warnings.push('spreadsheet has no cell text');
  return out;
}
