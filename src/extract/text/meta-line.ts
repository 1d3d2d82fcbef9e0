// Reads “label：value” pairs from one line: the 政府信息公开 metadata table (serialized as `索引号： | … | 分类： | …`)
// and the date/source bar above an article (`发布时间:2018-01-19 11:51 | 来源:三元区政府办`,
// `2018-03-20 00:00:00 来源:… 作者:… 责任编辑:… 字号:T|T`). The label table lives in ../rules/meta-fields.ts.
import { META_FIELDS } from '../rules/meta-fields.ts';
import { findDate, isDateOnly } from './dates.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Labels are matched with optional spaces between characters: sites pad them (“索  引 号”) to align columns.
const spaced = (label: string) => [...label.replace(/\s+/g, '')].map(escape).join('[ \\u3000]*');

const LABEL_TO_KEY = new Map<string, string>();
for (const f of META_FIELDS) for (const l of f.labels) LABEL_TO_KEY.set(l.replace(/\s+/g, ''), f.key);
const ALL_LABELS = [...LABEL_TO_KEY.keys()].sort((a, b) => b.length - a.length);

// A label counts only at the start of the line or after a separator, so prose such as “统计时间：” or
// “本机关发布单位：” in a sentence is not read as metadata. The separator after the label is a colon or, in
// tables that put label and value in separate cells, the cell boundary.
const LABEL_RE = new RegExp(
  `(^|[\\s|【\\[（(]|\\d)(${ALL_LABELS.map(spaced).join('|')})[ \\u3000]*(?:([:：])|(?=[ \\u3000]*\\|))`,
  'g',
);

const SEPARATOR = /[:：|]/;

export const DATE_KEYS = new Set(META_FIELDS.filter((f) => f.dateRank !== undefined).map((f) => f.key));
export const DATE_RANK = new Map(META_FIELDS.filter((f) => f.dateRank !== undefined).map((f) => [f.key, f.dateRank!]));

export interface MetaLine {
  fields: Array<{ key: string; label: string; value: string }>;
  /** A bare date opening the line (`2018-03-20 00:00:00 来源:…`). */
  leadingDate: string | null;
  /** Every character of the line belongs to the pairs (or the leading date): safe to drop from the body. */
  whole: boolean;
}

// A label this table does not know (`文章类型：`, `访问量：`) still ends the value before it: a bar reads
// `来源: 访问量：199`, and 访问量 is not the source.
const NEXT_LABEL = /(?:^|[\s|\u3000])[\u4e00-\u9fff]{2,6}[ \u3000]*[:：]/;
// A label this table knows ends the value even glued to it (`来源:武汉市发展和改革委员会字号:[ 大 中 小 ]`): some bars
// are printed with no space between their cells. An unknown one is not cut there: it may be the value's own end.
const GLUED_LABEL = new RegExp(`(?:${ALL_LABELS.map(spaced).join('|')})[ \\u3000]*[:：]`);
const cutAtLabel = (v: string) => {
  const m = NEXT_LABEL.exec(v);
  const cut = m ? v.slice(0, m.index) : v;
  const g = GLUED_LABEL.exec(cut);
  return g && g.index > 0 ? cut.slice(0, g.index) : cut;
};
const cleanValue = (v: string) =>
  cutAtLabel(v.replace(/^[\s|:：\u3000]+/, ''))
    .replace(/[\s|\u3000【】\[\]]+$/, '')
    .replace(/\s*\|\s*/g, ' ')
    .trim();

/** Pairs found on the line, or null when the line is not a metadata line. */
export function parseMetaLine(line: string): MetaLine | null {
  if (line.length > 300) return null;
  // LABEL_RE needs a colon or a cell boundary after the label; most body lines have neither, and the big
  // alternation is costly to try at every position (it showed in the crawl profile).
  if (!SEPARATOR.test(line)) return null;
  const hits: Array<{ at: number; end: number; label: string; colon: boolean }> = [];
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(line); m; m = LABEL_RE.exec(line)) {
    const at = m.index + m[1]!.length;
    hits.push({ at, end: m.index + m[0].length, label: m[2]!.replace(/[ \u3000]+/g, ''), colon: m[3] !== undefined });
    // The separator may be a lookahead, so step past the label to avoid re-matching the same place.
    LABEL_RE.lastIndex = Math.max(LABEL_RE.lastIndex, at + 1);
  }
  if (hits.length === 0) return null;
  const head = line.slice(0, hits[0]!.at).replace(/[\s|【\[（(]+$/, '').trim();
  let leadingDate: string | null = null;
  if (head) {
    if (!isDateOnly(head)) return null;
    leadingDate = findDate(head)!.value;
  }
  const fields: MetaLine['fields'] = [];
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const value = cleanValue(line.slice(h.end, i + 1 < hits.length ? hits[i + 1]!.at : line.length));
    fields.push({ key: LABEL_TO_KEY.get(h.label)!, label: h.label, value });
  }
  // One lone label with a long value is prose (“来源：本报告数据由…”), not a bar.
  const filled = fields.filter((f) => f.value);
  if (filled.length === 0 && !leadingDate) return null;
  // Without a colon, a lone “时间 | …” is more likely a report table header than a metadata cell.
  if (!hits.some((h) => h.colon) && filled.length < 2) return null;
  if (fields.length === 1 && !leadingDate && fields[0]!.value.length > 60) return null;
  return { fields, leadingDate, whole: true };
}

/** Pick the publication date among date-bearing fields: 发布日期 beats 成文日期. */
export function dateFromFields(fields: MetaLine['fields']): { value: string; key: string } | null {
  let best: { value: string; key: string; rank: number } | null = null;
  for (const f of fields) {
    const rank = DATE_RANK.get(f.key);
    if (rank === undefined) continue;
    const d = findDate(f.value);
    if (d && (!best || rank < best.rank)) best = { value: d.value, key: f.key, rank };
  }
  return best && { value: best.value, key: best.key };
}
