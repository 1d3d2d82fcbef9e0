// Flattened text (another tool's crawl, a DOC body, PDF lines) → Extracted, by the line cleaner.
import type { Extracted } from '../../schema/document.ts';
import { REPORT_TITLE_RE } from '../rules/title.ts';
import { cleanLines } from './clean-lines.ts';
import { toLines } from './normalize.ts';
import { trimRunOn } from './run-on.ts';

export function isReportTitle(line: string): boolean {
  const t = line.normalize('NFKC').replace(/\s+/g, '');
  return t.length <= 90 && REPORT_TITLE_RE.test(t) && !/[。；]$/.test(t);
}

export function emptyExtracted(kind: Extracted['kind']): Extracted {
  return {
    kind, title: null, published_at: null, published_at_source: null, meta: {}, text: '', tables: [],
    removed: [], attachments: [], warnings: [], needs_ocr: false, charset: null,
  };
}

export function cleanFlatText(text: string, kind: Extracted['kind'] = 'txt'): Extracted {
  const out = emptyExtracted(kind);
  let lines = toLines(text);
  // The title is lifted before cleaning so the trailing-headline sweep never mistakes a one-line text for one.
  // A page dump may label it (“标题: …”).
  const first = lines[0]?.replace(/^(标题|题目|文章标题)\s*[:：]\s*/, '');
  if (first && isReportTitle(first)) {
    out.title = first;
    lines = lines.slice(1);
  }
  // A flattened page keeps its chrome at the ends of one long line, where line rules cannot reach it.
  const runOn: Extracted['removed'] = [];
  lines = lines.map((l) => trimRunOn(l, runOn)).filter((l) => l.trim());
  const c = cleanLines(lines);
  out.text = c.lines.join('\n');
  out.removed = [...runOn, ...c.removed];
  out.meta = c.meta;
  if (c.date) {
    out.published_at = c.date.value;
    out.published_at_source = c.date.source;
  }
  if (!out.title && c.meta['标题']) out.title = c.meta['标题'];
  if (out.text.trim() === '') out.warnings.push('empty text after cleaning');
  return out;
}
