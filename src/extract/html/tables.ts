// HTML tables → rectangular grids with rowspan/colspan expanded, and the test that tells a data table (keep as
// rows) from a layout table (old portals lay whole pages out in <table>; their cells are blocks of prose).
import type { Grid } from '../../schema/document.ts';
import { attr, isElement, textOf, type AnyNode, type Element } from './dom.ts';
import { countPunct } from '../text/normalize.ts';

// Real spans are small; a colspan="1000" typo must not allocate a huge row.
const MAX_SPAN = 200;

function span(el: Element, name: string): number {
  const n = parseInt(attr(el, name), 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_SPAN) : 1;
}

/** Rows of this table only (nested tables' rows belong to them). */
export function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: AnyNode) => {
    if (!isElement(n)) return;
    if (n.name === 'tr') rows.push(n);
    else if (n.name === 'table' && n !== table) return;
    else for (const c of n.children) visit(c);
  };
  for (const c of table.children) visit(c);
  return rows;
}

export function cellsOf(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
}

export function hasNestedTable(table: Element): boolean {
  const stack = [...table.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === 'table') return true;
    stack.push(...n.children);
  }
  return false;
}

/** A layout table holds prose or other tables; a data table holds short cells in a grid. */
export function isDataTable(table: Element): boolean {
  if (hasNestedTable(table)) return false;
  const rows = rowsOf(table);
  if (rows.length === 0) return false;
  let cells = 0;
  for (const r of rows) {
    for (const c of cellsOf(r)) {
      cells++;
      const t = textOf(c);
      // Report tables have long row labels (“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”) but
      // never a paragraph of prose in a cell.
      if (t.length > 160 && countPunct(t) >= 4) return false;
    }
  }
  return cells >= 2;
}

export interface ExpandedTable {
  grid: Grid;
  /** For each grid cell, an id of the source <td>, so colspan copies can be merged when serializing. */
  origin: number[][];
}

/** Expand spans into a full grid; cell text comes from `cellText` (the serializer's own flattening). */
export function expandTable(table: Element, cellText: (cell: Element) => string): ExpandedTable {
  const grid: string[][] = [];
  const origin: number[][] = [];
  let id = 0;
  const rows = rowsOf(table);
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    origin[r] ??= [];
    let c = 0;
    for (const cell of cellsOf(tr)) {
      while (origin[r]![c] !== undefined) c++;
      const text = cellText(cell);
      const rs = Math.min(span(cell, 'rowspan'), rows.length - r);
      const cs = span(cell, 'colspan');
      const cellId = id++;
      for (let dr = 0; dr < rs; dr++) {
        grid[r + dr] ??= [];
        origin[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr]![c + dc] = text;
          origin[r + dr]![c + dc] = cellId;
        }
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < width; c++) {
      if (grid[r]![c] === undefined) {
        grid[r]![c] = '';
        origin[r]![c] = -1 - c;
      }
    }
  }
  return { grid, origin };
}

/**
 * One text line per grid row, cells joined by “ | ”. Rowspan copies are repeated so each row stands alone for
 * the parser; colspan copies of the same cell are written once. Empty cells are kept, as empty strings, so
 * columns stay countable.
 */
export function gridRowsToLines({ grid, origin }: ExpandedTable): string[] {
  const lines: string[] = [];
  for (let r = 0; r < grid.length; r++) {
    const cells: string[] = [];
    for (let c = 0; c < grid[r]!.length; c++) {
      if (c > 0 && origin[r]![c] === origin[r]![c - 1]) continue;
      cells.push(grid[r]![c]!);
    }
    if (cells.every((x) => x === '')) continue;
    lines.push(cells.join(' | '));
  }
  return lines;
}
