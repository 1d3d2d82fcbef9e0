// Public surface of the extractor (pure: bytes/strings in, Extracted out). The crawler and the CLI use only this.
// STUB: the extraction work (issue 3) replaces these bodies; the signatures are the contract.
import type { Extracted } from '../schema/document.ts';

export type DocKind = Extracted['kind'];
export type Headers = Record<string, string | string[] | undefined>;

export interface Decoded {
  text: string;
  charset: string;
  source: 'header' | 'bom' | 'meta' | 'utf8-valid' | 'detected' | 'default';
}

export interface ExtractOptions {
  url?: string;
  headers?: Headers;
  filename?: string;
  kind?: DocKind;
}

/** bytes + HTTP headers → text (header → BOM → meta → detection; GBK/GB2312 decoded as GB18030). */
export function decode(bytes: Uint8Array, headers: Headers = {}): Decoded {
  return { text: Buffer.from(bytes).toString('utf8'), charset: 'utf-8', source: 'default' };
}

/** Which extractor a payload needs, from magic bytes, then content type, then file name. */
export function detectKind(bytes: Uint8Array, opts: { filename?: string; contentType?: string } = {}): DocKind {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'docx';
  if (head[0] === 0xd0 && head[1] === 0xcf) return 'doc';
  if (/\.txt$/i.test(opts.filename ?? '') || /text\/plain/i.test(opts.contentType ?? '')) return 'txt';
  return 'html';
}

/** HTML page → cleaned main content with metadata, tables and an audit trail of what was removed. */
export function extractHtml(html: string, opts: { url?: string } = {}): Extracted {
  return { kind: 'html', title: null, published_at: null, published_at_source: null, meta: {}, text: html.replace(/<[^>]+>/g, ' '), tables: [], removed: [], attachments: [], warnings: ['stub extractor'], needs_ocr: false, charset: null };
}

/** Already-flattened text (like other tools' crawls) → the same cleaning, line by line. */
export function cleanText(text: string): Extracted {
  return { kind: 'txt', title: null, published_at: null, published_at_source: null, meta: {}, text, tables: [], removed: [], attachments: [], warnings: [], needs_ocr: false, charset: null };
}

/** Any supported payload (HTML, text, PDF, DOC, DOCX) → Extracted. */
export async function extractBytes(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  const kind = opts.kind ?? detectKind(bytes, { filename: opts.filename, contentType: String(opts.headers?.['content-type'] ?? '') });
  if (kind === 'html') return extractHtml(decode(bytes, opts.headers).text, { url: opts.url });
  if (kind === 'txt') return cleanText(decode(bytes, opts.headers).text);
  return { ...cleanText(''), kind, warnings: [`stub: ${kind} not supported yet`] };
}
