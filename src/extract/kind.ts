// Which reader a payload needs: magic bytes first (servers mislabel attachments as octet-stream or text/html),
// then the Content-Type, then the file name.
import type { Extracted } from '../schema/document.ts';

export type DocKind = Extracted['kind'];

const EXT_KIND: Record<string, DocKind> = { pdf: 'pdf', doc: 'doc', wps: 'doc', docx: 'docx', xls: 'sheet', xlsx: 'sheet', et: 'sheet', txt: 'txt', text: 'txt', htm: 'html', html: 'html', shtml: 'html', xhtml: 'html', jsp: 'html', asp: 'html', aspx: 'html', php: 'html' };

function zipHasWordDocument(b: Uint8Array): boolean {
  // An OOXML word file names “word/document.xml” (or at least “word/”) in its local headers near the start.
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 64 * 1024)).toString('latin1');
  return head.includes('word/');
}

function zipHasWorkbook(b: Uint8Array): boolean {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 64 * 1024)).toString('latin1');
  return head.includes('xl/');
}

/** An OLE compound file (.doc, .xls, .wps, .et) names its streams in UTF-16LE; a workbook has “Workbook” or “Book”. */
function oleIsWorkbook(b: Uint8Array): boolean {
  const all = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (all.includes(Buffer.from('WordDocument', 'utf16le'))) return false;
  return all.includes(Buffer.from('Workbook', 'utf16le')) || all.includes(Buffer.from('Book\0', 'utf16le'));
}

export function detectKindOf(bytes: Uint8Array, opts: { filename?: string; contentType?: string } = {}): DocKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (head.startsWith('%PDF-') || head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 && zipHasWordDocument(bytes)) return 'docx';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 && zipHasWorkbook(bytes)) return 'sheet';
  // WPS Spreadsheets (.et) and Writer (.wps) files are these same OLE containers: the streams decide, not the name.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return oleIsWorkbook(bytes) ? 'sheet' : 'doc';
  const ct = (opts.contentType ?? '').toLowerCase();
  if (ct.includes('pdf')) return 'pdf';
  if (ct.includes('wordprocessingml')) return 'docx';
  if (ct.includes('msword')) return 'doc';
  if (ct.includes('spreadsheetml') || ct.includes('ms-excel')) return 'sheet';
  if (ct.includes('text/html') || ct.includes('xhtml')) return 'html';
  const ext = /\.([a-z0-9]+)$/i.exec(opts.filename ?? '')?.[1]?.toLowerCase();
  if (ext && EXT_KIND[ext]) return EXT_KIND[ext]!;
  if (ct.includes('text/plain')) return 'txt';
  // No declaration at all: markup means HTML, anything else is treated as plain text.
  return /<(!doctype|html|head|body|div|p|table|meta)[\s>]/i.test(head) ? 'html' : ct ? 'html' : 'txt';
}
