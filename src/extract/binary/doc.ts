// Legacy Word (.doc, also most .wps files, which are the same OLE format) through word-extractor.
// word-extractor ends each table cell with a tab and each row with one more tab (or a tab and a line end);
// a line end inside a cell is a wrapped label (“结果\n纠正”). Rows become “ | ” lines like everywhere else.
import WordExtractor from 'word-extractor';
import type { Extracted } from '../../schema/document.ts';
import { emptyExtracted } from '../text/clean-text.ts';
import { toLines } from '../text/normalize.ts';
import { liftTitle } from './title-lines.ts';

export async function extractDoc(bytes: Uint8Array): Promise<Extracted> {
  const out = emptyExtracted('doc');
  const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const body = doc.getBody();
  const lines = docBodyLines(body);
  const { title, rest } = liftTitle(lines);
  out.title = title;
  out.text = rest.join('\n');
  if (!out.text.trim()) out.warnings.push('doc has no text (images only?): needs OCR');
  return out;
}

const ROW_END = '\u0001';

/** word-extractor body → lines, table rows joined with “ | ”. Exported for tests. */
export function docBodyLines(body: string): string[] {
  const out: string[] = [];
  const marked = body.replace(/\r\n?/g, '\n').replace(/\t\t|\t\n/g, `\t${ROW_END}`);
  let inTable = false;
  for (const chunk of marked.split(ROW_END)) {
    const firstTab = chunk.indexOf('\t');
    if (firstTab < 0) {
      out.push(...toLines(chunk));
      inTable = false;
      continue;
    }
    // Right after a row the chunk is the next row, a wrapped first cell included. Otherwise paragraphs may
    // precede the table's first row; the line holding the first tab starts it.
    // A blank line after a row end means the table ended and paragraphs come first.
    const continues = inTable && !chunk.startsWith('\n');
    const rowStart = continues ? 0 : chunk.lastIndexOf('\n', firstTab) + 1;
    inTable = true;
    out.push(...toLines(chunk.slice(0, rowStart)));
    const cells = chunk.slice(rowStart).split('\t').map((c) => c.replace(/\s*\n\s*/g, '').replace(/[\s\u3000]+/g, ' ').trim());
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    // A leading empty cell is the continuation of a vertically merged label: it carries nothing.
    while (cells.length && cells[0] === '') cells.shift();
    if (cells.length) out.push(cells.join(' | '));
  }
  return out;
}
