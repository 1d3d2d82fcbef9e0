import { createWriteStream, type WriteStream } from 'node:fs';
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
