// Region code from the agency name (or, when the name is only "我县"-style, from the division the text keeps naming).
import { allDivisions, findDivisions, townshipNamesIn, type Division, type DivisionHit } from './divisions.ts';
import { isTownshipAgency } from './level.ts';

export interface RegionResult {
  code: string | null;
  division: Division | null;
  warning: string | null;
}

const RANK = { township: 4, county: 3, prefecture: 2, province: 1 } as const;

/** Among same-named divisions, keep those whose province/city is also named in the context. */
function disambiguate(cands: Division[], context: DivisionHit[]): Division[] {
  if (cands.length <= 1) return cands;
  const provs = new Set(context.filter((h) => h.division.level === 'province').map((h) => h.division.provinceCode));
  const cityCodes = new Set(context.filter((h) => h.division.level === 'prefecture').map((h) => h.division.cityCode));
  const byCity = cands.filter((c) => c.cityCode && cityCodes.has(c.cityCode));
  if (byCity.length >= 1) return byCity;
  const byProv = cands.filter((c) => provs.has(c.provinceCode));
  return byProv.length >= 1 ? byProv : cands;
}

function pickMostSpecific(hits: DivisionHit[], contextOf: () => DivisionHit[]): RegionResult {
  if (!hits.length) return { code: null, division: null, warning: null };
  const top = Math.max(...hits.map((h) => RANK[h.division.level]));
  const names = [...new Set(hits.filter((h) => RANK[h.division.level] === top).map((h) => h.name))];
  const name = names[names.length - 1]!; // the last (innermost) name in "湖南省益阳市安化县…"
  const cands = hits.filter((h) => h.name === name).map((h) => h.division);
  const uniq = [...new Map(cands.map((c) => [c.code, c])).values()];
  const left = uniq.length > 1 ? disambiguate(uniq, [...hits, ...contextOf()]) : uniq;
  if (left.length === 1) return { code: left[0]!.code, division: left[0]!, warning: null };
  return { code: null, division: null, warning: `region: "${name}" names ${left.length} divisions (${left.slice(0, 4).map((d) => d.code).join(', ')}); not resolved` };
}

/** "土右旗" for 土默特右旗: an abbreviation keeps the first and last characters and the order of the rest. */
function isAbbreviation(short: string, full: string): boolean {
  if (short.length >= full.length || short[0] !== full[0] || short[short.length - 1] !== full[full.length - 1]) return false;
  let i = 0;
  for (const ch of full) if (ch === short[i]) i++;
  return i === short.length;
}

export function resolveRegion(agency: string | null, text: string): RegionResult {
  const head = text.slice(0, 4000);
  // The text's division names are only needed to disambiguate or when the agency names no division.
  let ctx: DivisionHit[] | null = null;
  const contextOf = () => (ctx ??= findDivisions(head));
  const above = resolveAbove(agency, head, contextOf);
  if (agency && isTownshipAgency(agency)) {
    const t = resolveTownship(agency, above.division, contextOf);
    if (t) return { code: t.code, division: t, warning: null };
  }
  return above;
}

/**
 * The township an agency name such as “梅城镇人民政府” names, inside the county (or city, province) already resolved,
 * else inside the divisions the report's text names. Null unless exactly one township fits: 城关镇 alone is 88 places.
 */
function resolveTownship(agency: string, within: Division | null, contextOf: () => DivisionHit[]): Division | null {
  const inside = (d: Division, w: Division) =>
    w.level === 'county' ? d.countyCode === w.code : w.level === 'prefecture' ? d.cityCode === w.cityCode : w.level === 'province' ? d.provinceCode === w.provinceCode : false;
  for (const { divisions } of townshipNamesIn(agency)) {
    let fits: Division[];
    if (within) fits = divisions.filter((d) => inside(d, within));
    else {
      const named = contextOf().map((h) => h.division);
      fits = [];
      for (const level of ['county', 'prefecture', 'province'] as const) {
        fits = divisions.filter((d) => named.some((w) => w.level === level && inside(d, w)));
        if (fits.length) break;
      }
    }
    if (fits.length === 1) return fits[0]!;
  }
  return null;
}

function resolveAbove(agency: string | null, head: string, contextOf: () => DivisionHit[]): RegionResult {
  if (agency) {
    const hits = findDivisions(agency);
    if (hits.length) return pickMostSpecific(hits, contextOf);
    const context = contextOf();
    // Abbreviated county names: match against divisions the text itself names.
    const token = /^(.{2,6}?(?:县|区|旗|市))/.exec(agency)?.[1];
    if (token) {
      const full = [...new Map(context.map((h) => [h.division.code, h.division])).values()].filter((d) => isAbbreviation(token, d.name));
      if (full.length === 1) return { code: full[0]!.code, division: full[0]!, warning: null };
    }
  }
  // "我县/我区/我市": the body is the division of that kind the text names most.
  const self = /我(县|区|市|旗|州|盟|省)/.exec(head)?.[1];
  const context = self ? contextOf() : [];
  if (self && context.length) {
    const level = self === '省' ? 'province' : self === '州' || self === '盟' || (self === '市' && !/我县|我区/.test(head)) ? 'prefecture' : 'county';
    const counts = new Map<string, { d: Division; n: number }>();
    for (const h of context) {
      if (h.division.level !== level && !(self === '市' && h.division.level === 'county' && h.name.endsWith('市'))) continue;
      if (!h.name.endsWith(self) && !(self === '县' && /旗$/.test(h.name))) continue;
      const e = counts.get(h.division.code) ?? { d: h.division, n: 0 };
      e.n++;
      counts.set(h.division.code, e);
    }
    const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
    if (ranked.length && (ranked.length === 1 || ranked[0]!.n > ranked[1]!.n)) return { code: ranked[0]!.d.code, division: ranked[0]!.d, warning: null };
  }
  return { code: null, division: null, warning: agency ? `region: no division name in "${agency}"` : null };
}

export { allDivisions };
