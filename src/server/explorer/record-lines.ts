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

export class RecordLines {
  private constructor(private readonly file: string, private readonly at: Map<string, { start: number; length: number }>) {}

  get size(): number {
    return this.at.size;
  }

  static async build(file: string): Promise<RecordLines> {
    const at = new Map<string, { start: number; length: number }>();
    let pos = 0; // absolute offset of chunk[0]
    let lineStart = 0;
    let head: Buffer[] = [];
    let headLen = 0;
    const finish = (end: number) => {
      const m = ID.exec(Buffer.concat(head).toString('utf8'));
      if (m && !at.has(m[1]!)) at.set(m[1]!, { start: lineStart, length: end - lineStart });
      head = [];
      headLen = 0;
      lineStart = end + 1;
    };
    // One read buffer, reused: the file can be a gigabyte and nothing of it but the line heads is kept.
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
          if (headLen < HEAD && end > from) {
            const part = chunk.subarray(from, Math.min(end, from + HEAD - headLen));
            head.push(Buffer.from(part));
            headLen += part.length;
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
    return new RecordLines(file, at);
  }

  /** The parsed record, or null when the id is not in the file. */
  async get(id: string): Promise<Record<string, unknown> | null> {
    const where = this.at.get(id);
    if (!where) return null;
    if (where.length > MAX_LINE) throw new Error(`record ${id} is ${where.length} bytes, more than the ${MAX_LINE} served`);
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.alloc(where.length);
      await fh.read(buf, 0, where.length, where.start);
      return JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
    } finally {
      await fh.close();
    }
  }
}
