// Agency (机关全称 as printed) when the title does not carry it: the metadata table, then the opening paragraph.
import { findDivisions } from './divisions.ts';
import { identityText, toSimplified } from '../normalize.ts';
import { AGENCY_CONTACT, AGENCY_OPENING_NAME, AGENCY_OPENING_YEAR, AGENCY_SENTENCES, FRAGMENT, NOT_A_NAME, OFFICE_END, SELF_REFERENCE } from '../rules/identity.ts';

export interface AgencyGuess { agency: string | null; source: 'title' | 'text' | 'meta' | 'portal' | null }

const META_KEYS = ['发布机构', '发文机关', '发文机构', '发布单位', '来源', '信息来源'];

function clean(name: string): string | null {
  const n = name.replace(/^(?:关于|根据|按照|现将|现|由)+/, '').replace(/(?:的|关于|现将|于)+$/, '');
  if (n.length < 2 || NOT_A_NAME.test(n) || !/[\u3400-\u9fff]{2}/.test(n)) return null;
  if (FRAGMENT.test(n) && !OFFICE_END.test(n)) return null;
  // Two characters name a body only when they are a division (兴县), not a word (园区).
  if (n.length === 2 && !findDivisions(n).some((h) => h.name === n)) return null;
  return n;
}

export function agencyFromMeta(meta: Record<string, string> | undefined): string | null {
  if (!meta) return null;
  for (const k of META_KEYS) {
    const v = meta[k]?.trim();
    if (v && v.length >= 2 && v.length <= 60 && !/^(本站|本网|原创|网站|未知)/.test(v)) return v;
  }
  return null;
}

/**
 * “区统计局”, “县政府办”: a name cut down to the unit's kind. The text names its division (红桥区…) — the most named
 * division of that kind completes it.
 */
export function expandAbbreviation(name: string, text: string): string {
  const unit = /^(区|县|市|旗)(?!政府$)/.exec(name)?.[1];
  if (!unit || name.length < 3) return name;
  const counts = new Map<string, number>();
  for (const h of findDivisions(text.slice(0, 8000))) if (h.name.endsWith(unit) && h.name.length > 1) counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1])) return ranked[0]![0] + name.slice(1);
  return name;
}

/** `normalized`: the text already went through identityText (the parser passes its identity text). */
export function agencyFromText(text: string, normalized = false): string | null {
  return agencyFromTextWithSource(text, normalized).agency;
}

/**
 * The text's name of the body, and whether only the contact sentence (“请与朝阳乡政府信息公开办公室联系”) gave it: that
 * names an office to ask, so it completes no name the title already gives.
 */
export function agencyFromTextWithSource(text: string, normalized = false): { agency: string | null; contactOnly: boolean } {
  const head = normalized ? text.slice(0, 3000) : identityText(text.slice(0, 3000));
  const found = agencyIn(head);
  return { agency: found ? expandAbbreviation(found.name, head) : null, contactOnly: found?.contact ?? false };
}

function agencyIn(head: string): { name: string; contact: boolean } | null {
  const n = agencyInSentences(head);
  if (n) return { name: n, contact: false };
  const contactMatch = AGENCY_CONTACT.exec(head);
  const contact = contactMatch?.[1] ? clean(contactMatch[1]) : null;
  const own = ownDivision(head);
  // The contact sentence names the body in full (江宁区人民政府) where "我区" only gives the division.
  if (contact && (!own || contact.includes(own))) return { name: contact, contact: true };
  return own ? { name: own, contact: false } : null;
}

/** The stronger evidence: sentences that publish or compile the report, the opening of 总体情况, a paragraph naming the unit. */
function agencyInSentences(head: string): string | null {
  for (const re of AGENCY_SENTENCES) {
    const m = re.exec(head);
    const n = m?.[1] ? clean(m[1]) : null;
    if (n) return n;
  }
  const opening = AGENCY_OPENING_YEAR.exec(head);
  if (opening?.[1]) {
    const n = clean(opening[1]);
    if (n) return n;
  }
  // "现将我局…报告如下" and a paragraph opening "区统计局坚持…": the name of the kind the text calls itself.
  const selfUnit = SELF_REFERENCE.exec(head)?.[1];
  if (selfUnit) {
    for (const m of head.matchAll(AGENCY_OPENING_NAME)) {
      const n = m[1] && m[1].endsWith(selfUnit) ? clean(m[1]) : null;
      if (n && n.length > selfUnit.length + 1) return n;
    }
  }
  return null;
}

/** "我县…新邵县门户网站…": the division of the kind the text calls "我X" that it names most. */
function ownDivision(head: string): string | null {
  const self = /我(县|区|市|旗)/.exec(head)?.[1];
  if (!self) return null;
  const counts = new Map<string, number>();
  for (const h of findDivisions(head)) {
    if (h.name.endsWith(self) || (self === '县' && h.name.endsWith('旗'))) counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1]) ? ranked[0]![0] : null;
}

/**
 * The name as the document prints it. Rules read simplified text; a traditional-character page (big5 mirrors)
 * prints 西藏自治區人民政府, and the record keeps what is printed.
 */
export function asPrinted(name: string, original: string): string {
  if (original.includes(name)) return name;
  const text = original.slice(0, 6000).normalize('NFKC');
  if (text.includes(name)) return name;
  for (let i = text.indexOf(name[0]!) ; i >= 0 && i + name.length <= text.length; i = text.indexOf(name[0]!, i + 1)) {
    const slice = text.slice(i, i + name.length);
    if (toSimplified(slice) === name) return slice;
  }
  // The first character may itself be traditional: a plain scan.
  for (let i = 0; i + name.length <= text.length; i++) {
    const slice = text.slice(i, i + name.length);
    if (toSimplified(slice) === name) return slice;
  }
  return name;
}
