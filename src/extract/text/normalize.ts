// Whitespace and invisible characters that portals sprinkle into text. One place, so HTML, PDF and plain text
// agree on what a "line" is.

// NBSP, zero-width and BOM characters come from &nbsp; padding and copy-paste from Word.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f]+/g;

/** Collapse inline whitespace to one space; keep the ideographic space (U+3000) out of the collapse so callers may trim it. */
export function collapseInline(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').replace(SPACES, ' ');
}

/** Trim ASCII and ideographic spaces at both ends of one line. */
export function trimLine(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
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
export const SENTENCE_PUNCT = /[，。；：！？、“”（）《》,;]/g;

export function countCjk(s: string): number {
  return s.match(CJK)?.length ?? 0;
}

export function countPunct(s: string): number {
  return s.match(SENTENCE_PUNCT)?.length ?? 0;
}
