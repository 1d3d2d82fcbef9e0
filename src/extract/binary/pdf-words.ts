// pdf.js text items → positioned words for the layout grid builder (src/extract/layout/grid.ts). pdf.js puts the
// origin at the bottom-left and gives each item's baseline; the builder measures down from the top of the page.
import type { LayoutWord } from '../layout/grid.ts';

export interface PdfTextItem {
  str: string;
  /** Baseline start in PDF space (origin bottom-left). */
  x: number;
  y: number;
  width: number;
  /** Font size from the text matrix; the item's own height when the size is missing. */
  fontSize?: number;
  height?: number;
}

/** One page's items → words; `top` is the page's top edge in PDF space (its view box's upper y). */
export function pageWords(items: PdfTextItem[], page: number, top: number): LayoutWord[] {
  const words: LayoutWord[] = [];
  for (const it of items) {
    if (!it.str || !it.str.trim()) continue;
    const height = it.fontSize || it.height || 0;
    if (!(height > 0) || !(it.width >= 0)) continue;
    words.push({ text: it.str, x0: it.x, x1: it.x + it.width, y: top - it.y, height, page });
  }
  return words;
}
