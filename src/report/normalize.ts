// Text normalisation shared by every reader. Labels are matched on NFKC text (full-width brackets and colons become
// half-width) with whitespace removed *between CJK characters only*: labels get wrapped or padded ("商业 企业",
// "大量反复 申请", vertical "三、\n本\n年") while whitespace between digits is the only boundary between number cells.
import { traditionalMap } from './rules/traditional.ts';

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const LABEL_PUNCT = '“”‘’"()、,:;。·《》〔〕\\[\\]';
const JOINABLE = new RegExp(`([${CJK}${LABEL_PUNCT}])[ \\t\\u3000\\u00a0\\n]+(?=[${CJK}${LABEL_PUNCT}])`, 'g');

// Page furniture that PDF text carries between table rows; its digits would otherwise be read as cells.
const PAGE_FURNITURE = [
  /^[ \t]*[-—–][ \t]*\d{1,3}[ \t]*[-—–][ \t]*$/gm, // "- 4 -"
  /^[ \t]*第[ \t]*\d{1,3}[ \t]*页([ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?[ \t]*$/gm, // "第 4 页 共 9 页"
  /^[ \t]*\d{1,3}[ \t]*\/[ \t]*\d{1,3}[ \t]*$/gm, // "4/9"
  /^[ \t]*<<<[^>\n]{0,40}>>>[ \t]*$/gm, // page markers some converters insert
];

export function nfkc(s: string): string {
  return s.normalize('NFKC');
}

/** Text for label matching and cell reading (not for display). */
export function normalizeForTables(text: string): string {
  let t = nfkc(text).replace(/\r\n?/g, '\n').replace(/\f/g, '\n');
  for (const re of PAGE_FURNITURE) t = t.replace(re, '');
  t = t.replace(/[\u200b\ufeff]/g, '').replace(/\u3000|\u00a0/g, ' ');
  t = t.replace(/\n{2,}/g, '\n');
  // Twice: a lone CJK character between two breaks ("本\n年\n度") needs both sides joined.
  t = t.replace(JOINABLE, '$1').replace(JOINABLE, '$1');
  return t;
}

/** Compact form for title-like strings: NFKC and no whitespace at all. */
export function compact(s: string): string {
  return nfkc(s).replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, '');
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "二〇一九" → 2019 (year written digit by digit in Chinese numerals), else null. */
export function chineseYear(s: string): number | null {
  if (s.length !== 4) return null;
  let n = 0;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

let TRAD: { re: RegExp; bits: Uint8Array } | null = null;
/** Traditional characters of the rule vocabulary → simplified (rules/traditional.ts); other characters unchanged. */
export function toSimplified(s: string): string {
  const map = traditionalMap();
  if (!TRAD) {
    const bits = new Uint8Array(0x10000);
    for (const k of map.keys()) bits[k.charCodeAt(0)] = 1;
    TRAD = { re: new RegExp(`[${[...map.keys()].join('')}]`, 'g'), bits };
  }
  // Most texts are simplified: one pass over the code units decides, without building a new string.
  let any = false;
  for (let i = 0; i < s.length; i++) if (TRAD.bits[s.charCodeAt(i)]) { any = true; break; }
  return any ? s.replace(TRAD.re, (c) => map.get(c) ?? c) : s;
}

/** Text for identity rules: NFKC, simplified, “2024 年” closed up to “2024年”. */
export function identityText(s: string): string {
  return toSimplified(nfkc(s)).replace(/((?:19|20)\d{2})[ \t\u3000\u00a0]+(?=年)/g, '$1');
}
