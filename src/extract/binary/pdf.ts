// PDF attachment → Extracted, through unpdf (pdf.js). Layout work is in ./pdf-layout.ts.
import { extractTextItems, getDocumentProxy } from 'unpdf';
import type { Extracted } from '../../schema/document.ts';
import { emptyExtracted } from '../text/clean-text.ts';
import { isPageNumber, joinWrapped, layoutPage, type LaidOutLine } from './pdf-layout.ts';
import { liftTitle } from './title-lines.ts';
import { PDF_MAX_PAGES, TooLargeError } from '../limits.ts';
import { OCR_LIMITS, ocrPdf, type OcrLimits } from './ocr.ts';
import { buildGrids, type LayoutWord } from '../layout/grid.ts';
import { pageWords } from './pdf-words.ts';

// Fewer characters than this per page means the text layer is missing or only holds a stamp/page numbers.
const OCR_CHARS_PER_PAGE = 30;

export interface PdfOptions {
  /** Run OCR when the PDF has no text layer (default true); false leaves it `needs_ocr`. */
  ocr?: boolean;
  ocrLimits?: OcrLimits;
}

export async function extractPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<Extracted> {
  const out = emptyExtracted('pdf');
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    if (pdf.numPages > PDF_MAX_PAGES) throw new TooLargeError(`PDF has ${pdf.numPages} pages, over the ${PDF_MAX_PAGES}-page bound`);
    const { totalPages, items } = await extractTextItems(pdf);
    const all: LaidOutLine[] = [];
    const words: LayoutWord[] = [];
    for (let p = 0; p < items.length; p++) {
      const view = (await pdf.getPage(p + 1)).view;
      words.push(...pageWords(items[p]!, p + 1, Math.max(view[1] ?? 0, view[3] ?? 0)));
      const laid: LaidOutLine[] = layoutPage(items[p]!.map((i) => ({ str: i.str, x: i.x, y: i.y, width: i.width, size: i.fontSize || i.height || 10 })));
      // Page numbers sit in the first or last line of a page; between pages they would split a table.
      while (laid.length && isPageNumber(laid[laid.length - 1]!)) laid.pop();
      while (laid.length && isPageNumber(laid[0]!)) laid.shift();
      all.push(...laid);
    }
    // Joined across pages too: a paragraph or table continues over the page break as if it were not there.
    let lines = joinWrapped(all);
    const chars = lines.reduce((n, l) => n + l.replace(/[\s|]/g, '').length, 0);
    if (chars < OCR_CHARS_PER_PAGE * Math.max(1, totalPages)) {
      out.needs_ocr = true;
      out.warnings.push(`PDF has ${totalPages} page(s) but only ${chars} characters of text: scanned without a text layer, needs OCR`);
      if (opts.ocr !== false) {
        const limits = opts.ocrLimits ?? OCR_LIMITS;
        const o = await ocrPdf(bytes, totalPages, limits);
        out.ocr = { engine: 'tesseract chi_sim', dpi: limits.dpi, pages: o.pages, limits_hit: o.limits_hit };
        for (const h of o.limits_hit) out.warnings.push(`OCR: ${h}`);
        for (const pg of o.pages) if (pg.error) out.warnings.push(`OCR page ${pg.page}: ${pg.error}`);
        const ocrChars = o.lines.reduce((n, l) => n + l.replace(/[\s|]/g, '').length, 0);
        if (ocrChars >= OCR_CHARS_PER_PAGE) {
          // Read: the text is OCR output, marked as such; figures read from it carry that mark in the record.
          lines = o.lines;
          out.needs_ocr = false;
          out.text_source = 'ocr';
          out.warnings.push(`text read by OCR from ${o.pages.length} page image(s); mean confidence per page: ${o.pages.map((p) => p.confidence ?? 'n/a').join(', ')}`);
        } else out.warnings.push(`OCR found only ${ocrChars} characters: still needs OCR`);
      }
    }
    // The report tables rebuilt from the text positions, as grids like an HTML page's (the text keeps its rows).
    if (out.text_source !== 'ocr') {
      // The text stands without them: a layout the builder cannot handle costs the grids, never the document.
      try {
        const g = buildGrids(words);
        out.tables = g.tables.map((t) => t.grid);
        for (const h of g.limits_hit) out.warnings.push(h);
      } catch (e) {
        out.warnings.push(`layout: table grids not rebuilt: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    const { title, rest } = liftTitle(lines);
    out.title = title;
    out.text = rest.join('\n');
    return out;
  } finally {
    await pdf.destroy();
  }
}
