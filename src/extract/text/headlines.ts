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
const CLOSING_FIELD = /^(联系单位|联系部门|联系人|联系电话|联系方式|联系地址|咨询电话|监督电话|投诉电话|办公电话|电话|传真|地址|通讯地址|邮编|邮政编码|电子邮箱|电子信箱|邮箱|网址|受理机构|受理时间|办公时间)\s*[:：]/;

export function isHeadlineLike(line: string): boolean {
  if (line.length < 4 || line.length > 64) return false;
  if (isTableRow(line) || isDateOnly(line)) return false;
  if (/[。；;：:]$/.test(line)) return false;
  if (countCjk(line) < 4) return false;
  if (SECTION_HEAD.test(line) || ATTACHMENT.test(line)) return false;
  if (line.length <= 32 && SIGNATURE.test(line)) return false;
  // Dated signatures like “（2018年2月）” or “二〇二二年一月二十日” are not headlines either.
  if (/^[（(]?\s*(19|20)\d{2}年\d{1,2}月(\d{1,2}日)?\s*[)）]?$/.test(line)) return false;
  if (/^[（(]?\s*[〇○零一二][〇○零一二三四五六七八九]{3}年[一二三四五六七八九十]{1,2}月([一二三四五六七八九十]{1,3}日)?\s*[)）]?$/.test(line)) return false;
  // A report's closing contact block (联系单位：… / 联系电话：… / 联系地址：…) is part of the report.
  if (CLOSING_FIELD.test(line)) return false;
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
