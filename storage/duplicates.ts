import type { ReportRecord } from '../src/schema/record.ts';

/**
 * Copies of one report reached through different URLs: a county's report re-posted on its city's portal, a
 * department's report listed by its government's column, a mirror, a big5 twin. Two reports are copies when
 *
 * - their cleaned text is byte-identical (`content_sha256`), or
 * - they name the same agency for the same year, have the same format and carry exactly the same table values
 *   (every 表二/表三/表四 cell and pre-2019 figure, at least three of them filled and one non-zero, so two empty or
 *   all-zero reports are not merged on their name alone).
 *
 * Copies are joined transitively into a `duplicate_group`. One copy per group is the primary, the one counted in
 * stats and charts:
 *
 * 1. the copy on the agency's own portal: the portal whose most frequent region_code (its home region) is the
 *    report's region_code, so a county's report wins on the county's portal over the city's re-post;
 * 2. else the earliest published (a known date before an unknown one);
 * 3. else the shortest URL (re-posts tend to sit deeper), then the smaller URL and report_id so the choice is stable.
 *
 * Only a few short strings per report are kept, so 100k reports cost a few tens of MB.
 */
export interface DuplicateKeys {
  ids: string[];
  shas: string[];
  /** agency | year | format | hash of the table values; null when the report is not eligible. */
  nears: Array<string | null>;
  portals: Array<string | null>;
  regions: Array<string | null>;
  published: Array<string | null>;
  urls: Array<string | null>;
}

export const emptyKeys = (): DuplicateKeys => ({ ids: [], shas: [], nears: [], portals: [], regions: [], published: [], urls: [] });

type Scalar = string | number | boolean | null;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/**
 * The near-duplicate key of a report from its flat row (table columns from index `firstTable` on). The values
 * are hashed as numbers (two 32-bit multiply-xor hashes over each value's bits and position): hashing their
 * text cost as much as building the row. A collision would also need the same agency, year and format.
 */
export function nearKey(r: ReportRecord, row: readonly Scalar[], firstTable: number): string | null {
  if (!r.agency || r.year == null) return null;
  let filled = 0;
  let nonZero = 0;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = firstTable; i < row.length; i++) {
    const v = row[i];
    if (typeof v !== 'number') continue;
    filled++;
    if (v !== 0) nonZero++;
    F64[0] = v;
    h1 = Math.imul(h1 ^ U32[0]!, 0x01000193) ^ i;
    h1 = Math.imul(h1 ^ U32[1]!, 0x5bd1e995);
    h2 = Math.imul(h2 ^ U32[1]!, 0x85ebca6b) ^ i;
    h2 = Math.imul(h2 ^ U32[0]!, 0xc2b2ae35);
  }
  if (filled < 3 || nonZero < 1) return null;
  const agency = r.agency.normalize('NFKC').replace(/\s+/g, '');
  return `${agency}|${r.year}|${r.format}|${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${filled}`;
}

export function addKeys(keys: DuplicateKeys, r: ReportRecord, near: string | null): void {
  keys.ids.push(r.report_id);
  keys.shas.push(r.content_sha256);
  keys.nears.push(near);
  keys.portals.push(r.portal_id);
  keys.regions.push(r.region_code);
  keys.published.push(r.published_at);
  keys.urls.push(r.url ?? r.final_url);
}

export interface DuplicateInfo {
  group: string;
  primary: boolean;
  count: number;
}

export interface Duplicates {
  /** Per report, in the order of the concatenated keys. */
  info: DuplicateInfo[];
  /** report_ids that are not the primary of their group. */
  nonPrimary: Set<string>;
  groups: number;
}

/** Concatenates the parts' keys (in part order) and groups them. */
export function findDuplicates(parts: readonly DuplicateKeys[]): Duplicates {
  const k = emptyKeys();
  for (const p of parts) for (const f of Object.keys(k) as Array<keyof DuplicateKeys>) {
    const into = k[f] as unknown[];
    for (const v of p[f] as unknown[]) into.push(v); // not push(...v): 100k arguments overflow the stack
  }
  const n = k.ids.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstSha = new Map<string, number>();
  const firstNear = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const s = k.shas[i]!;
    const j = firstSha.get(s);
    if (j === undefined) firstSha.set(s, i);
    else union(i, j);
    const near = k.nears[i];
    if (near) {
      const m = firstNear.get(near);
      if (m === undefined) firstNear.set(near, i);
      else union(i, m);
    }
  }

  // Home region of each portal: its most frequent region_code.
  const regionCounts = new Map<string, Map<string, number>>();
  for (let i = 0; i < n; i++) {
    const p = k.portals[i];
    const r = k.regions[i];
    if (!p || !r) continue;
    const m = regionCounts.get(p) ?? new Map<string, number>();
    m.set(r, (m.get(r) ?? 0) + 1);
    regionCounts.set(p, m);
  }
  const home = new Map<string, string>();
  for (const [p, m] of regionCounts) {
    let best: [string, number] | null = null;
    for (const [r, c] of m) if (!best || c > best[1] || (c === best[1] && r < best[0])) best = [r, c];
    home.set(p, best![0]);
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (r === i && members.get(r) === undefined) continue; // singleton so far; added below if it gains members
    const list = members.get(r) ?? [r];
    if (i !== r) list.push(i);
    members.set(r, list);
  }
  const info: DuplicateInfo[] = k.ids.map((id) => ({ group: id, primary: true, count: 1 }));
  const nonPrimary = new Set<string>();
  const own = (i: number) => {
    const p = k.portals[i];
    return p != null && k.regions[i] != null && home.get(p) === k.regions[i];
  };
  for (const list of members.values()) {
    if (list.length < 2) continue;
    const ranked = [...list].sort((a, b) => compare(a, b));
    const primary = ranked[0]!;
    for (const i of list) {
      info[i] = { group: k.ids[primary]!, primary: i === primary, count: list.length };
      if (i !== primary) nonPrimary.add(k.ids[i]!);
    }
  }
  return { info, nonPrimary, groups: n - nonPrimary.size };

  function compare(a: number, b: number): number {
    const oa = own(a) ? 0 : 1;
    const ob = own(b) ? 0 : 1;
    if (oa !== ob) return oa - ob;
    const pa = k.published[a] ?? null;
    const pb = k.published[b] ?? null;
    if (pa !== pb) {
      if (pa === null) return 1;
      if (pb === null) return -1;
      return pa < pb ? -1 : 1;
    }
    const ua = k.urls[a] ?? '';
    const ub = k.urls[b] ?? '';
    if (ua.length !== ub.length) return ua.length - ub.length;
    if (ua !== ub) return ua < ub ? -1 : 1;
    return k.ids[a]! < k.ids[b]! ? -1 : 1;
  }
}
