// Whitespace and invisible characters that portals sprinkle into text. One place, so HTML, PDF and plain text
// agree on what a "line" is.

// NBSP, zero-width and BOM characters come from &nbsp; padding and copy-paste from Word.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f]+/g;

/** Collapse inline whitespace to one space; keep the ideographic space (U+3000) out of the collapse so callers may trim it. */
export function collapseInline(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').replace(SPACES, ' ');
}

/**
 * Whitespace as a regex `\s` matches it: ASCII space and controls, NBSP, U+1680, U+2000–U+200A, line and
 * paragraph separators, U+202F, U+205F, the ideographic space U+3000 and the BOM. A code-unit test lets the hot
 * per-text-node loops of the extractor count and trim without building strings (crawl profile).
 */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x3000 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

/** Trim ASCII and ideographic spaces at both ends of one line. */
export function trimLine(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Text → trimmed non-empty lines. */
export function toLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of collapseInline(text).split('\n')) {
    const t = trimLine(raw);
    if (t) out.push(t);
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/g;
/** Chinese sentence punctuation: a strong sign of prose rather than navigation. */
export const SENTENCE_PUNCT_CHARS = '，。；：！？、“”（）《》,;';
// A flag per UTF-16 code unit: a Set lookup per character was itself visible in the extraction profile.
const PUNCT_CODES = new Uint8Array(0x10000);
for (const ch of SENTENCE_PUNCT_CHARS) PUNCT_CODES[ch.charCodeAt(0)] = 1;

export function countCjk(s: string): number {
  return s.match(CJK)?.length ?? 0;
}

/** How many sentence punctuation marks `s` holds (a loop: `match` built an array per text node). */
export function countPunct(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += PUNCT_CODES[s.charCodeAt(i)]!;
  return n;
}

export function isPunct(c: number): boolean {
  return PUNCT_CODES[c] === 1;
}
