// Table grids from positioned words. Any source that knows where each word sits on its page (a PDF's text layer, an
// OCR engine's word boxes) feeds the same builder, so 表二/表三/表四 come out as rectangular grids like HTML tables do.
//
// The rules follow how these ruled tables are typeset, never one file's coordinates: rows share a baseline (within
// a share of the glyph height); the header band above the first row of numbers names the columns, its lowest cells
// (leaves) one per column, and a merged header cell is centred over the columns it spans; row labels sit left of
// the numbers, a wrapped label continues in its own column, a rowspan group label (“（三）不予公开”) sits beside the
// numbered rows it groups; a table running over a page break continues on the next page, where a repeated header is
// dropped. Pure: words in, grids out. Every distance is relative to the glyph height, so points and pixels both work.
import type { Grid } from '../../schema/document.ts';
import {
  FIRST_ORDINAL, ORDINAL_START, PAGE_NUMBER, TABLE_HEADER_LABELS, TABLE_HEADINGS, VALUE_CELL, type LayoutTableKind,
} from '../rules/table-layout.ts';

export type { LayoutTableKind };

/** One word (or a run of glyphs a source keeps together) with its box on the page. */
export interface LayoutWord {
  text: string;
  /** Left and right edge, in the page's units (PDF points, image pixels…). */
  x0: number;
  x1: number;
  /** Baseline (or box bottom), measured DOWN from the top of the page. */
  y: number;
  /** Glyph height (font size or box height) in the same units. */
  height: number;
  /** Page number; pages follow each other in this order. */
  page: number;
}

export interface LayoutTable {
  kind: LayoutTableKind;
  /** The heading line the table was found under, or null when its header labels identified it. */
  heading: string | null;
  pages: number[];
  /** Rows of `grid` that are header (caption and column-header) rows, in total over every header block. */
  header_rows: number;
  /** Columns of `grid` left of the value columns that hold row labels (rowspan groups expanded). */
  label_columns: number;
  /**
   * Rectangular. Header and label spans are expanded as for HTML tables (a merged cell's text in every cell it
   * covers); a value under a merged header cell is written once, in the span's first column.
   */
  grid: Grid;
}

export interface GridLimits {
  maxWordsPerPage: number;
  maxWords: number;
  maxTables: number;
  maxRowsPerTable: number;
  /** Value columns of one table (the standard tables have at most 15); a wider one is not built. */
  maxColumns?: number;
}

export const GRID_LIMITS: GridLimits = { maxWordsPerPage: 6000, maxWords: 120_000, maxTables: 12, maxRowsPerTable: 300, maxColumns: 60 };

export interface GridResult {
  tables: LayoutTable[];
  /** Bounds that were hit (words left out, tables or rows cut), for the document's warnings. */
  limits_hit: string[];
}

// --- lines and segments ------------------------------------------------------------------------------------------

interface Seg { text: string; x0: number; x1: number; y: number; h: number; page: number; value: boolean }
interface Line { page: number; y: number; h: number; segs: Seg[]; text: string }

// Words within this share of the smaller glyph height of a line's baseline are on that line: a number set in a
// larger type than its label sits a point or two off the label's baseline; the next row is a full line away.
const BASELINE_SHARE = 0.45;
// Horizontal gap (in glyph heights) that still joins two words into one cell; value cells never join each other
// beyond the smaller gap, since adjacent columns of numbers are set closer than text columns.
const JOIN_TEXT = 0.3;
const JOIN_VALUE = 0.3;

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]/;

/** CJK text is set without spaces; a space between two CJK characters is layout (justification, a wrap). */
function tidy(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 2; i++) t = t.replace(/(\S) (\S)/g, (m, a: string, b: string) => (CJK.test(a) || CJK.test(b) ? a + b : m));
  return t;
}

const isValue = (s: string) => VALUE_CELL.test(s.replace(/\s+/g, ''));
const RULE_MARK = /^[\s|｜]+$/;

/**
 * One run of text may hold several value cells (“103 104 105”: a PDF writer set neighbouring cells as one string):
 * it is cut at its spaces, each part placed by its share of the characters.
 */
function splitValueRuns(w: LayoutWord): LayoutWord[] {
  // A ruling line read as text (OCR reads a cell border as “|”) is no word; values it separates are cut apart.
  if (RULE_MARK.test(w.text)) return [];
  const parts = w.text.trim().split(/[\s|｜]+/).filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => /^[-+]?\d/.test(p) && isValue(p))) return [w];
  const chars = [...w.text];
  const unit = (w.x1 - w.x0) / Math.max(1, chars.length);
  const out: LayoutWord[] = [];
  const re = /[^\s|｜]+/g;
  for (let m = re.exec(w.text); m; m = re.exec(w.text)) {
    const start = [...w.text.slice(0, m.index)].length;
    out.push({ ...w, text: m[0], x0: w.x0 + start * unit, x1: w.x0 + (start + [...m[0]].length) * unit });
  }
  return out;
}

function makeLines(input: LayoutWord[]): Line[] {
  const byPage = new Map<number, LayoutWord[]>();
  for (const w of input.flatMap(splitValueRuns)) {
    if (!w.text || !w.text.trim() || !(w.height > 0) || ![w.x0, w.x1, w.y].every(Number.isFinite)) continue;
    const list = byPage.get(w.page) ?? [];
    list.push(w);
    byPage.set(w.page, list);
  }
  const lines: Line[] = [];
  for (const page of [...byPage.keys()].sort((a, b) => a - b)) {
    const ws = byPage.get(page)!.sort((a, b) => a.y - b.y || a.x0 - b.x0);
    const groups: Array<{ y: number; h: number; words: LayoutWord[] }> = [];
    for (const w of ws) {
      // Recent groups only: words arrive sorted by baseline.
      let best: (typeof groups)[number] | null = null;
      for (let i = groups.length - 1; i >= 0 && i >= groups.length - 3; i--) {
        const g = groups[i]!;
        if (Math.abs(w.y - g.y) <= BASELINE_SHARE * Math.min(w.height, g.h) && (!best || Math.abs(w.y - g.y) < Math.abs(w.y - best.y))) best = g;
      }
      if (best) { best.words.push(w); best.h = Math.min(best.h, w.height); }
      else groups.push({ y: w.y, h: w.height, words: [w] });
    }
    const pageLines: Line[] = [];
    for (const g of groups) {
      const sorted = g.words.sort((a, b) => a.x0 - b.x0);
      const segs: Seg[] = [];
      for (const w of sorted) {
        const last = segs[segs.length - 1];
        const h = Math.max(w.height, last?.h ?? 0);
        const gap = last ? w.x0 - last.x1 : Infinity;
        const bothValues = last && last.value && isValue(w.text);
        // An ordinal (“4.保护…”) opens a new cell even when the cell before it ends close by (a narrow column).
        const opens = gap > 0.05 * h && ORDINAL_START.test(w.text.trim());
        if (last && !opens && gap <= (bothValues ? JOIN_VALUE : JOIN_TEXT) * h && !(bothValues && gap > 0.25 * h)) {
          last.text += gap > 0.25 * h ? ` ${w.text}` : w.text;
          last.x1 = Math.max(last.x1, w.x1);
          last.h = Math.max(last.h, w.height);
          last.y = Math.max(last.y, w.y);
          last.value = isValue(last.text);
        } else segs.push({ text: w.text, x0: w.x0, x1: w.x1, y: w.y, h: w.height, page, value: isValue(w.text) });
      }
      for (const s of segs) { s.text = tidy(s.text); s.value = isValue(s.text); }
      const kept = segs.filter((s) => s.text);
      if (!kept.length) continue;
      pageLines.push({ page, y: g.y, h: Math.max(...kept.map((s) => s.h)), segs: kept, text: kept.map((s) => s.text).join('').replace(/\s+/g, '') });
    }
    // Page furniture: a lone page number as the first or last line of a page would split a table in two.
    while (pageLines.length && pageLines[0]!.segs.length === 1 && PAGE_NUMBER.test(pageLines[0]!.segs[0]!.text)) pageLines.shift();
    while (pageLines.length && pageLines[pageLines.length - 1]!.segs.length === 1 && PAGE_NUMBER.test(pageLines[pageLines.length - 1]!.segs[0]!.text)) pageLines.pop();
    lines.push(...pageLines);
  }
  return lines;
}

// --- finding tables ------------------------------------------------------------------------------------------------

/** A data line: its last cell is a value (the row's numbers sit right of its label). */
const isDataLine = (l: Line) => l.segs[l.segs.length - 1]!.value;

function headingKind(l: Line): LayoutTableKind | null {
  if (l.segs.some((s) => s.value) || l.text.length > 40) return null;
  return TABLE_HEADINGS.find((h) => h.re.test(l.text))?.kind ?? null;
}

const HEADER_CELL_CHARS = 12;

function headerLabelKind(l: Line): LayoutTableKind | null {
  if (isDataLine(l)) return null;
  // Header labels are short cells of their own; prose that names them (“未发生行政复议、行政诉讼案件”) is no header.
  return TABLE_HEADER_LABELS.find((h) => h.all.every((re) => l.segs.some((s) => s.text.length <= HEADER_CELL_CHARS && re.test(s.text))))?.kind ?? null;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// A table is abandoned when no row of values follows its heading within this many lines, and ends after this many
// lines without values (prose, a chart caption) once it has rows.
const MAX_LINES_TO_FIRST_ROW = 16;
const MAX_LINES_WITHOUT_VALUES = 14;
// Body text set this much larger than the table's own text ends the table (the next section's heading or prose).
const BODY_TYPE_SHARE = 1.2;

function collectTable(lines: Line[], start: number, maxRows: number): { end: number; body: Line[]; cut: boolean } {
  const body: Line[] = [];
  let sinceData = 0;
  let rows = 0;
  let cut = false;
  let i = start;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > start && headingKind(l)) break;
    const data = isDataLine(l);
    if (!data) {
      const textH = median(body.flatMap((b) => b.segs.filter((s) => !s.value).map((s) => s.h)));
      if (textH && Math.max(...l.segs.map((s) => s.h)) >= BODY_TYPE_SHARE * textH) break;
      // Prose running the full width of the table is not part of it.
      const dataLines = body.filter(isDataLine);
      if (dataLines.length) {
        const left = Math.min(...dataLines.map((d) => d.segs[0]!.x0));
        const right = Math.max(...dataLines.map((d) => d.segs[d.segs.length - 1]!.x1));
        if (l.segs.length === 1 && l.text.length >= 20 && l.segs[0]!.x1 - l.segs[0]!.x0 >= 0.85 * (right - left)) break;
      }
      sinceData++;
      if (rows === 0 && sinceData > MAX_LINES_TO_FIRST_ROW) return { end: i, body: [], cut };
      if (rows > 0 && sinceData > MAX_LINES_WITHOUT_VALUES) break;
    } else {
      sinceData = 0;
      rows++;
      if (rows > maxRows) { cut = true; break; }
    }
    body.push(l);
  }
  // Lines after the last row belong to it only when they sit tight below it (a wrapped label).
  let last = body.length - 1;
  while (last >= 0 && !isDataLine(body[last]!)) last--;
  if (last < 0) return { end: i, body: [], cut };
  let keep = last + 1;
  while (keep < body.length) {
    const l = body[keep]!;
    const prev = body[keep - 1]!;
    if (l.page !== prev.page || l.y - prev.y > 2.2 * Math.max(l.h, prev.h)) break;
    keep++;
  }
  return { end: i, body: body.slice(0, keep), cut };
}

// --- columns -------------------------------------------------------------------------------------------------------

interface Box { x0: number; x1: number; /** Glyph height of a text box (tolerances scale with it). */ h?: number }
const center = (b: Box) => (b.x0 + b.x1) / 2;
const overlap = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/**
 * Which cell owns each column, every column owned (a ruled table has no holes in a row): columns under a cell are
 * its own; a run of columns between two cells goes to either side so that each cell stays centred over its span
 * (merged cells centre their text); a run at either end goes to the cell beside it. `cols` must be sorted by x.
 */
export function partitionColumns(cells: Box[], cols: Box[]): number[] {
  const owner = cols.map(() => -1);
  if (!cells.length) return owner;
  cols.forEach((c, j) => {
    let best = -1;
    let bestOv = 0;
    cells.forEach((cell, i) => {
      const ov = overlap(cell, c);
      if (ov > bestOv) { bestOv = ov; best = i; }
    });
    owner[j] = best;
  });
  // A cell over no column (narrow text between two) takes the nearest free column.
  cells.forEach((cell, i) => {
    if (owner.includes(i)) return;
    let best = -1;
    let bestD = Infinity;
    cols.forEach((c, j) => {
      const d = Math.abs(center(c) - center(cell));
      if (owner[j] === -1 && d < bestD) { bestD = d; best = j; }
    });
    if (best >= 0) owner[best] = i;
  });
  const span = (i: number, own: number[]) => {
    const js = own.flatMap((o, j) => (o === i ? [j] : []));
    return js.length ? { x0: cols[js[0]!]!.x0, x1: cols[js[js.length - 1]!]!.x1 } : null;
  };
  // Runs at either end first, so a run between two cells is split knowing each cell's whole span.
  const firstOwned = owner.findIndex((o) => o !== -1);
  if (firstOwned < 0) return owner;
  for (let j = 0; j < firstOwned; j++) owner[j] = owner[firstOwned]!;
  let lastOwned = owner.length - 1;
  while (owner[lastOwned] === -1) lastOwned--;
  for (let j = lastOwned + 1; j < owner.length; j++) owner[j] = owner[lastOwned]!;
  for (let j = 0; j < cols.length; j++) {
    if (owner[j] !== -1) continue;
    let k = j;
    while (k < cols.length && owner[k] === -1) k++;
    const left = owner[j - 1]!;
    const right = owner[k]!;
    // Text set flush left in its cell starts at its first column: the run then belongs to the cell on the left.
    const flushLeft = (i: number) => {
      const first = owner.indexOf(i);
      return first >= 0 && cells[i]!.h !== undefined && Math.abs(cells[i]!.x0 - cols[first]!.x0) <= 0.3 * cells[i]!.h!;
    };
    if (left === right || (flushLeft(left) && flushLeft(right))) {
      for (let m = j; m < k; m++) owner[m] = left;
    } else {
      let bestCut = j;
      let bestCost = Infinity;
      for (let cut = j; cut <= k; cut++) {
        const trial = owner.slice();
        for (let m = j; m < k; m++) trial[m] = m < cut ? left : right;
        const a = span(left, trial)!;
        const b = span(right, trial)!;
        const cost = Math.abs(center(a) - center(cells[left]!)) + Math.abs(center(b) - center(cells[right]!));
        if (cost < bestCost - 1e-9) { bestCost = cost; bestCut = cut; }
      }
      for (let m = j; m < k; m++) owner[m] = m < bestCut ? left : right;
    }
    j = k - 1;
  }
  return owner;
}

// Baseline step (in glyph heights) between two lines of one wrapped header cell; up to the taller step only when
// the whole row of headers wraps alike.
const WRAP_STEP = 2.6;
const WRAP_STEP_TALL = 4.0;

interface HCell { text: string; x0: number; x1: number; top: number; bottom: number; h: number; lines: number; lastW: number }

/**
 * Header fragments stacked in one narrow column (“商业/企业”, “结果/维持”) → one cell, read top to bottom. A wrapped
 * line sits under its first line alone, no wider than it; a parent header has several children under it.
 */
function stackCells(lines: Seg[][], pitch: number): HCell[] {
  const cells: HCell[] = [];
  for (const line of [...lines].sort((a, b) => a[0]!.y - b[0]!.y)) {
    const segs = [...line].sort((a, b) => a.x0 - b.x0);
    const hostOf = segs.map((s) => {
      const w = s.x1 - s.x0;
      return cells.find((c) => {
        const step = s.y - c.bottom;
        if (step <= 0.3 * s.h || step > WRAP_STEP_TALL * Math.max(s.h, c.h)) return false;
        // A line wider than one value column is a group header over several, never the first line of a wrap.
        if (c.x1 - c.x0 > 1.1 * pitch) return false;
        if (overlap(c, s) < 0.5 * Math.min(w, c.lastW) || w > c.lastW + 1.0 * s.h) return false;
        if (segs.some((o) => o !== s && overlap(c, o) > 0)) return false;
        return Math.abs(s.x0 - c.x0) <= 0.5 * s.h || Math.abs(center(s) - center(c)) <= 0.5 * s.h;
      });
    });
    const steps = segs.map((s, i) => (hostOf[i] ? s.y - hostOf[i]!.bottom : NaN));
    const stepOf = (i: number) => steps[i]!;
    segs.forEach((s, i) => {
      let host = hostOf[i];
      // A tall step is a wrap only when the row's other headers wrap with the same step (cells set with extra
      // leading); one cell alone that far below another is its child.
      if (host && stepOf(i) > WRAP_STEP * Math.max(s.h, host.h)) {
        const same = hostOf.filter((hh, k) => hh && Math.abs(stepOf(k) - stepOf(i)) <= 0.3 * s.h).length;
        if (same < 2) host = undefined;
      }
      const w = s.x1 - s.x0;
      if (host) {
        host.text += s.text;
        host.x0 = Math.min(host.x0, s.x0);
        host.x1 = Math.max(host.x1, s.x1);
        host.bottom = s.y;
        host.lastW = w;
        host.lines++;
      } else cells.push({ text: s.text, x0: s.x0, x1: s.x1, top: s.y - s.h, bottom: s.y, h: s.h, lines: 1, lastW: w });
    });
  }
  return cells;
}

interface Block {
  captions: string[];
  labelHeader: string;
  cells: HCell[];
  leaves: HCell[];
  signature: string;
}

/**
 * A header cut by a page break: the lines of the next page go on below the last line of the previous one, as if
 * the break were not there (heights and steps are compared within the block).
 */
function continuous(lines: Line[]): Line[] {
  let offset = 0;
  let prev: Line | null = null;
  return lines.map((l) => {
    if (prev && l.page !== prev.page) offset = prev.y + offset + 1.5 * Math.max(prev.h, l.h) - l.y;
    prev = l;
    return offset ? { ...l, y: l.y + offset, segs: l.segs.map((s) => ({ ...s, y: s.y + offset })) } : l;
  });
}

function makeBlock(lines: Line[], dataLeft: number, tableBox: Box, pitch: number): Block {
  const captions: string[] = [];
  let rest = continuous(lines);
  // A caption row (“第二十条第（一）项”) opens a sub-table: one cell alone, centred on the whole table or set at its
  // left edge, above a header line of several cells.
  while (rest.length > 1 && rest[0]!.segs.length === 1) {
    const s = rest[0]!.segs[0]!;
    const centred = Math.abs(center(s) - center(tableBox)) <= 2 * s.h;
    const atLeft = Math.abs(s.x0 - tableBox.x0) <= 1.0 * s.h && center(s) < dataLeft;
    if (!(centred || atLeft) || !rest.slice(1).some((l) => l.segs.length > 1)) break;
    captions.push(s.text);
    rest = rest.slice(1);
  }
  const segs = rest.flatMap((l) => l.segs);
  const labelSegs = segs.filter((s) => center(s) < dataLeft).sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const cells = stackCells(rest.map((l) => l.segs.filter((s) => center(s) >= dataLeft)).filter((l) => l.length), pitch).sort((a, b) => a.x0 - b.x0);
  // Leaves: cells with no other header cell below them over the same x-range.
  const leaves = cells.filter((c) => !cells.some((d) => d !== c && d.top > c.bottom - 0.2 * c.h && overlap(c, d) > 0.3 * Math.min(c.x1 - c.x0, d.x1 - d.x0)));
  const labelHeader = tidy(labelSegs.map((s) => s.text).join(''));
  return { captions, labelHeader, cells, leaves, signature: [...captions, labelHeader, ...cells.map((c) => c.text)].join('|') };
}

/** Header rows of a block over the table's value columns (span copies expanded). */
function headerRows(block: Block, cols: Box[]): string[][] {
  const leafOf = partitionColumns(block.leaves, cols);
  const inner = block.cells.filter((c) => !block.leaves.includes(c));
  if (!inner.length) return block.leaves.length ? [cols.map((_, j) => block.leaves[leafOf[j]!]?.text ?? '')] : [];
  // Bands of non-leaf cells, top down.
  const bands: HCell[][] = [];
  for (const c of [...inner].sort((a, b) => a.top - b.top)) {
    const band = bands.find((b) => Math.abs(b[0]!.top - c.top) <= 0.6 * c.h);
    if (band) band.push(c);
    else bands.push([c]);
  }
  // Leaves set level with the deepest ones sit under the deepest band; a leaf set higher (vertically centred in a
  // taller cell) spans up to just under the top band, or the whole header when it starts above that band's foot.
  const mid = (c: HCell) => (c.top + c.bottom) / 2;
  const deepest = Math.max(...block.leaves.map(mid));
  const leafLevel = block.leaves.map((l) => {
    if (deepest - mid(l) <= 0.5 * l.h) return bands.length;
    const firstFoot = Math.max(...bands[0]!.map((c) => c.bottom));
    return l.top < firstFoot - 0.2 * l.h ? 0 : 1;
  });
  const rows: string[][] = [];
  let parent: number[] = cols.map(() => 0);
  let parentCells: HCell[] | null = null;
  for (let k = 0; k <= bands.length; k++) {
    const row = cols.map(() => '');
    const own: number[] = cols.map(() => -1);
    const free = cols.map((_, j) => leafLevel[leafOf[j]!]! > k);
    cols.forEach((_, j) => { if (!free[j]) row[j] = block.leaves[leafOf[j]!]?.text ?? ''; });
    if (k < bands.length) {
      const band = [...bands[k]!].sort((a, b) => a.x0 - b.x0);
      // Children partition their parent's columns; the top band partitions them all.
      const groups = new Map<number, number[]>();
      cols.forEach((_, j) => { if (free[j]) groups.set(parent[j]!, [...(groups.get(parent[j]!) ?? []), j]); });
      for (const [p, js] of groups) {
        const pc = parentCells?.[p];
        const kids = band.filter((c) => !pc || (center(c) >= pc.x0 - c.h && center(c) <= pc.x1 + c.h) || js.some((j) => overlap(c, cols[j]!) > 0));
        const kidsHere = kids.filter((c) => js.some((j) => overlap(c, cols[j]!) > 0) || (center(c) >= cols[js[0]!]!.x0 - c.h && center(c) <= cols[js[js.length - 1]!]!.x1 + c.h));
        const owner = partitionColumns(kidsHere, js.map((j) => cols[j]!));
        js.forEach((j, m) => {
          const o = owner[m]!;
          if (o >= 0) { row[j] = kidsHere[o]!.text; own[j] = band.indexOf(kidsHere[o]!); }
        });
      }
      // Columns no child of this band claims keep their parent's text (a rowspan of the group label).
      cols.forEach((_, j) => { if (free[j] && own[j] === -1 && parentCells) row[j] = parentCells[parent[j]!]?.text ?? ''; });
      parent = own.map((o, j) => (o === -1 ? parent[j]! : o));
      parentCells = band;
    }
    rows.push(row);
  }
  return rows;
}

// --- labels --------------------------------------------------------------------------------------------------------

interface LabelBlock {
  text: string; x0: number; x1: number; first: number; last: number; h: number; page: number; lastPage: number; onData: boolean;
  /** The last line's extent: a centred wrap is centred under it. */
  lastX0: number; lastX1: number;
}

// --- the table -----------------------------------------------------------------------------------------------------

interface DataRow { line: Line; values: Seg[]; block: number; own: LabelBlock | null; ownCol: number; spans: string[] }

function buildTable(body: Line[], kind: LayoutTableKind, heading: string | null, maxColumns: number, limits_hit: string[]): LayoutTable | null {
  const data = body.filter(isDataLine);
  if (!data.length) return null;
  // The value zone starts at the first value of the trailing run of values of each row.
  const firstValue = (l: Line) => {
    let i = l.segs.length - 1;
    while (i > 0 && l.segs[i - 1]!.value) i--;
    return l.segs[i]!;
  };
  const dataLeft = Math.min(...data.map((l) => { const s = firstValue(l); return s.x0 - 0.5 * s.h; }));
  const tableBox = { x0: Math.min(...body.map((l) => l.segs[0]!.x0)), x1: Math.max(...data.map((l) => l.segs[l.segs.length - 1]!.x1)) };
  const inValues = (s: Seg) => center(s) >= dataLeft;
  // Column pitch: the median distance between neighbouring values of a row.
  const gaps = data.flatMap((l) => {
    const cs = l.segs.filter(inValues).map(center);
    return cs.slice(1).map((c, i) => c - cs[i]!);
  });
  const pitch = gaps.length ? median(gaps) : Infinity;

  // Bands of lines without values: a header block when any of its lines reaches the value zone (or it comes
  // before the first row), else label fragments (wrapped or rowspan labels).
  const blocks: Block[] = [];
  const blockLines: Line[][] = [];
  const fragments: Seg[] = [];
  const rowsOf: Array<{ line: Line; block: number }> = [];
  let band: Line[] = [];
  const flush = (beforeFirstRow: boolean) => {
    if (!band.length) return;
    if (beforeFirstRow || band.some((l) => l.segs.some(inValues))) {
      blockLines.push(band);
      blocks.push(makeBlock(band, dataLeft, tableBox, pitch));
    } else fragments.push(...band.flatMap((l) => l.segs));
    band = [];
  };
  for (const l of body) {
    if (!isDataLine(l)) { band.push(l); continue; }
    flush(rowsOf.length === 0);
    rowsOf.push({ line: l, block: blocks.length - 1 });
  }
  // After the last row only the wrapped end of a label can follow (the table was cut where the body text begins).
  fragments.push(...band.flatMap((l) => l.segs.filter((s) => !inValues(s))));

  // Value columns: the leaves of the most detailed header block; without a header, clusters of the values.
  const maxValues = Math.max(...data.map((l) => l.segs.filter(inValues).length));
  let cols: Box[];
  const richest = blocks.reduce((b, x, i) => (x.leaves.length > (blocks[b]?.leaves.length ?? -1) ? i : b), -1);
  if (richest >= 0 && blocks[richest]!.leaves.length >= maxValues) {
    cols = blocks[richest]!.leaves.map((c) => ({ x0: c.x0, x1: c.x1 }));
  } else {
    const xs = data.flatMap((l) => l.segs.filter(inValues)).sort((a, b) => center(a) - center(b));
    cols = [];
    for (const s of xs) {
      const last = cols[cols.length - 1];
      if (last && center(s) - center(last) <= 1.0 * s.h) { last.x0 = Math.min(last.x0, s.x0); last.x1 = Math.max(last.x1, s.x1); }
      else cols.push({ x0: s.x0, x1: s.x1 });
    }
  }
  cols.sort((a, b) => a.x0 - b.x0);
  if (cols.length > maxColumns) { limits_hit.push(`layout: a ${kind} table has ${cols.length} value columns, over ${maxColumns}; not built`); return null; }

  // Label blocks: label-zone text of rows and fragments, wrapped lines joined in their column.
  const labelSegs = [...fragments.map((s) => ({ s, onData: false, onLine: false })), ...rowsOf.flatMap((r) => {
    // The rightmost label of a row is (a line of) its own label: two rows' own labels never join.
    const ls = r.line.segs.filter((s) => !inValues(s));
    return ls.map((s, i) => ({ s, onData: i === ls.length - 1, onLine: true }));
  })];
  labelSegs.sort((a, b) => a.s.page - b.s.page || a.s.y - b.s.y || a.s.x0 - b.s.x0);
  const labels: LabelBlock[] = [];
  for (const { s, onData, onLine } of labelSegs) {
    // A wrapped line starts under its first line, or a little indented.
    const aligned = (b: LabelBlock) => Math.abs(s.x0 - b.x0) <= 1.0 * s.h || (s.x0 > b.x0 && s.x0 <= b.x0 + 2.5 * s.h && s.x0 < b.x1)
      || Math.abs(center(s) - (b.lastX0 + b.lastX1) / 2) <= 1.0 * s.h;
    let host: LabelBlock | undefined;
    if (!ORDINAL_START.test(s.text)) {
      host = labels.find((b) => {
        // A row's own label is complete on its row: what sits on another row's line is that row's.
        if (b.lastPage !== s.page || (onLine && b.onData)) return false;
        const step = s.y - b.last;
        if (step <= 0.3 * s.h || step > 2.2 * Math.max(s.h, b.h)) return false;
        return aligned(b);
      });
      // A group label cut by a page break (“（四）无” / “法提供”) goes on at the top of the next page.
      if (!host && !onData) {
        const prev = [...labels].reverse().find((b) => aligned(b));
        if (prev && !prev.onData && prev.lastPage === s.page - 1 && !labels.some((b) => b.page === s.page && aligned(b))) host = prev;
      }
    }
    if (host) {
      host.text += s.text;
      host.x0 = Math.min(host.x0, s.x0);
      host.x1 = Math.max(host.x1, s.x1);
      host.lastX0 = s.x0;
      host.lastX1 = s.x1;
      host.last = s.y;
      host.lastPage = s.page;
      host.onData ||= onData;
    } else labels.push({ text: s.text, x0: s.x0, x1: s.x1, first: s.y, last: s.y, h: s.h, page: s.page, lastPage: s.page, onData, lastX0: s.x0, lastX1: s.x1 });
  }

  const rows: DataRow[] = rowsOf.map((r) => ({ line: r.line, values: r.line.segs.filter(inValues), block: r.block, own: null, ownCol: -1, spans: [] }));
  const spanLabels: Array<{ label: LabelBlock; anchor: number }> = [];
  const candidates = new Map<DataRow, LabelBlock[]>();
  for (const b of labels) {
    const tol = 0.5 * b.h;
    const hits = b.lastPage !== b.page ? [] : rows.filter((r) => r.line.page === b.page && r.line.y >= b.first - tol && r.line.y <= b.last + tol);
    if (hits.length === 1) candidates.set(hits[0]!, [...(candidates.get(hits[0]!) ?? []), b]);
    else {
      // Several rows (a tall rowspan label) or none (a group label between rows): a span label, anchored at
      // the row nearest its middle.
      const midY = b.lastPage === b.page ? (b.first + b.last) / 2 : b.first;
      let anchor = -1;
      let best = Infinity;
      rows.forEach((r, i) => {
        const d = (r.line.page === b.page ? 0 : 1e9 * Math.abs(r.line.page - b.page)) + Math.abs(r.line.y - midY);
        if (d < best) { best = d; anchor = i; }
      });
      if (anchor >= 0) spanLabels.push({ label: b, anchor });
    }
  }
  for (const [row, bs] of candidates) {
    bs.sort((a, b) => a.x0 - b.x0);
    row.own = bs[bs.length - 1]!;
    for (const b of bs.slice(0, -1)) spanLabels.push({ label: b, anchor: rows.indexOf(row) });
  }
  // Label columns: own labels set flush left share a left edge, centred ones a centre; the table's alignment is
  // the one that gathers its labels into fewer columns. A column's edge is its leftmost label.
  const owns = rows.filter((r) => r.own).map((r) => r.own!);
  const clusterBy = (key: (b: LabelBlock) => number) => {
    const groups: LabelBlock[][] = [];
    for (const b of [...owns].sort((a, c) => key(a) - key(c))) {
      const g = groups[groups.length - 1];
      if (g && key(b) - key(g[g.length - 1]!) <= 1.0 * b.h) g.push(b);
      else groups.push([b]);
    }
    return groups;
  };
  const byLeft = clusterBy((b) => b.x0);
  const byCentre = clusterBy((b) => (b.x0 + b.x1) / 2);
  const groups = byCentre.length < byLeft.length ? byCentre : byLeft;
  const edges = groups.map((g) => Math.min(...g.map((b) => b.x0))).sort((a, b) => a - b);
  // A rowspan label that would share the column of the row it sits beside (left of that row's own label) is a
  // column of its own: no other row showed it (a table cut to the rows it groups).
  const edgeOf = (b: LabelBlock) => { const mid = (b.x0 + b.x1) / 2; let e = -Infinity; for (const x of edges) if (x <= mid) e = Math.max(e, x); return e; };
  const ownEdge = (b: LabelBlock) => edges[groups.findIndex((g) => g.includes(b))] ?? -Infinity;
  const extra: number[] = [];
  for (const sl of spanLabels) {
    const own = rows[sl.anchor]?.own;
    // Left of every edge it would go to the first column.
    const e = Math.max(edgeOf(sl.label), edges[0] ?? -Infinity);
    if (!own || sl.label.x1 > own.x0 + 0.5 * sl.label.h || e < ownEdge(own)) continue;
    if (![...edges, ...extra].some((e) => Math.abs(e - sl.label.x0) <= 1.0 * sl.label.h)) extra.push(sl.label.x0);
  }
  const ownEdges = new Map(owns.map((b) => [b, ownEdge(b)]));
  edges.push(...extra);
  edges.sort((a, b) => a - b);
  const groupOf = new Map<LabelBlock, number>();
  for (const b of owns) groupOf.set(b, edges.indexOf(ownEdges.get(b)!));
  // A rowspan label sits in the column whose edge is the last one left of its middle.
  const colOf = (b: LabelBlock) => {
    const mid = (b.x0 + b.x1) / 2;
    let c = 0;
    edges.forEach((e, i) => { if (e <= mid) c = i; });
    return c;
  };
  const L = edges.length;
  for (const r of rows) { r.ownCol = r.own ? groupOf.get(r.own)! : L; r.spans = Array(L).fill(''); }
  // Each span label covers the run of rows (whose own label starts right of its column) around its anchor; several
  // in one run split it where the rows' numbering restarts (“1.” under each group), else by nearness.
  for (let c = 0; c < L; c++) {
    const here = spanLabels.filter((s) => colOf(s.label) === c);
    if (!here.length) continue;
    let i = 0;
    while (i < rows.length) {
      if (rows[i]!.ownCol <= c) { i++; continue; }
      let j = i;
      while (j < rows.length && rows[j]!.ownCol > c) j++;
      const inRun = here.filter((s) => s.anchor >= i && s.anchor < j).sort((a, b) => a.anchor - b.anchor);
      if (inRun.length === 1) for (let m = i; m < j; m++) rows[m]!.spans[c] = inRun[0]!.label.text;
      else if (inRun.length > 1) {
        const starts: number[] = [];
        for (let m = i; m < j; m++) if (rows[m]!.own && FIRST_ORDINAL.test(rows[m]!.own!.text)) starts.push(m);
        if (starts.length === inRun.length && starts[0] === i) {
          starts.forEach((st, g) => { for (let m = st; m < (starts[g + 1] ?? j); m++) rows[m]!.spans[c] = inRun[g]!.label.text; });
        } else {
          for (let m = i; m < j; m++) {
            const near = inRun.reduce((a, b) => (Math.abs(b.anchor - m) < Math.abs(a.anchor - m) ? b : a));
            rows[m]!.spans[c] = near.label.text;
          }
        }
      }
      i = j;
    }
  }

  // Assemble: each header block's rows (a repeated header on a continuation page is dropped), then its rows.
  const grid: string[][] = [];
  let headerCount = 0;
  const seen = new Set<string>();
  const leafCols = blocks.map((b) => partitionColumns(b.leaves, cols));
  const emitBlock = (bi: number) => {
    const b = blocks[bi]!;
    if (seen.has(b.signature)) return;
    seen.add(b.signature);
    for (const cap of b.captions) { grid.push(Array(L + cols.length).fill(cap)); headerCount++; }
    for (const hr of headerRows(b, cols)) { grid.push([...Array(L).fill(b.labelHeader), ...hr]); headerCount++; }
  };
  let lastBlock = -1;
  for (const r of rows) {
    while (lastBlock < r.block) emitBlock(++lastBlock);
    const cells = cols.map(() => '');
    const owner = r.block >= 0 ? leafCols[r.block]! : cols.map((_, j) => j);
    const nLeaves = r.block >= 0 ? blocks[r.block]!.leaves.length : cols.length;
    // Each value goes to the header leaf above it, written once in the first column that leaf spans (the page
    // shows the header's span, not the value's); two values under one merged leaf take their nearest columns.
    const nearestCol = (s: Seg) => cols.reduce((bi, c, j) => (Math.abs(center(c) - center(s)) < Math.abs(center(cols[bi]!) - center(s)) ? j : bi), 0);
    const leafOfSeg = r.values.map((s) => owner[nearestCol(s)]!);
    r.values.forEach((s, i) => {
      const leaf = leafOfSeg[i]!;
      const shared = leafOfSeg.filter((x) => x === leaf).length > 1 || nLeaves === 0 || leaf < 0;
      if (shared) cells[nearestCol(s)] = cells[nearestCol(s)] ? `${cells[nearestCol(s)]} ${s.text}` : s.text;
      else cells[owner.indexOf(leaf)] = s.text;
    });
    const label = Array.from({ length: L }, (_, c) => (c < r.ownCol ? r.spans[c]! : r.own!.text));
    grid.push([...label, ...cells]);
  }
  while (lastBlock < blocks.length - 1) emitBlock(++lastBlock);
  return {
    kind, heading,
    pages: [...new Set(body.map((l) => l.page))],
    header_rows: headerCount,
    label_columns: L,
    grid,
  };
}

/** Positioned words of a document → the grids of the report tables found in it (表二, 表三, 表四). */
export function buildGrids(words: LayoutWord[], limits: GridLimits = GRID_LIMITS): GridResult {
  const limits_hit: string[] = [];
  const perPage = new Map<number, number>();
  const kept: LayoutWord[] = [];
  const capped = new Set<number>();
  for (const w of words) {
    if (kept.length >= limits.maxWords) { limits_hit.push(`layout: over ${limits.maxWords} words in the document; the rest were not laid out`); break; }
    const n = perPage.get(w.page) ?? 0;
    if (n >= limits.maxWordsPerPage) {
      if (!capped.has(w.page)) { capped.add(w.page); limits_hit.push(`layout: page ${w.page} has over ${limits.maxWordsPerPage} words; the rest were not laid out`); }
      continue;
    }
    perPage.set(w.page, n + 1);
    kept.push(w);
  }
  const lines = makeLines(kept);
  const tables: LayoutTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const hk = headingKind(lines[i]!);
    const lk = hk ? null : headerLabelKind(lines[i]!);
    const kind = hk ?? lk;
    if (!kind) continue;
    if (tables.length >= limits.maxTables) { limits_hit.push(`layout: over ${limits.maxTables} tables; the rest were not built`); break; }
    const from = hk ? i + 1 : i;
    const { end, body, cut } = collectTable(lines, from, limits.maxRowsPerTable);
    if (cut) limits_hit.push(`layout: a ${kind} table has over ${limits.maxRowsPerTable} rows; cut there`);
    const t = body.length ? buildTable(body, kind, hk ? lines[i]!.text : null, limits.maxColumns ?? GRID_LIMITS.maxColumns!, limits_hit) : null;
    if (t) { tables.push(t); i = Math.max(i, end - 1); }
  }
  return { tables, limits_hit };
}
