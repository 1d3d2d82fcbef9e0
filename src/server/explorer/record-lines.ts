import { open } from 'node:fs/promises';

/**
 * Where each report's line starts in a snapshot's reports.jsonl, found in one streaming pass, so a report
 * page reads one line (a few kB) instead of the file. The id is read from the head of the line: the
 * snapshot writes `report_id` among the first keys of every record.
 */
const HEAD = 1024;
/** A record line longer than this is not served (the biggest real ones are well under 1 MB). */
export const MAX_LINE = 32 * 1024 * 1024;
const ID = /"report_id":"([^"\\]{1,200})"/;

const KEY = Buffer.from('"report_id":"');

export class RecordLines {
  private constructor(
    private readonly file: string,
    private readonly at: Map<string, number>,
    private readonly starts: number[],
    private readonly lengths: number[],
  ) {}

  get size(): number {
    return this.at.size;
  }

  static async build(file: string): Promise<RecordLines> {
    // Report id → slot; the offsets live in two plain number arrays (8 bytes each), not an object per line.
    const at = new Map<string, number>();
    const starts: number[] = [];
    const lengths: number[] = [];
    let pos = 0; // absolute offset of buf[0]
    let lineStart = 0;
    let id: string | null = null; // found in the current line's head
    let carry: Buffer[] = []; // a line head that straddles two reads
    let carryLen = 0;
    const finish = (end: number) => {
      if (carryLen) {
        const m = ID.exec(Buffer.concat(carry).toString('utf8'));
        if (m) id ??= m[1]!;
      }
      if (id !== null && !at.has(id)) {
        at.set(id, starts.length);
        starts.push(lineStart);
        lengths.push(end - lineStart);
      }
      id = null;
      carry = [];
      carryLen = 0;
      lineStart = end + 1;
    };
    // One read buffer, reused: the file can be a gigabyte and nothing of it but the ids is kept.
    const fh = await open(file, 'r');
    const buf = Buffer.alloc(1 << 20);
    try {
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        let from = 0;
        for (;;) {
          const nl = chunk.indexOf(10, from);
          const end = nl === -1 ? chunk.length : nl;
          const headStart = Math.max(from, lineStart - pos); // where this line's head begins in this chunk
          const headEnd = Math.min(end, lineStart - pos + HEAD);
          if (id === null && headEnd > headStart) {
            const k = chunk.indexOf(KEY, headStart);
            const q = k === -1 ? -1 : chunk.indexOf(0x22, k + KEY.length);
            if (k !== -1 && k < headEnd && q !== -1 && q <= end && q - k - KEY.length <= 200) id = chunk.toString('utf8', k + KEY.length, q);
            else if (carryLen > 0 || headEnd === chunk.length) {
              // The head may go on in the next read: keep its bytes.
              carry.push(Buffer.from(chunk.subarray(headStart, headEnd)));
              carryLen += headEnd - headStart;
            }
          }
          if (nl === -1) break;
          finish(pos + nl);
          from = nl + 1;
        }
        pos += bytesRead;
      }
    } finally {
      await fh.close();
    }
    if (pos > lineStart) finish(pos);
    return new RecordLines(file, at, starts, lengths);
  }

  /** The parsed record, or null when the id is not in the file. */
  async get(id: string): Promise<Record<string, unknown> | null> {
    const slot = this.at.get(id);
    if (slot === undefined) return null;
    const start = this.starts[slot]!;
    const length = this.lengths[slot]!;
    if (length > MAX_LINE) throw new Error(`record ${id} is ${length} bytes, more than the ${MAX_LINE} served`);
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.alloc(length);
      await fh.read(buf, 0, length, start);
      return JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
    } finally {
      await fh.close();
    }
  }
}
