import { createHash } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { StorageError } from './fs-errors.ts';

/**
 * Joins part files of CSV rows into `target` (after `prefix`), replacing `skip` bytes at a known offset of every
 * row with text computed for that row. The pass writes the snapshot-level cells empty because their values
 * need every report; the pass records each row's byte length and the offset of those cells, so the join can
 * fill them in while copying, without parsing CSV (a quoted field may hold a newline). Hashes while copying,
 * like the plain join, and removes the parts.
 */
export interface SplicePart {
  file: string;
  rowBytes: readonly number[];
  headBytes: readonly number[];
  /** Text that replaces the `skip` bytes at headBytes[i] of row i. */
  insert: (row: number) => string;
}

const CHUNK = 1 << 20;

export async function concatSpliced(target: string, parts: readonly SplicePart[], prefix: string, skip: number, chunk = CHUNK): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const buf = Buffer.allocUnsafe(chunk);
  let out: FileHandle | null = null;
  try {
    out = await open(target, 'wx');
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    const put = (data: Buffer) => {
      if (!data.length) return;
      pending.push(data);
      pendingBytes += data.length;
    };
    const flush = async () => {
      if (!pendingBytes) return;
      const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      pending.length = 0;
      pendingBytes = 0;
      hash.update(data);
      bytes += data.length;
      let off = 0;
      while (off < data.length) off += (await out!.write(data, off, data.length - off)).bytesWritten;
    };
    put(Buffer.from(prefix));
    for (const part of parts) {
      const input = await open(part.file, 'r');
      try {
        let row = 0;
        let pos = 0; // byte position within the current row
        for (;;) {
          const { bytesRead } = await input.read(buf, 0, buf.length, null);
          if (!bytesRead) break;
          let off = 0;
          while (off < bytesRead) {
            if (row >= part.rowBytes.length) throw new Error(`${part.file} is longer than the ${part.rowBytes.length} rows recorded for it`);
            const head = part.headBytes[row]!;
            const len = part.rowBytes[row]!;
            let stop: number; // copy bytes [pos, stop) of the row
            if (pos < head) stop = head;
            else if (pos < head + skip) {
              // Inside the bytes being replaced: drop them (they were checked to be the empty cells' commas).
              const drop = Math.min(head + skip - pos, bytesRead - off);
              for (let i = 0; i < drop; i++) if (buf[off + i] !== 0x2c) throw new Error(`${part.file}: row ${row} has no empty cells at byte ${head}`);
              off += drop;
              pos += drop;
              if (pos === head + skip) put(Buffer.from(part.insert(row)));
              continue;
            } else stop = len;
            const take = Math.min(stop - pos, bytesRead - off);
            put(buf.subarray(off, off + take)); // a view: flushed before the next read reuses buf
            off += take;
            pos += take;
            if (pos === len) {
              row++;
              pos = 0;
            }
          }
          await flush();
        }
        if (row !== part.rowBytes.length || pos !== 0) throw new Error(`${part.file} ended at row ${row} of ${part.rowBytes.length}`);
      } finally {
        await input.close();
      }
    }
    await flush();
    await out.close();
    out = null;
  } catch (err) {
    await out?.close().catch(() => undefined);
    throw new StorageError('write', target, err);
  }
  for (const p of parts) await unlink(p.file);
  return { sha256: hash.digest('hex'), bytes };
}
