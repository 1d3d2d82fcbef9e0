// What a link is to the crawler: a report (page or attachment), a list page worth following, or nothing.
// Report links are recognised by their anchor text / title attribute through the report classifier
// (src/report classifyTitle), list pages by URL shape and column vocabulary; both must stay on the portal.
import { classifyTitle } from '../src/report/classify.ts';
import { isAllowedHost } from './canonical.ts';
import { ATTACHMENT_EXT, ATTACHMENT_URL, COLUMN_TEXT, DETAIL_URL, NOT_COLUMN_TEXT, PAGER_TEXT, REPORT_LIST_URL, REPORT_URL, REPORT_URL_YEAR, YEAR_COLUMN_TEXT } from './rules/vocabulary.ts';

export interface LinkRules {
  allowedHosts: readonly string[];
  listPatterns: RegExp[];
  reportPatterns: RegExp[];
  years?: { from?: number; to?: number };
}

export type LinkVerdict =
  | { kind: 'report'; attachment: boolean; year: number | null; text: string }
  | { kind: 'list'; text: string }
  | { kind: 'skip'; reason: 'offsite' | 'year' | 'none' };

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export const isAttachmentUrl = (url: string) => {
  const u = new URL(url);
  return ATTACHMENT_EXT.test(u.pathname) || ATTACHMENT_URL.some((re) => re.test(u.pathname + u.search));
};

export function classifyLink(url: string, text: string, title: string, rules: LinkRules, fromList: boolean): LinkVerdict {
  if (!isAllowedHost(url, rules.allowedHosts)) return { kind: 'skip', reason: 'offsite' };
  const attachment = isAttachmentUrl(url);
  // Truncated list titles ("平潭综合实验区2018年度政府信…") keep the full title in `title`: try the longer first.
  const labels = [title, text].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const label of labels) {
    const c = classifyTitle(label);
    if (!c.is_report) continue;
    const y = c.year;
    if (y !== null && rules.years && ((rules.years.from && y < rules.years.from) || (rules.years.to && y > rules.years.to))) {
      return { kind: 'skip', reason: 'year' };
    }
    return { kind: 'report', attachment, year: y, text: label };
  }
  const best = labels[0] ?? '';
  if (rules.reportPatterns.some((re) => re.test(url))) return { kind: 'report', attachment, year: null, text: best };
  const moduleHit = reportModuleUrl(url);
  if (moduleHit) {
    const y = moduleHit.year;
    if (y !== null && rules.years && ((rules.years.from && y < rules.years.from) || (rules.years.to && y > rules.years.to))) return { kind: 'skip', reason: 'year' };
    return { kind: 'report', attachment, year: y, text: best };
  }
  if (REPORT_LIST_URL.some((re) => re.test(new URL(url).pathname))) return { kind: 'list', text: best };
  if (attachment) return { kind: 'skip', reason: 'none' };
  if (rules.listPatterns.some((re) => re.test(url))) return { kind: 'list', text: best };
  if (looksLikeColumn(url, labels.map(norm), fromList)) return { kind: 'list', text: best };
  return { kind: 'skip', reason: 'none' };
}

/** An annual-report module page (vocabulary REPORT_URL), with the year its URL names. */
function reportModuleUrl(url: string): { year: number | null } | null {
  const u = new URL(url);
  const target = u.pathname + u.search;
  if (!REPORT_URL.some((re) => re.test(target))) return null;
  const y = REPORT_URL_YEAR.exec(u.search)?.[1];
  return { year: y ? Number(y) : null };
}

function looksLikeColumn(url: string, labels: string[], fromList: boolean): boolean {
  if (DETAIL_URL.some((re) => re.test(url))) return false;
  return labels.some((l) => {
    if (!l || l.length > 24 || PAGER_TEXT.test(l) || NOT_COLUMN_TEXT.test(l)) return false;
    if (COLUMN_TEXT.some((re) => re.test(l))) return true;
    // Year sub-columns only count inside a report column, not in site-wide navigation.
    return fromList && YEAR_COLUMN_TEXT.test(l);
  });
}
