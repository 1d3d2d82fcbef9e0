// Poison documents built at run time (no big files in the repo): a DOCX that inflates to hundreds of MB of XML, and a
// PDF of many thousand blank pages. Both are small on the wire, like the ones that took the workers down.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { fixture } from './tmp.ts';

interface ZipPart { name: string; method: 0 | 8; data: Buffer; size: number; crc: number }

/** A zip of the given parts (data already compressed for method 8), with sizes as given (they may lie). */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(p.method, 8);
    lh.writeUInt32LE(p.crc >>> 0, 14); lh.writeUInt32LE(p.data.length, 18); lh.writeUInt32LE(p.size, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(p.method, 10);
    ch.writeUInt32LE(p.crc >>> 0, 16); ch.writeUInt32LE(p.data.length, 20); ch.writeUInt32LE(p.size, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, p.data);
    centrals.push(ch, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of a real DOCX, inflated. */
function docxParts(file: Buffer): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  let eocd = file.length - 22;
  while (file.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = file.readUInt32LE(eocd + 16);
  for (let n = file.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLen = file.readUInt16LE(p + 28);
    const name = file.toString('utf8', p + 46, p + 46 + nameLen);
    const local = file.readUInt32LE(p + 42);
    const from = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(from, from + file.readUInt32LE(p + 20));
    out.push({ name, data: file.readUInt16LE(p + 10) === 8 ? inflateRawSync(raw) : raw });
    p += 46 + nameLen + file.readUInt16LE(p + 30) + file.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * A real DOCX whose word/document.xml is replaced by `inflatedMb` MB of paragraphs, deflated by streaming (the test
 * never holds the inflated XML). `lie`: the zip headers declare 64 KB, as a hostile file would.
 */
export async function zipBombDocx(inflatedMb: number, lie = false): Promise<Buffer> {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const tail = Buffer.from('</w:body></w:document>');
  const para = Buffer.from('<w:p><w:r><w:t>本年新收政府信息公开申请数量</w:t></w:r></w:p>'.repeat(4096));
  const reps = Math.ceil((inflatedMb * 1024 * 1024) / para.length);
  let crc = crc32(head);
  for (let i = 0; i < reps; i++) crc = crc32(para, crc);
  crc = crc32(tail, crc);
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from((function* () {
      yield head;
      for (let i = 0; i < reps; i++) yield para;
      yield tail;
    })()),
    createDeflateRaw({ level: 9 }),
    async (src: AsyncIterable<Buffer>) => {
      for await (const c of src) chunks.push(c);
    },
  );
  const size = head.length + para.length * reps + tail.length;
  const parts: ZipPart[] = docxParts(readFixture('docx', 'filled-2021-report.docx')).map((p) =>
    p.name === 'word/document.xml'
      ? { name: p.name, method: 8, data: Buffer.concat(chunks), size: lie ? 65536 : size, crc }
      : { name: p.name, method: 8, data: deflateRawSync(p.data), size: p.data.length, crc: crc32(p.data) },
  );
  return writeZip(parts);
}

/** A valid PDF of `pages` blank pages in one flat page tree (about 90 bytes a page). */
export function blankPdf(pages: number): Buffer {
  const objs: string[] = [];
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  const kids: string[] = [];
  for (let i = 0; i < pages; i++) kids.push(`${i + 3} 0 R`);
  objs[2] = `<< /Type /Pages /Count ${pages} /Kids [${kids.join(' ')}] >>`;
  for (let i = 0; i < pages; i++) objs[i + 3] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
  // ASCII only: string lengths are byte offsets.
  const parts = ['%PDF-1.4\n'];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  for (let n = 1; n < objs.length; n++) {
    offsets[n] = length;
    const obj = `${n} 0 obj\n${objs[n]}\nendobj\n`;
    parts.push(obj);
    length += obj.length;
  }
  parts.push(`xref\n0 ${objs.length}\n0000000000 65535 f \n`);
  for (let n = 1; n < objs.length; n++) parts.push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  parts.push(`trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  const out = parts.join('');
  return Buffer.from(out, 'latin1');
}

export const readFixture = (...p: string[]) => readFileSync(fixture(...p));
