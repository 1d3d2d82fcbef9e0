// Region hints a page carries besides the agency's name (docs/domain.md, "Region hints on pages"): the 统一社会信用代码 of a 机关 (in a
// Hanweb module URL's `area=`, or an 索引号 built on it) and the site's 网站标识码 in the footer. Used only when the
// portal config and the agency name give no region.
import { divisionByCode, type Division } from './divisions.ts';
import { CREDIT_CODE, SITE_CODE } from '../rules/page-codes.ts';
import { decodeUriSafe } from '../../extract/text/uri.ts';

export interface PageRegion { code: string; division: Division; source: 'credit_code' | 'site_code'; evidence: string }

export interface PageCodeInput {
  url?: string | null;
  meta?: Record<string, string>;
  removed?: Array<{ text: string }>;
  text: string;
}

/** A 6-digit code that names a current division exactly (retired codes of an older vintage do not resolve). */
function exact(six: string): Division | null {
  const d = divisionByCode(six);
  return d && d.code === six ? d : null;
}

export function regionFromPageCodes(doc: PageCodeInput): PageRegion | null {
  // The credit code registers the agency itself; the site code only the portal that hosts it.
  const creditPlaces = [decodeUriSafe(doc.url ?? ''), ...Object.values(doc.meta ?? {}), doc.text.slice(0, 2000)];
  for (const s of creditPlaces) {
    for (const m of s.matchAll(CREDIT_CODE)) {
      const d = exact(m[1]!);
      if (d) return { code: d.code, division: d, source: 'credit_code', evidence: m[0] };
    }
  }
  const sitePlaces = [...(doc.removed ?? []).map((r) => r.text), doc.text.slice(-2000)];
  for (const s of sitePlaces) {
    const m = SITE_CODE.exec(s);
    if (!m) continue;
    const d = exact(m[1]!.slice(0, 6));
    if (d) return { code: d.code, division: d, source: 'site_code', evidence: m[0] };
  }
  return null;
}
