// Format detection from printed table labels (never from the cited 文号, which reports often get wrong). Which
// formats exist and what they print comes from the format registry (formats/index.ts).
import type { Format } from '../schema/record.ts';
import { formatSpecs } from './formats/index.ts';
import { T3_HEAD, T3_MIN_ROWS, T3_SHARED } from './formats/shared.ts';
import type { FormatSpec } from './formats/types.ts';

export interface Detection {
  format: Format;
  evidence: string[];
}

// Newest first, as registered.
const SPECS = formatSpecs('src/report/detect.ts');
const LABELLED = SPECS.filter((s) => s.detection === 'labels');
/** Formats with a 表三, oldest first: a text with only 表三 labels is one of these. */
const WITH_T3 = LABELLED.filter((s) => s.t3).reverse();
const ERAS = SPECS.filter((s) => s.detection === 'era');
const LABELLED_IDS = [...LABELLED].reverse().map((s) => s.id).join('/');

const inYears = (s: FormatSpec, year: number | null) => year !== null && year >= s.years[0] && (s.years[1] === null || year <= s.years[1]);

export function detectFormat(t: string, year: number | null): Detection {
  const scored = LABELLED.map((s) => {
    const found = s.fingerprints.filter((f) => f.re.test(t)).map((f) => f.label);
    return { spec: s, found };
  });
  scored.sort((a, b) => b.found.length - a.found.length);
  const best = scored[0];
  const second = scored[1];
  if (best && best.found.length > 0) {
    if (second && second.found.length === best.found.length) {
      // Tie on labels: a mixed template; the year decides, and we say so.
      const byYear = scored.find((s) => inYears(s.spec, year));
      const pick = byYear ?? best;
      return { format: pick.spec.id as Format, evidence: [...pick.found.map((l) => `label: ${l}`), `labels of several formats tie; chose by year ${year ?? '?'}`] };
    }
    const ev = best.found.map((l) => `label: ${l}`);
    if (second && second.found.length) ev.push(`also saw ${second.spec.id} labels: ${second.found.join(', ')}`);
    return { format: best.spec.id as Format, evidence: ev };
  }
  const t3Hits = T3_HEAD.filter((r) => r.re.test(t)).length;
  if (WITH_T3.length && T3_SHARED.test(t) && t3Hits >= T3_MIN_ROWS) {
    // The latest 表三 format in force by the report year; the oldest when the year is unknown or earlier.
    const pick = [...WITH_T3].reverse().find((s) => year !== null && year >= s.years[0]) ?? WITH_T3[0]!;
    const shared = WITH_T3.map((s) => s.id).join(' and ');
    return { format: pick.id as Format, evidence: [`表三 labels only (shared by ${shared}); chose ${pick.id} by year ${year ?? 'unknown'}`] };
  }
  for (const era of ERAS) {
    const found = era.fingerprints.filter((f) => f.re.test(t)).map((f) => `label: ${f.label}`);
    // A report of an era's years (or earlier, for the oldest) is of that era whatever it prints.
    const next = SPECS.filter((s) => s.years[0] > era.years[0]).at(-1);
    const from = era === SPECS.at(-1) ? -Infinity : era.years[0];
    if (year !== null && year >= from && year <= (era.years[1] ?? Infinity)) return { format: era.id as Format, evidence: [`report year ${year} (before the ${next?.id ?? 'next'} format)`, ...found] };
    if (year === null && found.length >= 2) return { format: era.id as Format, evidence: found };
  }
  return { format: 'unknown', evidence: [year !== null ? `no table labels of the ${LABELLED_IDS} formats in a ${year} report` : 'no format labels and no year'] };
}
