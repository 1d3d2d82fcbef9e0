// DOM subtree → text lines. Block elements end lines, <br> ends a line, data tables become one line per row
// (cells joined by “ | ”) and are also returned as grids.
import type { Grid } from '../../schema/document.ts';
import { BLOCK_TAGS, isElement, isText, type AnyNode, type Element } from './dom.ts';
import { expandTable, gridRowsToLines, isDataTable } from './tables.ts';
import { trimLine } from '../text/normalize.ts';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'select', 'option', 'textarea', 'button']);
const WS = /[\s\u00a0\u200b\ufeff]+/g;

export interface Serialized {
  lines: string[];
  tables: Grid[];
}

class LineWriter {
  lines: string[] = [];
  private buf = '';
  add(s: string) {
    this.buf += s;
  }
  flush() {
    const t = trimLine(this.buf.replace(/ {2,}/g, ' '));
    if (t) this.lines.push(t);
    this.buf = '';
  }
}

/** Flatten one cell: its inner blocks are joined by a space, so a wrapped label stays one cell. */
function cellText(cell: Element): string {
  const w = new LineWriter();
  const tables: Grid[] = [];
  walk(cell, w, tables, true);
  w.flush();
  return w.lines.join(' ').replace(/ {2,}/g, ' ').trim();
}

function walk(node: AnyNode, w: LineWriter, tables: Grid[], inCell = false): void {
  if (isText(node)) {
    w.add(node.data.replace(WS, ' '));
    return;
  }
  if (node.type === 'root') {
    for (const c of (node as unknown as Element).children) walk(c, w, tables, inCell);
    return;
  }
  if (!isElement(node) || SKIP.has(node.name)) return;
  if (node.name === 'br' || node.name === 'hr') {
    // Inside a table cell a <br> only wraps a label (“本年新<br/>制作数量”): no space between CJK halves.
    if (!inCell) w.flush();
    return;
  }
  if (node.name === 'table' && isDataTable(node)) {
    w.flush();
    const t = expandTable(node, cellText);
    if (t.grid.length) {
      tables.push(t.grid);
      for (const l of gridRowsToLines(t)) w.lines.push(l);
    }
    return;
  }
  if (node.name === 'pre') {
    w.flush();
    const raw = (function collect(n: AnyNode): string {
      if (isText(n)) return n.data;
      if (isElement(n)) return n.children.map(collect).join('') + (n.name === 'br' ? '\n' : '');
      return '';
    })(node);
    for (const l of raw.split(/\r?\n/)) {
      const t = trimLine(l.replace(/[\t\u00a0]+/g, ' '));
      if (t) w.lines.push(t);
    }
    return;
  }
  const block = BLOCK_TAGS.has(node.name);
  if (block) inCell ? w.add(' ') : w.flush();
  for (const c of node.children) walk(c, w, tables, inCell);
  if (block) inCell ? w.add(' ') : w.flush();
  // Adjacent inline cells of a layout table would otherwise run together.
  else if (node.name === 'td' || node.name === 'th') w.add(' ');
}

export function serialize(roots: AnyNode[]): Serialized {
  const w = new LineWriter();
  const tables: Grid[] = [];
  for (const r of roots) {
    walk(r, w, tables);
    w.flush();
  }
  return { lines: w.lines, tables };
}
