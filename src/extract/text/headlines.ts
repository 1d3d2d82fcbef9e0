// A run of short headline-like lines at the end of a text is a “more news” block that lost its list markup
// (seed 004 ends with nineteen unrelated headlines). The report itself ends with prose, a table, a section
// heading with a short answer, or a signature and date, none of which look like a headline.
import { isDateOnly } from './dates.ts';
import { countCjk } from './normalize.ts';
import { isTableRow } from './chrome-lines.ts';

/** Minimum run length: two short lines at the end are too often a signature block to cut. */
export const MIN_HEADLINE_RUN = 3;

export const SECTION_HEAD = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十\d]+[章节部分条])/;
// Issuer names close a report: “三元区政府信息公开工作领导小组办公室”.
const SIGNATURE = /(办公室|办公厅|人民政府|政府|局|委员会|管委会|管理委员会|委|办|中心|小组|办事处|街道|乡|镇|厅|部|院|署|所|站|队)$/;
const ATTACHMENT = /^附(件|表)/;

export function isHeadlineLike(line: string): boolean {
  if (line.length < 4 || line.length > 64) return false;
  if (isTableRow(line) || isDateOnly(line)) return false;
  if (/[。；;：:]$/.test(line)) return false;
  if (countCjk(line) < 4) return false;
  if (SECTION_HEAD.test(line) || ATTACHMENT.test(line)) return false;
  if (line.length <= 32 && SIGNATURE.test(line)) return false;
  // Dated signatures like “（2018年2月）” are not headlines either.
  if (/^[（(]?\s*(19|20)\d{2}年\d{1,2}月(\d{1,2}日)?\s*[)）]?$/.test(line)) return false;
  return true;
}

/** Index where the trailing headline run starts, or lines.length when there is none. */
export function trailingHeadlineStart(lines: string[]): number {
  let j = lines.length;
  while (j > 0 && isHeadlineLike(lines[j - 1]!)) j--;
  const run = lines.length - j;
  // Some of the run must lack any sentence punctuation at all: headlines rarely carry commas.
  if (run < MIN_HEADLINE_RUN || j === 0) return lines.length;
  return j;
}
