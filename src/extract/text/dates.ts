// Dates as printed on portals: 2018-03-20, 2018/3/20, 2018.03.20, 2018年3月20日, with an optional clock time.
// Output keeps the precision found (the schema allows YYYY-MM-DD[ HH:mm[:ss]] and YYYY-MM); a midnight
// “00:00:00” is a CMS placeholder, not a time of day, so it is dropped.

const DATE_RE =
  /((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:\s*(?:T|\s)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;
const MONTH_RE = /((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?(?!\s*[-/.\d])/;

const pad = (s: string) => s.padStart(2, '0');

export interface FoundDate {
  value: string;
  index: number;
  length: number;
}

/** First plausible date in `s`, normalised, or null. */
export function findDate(s: string): FoundDate | null {
  const m = DATE_RE.exec(s);
  if (m) {
    const [all, y, mo, d, h, mi, sec] = m;
    const month = Number(mo);
    const day = Number(d);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      let value = `${y}-${pad(mo!)}-${pad(d!)}`;
      if (h !== undefined && !(Number(h) === 0 && mi === '00' && (sec === undefined || sec === '00'))) {
        value += ` ${pad(h)}:${mi}${sec !== undefined ? `:${sec}` : ''}`;
      }
      return { value, index: m.index, length: all.length };
    }
  }
  const mm = MONTH_RE.exec(s);
  if (mm && Number(mm[2]) >= 1 && Number(mm[2]) <= 12) {
    return { value: `${mm[1]}-${pad(mm[2]!)}`, index: mm.index, length: mm[0].length };
  }
  return null;
}

/** The string is a date (and maybe a time) and nothing else. */
export function isDateOnly(s: string): boolean {
  // “2005-04-05 06:40更新”, “2018-01-19 发布”: the verb does not make it less of a date stamp.
  const t = s.trim().replace(/\s*(更新|发布|发表|发布时间|来源于?)$/, '');
  const d = findDate(t);
  return d !== null && d.index === 0 && t.slice(d.length).trim() === '';
}

// English stamps printed by blog and forum engines (WordPress “Saturday, September 10th, 2005 10:56 am”).
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EN_STAMP_RE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?)?$/i;

/**
 * A line that is only a publication stamp: a full date (day precision, optional clock time and weekday), in
 * Chinese/ISO or English form. Month-only lines (“（2018年2月）” under a report title) do not count.
 * Returns the normalised date, or null.
 */
export function stampLine(s: string): string | null {
  const t = s.trim().replace(/^[\[【(（]\s*|\s*[\]】)）]$/g, '').replace(/\s*(星期|周)[一二三四五六日天]\s*/, ' ').trim();
  const en = EN_STAMP_RE.exec(t);
  if (en) {
    const [, mon, d, y, h, mi, ap] = en;
    let value = `${y}-${pad(String(MONTHS.indexOf(mon!.toLowerCase()) + 1))}-${pad(d!)}`;
    if (h !== undefined) {
      let hh = Number(h) % 12;
      if (!ap || ap[0]!.toLowerCase() === 'a') hh = ap ? hh : Number(h);
      else hh += 12;
      value += ` ${pad(String(hh))}:${mi}`;
    }
    return value;
  }
  if (!isDateOnly(t)) return null;
  const d = findDate(t);
  return d && d.value.length >= 10 ? d.value : null;
}

/** TRS/Hanweb URLs carry the posting date (…/202202/t20220208_80613.htm); weakest evidence of all. */
export function dateFromUrl(url: string | undefined): string | null {
  if (!url) return null;
  const m = /[/_]t((?:19|20)\d{2})(\d{2})(\d{2})_/.exec(url) ?? /\/art\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\//.exec(url);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return `${y}-${pad(mo!)}-${pad(d!)}`;
}
