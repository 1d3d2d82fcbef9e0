// Legacy Word (.doc, also most .wps files, which are the same OLE format) through word-extractor.
// word-extractor marks table cells with tabs and rows with line ends; rows become “ | ” lines like elsewhere.
import WordExtractor from 'word-extractor';
import type { Extracted } from '../../schema/document.ts';
import { emptyExtracted } from '../text/clean-text.ts';
import { toLines } from '../text/normalize.ts';
import { liftTitle } from './title-lines.ts';

export async function extractDoc(bytes: Uint8Array): Promise<Extracted> {
  const out = emptyExtracted('doc');
  const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const body = doc.getBody();
  const lines = toLines(body.replace(/\t/g, ' | ').replace(/\u0007/g, ' | '))
    .map((l) => l.replace(/(\s*\|\s*)+$/, '').replace(/^(\s*\|\s*)+/, '').replace(/\s*\|\s*/g, ' | '))
    .filter(Boolean);
  const { title, rest } = liftTitle(lines);
  out.title = title;
  out.text = rest.join('\n');
  if (!out.text.trim()) out.warnings.push('doc has no text (images only?): needs OCR');
  return out;
}
