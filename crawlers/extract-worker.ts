// Runs charset decoding and page cleaning off the crawl's event loop (see extract-pool.ts).
import { parentPort } from 'node:worker_threads';
import { decode, extractHtml, type Headers } from '../src/extract/index.ts';

export interface ExtractRequest { id: number; bytes: Uint8Array | null; rendered: string | null; headers: Headers; url: string }

parentPort!.on('message', (m: ExtractRequest) => {
  try {
    const html = m.rendered ?? decode(m.bytes!, m.headers).text;
    parentPort!.postMessage({ id: m.id, html, extracted: extractHtml(html, { url: m.url }) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
