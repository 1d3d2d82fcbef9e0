// Public surface of the extractor (pure: bytes/strings in, Extracted out). The crawler and the CLI use only this.
import type { Attachment, Extracted } from '../schema/document.ts';
import { decodeBytes, type Decoded, type Headers } from './decode.ts';
import { detectKindOf, type DocKind } from './kind.ts';
import { extractHtmlPage } from './html/extract-html.ts';
import { cleanFlatText, emptyExtracted } from './text/clean-text.ts';
import { extractPdf } from './binary/pdf.ts';
import { extractDocx } from './binary/docx.ts';
import { extractDoc } from './binary/doc.ts';
import { extractSpreadsheet } from './binary/spreadsheet.ts';
import { checkWordContainer } from './binary/wps.ts';
import { TooLargeError } from './limits.ts';

export { TooLargeError };

export type { DocKind, Decoded, Headers };

export interface ExtractOptions {
  url?: string;
  headers?: Headers;
  filename?: string;
  kind?: DocKind;
  /** OCR scanned PDFs (default true). */
  ocr?: boolean;
}

/** bytes + HTTP headers → text (BOM → header → meta → detection; GBK/GB2312 decoded as GB18030). */
export function decode(bytes: Uint8Array, headers: Headers = {}): Decoded {
  return decodeBytes(bytes, headers);
}

/** Which extractor a payload needs, from magic bytes, then content type, then file name. */
export function detectKind(bytes: Uint8Array, opts: { filename?: string; contentType?: string } = {}): DocKind {
  return detectKindOf(bytes, opts);
}

/** HTML page → cleaned main content with metadata, tables and an audit trail of what was removed. */
export function extractHtml(html: string, opts: { url?: string } = {}): Extracted {
  return extractHtmlPage(html, opts).doc;
}

/** Like extractHtml, plus how the body was found (`cms:trs`, `gkmlpt`, `generic`): for audits and benches. */
export function extractHtmlWithMethod(html: string, opts: { url?: string } = {}): { doc: Extracted; method: string } {
  return extractHtmlPage(html, opts);
}

/** Already-flattened text (like other tools' crawls) → the same cleaning, line by line. */
export function cleanText(text: string): Extracted {
  return cleanFlatText(text, 'txt');
}

/** Attachment links of a page (url resolved against `url`, name, mime guessed from the extension). */
export function listAttachments(html: string, opts: { url?: string } = {}): Attachment[] {
  return extractHtmlPage(html, opts).doc.attachments;
}

/** Damage the decoder tolerated (bad bytes replaced) is said in the document's warnings. */
export function withDecodeWarning(ex: Extracted, d: Decoded): Extracted {
  if (d.warning) ex.warnings.push(d.warning);
  return ex;
}

/** A payload that cannot be read at all (corrupt PDF, not really a DOCX …): the message names kind and cause. */
export class ExtractError extends Error {
  /** The crawl error kind to record: `extract`, or `unsupported_format` for a format no reader here handles. */
  readonly errorKind: 'extract' | 'unsupported_format';
  constructor(readonly kind: DocKind, cause: unknown) {
    const unsupported = (cause as Error)?.name === 'UnsupportedFormatError';
    super(`${unsupported ? 'unsupported_format: ' : ''}${kind} could not be read: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ExtractError';
    this.errorKind = unsupported ? 'unsupported_format' : 'extract';
  }
}

/** The crawl error kind of a failed extraction; works on errors that crossed a worker boundary (name/message only). */
export function extractErrorKind(err: unknown): 'extract' | 'unsupported_format' {
  return /^unsupported_format: /.test((err as Error)?.message ?? '') ? 'unsupported_format' : 'extract';
}

/**
 * Any supported payload (HTML, text, PDF, DOC/WPS, DOCX, XLS/XLSX/ET) → Extracted. Degraded input (empty page, scanned PDF)
 * comes back with `warnings`/`needs_ocr`; unreadable input throws ExtractError.
 */
export async function extractBytes(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  const contentType = opts.headers ? String(Object.entries(opts.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '') : '';
  const kind = opts.kind ?? detectKindOf(bytes, { filename: opts.filename, contentType });
  if (bytes.byteLength === 0) {
    const e = emptyExtracted(kind);
    e.warnings.push('empty input (0 bytes)');
    return e;
  }
  try {
    switch (kind) {
      case 'html': {
        const d = decodeBytes(bytes, opts.headers);
        return withDecodeWarning({ ...extractHtml(d.text, { url: opts.url }), charset: d.charset }, d);
      }
      case 'txt': {
        const d = decodeBytes(bytes, opts.headers);
        return withDecodeWarning({ ...cleanText(d.text), charset: d.charset }, d);
      }
      case 'pdf':
        return await extractPdf(bytes, { ocr: opts.ocr });
      case 'docx':
        return await extractDocx(bytes, { url: opts.url });
      case 'doc':
        checkWordContainer(bytes, opts.filename);
        return await extractDoc(bytes);
      case 'sheet':
        return extractSpreadsheet(bytes);
    }
  } catch (err) {
    if (err instanceof TooLargeError) throw err;
    throw new ExtractError(kind, err);
  }
}
