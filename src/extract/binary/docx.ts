// DOCX → HTML (mammoth keeps tables, including merged cells as rowspan/colspan) → the HTML serializer, so
// DOCX tables become the same grids and “ | ” rows as web pages.
import mammoth from 'mammoth';
import { load } from 'cheerio/slim';
import type { Extracted } from '../../schema/document.ts';
import { emptyExtracted } from '../text/clean-text.ts';
import { serialize } from '../html/serialize.ts';
import { liftTitle } from './title-lines.ts';
import { checkZipBounds } from './zip-bounds.ts';
import { TooLargeError } from '../limits.ts';
import type { AnyNode } from '../html/dom.ts';

export async function extractDocx(bytes: Uint8Array, _opts: { url?: string } = {}): Promise<Extracted> {
  const out = emptyExtracted('docx');
  // Before mammoth inflates anything: a 1 MB DOCX can inflate to 400 MB of XML. A container the check cannot read is
  // left to mammoth, which says what is wrong with it.
  try {
    checkZipBounds(bytes);
  } catch (err) {
    if (err instanceof TooLargeError) throw err;
  }
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  for (const m of result.messages) if (m.type === 'error') out.warnings.push(`docx: ${m.message}`);
  const $ = load(result.value);
  const ser = serialize([$.root()[0] as unknown as AnyNode]);
  const { title, rest } = liftTitle(ser.lines);
  out.title = title;
  out.text = rest.join('\n');
  out.tables = ser.tables;
  if (!out.text.trim()) out.warnings.push('docx has no text (images only?): needs OCR');
  return out;
}
