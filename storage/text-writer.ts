import { closeSync, createWriteStream, openSync, writevSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import { StorageError } from './fs-errors.ts';

/**
 * Buffered text output to a file (optionally gzip). Many small writes are joined into ~1 MB chunks and
 * the writer waits for the stream to drain, so a snapshot of any size streams in bounded memory. The
 * first stream error (e.g. ENOSPC) is kept and thrown from the next `write`/`close`, naming the file.
 */
const CHUNK = 1 << 20;

export class TextWriter {
  readonly file: string;
  private readonly out: WriteStream;
  private readonly head: WriteStream | Gzip;
  private parts: Array<string | Buffer> = [];
  private binary = false;
  private size = 0;
  private error: Error | null = null;

  constructor(file: string, opts: { gzip?: boolean; gzipLevel?: number } = {}) {
    this.file = file;
    this.out = createWriteStream(file, { flags: 'wx' });
    const fail = (err: Error) => {
      this.error ??= new StorageError('write', file, err);
    };
    this.out.on('error', fail);
    if (opts.gzip) {
      const gz = createGzip({ level: opts.gzipLevel ?? 6 });
      gz.on('error', fail);
      gz.pipe(this.out);
      this.head = gz;
    } else {
      this.head = this.out;
    }
  }

  /** Text is written as UTF-8; a Buffer is written as is (e.g. an already-compressed gzip member). */
  async write(data: string | Buffer): Promise<void> {
    if (this.error) throw this.error;
    this.parts.push(data);
    if (typeof data !== 'string') this.binary = true;
    this.size += data.length;
    if (this.size >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = this.binary ? Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))) : this.parts.join('');
    this.parts = [];
    this.binary = false;
    this.size = 0;
    if (!this.head.write(chunk)) await this.drained();
    if (this.error) throw this.error;
  }

  private drained(): Promise<void> {
    // Wake on 'error'/'close' too, or a failed stream would leave us waiting for a drain that never comes.
    return new Promise((resolve) => {
      const done = () => {
        this.head.off('drain', done);
        this.head.off('error', done);
        this.out.off('close', done);
        resolve();
      };
      this.head.on('drain', done);
      this.head.on('error', done);
      this.out.on('close', done);
    });
  }

  async close(): Promise<void> {
    await this.flush();
    const closed = once(this.out, 'close');
    this.head.end();
    await closed.catch(() => undefined);
    if (this.error) throw this.error;
  }

  /** Closes without caring about errors, for cleanup after another failure. */
  destroy(): void {
    this.head.destroy();
    this.out.destroy();
  }
}

/**
 * Like TextWriter, but with blocking writes in small chunks: for the snapshot pass, which runs in a worker
 * thread that reads synchronously anyway. Small chunks written at once keep the pending strings young, so
 * the scavenger does not copy and promote a megabyte of them per file (GC was a quarter of the pass).
 */
const SYNC_CHUNK = 128 << 10;

export class SyncTextWriter {
  readonly file: string;
  private readonly fd: number;
  private strings: string[] = [];
  private buffers: Buffer[] = [];
  private size = 0;
  private closed = false;

  constructor(file: string) {
    this.file = file;
    try {
      this.fd = openSync(file, 'wx');
    } catch (err) {
      throw new StorageError('write', file, err);
    }
  }

  /** Text is written as UTF-8, a Buffer as is; one writer takes one kind (the order of mixed writes is not kept). */
  write(data: string | Buffer): void {
    if (typeof data === 'string') this.strings.push(data);
    else this.buffers.push(data);
    this.size += data.length;
    if (this.size >= SYNC_CHUNK) this.flush();
  }

  private flush(): void {
    try {
      if (this.strings.length) writeAllSync(this.fd, [Buffer.from(this.strings.join(''))]);
      if (this.buffers.length) writeAllSync(this.fd, this.buffers);
    } catch (err) {
      throw new StorageError('write', this.file, err);
    }
    this.strings = [];
    this.buffers = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch (err) {
      throw new StorageError('write', this.file, err);
    }
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already failing: the first error is the one reported
    }
  }
}

/** writevSync may write less than asked (e.g. near a full disk): write the rest until done or it throws. */
function writeAllSync(fd: number, buffers: Buffer[]): void {
  let rest = buffers;
  while (rest.length) {
    let n = writevSync(fd, rest);
    const next: Buffer[] = [];
    for (const b of rest) {
      if (n >= b.length) n -= b.length;
      else {
        next.push(n ? b.subarray(n) : b);
        n = 0;
      }
    }
    rest = next;
  }
}
