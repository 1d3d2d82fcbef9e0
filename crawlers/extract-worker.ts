// Runs charset decoding, page cleaning and file extraction (PDF, DOC, DOCX, text) off the crawl's event loop, in a
// worker with its own memory ceiling (see extract-pool.ts).
import { parentPort } from 'node:worker_threads';
import { decode, extractBytes, extractHtml, TooLargeError, withDecodeWarning, type DocKind, type Headers } from '../src/extract/index.ts';

export type ExtractRequest =
  | { id: number; op: 'page'; bytes: Uint8Array | null; rendered: string | null; headers: Headers; url: string }
  | { id: number; op: 'file'; bytes: Uint8Array; headers: Headers; url: string; filename: string; kind: DocKind };

parentPort!.on('message', async (m: ExtractRequest) => {
  try {
    if (m.op === 'file') {
      const extracted = await extractBytes(m.bytes, { url: m.url, headers: m.headers, filename: m.filename, kind: m.kind });
      parentPort!.postMessage({ id: m.id, extracted });
      return;
    }
    if (m.rendered !== null) {
      parentPort!.postMessage({ id: m.id, html: m.rendered, extracted: extractHtml(m.rendered, { url: m.url }) });
      return;
    }
    const d = decode(m.bytes!, m.headers);
    parentPort!.postMessage({ id: m.id, html: d.text, extracted: withDecodeWarning(extractHtml(d.text, { url: m.url }), d) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message, tooLarge: err instanceof TooLargeError });
  }
});
