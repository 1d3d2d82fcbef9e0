// Bytes + HTTP headers → text (docs/domain.md, "Charset"). Order: BOM (a BOM cannot lie), HTTP header, <meta>, then
// detection. A declared legacy charset loses to bytes that are valid UTF-8 with non-ASCII content: GBK text
// almost never validates as UTF-8, while portals migrated to UTF-8 often keep a stale `gb2312` <meta>.
// GB2312/GBK labels decode as GB18030, their superset, so rare characters in names do not turn into “?”.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';

export type Headers = Record<string, string | string[] | undefined>;

export interface Decoded {
  text: string;
  charset: string;
  source: 'header' | 'bom' | 'meta' | 'utf8-valid' | 'detected' | 'default';
  /** Set when the text was decoded despite damage (bytes replaced by U+FFFD): goes into the document's warnings. */
  warning?: string;
}

/**
 * A page that declares UTF-8 and whose non-ASCII bytes are at least this share well-formed UTF-8 is UTF-8 with a few
 * damaged bytes (a title cut mid-character by the CMS, one stray byte), not another charset: GBK or Big5 text is far
 * from this share, since their two-byte sequences rarely form valid UTF-8.
 */
export const UTF8_TOLERATED_VALID_SHARE = 0.999;

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030', gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030', 'iso-ir-58': 'gb18030', chinese: 'gb18030', csgb2312: 'gb18030', 'euc-cn': 'gb18030', hz: 'gb18030',
  gb18030: 'gb18030', utf8: 'utf-8', 'utf-8': 'utf-8', unicode: 'utf-8', 'big5-hkscs': 'big5', big5: 'big5', 'x-big5': 'big5',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  'utf-16': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
};

/** Canonical charset name for a label, or null when iconv-lite cannot decode it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  const alias = ALIASES[l];
  if (alias) return alias;
  return iconv.encodingExists(l) ? l : null;
}

function headerValue(headers: Headers, name: string): string {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(', ') : v ?? '';
  }
  return '';
}

export function charsetFromContentType(ct: string): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(ct);
  return m ? m[1]! : null;
}

function bomCharset(b: Uint8Array): { charset: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  if (b[0] === 0x84 && b[1] === 0x31 && b[2] === 0x95 && b[3] === 0x33) return { charset: 'gb18030', skip: 4 };
  return null;
}

// The HTML spec looks for the declaration in the first 1024 bytes; real portals put it later, after long
// comment banners, so we look further.
const META_SCAN_BYTES = 8192;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

export function charsetFromMeta(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, META_SCAN_BYTES)).toString('latin1');
  const m = META_CHARSET.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1]! : null;
}

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

/** The text when `b` is well-formed UTF-8, else null. `isUtf8` validates far faster than a fatal TextDecoder. */
function strictUtf8(b: Uint8Array): string | null {
  return isUtf8(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8') : null;
}

function decodeAs(b: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  return iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), charset);
}

export function decodeBytes(bytes: Uint8Array, headers: Headers = {}): Decoded {
  const bom = bomCharset(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.skip), bom.charset), charset: bom.charset, source: 'bom' };

  const declared: Array<{ charset: string; source: 'header' | 'meta' }> = [];
  const fromHeader = normalizeCharset(charsetFromContentType(headerValue(headers, 'content-type')));
  if (fromHeader) declared.push({ charset: fromHeader, source: 'header' });
  const fromMeta = normalizeCharset(charsetFromMeta(bytes));
  if (fromMeta) declared.push({ charset: fromMeta, source: 'meta' });

  const nonAscii = hasNonAscii(bytes);
  const utf8 = nonAscii ? strictUtf8(bytes) : null;
  const first = declared[0];
  if (first) {
    if (first.charset !== 'utf-8' && utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'utf8-valid' };
    if (first.charset === 'utf-8' && nonAscii && utf8 === null) {
      // Declared UTF-8 and nearly all of it is: one bad byte does not make it another charset.
      const damaged = tolerableUtf8(bytes);
      if (damaged) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: first.source, warning: damaged };
      // Declared UTF-8 but the bytes are not: a second declaration or detection decides.
      const alt = declared.find((d) => d.charset !== 'utf-8');
      if (alt) return { text: decodeAs(bytes, alt.charset), charset: alt.charset, source: alt.source };
      return detect(bytes);
    }
    if (first.charset === 'utf-8' && utf8 !== null) return { text: utf8, charset: 'utf-8', source: first.source };
    return { text: decodeAs(bytes, first.charset), charset: first.charset, source: first.source };
  }
  if (!nonAscii) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'default' };
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'utf8-valid' };
  return detect(bytes);
}

/** Non-ASCII bytes, and those of them not part of a well-formed UTF-8 sequence (Unicode's definition, table 3-7). */
export function utf8Damage(b: Uint8Array): { nonAscii: number; invalid: number } {
  let nonAscii = 0;
  let invalid = 0;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i]! >= lo && b[i]! <= hi;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n = 0;
    if (c >= 0xc2 && c <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (c >= 0xe0 && c <= 0xef) n = cont(i + 1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(i + 2) ? 3 : 0;
    else if (c >= 0xf0 && c <= 0xf4) n = cont(i + 1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (n) {
      nonAscii += n;
      i += n;
    } else {
      nonAscii++;
      invalid++;
      i++;
    }
  }
  return { nonAscii, invalid };
}

/** The warning for UTF-8 with a tolerable number of bad bytes, or null when there are too many to call it UTF-8. */
function tolerableUtf8(b: Uint8Array): string | null {
  const { nonAscii, invalid } = utf8Damage(b);
  if (!nonAscii || 1 - invalid / nonAscii < UTF8_TOLERATED_VALID_SHARE) return null;
  return `declared UTF-8 with ${invalid} invalid byte(s) among ${nonAscii} non-ASCII bytes: decoded as UTF-8, the bad bytes replaced by U+FFFD`;
}

/** Share of multibyte sequences that are not well-formed GBK/GB18030 (lead 81–FE, trail 40–FE or 4-byte form). */
function gbkInvalidShare(b: Uint8Array): number {
  let seqs = 0;
  let bad = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) continue;
    seqs++;
    const t = b[i + 1];
    if (c === 0x80 || c === 0xff || t === undefined) {
      bad++;
      continue;
    }
    if (t >= 0x30 && t <= 0x39) {
      // Four-byte GB18030: lead, digit, lead, digit.
      if (b[i + 2] !== undefined && b[i + 2]! >= 0x81 && b[i + 3] !== undefined && b[i + 3]! >= 0x30 && b[i + 3]! <= 0x39) i += 3;
      else bad++;
      continue;
    }
    if (t < 0x40 || t === 0x7f || t === 0xff) bad++;
    else i++;
  }
  return seqs ? bad / seqs : 0;
}

// chardet is slow on whole pages (it runs every model); a sample decides as well.
const DETECT_SAMPLE = 64 * 1024;

function detect(bytes: Uint8Array): Decoded {
  // Undeclared, non-UTF-8 bytes on a Chinese portal are GB-family when they are well-formed GBK; only
  // otherwise ask the statistical detector.
  if (gbkInvalidShare(bytes) < 0.01) return { text: decodeAs(bytes, 'gb18030'), charset: 'gb18030', source: 'detected' };
  const guess = normalizeCharset(chardet.detect(bytes.subarray(0, DETECT_SAMPLE)) ?? '');
  // A Chinese portal that is not UTF-8 is GB-family far more often than anything chardet might propose.
  const charset = guess && guess !== 'utf-8' && guess !== 'windows-1252' ? guess : 'gb18030';
  return { text: decodeAs(bytes, charset), charset, source: 'detected' };
}
