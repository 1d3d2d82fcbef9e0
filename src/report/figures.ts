// Pre-2019 figures: the statistics table first (本年 and 历年累计), then the prose. Negations count as zero.
import { formatPre2019, STATS_IDENTITIES } from './formats/pre2019.ts';
import {
  CHANNEL, CONSULTATION, COUNT, CUMULATIVE, FEE_AMOUNT, FEE_NONE, FEE_TOPIC, LITIG_COUNT, LITIG_WORD, OUTCOME, PROACTIVE, RECON_COUNT, RECON_WORD,
  REMEDY_NONE, REPLY_COUNTS, REQUEST_NONE, REQUEST_TOPIC, SECTION_HEADING, THOUSANDS, TOTAL,
} from './rules/figures.ts';
import { readStats } from './tables/stats.ts';
import type { ReadOptions } from './tables/types.ts';

export interface Figure { value: number | null; derived: boolean; source: string | null }
export type Figures = Record<string, Figure>;

/** A sentence-level piece of prose, with the heading of the section it sits in (empty before the first one). */
interface Clause { text: string; section: string; printed: string }

/**
 * Clauses of the prose, thousands separators dropped for matching (“3,456条”); `printed` keeps the clause as the
 * report prints it, for the figure's source.
 */
function clausesWithSections(text: string): Clause[] {
  const out: Clause[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    // A heading is short; a numbered paragraph that goes on in prose still sets the topic of what follows.
    if (SECTION_HEADING.test(t)) section = t.slice(0, 40);
    for (const c of t.split(/[。；;]/)) {
      const printed = c.trim();
      if (printed) out.push({ text: printed.replace(THOUSANDS, (_, head: string, rest: string) => head + rest.replace(/,/g, '')), section, printed });
    }
  }
  return out;
}

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

function proactive(cs: string[]): Figure | null {
  for (const c of cs) {
    const m = PROACTIVE.exec(c);
    if (!m || m[3]) continue; // "11余万条" is an estimate, not a count
    if (CUMULATIVE.test(c.slice(0, m.index + 4))) continue;
    return { value: Number(m[1]) * (m[2] ? 10000 : 1), derived: !!m[2], source: clip(c) };
  }
  return null;
}

/** Year's requests: a printed total wins; else the sum of per-channel counts in one clause (derived); else a negation. */
function requests(cs: string[]): Figure | null {
  let channelSum: Figure | null = null;
  let none: Figure | null = null;
  for (const c of cs) {
    if (!REQUEST_TOPIC.test(c) || CUMULATIVE.test(c)) continue;
    if (!none && REQUEST_NONE.test(c)) none = { value: 0, derived: false, source: clip(c) };
    let prev = 0;
    let sum = 0;
    let channels = 0;
    for (const m of c.matchAll(COUNT)) {
      const window = c.slice(prev, m.index);
      prev = m.index! + m[0].length;
      if (/[%％]|人次|年|月|日/.test(c.slice(prev, prev + 1))) continue;
      if (OUTCOME.test(window) && !CHANNEL.test(window)) continue;
      if (CHANNEL.test(window)) {
        if (!/办结|答复/.test(window)) { sum += Number(m[1]); channels++; }
        continue;
      }
      if (TOTAL.test(window) && REQUEST_TOPIC.test(c.slice(0, m.index! + 1))) return { value: Number(m[1]), derived: false, source: clip(c) };
    }
    if (!channelSum && channels >= 1) channelSum = { value: sum, derived: channels > 1, source: clip(c) };
  }
  return channelSum ?? none;
}

function remedy(cs: string[], counts: RegExp[], word: RegExp): Figure | null {
  let none: Figure | null = null;
  let total = 0;
  let found: string[] = [];
  for (const c of cs) {
    if (!word.test(c) || CUMULATIVE.test(c)) continue;
    for (const sub of c.split(/[,，]/)) {
      if (!word.test(sub)) continue;
      if (REMEDY_NONE.test(sub)) { none ??= { value: 0, derived: false, source: clip(c) }; continue; }
      for (const re of counts) {
        const m = re.exec(sub);
        if (m) { total += Number(m[1]); found.push(sub); break; }
      }
    }
    if (found.length) break;
  }
  if (found.length) return { value: total, derived: found.length > 1, source: clip(found.join('，')) };
  return none;
}

function fees(cs: Clause[]): Figure | null {
  for (const { text: c, section } of cs) {
    if (!FEE_TOPIC.test(c) && !/收费/.test(c)) continue;
    const m = FEE_AMOUNT.exec(c);
    if (m) return { value: Number(m[1]) * (m[2] ? 10000 : 1), derived: !!m[2], source: clip(c) };
    // “本年度未收取任何费用” under “四、政府信息公开的收费及减免情况”: the heading says which fees.
    if (FEE_NONE.test(c) && (/(?:依申请|信息公开|申请)/.test(c) || /收费|费用/.test(section))) return { value: 0, derived: false, source: clip(c) };
  }
  return null;
}

/** Replies by outcome, from the request part of the text (the clause or its section is about 申请, not 咨询). */
function replies(cs: Clause[]): Record<string, Figure | null> {
  const out: Record<string, Figure | null> = {};
  for (const key of Object.keys(REPLY_COUNTS)) out[key] = null;
  for (const { text: c, section } of cs) {
    if (CUMULATIVE.test(c) || CONSULTATION.test(c)) continue;
    if (!REQUEST_TOPIC.test(c) && !/申请/.test(c) && !REQUEST_TOPIC.test(section)) continue;
    for (const [key, re] of Object.entries(REPLY_COUNTS)) {
      if (out[key]) continue;
      const m = re.exec(c);
      if (m) out[key] = { value: Number(m[1]), derived: false, source: clip(c) };
    }
  }
  return out;
}

export function extractFigures(tableText: string, body: string, warnings: string[], opts: ReadOptions = {}): Figures {
  const withSections = clausesWithSections(body);
  const cs = withSections.map((c) => c.text);
  const prose: Record<string, Figure | null> = {
    proactive_total: proactive(cs),
    requests_received: requests(cs),
    ...replies(withSections),
    reconsideration_total: remedy(cs, RECON_COUNT, RECON_WORD),
    litigation_total: remedy(cs, LITIG_COUNT, LITIG_WORD),
    fees_yuan: fees(withSections),
  };
  // Sources quote the report as printed, not the clause as normalised for matching.
  const printed = new Map(withSections.filter((c) => c.text !== c.printed).map((c) => [clip(c.text), clip(c.printed)]));
  for (const f of Object.values(prose)) if (f?.source && printed.has(f.source)) f.source = printed.get(f.source)!;
  const pins = new Map<string, number>();
  for (const [k, f] of Object.entries(prose)) if (f?.value != null) pins.set(k, f.value);

  const out: Figures = {};
  const stats = readStats(tableText, formatPre2019.stats ?? [], STATS_IDENTITIES, pins, opts);
  if (stats) {
    warnings.push(...stats.warnings);
    for (const [key, v] of stats.values) {
      const conv = key === 'fees_yuan' && v.unit === '万元' ? 10000 : 1;
      const src = `统计表: ${v.label} ${v.raw.join(' | ')}`;
      if (v.cells[0] !== undefined) out[key] = { value: v.cells[0] === null ? null : v.cells[0]! * conv, derived: conv !== 1, source: src };
      if (stats.columns === 2 && v.cells[1] !== undefined) out[`${key}_cumulative`] = { value: v.cells[1] === null ? null : v.cells[1]! * conv, derived: conv !== 1, source: src };
    }
  }
  for (const [k, f] of Object.entries(prose)) {
    if (!f) continue;
    const t = out[k];
    if (!t || t.value === null) out[k] = f;
    else if (f.value !== null && t.value !== f.value) warnings.push(`figures.${k}: statistics table says ${t.value}, the text says ${f.value} ("${f.source}")`);
  }
  return out;
}
