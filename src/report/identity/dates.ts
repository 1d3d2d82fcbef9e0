// Statistics year and publication date.
import { chineseYear, identityText } from '../normalize.ts';
import { QUOTED_REPORT, YEAR_SENTENCES, YEAR_WEAK } from '../rules/identity.ts';

const pad = (n: string) => n.padStart(2, '0');

/** "2018-01-19 11:51", "2018/1/19", "2018年1月19日", "2018年2月" → "2018-01-19" / "2018-02"; else null. */
export function normalizeDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.normalize('NFKC');
  let m = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  m = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})(?:\s*月)?(?!\d)/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${pad(m[2]!)}`;
  return null;
}

export function publishedFromText(text: string): { date: string; source: string } | null {
  const head = text.slice(0, 600).normalize('NFKC');
  const bar = /(?:发布(?:时间|日期)|发文日期|成文日期|日期)\s*[:：]?\s*((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2})/.exec(head);
  if (bar) return { date: normalizeDate(bar[1])!, source: 'text-bar' };
  // A bar that starts with the date: "2018-03-20 00:00:00 来源:…"
  const lead = /^\s*((?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+(?:来源|作者|浏览|点击)/m.exec(head);
  if (lead) return { date: normalizeDate(lead[1])!, source: 'text-bar' };
  // Under the title: "(2018年2月)" — month only.
  const under = /^[\s(（]*((?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?)[)）\s]*$/m.exec(head);
  if (under) return { date: normalizeDate(under[1])!, source: 'text-header' };
  const tail = text.slice(-400).normalize('NFKC');
  const sig = [...tail.matchAll(/((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/g)].pop();
  if (sig) return { date: `${sig[1]}-${pad(sig[2]!)}-${pad(sig[3]!)}`, source: 'text-signature' };
  return null;
}

/**
 * The year a report covers, from its text: the statistics period, the sentence that publishes the report, a report
 * phrase with a year outside quotes (a cited 《…2021年…年度报告》 is an older report), and last the opening year of
 * the account of the year.
 */
export function yearFromText(text: string, normalized = false): { year: number; how: string } | null {
  const head = normalized ? text.slice(0, 3000) : identityText(text.slice(0, 3000));
  for (const [i, re] of YEAR_SENTENCES.entries()) {
    const m = re.exec(head);
    if (m) return { year: Number(m[1]), how: i < 2 ? 'period' : 'text' };
  }
  const unquoted = head.replace(QUOTED_REPORT, (q) => ' '.repeat(q.length));
  const phrase = /((?:19|20)\d{2})年度?(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度报告|年报|工作报告)/.exec(unquoted);
  if (phrase) return { year: Number(phrase[1]), how: 'text' };
  const cn = /([〇零一二三四五六七八九]{4})年度?(?:政府|政务)?信息公开/.exec(head);
  if (cn) {
    const y = chineseYear(cn[1]!);
    if (y) return { year: y, how: 'text' };
  }
  for (const re of YEAR_WEAK) {
    const m = re.exec(unquoted);
    if (m) return { year: Number(m[1]), how: 'text-weak' };
  }
  return null;
}
