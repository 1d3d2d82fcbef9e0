import { Worker } from 'node:worker_threads';
import type { Extracted } from '../src/schema/document.ts';
import type { Headers } from '../src/extract/index.ts';

export interface PageExtraction { html: string; extracted: Extracted }

/**
 * Decoding and cleaning a report page costs more CPU than everything else the crawler does with it; in a worker
 * thread it runs on the second core while the crawl's own thread fetches, scans links and archives. It also keeps a
 * pathological page from blocking the event loop that renews the crawl job's BullMQ lock.
 * A worker that dies fails only the pages it held (each becomes an `extract` error) and is replaced.
 */
export class ExtractPool {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: PageExtraction) => void; reject: (e: Error) => void }>();

  private spawn(): Worker {
    const w = new Worker(new URL('./extract-worker-boot.mjs', import.meta.url), {
      // Without a ceiling the worker's heap grows lazily to hundreds of MB over a long crawl; a page needs a few MB.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    w.on('message', (m: { id: number; html?: string; extracted?: Extracted; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (!this.pending.size) w.unref();
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve({ html: m.html!, extracted: m.extracted! });
    });
    const failAll = (why: string) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(`extract worker ${why}`));
      this.pending.clear();
    };
    w.on('error', (err) => failAll(`failed: ${err.message}`));
    w.on('exit', (code) => failAll(`exited with code ${code}`));
    return w;
  }

  /** Decodes `bytes` (or takes browser-rendered HTML) and cleans it. */
  run(input: { bytes: Buffer | null; rendered: string | null; headers: Headers; url: string }): Promise<PageExtraction> {
    this.worker ??= this.spawn();
    // Referenced only while it holds pages: pending work keeps the process alive, an idle pool does not.
    this.worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, bytes: input.bytes, rendered: input.rendered, headers: input.headers, url: input.url });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
