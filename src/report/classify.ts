// Is this title an OGI annual report, for which year and agency? Fast (a few regexes per title) because the crawler
// runs it on every link text.
import { chineseYear, compact, toSimplified } from './normalize.ts';
import { AGENCY_TRIM_HEAD, AGENCY_TRIM_TAIL, BREADCRUMB, NEGATIVES, REPORT_PHRASE, TITLE_PART_SEPARATORS, YEAR, type TitleCode } from './rules/titles.ts';

export interface Classification {
  is_report: boolean;
  year: number | null;
  agency: string | null;
  /** What decided: a code to test on (`title_pattern` for a report). */
  code: TitleCode;
  /** The same in words, for people. */
  reason: string;
}

const MIN_YEAR = 2007;
const MAX_YEAR = 2100;

function phraseMatch(t: string): RegExpExecArray | null {
  let best: RegExpExecArray | null = null;
  for (const re of REPORT_PHRASE) {
    const m = re.exec(t);
    if (m && (!best || m.index < best.index)) best = m;
  }
  return best;
}

function years(t: string): Array<{ year: number; index: number; end: number }> {
  const out: Array<{ year: number; index: number; end: number }> = [];
  const g = new RegExp(YEAR.source, 'g');
  for (let m = g.exec(t); m; m = g.exec(t)) {
    const y = m[1] ? Number(m[1]) : chineseYear(m[2] ?? '');
    if (y !== null && y >= MIN_YEAR && y <= MAX_YEAR) out.push({ year: y, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Agency = what precedes the year or the report phrase, without a leading "关于" or a trailing "政府"/"政务". */
function agencyFrom(t: string, phraseAt: number, yearAt: { index: number; end: number } | null): string | null {
  let name: string;
  if (yearAt && yearAt.index < phraseAt) {
    const before = t.slice(0, yearAt.index);
    name = before.replace(AGENCY_TRIM_HEAD, '').replace(AGENCY_TRIM_TAIL, '');
    if (!name || name === '关于') name = t.slice(yearAt.end, phraseAt); // year first: "2022年上海市政府信息公开…"
  } else {
    name = t.slice(0, phraseAt);
  }
  name = name.replace(AGENCY_TRIM_HEAD, '').replace(/关于$/, '').replace(AGENCY_TRIM_TAIL, '');
  // The phrase may have swallowed the 政府 of "…人民政府信息公开".
  if (/人民$/.test(name) && t.startsWith('政府', phraseAt)) name += '政府';
  // "上海市政府信息公开" → 上海市; "兴县人民政府信息公开" keeps 人民政府 (part of the body's name).
  if (!/人民政府$/.test(name)) name = name.replace(/(?:政府|政务)$/, '');
  name = name.replace(/(?:19|20)\d{2}年?度?$/, '').replace(AGENCY_TRIM_TAIL, '');
  // What is left of “2021—2022年…” is no name.
  return name.length >= 2 && name.length <= 60 && /[\u3400-\u9fff]/.test(name) ? name : null;
}

function classifyPart(t: string): Classification {
  const phrase = phraseMatch(t);
  if (!phrase) return { is_report: false, year: null, agency: null, code: 'no_phrase', reason: 'no report phrase (信息公开…年度报告/年报)' };
  for (const n of NEGATIVES) if (n.re.test(t)) return { is_report: false, year: years(t)[0]?.year ?? null, agency: null, code: n.code, reason: n.reason };
  const ys = years(t);
  // The statistics year is the one attached to the phrase: prefer a year before it, nearest first.
  const before = ys.filter((y) => y.index < phrase.index + phrase[0].length);
  const yr = before.length ? before[before.length - 1]! : ys[0] ?? null;
  if (!yr) return { is_report: false, year: null, agency: agencyFrom(t, phrase.index, null), code: 'no_year', reason: 'report phrase without a year (a column or menu label)' };
  return { is_report: true, year: yr.year, agency: agencyFrom(t, phrase.index, yr), code: 'title_pattern', reason: 'title pattern' };
}

export function classifyTitle(title: string): Classification {
  // Breadcrumb residue before the title (“当前位置:首页»政府信息公开»…”) is no part of it.
  const t = compact(toSimplified(title ?? '')).replace(BREADCRUMB, '').slice(0, 300);
  if (!t) return { is_report: false, year: null, agency: null, code: 'empty', reason: 'empty title' };
  const whole = classifyPart(t);
  if (whole.is_report || !TITLE_PART_SEPARATORS.test(title)) return whole;
  // "标题_栏目_网站名": classify the part that carries the phrase.
  for (const part of title.split(TITLE_PART_SEPARATORS)) {
    const c = classifyPart(compact(part));
    if (c.is_report) return c;
  }
  return whole;
}
