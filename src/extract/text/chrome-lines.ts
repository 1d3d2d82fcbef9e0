// Line-level chrome detection shared by every input kind (HTML after serialization, flattened crawls, PDFs).
import { LINE_RULES, type LineRule } from '../rules/chrome.ts';
import { countCjk, countPunct } from './normalize.ts';

export const CELL_SEP = ' | ';

/** The rule a single cell (or pipe-free line) falls under, if any. */
function cellRule(cell: string): LineRule | null {
  // Sentences are report prose even when they name a chrome word (“网站标识码、ICP备案号…均已展示，…。”).
  if (cell.length > 30 && (cell.match(/[，。；！？]/g)?.length ?? 0) >= 2) return null;
  for (const r of LINE_RULES) if (cell.length <= r.maxLen && r.re.test(cell)) return r;
  return null;
}

/**
 * The chrome rule that covers the whole line, or null. A line made of table cells is chrome only when every
 * non-empty cell is: a report table row that happens to contain “微信” keeps its numbers.
 */
export function chromeRule(line: string): LineRule | null {
  if (!line.includes('|')) return cellRule(line);
  const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
  if (cells.length === 0) return null;
  let first: LineRule | null = null;
  for (const c of cells) {
    const r = cellRule(c);
    if (!r) return null;
    first ??= r;
  }
  return first;
}

/** Long, punctuated text: report prose, which list/footer sweeps must never cross. */
export function isProse(line: string): boolean {
  return line.length >= 60 && countPunct(line) >= 2;
}

/** Line of a serialized table (cells joined by “ | ”). */
export function isTableRow(line: string): boolean {
  return line.includes(CELL_SEP) || /^\|.*\|$/.test(line);
}

export { countCjk };
