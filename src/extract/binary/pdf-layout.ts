// Rebuilding lines and table rows from positioned PDF text items. pdftotext-style reading order flattens a
// table into one cell per line; here items are grouped into lines by vertical overlap, split into cells at
// wide horizontal gaps and joined with “ | ”, so each 表三 row (label + 7 numbers) stays on one line.
// Pure: items in, lines out (no pdf.js here, so this is unit-testable with hand-made items).

export interface PdfItem {
  str: string;
  x: number;
  /** Baseline y in PDF space (origin bottom-left, so larger is higher on the page). */
  y: number;
  width: number;
  /** Font size: the item's height band is [y, y + size]. */
  size: number;
}

interface Line {
  top: number;
  bottom: number;
  size: number;
  items: PdfItem[];
  /** A vertical run of stacked characters (a rowspan label set vertically): always its own line. */
  standalone?: boolean;
}

export interface LaidOutLine {
  cells: Array<{ x: number; text: string }>;
  /** Right edge of the last cell: tells a wrapped prose line (runs to the margin) from a paragraph end. */
  end: number;
  top: number;
  bottom: number;
  size: number;
}

// Items overlapping a line's band by this share of the font size belong to it. Body text lines never overlap
// (leading is > 1× the font size); a number centred in a two-line table cell overlaps the lower line by ~30%.
const OVERLAP_SHARE = 0.2;
// A horizontal gap wider than this many font sizes separates table cells.
const CELL_GAP = 1.0;

function isBlank(s: string): boolean {
  return s.replace(/[\s\u3000]+/g, '') === '';
}

/** Stacked single characters at one x (e.g. “三、本年度办理结果” written top to bottom) → one item. */
function mergeVerticalRuns(items: PdfItem[]): { rest: PdfItem[]; runs: PdfItem[] } {
  // Only CJK characters are set vertically; digits stacked at one x are a table column, not a label.
  const short = items.filter((i) => /^[\u3400-\u9fff、（）()]{1,2}$/.test(i.str.trim()));
  const byX = new Map<number, PdfItem[]>();
  for (const it of short) {
    const k = Math.round(it.x);
    const list = byX.get(k) ?? [];
    list.push(it);
    byX.set(k, list);
  }
  const used = new Set<PdfItem>();
  const runs: PdfItem[] = [];
  for (const list of byX.values()) {
    if (list.length < 3) continue;
    list.sort((a, b) => b.y - a.y);
    let run: PdfItem[] = [list[0]!];
    const flush = () => {
      if (run.length >= 3) {
        for (const r of run) used.add(r);
        runs.push({ str: run.map((r) => r.str.trim()).join(''), x: run[0]!.x, y: run[0]!.y, width: Math.max(...run.map((r) => r.width)), size: run[0]!.size });
      }
    };
    for (let i = 1; i < list.length; i++) {
      const prev = run[run.length - 1]!;
      const cur = list[i]!;
      const step = prev.y - cur.y;
      if (step > 0.5 * cur.size && step < 2.6 * cur.size) run.push(cur);
      else {
        flush();
        run = [cur];
      }
    }
    flush();
  }
  return { rest: items.filter((i) => !used.has(i)), runs };
}

function groupLines(items: PdfItem[]): Line[] {
  const lines: Line[] = [];
  const sorted = [...items].sort((a, b) => b.y + b.size - (a.y + a.size) || a.x - b.x);
  for (const it of sorted) {
    const top = it.y + it.size;
    const bottom = it.y;
    let best: Line | null = null;
    let bestOverlap = 0;
    // Only recent lines can overlap: the list is in top-down order.
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 4; i--) {
      const l = lines[i]!;
      if (l.standalone) continue;
      const overlap = Math.min(top, l.top) - Math.max(bottom, l.bottom);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = l;
      }
    }
    if (best && bestOverlap >= OVERLAP_SHARE * Math.min(it.size, best.size)) {
      // The band grows to the union: a row whose label sits a little above its numbers is still one band.
      best.items.push(it);
      best.top = Math.max(best.top, top);
      best.bottom = Math.min(best.bottom, bottom);
    }
    else lines.push({ top, bottom, size: it.size, items: [it] });
  }
  return lines;
}

function toCells(line: Line): LaidOutLine {
  const items = [...line.items].sort((a, b) => a.x - b.x);
  const cells: Array<{ x: number; text: string; end: number }> = [];
  for (const it of items) {
    const last = cells[cells.length - 1];
    const gap = last ? it.x - last.end : Infinity;
    if (last && gap <= CELL_GAP * it.size) {
      // A visible gap inside one cell is a space only between Latin/digit runs; CJK text is set without them.
      last.text += gap > 0.25 * it.size && /[\w.%]$/.test(last.text) && /^[\w.%]/.test(it.str) ? ` ${it.str}` : it.str;
      last.end = Math.max(last.end, it.x + it.width);
    } else {
      cells.push({ x: it.x, text: it.str, end: it.x + it.width });
    }
  }
  return {
    cells: cells.map((c) => ({ x: c.x, text: c.text.replace(/\s+/g, ' ').trim() })).filter((c) => c.text),
    end: cells.length ? cells[cells.length - 1]!.end : 0,
    top: line.top,
    bottom: line.bottom,
    size: line.size,
  };
}

/** Re-attach the wrapped part of a row label (“…只计这一情” / “形，不计其他情形） | 447 | …”) to its row. */
function mergeWrappedLabels(lines: LaidOutLine[]): LaidOutLine[] {
  const out: LaidOutLine[] = [];
  const sameX = (a: number, b: number, size: number) => Math.abs(a - b) <= 0.6 * size;
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i]!;
    // A wrapped label sits tight against its row; a heading above a table keeps ordinary leading.
    const close = (a: LaidOutLine, b: LaidOutLine) => a.bottom - b.top < 0.6 * Math.max(a.size, b.size);
    // Fragment above a row: prefix it to the row's first cell. A fragment of a rowspan label further left
    // (“（六）其” / “他处理”) may sit between the two; it is skipped over and kept as its own line.
    if (cur.cells.length === 1) {
      let j = i + 1;
      while (j < lines.length && j <= i + 2 && lines[j]!.cells.length === 1 && lines[j]!.cells[0]!.x < cur.cells[0]!.x - cur.size) j++;
      const row = lines[j];
      if (row && row.cells.length >= 3 && close(lines[j - 1]!, row) && sameX(cur.cells[0]!.x, row.cells[0]!.x, cur.size) && cur.size === row.size) {
        row.cells[0] = { x: cur.cells[0]!.x, text: cur.cells[0]!.text + row.cells[0]!.text };
        row.top = cur.top;
        continue;
      }
    }
    // Fragment below a row: append it to the cell it sits under.
    const prev = out[out.length - 1];
    if (prev && cur.cells.length === 1 && prev.cells.length >= 3 && close(prev, cur) && cur.size === prev.size) {
      const target = prev.cells.findIndex((c) => sameX(c.x, cur.cells[0]!.x, cur.size));
      // Only label columns wrap: numbers never continue on a second line.
      if (target >= 0 && !/^[\d.,+-]+$/.test(prev.cells[target]!.text) && !/^[\d.,+-]+$/.test(cur.cells[0]!.text)) {
        prev.cells[target] = { x: prev.cells[target]!.x, text: prev.cells[target]!.text + cur.cells[0]!.text };
        prev.bottom = cur.bottom;
        continue;
      }
    }
    out.push(cur);
  }
  return out;
}

/** One page of items → lines (top to bottom), each a list of cells. */
export function layoutPage(raw: PdfItem[]): LaidOutLine[] {
  const items = raw.filter((i) => !isBlank(i.str));
  const { rest, runs } = mergeVerticalRuns(items);
  const lines = groupLines(rest);
  for (const r of runs) lines.push({ top: r.y + r.size, bottom: r.y, size: r.size, items: [r], standalone: true });
  lines.sort((a, b) => b.top - a.top);
  return mergeWrappedLabels(lines.map(toCells).filter((l) => l.cells.length > 0));
}

const PAGE_NUMBER = /^([-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|\d{1,3})$/;

/** Page numbers printed at the top or bottom of a page (“- 4 -”, “第4页 共10页”). */
export function isPageNumber(line: LaidOutLine): boolean {
  return line.cells.length === 1 && PAGE_NUMBER.test(line.cells[0]!.text);
}

export function lineText(line: LaidOutLine): string {
  return line.cells.map((c) => c.text).join(' | ');
}

const SENTENCE_END = /[。！？；：:!?;]$/;

/**
 * Join prose lines that only wrap because the page is narrow: a one-cell line reaching the right margin,
 * not ending a sentence, continues on the next one-cell line. Table rows and short lines stay as they are.
 */
export function joinWrapped(lines: LaidOutLine[]): string[] {
  const prose = lines.filter((l) => l.cells.length === 1);
  const margin = prose.length ? Math.max(...prose.map((l) => l.end)) : 0;
  const out: string[] = [];
  let open = false;
  for (const l of lines) {
    const t = lineText(l);
    if (open && l.cells.length === 1) out[out.length - 1] += t;
    else out.push(t);
    open = l.cells.length === 1 && l.end >= margin - 2 * l.size && !SENTENCE_END.test(t);
  }
  return out;
}
