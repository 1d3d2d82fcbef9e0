// Getting a clean body, title, date and metadata out of whatever arrived: extractor output is used as is; plain text
// (other tools' crawls) goes through the extractor's cleanText first.
import { cleanText } from '../extract/index.ts';
import type { Grid } from '../schema/document.ts';
import type { ParseInput } from './index.ts';

export interface Prepared {
  text: string;
  title: string | null;
  published_at: string | null;
  published_at_source: string | null;
  meta: Record<string, string>;
  tables: Grid[];
  warnings: string[];
}

/** "标题: …" / "发布时间: …" header blocks some crawl tools write above the body. */
const HEADER_LINE = /^(标题|题名|发布时间|发布日期|发文日期|成文日期|发布机构|发文机关|来源|文号|索引号)\s*[:：]\s*(.*)$/;

function headerBlock(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.slice(0, 1500).split('\n').slice(0, 15)) {
    const m = HEADER_LINE.exec(line.trim());
    if (m && m[2]!.trim()) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

export function prepare(doc: ParseInput): Prepared {
  const warnings: string[] = [];
  let text = doc.text ?? '';
  let title = doc.title ?? null;
  let published_at = doc.published_at ?? null;
  let published_at_source = doc.published_at_source ?? null;
  let meta: Record<string, string> = { ...(doc.meta ?? {}) };
  if (!doc.kind || doc.kind === 'txt') {
    try {
      const c = cleanText(text);
      text = c.text;
      title ??= c.title;
      if (!published_at && c.published_at) { published_at = c.published_at; published_at_source = c.published_at_source; }
      meta = { ...c.meta, ...meta };
    } catch (e) {
      warnings.push(`cleanText failed, used the raw text: ${(e as Error).message}`);
    }
  }
  const hb = headerBlock(text);
  for (const [k, v] of Object.entries(hb)) if (!(k in meta)) meta[k] = v;
  title ??= hb['标题'] ?? hb['题名'] ?? null;
  // Some crawl formats leave their field name on the title line, and a metadata table's 标题 row its cell bars
  // (“标 题 | 西藏自治区政府国资委2020政府信息公开工作年度报告 | ||”).
  if (title) title = title.replace(/^\s*(?:标\s*题|题\s*名|title)\s*[:：|｜]\s*/i, '').replace(/[\s|｜]+$/, '').trim() || null;
  if (!published_at) {
    const d = hb['发布时间'] ?? hb['发布日期'] ?? hb['发文日期'] ?? hb['成文日期'] ?? meta['发布日期'] ?? meta['发布时间'] ?? meta['成文日期'] ?? meta['发文日期'];
    if (d) { published_at = d; published_at_source = 'metadata-table'; }
  }
  return { text, title, published_at, published_at_source, meta, tables: doc.tables ?? [], warnings };
}

const VALUE_LIKE = /^[\d\s.,%+-]*$/;

/**
 * Grids as " | " rows, for when the extractor kept a table only in `tables` or rebuilt it from a PDF's layout. A
 * merged label spread over several columns is written once (as the HTML serializer does); value cells, even equal
 * neighbours, are all kept.
 */
export function gridsAsText(grids: Grid[]): string {
  const rowText = (row: string[]) => row.filter((c, i) => i === 0 || c !== row[i - 1] || VALUE_LIKE.test(c)).join(' | ');
  return grids.map((g) => g.map(rowText).join('\n')).join('\n\n');
}
