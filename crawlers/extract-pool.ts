import { Worker } from 'node:worker_threads';
import type { Extracted } from '../src/schema/document.ts';
import type { DocKind, Headers } from '../src/extract/index.ts';

export interface PageExtraction { html: string; extracted: Extracted }

/** Why a document could not be extracted: `too_large` and `timeout` are breaches of the sandbox's bounds. */
export class SandboxError extends Error {
  constructor(readonly kind: 'too_large' | 'timeout' | 'extract', message: string) {
    super(message);
    this.name = 'SandboxError';
  }
}

/**
 * An extraction that did not run to its end because the crawl that asked for it stopped (its lease was cancelled) or
 * the pool closed with the process. It says nothing of the document: the crawl leaves the task pending in its
 * frontier, so a resumed crawl extracts the page again. Never recorded as the document's error.
 */
export class ExtractionCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionCancelled';
  }
}

export interface SandboxLimits {
  /** V8 old-generation ceiling of the worker; beyond it the worker dies and the document is `too_large`. */
  maxOldGenerationSizeMb: number;
  /** Wall time one document may take; beyond it the worker is terminated and the document is a `timeout`. */
  timeoutMs: number;
}

/**
 * Pages: a page is at most 8 MB (fetcher cap) and needs a few tens of MB to clean. Files: PDF and DOCX readers hold
 * the file, its inflated parts and their text. Both wall-time caps are far above what a real report takes on a busy
 * machine (seconds) and far below the crawl job's lock time being at risk, since the crawl thread is never blocked.
 */
export const PAGE_LIMITS: SandboxLimits = { maxOldGenerationSizeMb: 256, timeoutMs: 60_000 };
export const FILE_LIMITS: SandboxLimits = { maxOldGenerationSizeMb: 768, timeoutMs: 180_000 };

/** Whose job it is: a crawl's lease, so its jobs can be cancelled without touching other crawls'. */
export type Owner = object;

interface Job { id: number; message: Record<string, unknown>; transfer: ArrayBuffer[]; what: string; owner: Owner | null; resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }

/** Jobs a sandbox holds for its worker at most; further ones wait (unsent, uncounted) until one is taken. */
export const DEFAULT_MAX_QUEUED = 64;

/**
 * One worker thread that extracts one document at a time, under memory and time limits. A document that breaks a
 * limit kills only its worker: it fails as `too_large` / `timeout`, and the next document gets a fresh worker. One at a
 * time, so a death is charged to the document that caused it and never to others waiting.
 */
export class Sandbox {
  private worker: Worker | null = null;
  private current: Job | null = null;
  /** The worker the current job runs in: a terminated worker's late exit must not be charged to the next job. */
  private currentWorker: Worker | null = null;
  private queue: Job[] = [];
  /** Jobs beyond `maxQueued`, in order: they go to `queue` as it drains. */
  private waiting: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;
  /** Workers started so far (a test reads it to see a breach replaced the worker). */
  spawned = 0;

  constructor(readonly name: string, readonly limits: SandboxLimits, readonly maxQueued = DEFAULT_MAX_QUEUED) {}

  /** Jobs not finished yet: the one running, those queued and those waiting for room in the queue. */
  get pending(): number {
    return (this.current ? 1 : 0) + this.queue.length + this.waiting.length;
  }

  /** Whether `owner` has a job here not finished yet. */
  holds(owner: Owner): boolean {
    return this.current?.owner === owner || this.queue.some((j) => j.owner === owner) || this.waiting.some((j) => j.owner === owner);
  }

  private spawn(): Worker {
    this.spawned++;
    const w = new Worker(new URL('./extract-worker-boot.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb },
    });
    w.on('message', (m: Record<string, unknown>) => {
      const job = this.current;
      if (!job || m.id !== job.id) return;
      this.finish();
      if (m.error !== undefined) job.reject(new SandboxError(m.tooLarge ? 'too_large' : 'extract', String(m.error)));
      else job.resolve(m);
    });
    let died: Error | null = null;
    w.on('error', (err) => (died = err));
    w.on('exit', (code) => {
      if (this.worker === w) this.worker = null;
      const job = this.current;
      if (!job || this.currentWorker !== w) return;
      this.finish();
      const oom = (died as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(
        oom
          ? new SandboxError('too_large', `${job.what}: extraction needed more than the ${this.limits.maxOldGenerationSizeMb} MB of memory its worker may use`)
          : new SandboxError('extract', `${job.what}: extract worker exited with code ${code}${died ? ` (${died.message})` : ''}`),
      );
    });
    return w;
  }

  /** Clears the running job and starts the next one. */
  private finish() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    this.currentWorker = null;
    this.pump();
  }

  private pump() {
    if (this.closed) return;
    while (this.waiting.length && this.queue.length < this.maxQueued) this.queue.push(this.waiting.shift()!);
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      // Referenced only while it holds work: pending work keeps the process alive, an idle sandbox does not.
      this.worker?.unref();
      return;
    }
    this.current = job;
    const w = (this.worker ??= this.spawn());
    this.currentWorker = w;
    w.ref();
    this.timer = setTimeout(() => {
      if (this.current !== job) return;
      // terminate() fires 'exit'; the job is settled here, and the exit handler charges nothing to the next one.
      this.current = null;
      this.currentWorker = null;
      this.timer = null;
      if (this.worker === w) this.worker = null;
      void w.terminate();
      job.reject(new SandboxError('timeout', `${job.what}: extraction took longer than ${this.limits.timeoutMs / 1000} s`));
      this.pump();
    }, this.limits.timeoutMs);
    w.postMessage({ ...job.message, id: job.id }, job.transfer);
  }

  run(message: Record<string, unknown>, what: string, transfer: ArrayBuffer[] = [], owner: Owner | null = null): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new ExtractionCancelled(`${what}: the extraction pool is closed`));
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, message, transfer, what, owner, resolve, reject };
      (this.queue.length < this.maxQueued ? this.queue : this.waiting).push(job);
      this.pump();
    });
  }

  /**
   * Rejects every job of `owner` with ExtractionCancelled: queued ones leave the queue; the running one keeps the
   * worker until it ends (or hits the wall-time cap), its result dropped, so other owners' jobs never lose a worker.
   */
  cancel(owner: Owner, why: string): void {
    const mine = (j: Job) => j.owner === owner;
    const gone = [...this.queue.filter(mine), ...this.waiting.filter(mine)];
    this.queue = this.queue.filter((j) => !mine(j));
    this.waiting = this.waiting.filter((j) => !mine(j));
    // Settling the running job's promise now; its worker's late answer finds the promise settled and changes nothing.
    if (this.current && mine(this.current)) gone.unshift(this.current);
    for (const j of gone) j.reject(new ExtractionCancelled(`${j.what}: ${why}`));
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const pending = [...(this.current ? [this.current] : []), ...this.queue.splice(0), ...this.waiting.splice(0)];
    this.current = null;
    for (const j of pending) j.reject(new ExtractionCancelled(`${j.what}: the extraction pool closed`));
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** Pages and files of one crawl are extracted through this. */
export interface Extractor {
  /** Decodes `bytes` (or takes browser-rendered HTML) and cleans it. */
  run(input: PageInput): Promise<PageExtraction>;
  /** A fetched file (PDF, DOC, DOCX, text) → Extracted, within the file sandbox's bounds. */
  file(input: FileInput): Promise<Extracted>;
}

export interface PageInput { bytes: Buffer | null; rendered: string | null; headers: Headers; url: string }
export interface FileInput { bytes: Buffer; headers: Headers; url: string; filename: string; kind: DocKind }

/**
 * Decoding and cleaning a report page costs more CPU than everything else the crawler does with it, and a PDF or DOCX
 * can cost far more; in worker threads it runs on the second core while the crawl's own thread fetches, scans links,
 * archives and keeps the crawl job's BullMQ lock renewed. Pages and files have a sandbox each, so a slow PDF does not
 * hold up the pages behind it.
 *
 * A crawl worker process owns one pool for all its crawls (each worker thread loads the whole extraction stack when
 * it starts, which costs more CPU than a small column's crawl), so the pool is bounded per process: two threads, and
 * at most `maxQueued` jobs held per sandbox. Each crawl takes a lease; a crawl that stops cancels its lease, which
 * drops its jobs (ExtractionCancelled) and leaves the other crawls' alone.
 */
export class ExtractPool implements Extractor {
  readonly pages: Sandbox;
  readonly files: Sandbox;

  constructor(limits: { pages?: SandboxLimits; files?: SandboxLimits; maxQueued?: number } = {}) {
    this.pages = new Sandbox('pages', limits.pages ?? PAGE_LIMITS, limits.maxQueued);
    this.files = new Sandbox('files', limits.files ?? FILE_LIMITS, limits.maxQueued);
  }

  /** One crawl's share of the pool. */
  lease(): ExtractLease {
    return new ExtractLease(this);
  }

  run(input: PageInput, owner: Owner | null = null): Promise<PageExtraction> {
    return this.pages
      .run({ op: 'page', bytes: input.bytes, rendered: input.rendered, headers: input.headers, url: input.url }, input.url, [], owner)
      .then((m) => ({ html: m.html as string, extracted: m.extracted as Extracted }));
  }

  file(input: FileInput, owner: Owner | null = null): Promise<Extracted> {
    return this.files
      .run({ op: 'file', bytes: input.bytes, headers: input.headers, url: input.url, filename: input.filename, kind: input.kind }, input.url, [], owner)
      .then((m) => m.extracted as Extracted);
  }

  async close(): Promise<void> {
    await Promise.all([this.pages.close(), this.files.close()]);
  }
}

/** A crawl's use of a (shared) pool: once cancelled, its jobs and any it asks for later fail as ExtractionCancelled. */
export class ExtractLease implements Extractor {
  private cancelledWhy: string | null = null;

  constructor(readonly pool: ExtractPool) {}

  run(input: PageInput): Promise<PageExtraction> {
    return this.cancelledWhy !== null ? Promise.reject(new ExtractionCancelled(`${input.url}: ${this.cancelledWhy}`)) : this.pool.run(input, this);
  }

  file(input: FileInput): Promise<Extracted> {
    return this.cancelledWhy !== null ? Promise.reject(new ExtractionCancelled(`${input.url}: ${this.cancelledWhy}`)) : this.pool.file(input, this);
  }

  /** Whether a job of this lease is running or queued in the pool. */
  get busy(): boolean {
    return this.pool.pages.holds(this) || this.pool.files.holds(this);
  }

  cancel(why = 'the crawl stopped'): void {
    if (this.cancelledWhy !== null) return;
    this.cancelledWhy = why;
    this.pool.pages.cancel(this, why);
    this.pool.files.cancel(this, why);
  }
}
