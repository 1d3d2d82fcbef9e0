// A zip container's inflated size, checked before a reader (mammoth) inflates it: from the central directory's
// declared sizes first (cheap), then by inflating each part with zlib's output cap, since declared sizes can lie.
import { inflateRawSync } from 'node:zlib';
import { TooLargeError, ZIP_MAX_INFLATED_BYTES, ZIP_MAX_XML_PART_BYTES } from '../limits.ts';

interface Entry { name: string; method: number; compressed: number; size: number; localOffset: number }

function centralDirectory(b: Buffer): Entry[] {
  // End of central directory: signature 0x06054b50 within the last 64 KB + 22 bytes (the comment may follow it).
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new Error('zip central directory is damaged');
    const nameLen = b.readUInt16LE(p + 28);
    entries.push({
      name: b.toString('latin1', p + 46, p + 46 + nameLen), method: b.readUInt16LE(p + 10),
      compressed: b.readUInt32LE(p + 20), size: b.readUInt32LE(p + 24), localOffset: b.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return entries;
}

const partCap = (name: string) => (/\.(xml|rels)$/i.test(name) ? ZIP_MAX_XML_PART_BYTES : ZIP_MAX_INFLATED_BYTES);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** Throws TooLargeError when the container inflates beyond the bounds in ../limits.ts. */
export function checkZipBounds(bytes: Uint8Array): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(b);
  let declared = 0;
  for (const e of entries) {
    // 0xFFFFFFFF: the real size is in a ZIP64 record; nothing a report needs is 4 GB.
    if (e.size === 0xffffffff || e.size > partCap(e.name)) throw new TooLargeError(`zip part ${e.name} inflates to ${e.size === 0xffffffff ? 'over 4 GB' : mb(e.size)}, over the ${mb(partCap(e.name))} bound`);
    declared += e.size;
  }
  if (declared > ZIP_MAX_INFLATED_BYTES) throw new TooLargeError(`zip parts inflate to ${mb(declared)} together, over the ${mb(ZIP_MAX_INFLATED_BYTES)} bound`);
  let inflated = 0;
  for (const e of entries) {
    if (e.method !== 8) continue; // stored parts are as large as they are compressed
    const local = e.localOffset;
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) continue; // the reader will say what is wrong
    const from = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const cap = Math.min(partCap(e.name), ZIP_MAX_INFLATED_BYTES - inflated);
    let out: Buffer;
    try {
      out = inflateRawSync(b.subarray(from, from + e.compressed), { maxOutputLength: cap + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new TooLargeError(`zip part ${e.name} declares ${mb(e.size)} but inflates to more than ${mb(cap)}`);
      }
      continue; // a damaged part: the reader reports it
    }
    if (out.length > cap) throw new TooLargeError(`zip part ${e.name} declares ${mb(e.size)} but inflates to more than ${mb(cap)}`);
    inflated += out.length;
  }
}
