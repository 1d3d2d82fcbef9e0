// The line-by-line residue cleaner: chrome bars, link lists, footers, metadata bars and trailing headline runs.
// HTML extraction runs it after serialization; cleanText runs it on texts that arrive already flattened.
import type { Removed } from '../../schema/document.ts';
import { chromeRule, isProse, isTableRow } from './chrome-lines.ts';
import { SECTION_HEAD, trailingHeadlineStart } from './headlines.ts';
import { dateFromFields, parseMetaLine } from './meta-line.ts';
import { findDate, stampLine } from './dates.ts';

export interface DateHit {
  value: string;
  source: string;
}

export interface CleanedLines {
  lines: string[];
  removed: Removed[];
  meta: Record<string, string>;
  date: DateHit | null;
}

// Keys that are chrome, kept out of meta: they describe the page widget, not the document.
const NOT_META = new Set(['字号', '浏览次数']);
// A decorated line naming the body (`==== 正文 ====`) within this many lines opens the body of a page dump.
const DUMP_HEAD_LINES = 20;
const DUMP_BODY_MARK = /^[=\-_*#~—]{3,}\s*(正\s*文|内\s*容|全\s*文)\s*[=\-_*#~—]{3,}$/;
// A list opened by “相关文章” is made of titles; it ends at prose, a table or this many lines.
const MAX_LIST_LINES = 40;

export function cleanLines(input: string[]): CleanedLines {
  const removed: Removed[] = [];
  const meta: Record<string, string> = {};
  let date: DateHit | null = null;
  const keep: boolean[] = input.map(() => true);
  const firstProse = input.findIndex(isProse);
  const headEnd = firstProse < 0 ? input.length : firstProse;

  const drop = (i: number, kind: string) => {
    if (!keep[i]) return;
    keep[i] = false;
    removed.push({ kind, text: input[i]! });
  };

  // A dump that marks where the body starts (`==== 正文 ====`): what stands above the mark is the dump's own header
  // (its fields, file paths, notes), whatever words it uses. Its labelled fields are still read as metadata.
  const mark = input.slice(0, DUMP_HEAD_LINES).findIndex((l) => DUMP_BODY_MARK.test(l));
  for (let i = 0; i < input.length; i++) {
    const line = input[i]!;
    const m = parseMetaLine(line);
    if (i < mark && !m) {
      drop(i, 'dump-header');
      continue;
    }
    // Inside the body only unmistakable bars (two or more labelled fields, or a leading date) are taken:
    // a lone “来源：…” in prose stays prose.
    // A bar made only of widget labels (字号, 浏览次数) is chrome, reported under its chrome kind below.
    const widgetOnly = m !== null && !m.leadingDate && m.fields.every((f) => NOT_META.has(f.key));
    if (m && !widgetOnly && (i < headEnd || m.fields.length >= 2 || m.leadingDate)) {
      for (const f of m.fields) if (f.value && !NOT_META.has(f.key) && !(f.key in meta)) meta[f.key] = f.value;
      const d = dateFromFields(m.fields);
      if (!date && d) date = { value: d.value, source: d.key === '成文日期' ? 'metadata-table' : 'text-bar' };
      if (!date && m.leadingDate) date = { value: m.leadingDate, source: 'text-bar' };
      drop(i, 'meta-bar');
      continue;
    }
    // A bare stamp line above the text (“2005-06-14 03:25:55”, “Saturday, September 10th, 2005 10:56 am”) is the
    // post's date, printed by the template: metadata, not body. Only in the head, so a dated signature that
    // closes a report stays.
    if (i < headEnd) {
      const stamp = stampLine(line);
      if (stamp) {
        if (!date) date = { value: stamp, source: 'text-bar' };
        drop(i, 'meta-bar');
        continue;
      }
    }
    const rule = chromeRule(line);
    if (!rule) continue;
    drop(i, rule.kind);
    if (rule.opensList) {
      let n = 0;
      for (let j = i + 1; j < input.length && n < MAX_LIST_LINES; j++, n++) {
        const l = input[j]!;
        if (isProse(l) || isTableRow(l) || l.length > 80 || SECTION_HEAD.test(l)) break;
        drop(j, `${rule.kind}-list`);
        i = j;
      }
    } else if (rule.opensFooter) {
      // A footer runs to the end of the page; stop at prose in case the rule fired mid-body.
      for (let j = i + 1; j < input.length; j++) {
        if (isProse(input[j]!)) break;
        drop(j, rule.kind);
        i = j;
      }
    }
  }

  let lines = input.filter((_, i) => keep[i]);
  const cut = trailingHeadlineStart(lines);
  if (cut < lines.length) {
    for (const l of lines.slice(cut)) removed.push({ kind: 'trailing-headlines', text: l });
    lines = lines.slice(0, cut);
  }
  // A trailing chrome run can hide a lone dangling label such as “附件下载:”, handled by the rules above.
  return { lines, removed, meta, date };
}

/** A date standing alone on one of the first lines (“(2018年2月)” under a title) is not a publication date. */
export function leadingDate(lines: string[]): DateHit | null {
  for (const l of lines.slice(0, 3)) {
    const d = findDate(l);
    if (d && /(发布|时间|日期)/.test(l)) return { value: d.value, source: 'text-bar' };
  }
  return null;
}
