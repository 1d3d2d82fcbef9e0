// Format detection from printed table labels (never from the cited 文号, which reports often get wrong).
import type { Format } from '../schema/record.ts';
import { T3_HEAD } from './formats/shared.ts';
import { FORMAT_SPECS } from './formats/index.ts';

export interface Detection {
  format: Format;
  evidence: string[];
}

const T3_SHARED = /本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|结转下年度继续办理/;

export function detectFormat(t: string, year: number | null): Detection {
  const scored = FORMAT_SPECS.filter((s) => s.id !== 'pre2019').map((s) => {
    const found = s.fingerprints.filter((f) => f.re.test(t)).map((f) => f.label);
    return { spec: s, found };
  });
  scored.sort((a, b) => b.found.length - a.found.length);
  const best = scored[0];
  const second = scored[1];
  if (best && best.found.length > 0) {
    if (second && second.found.length === best.found.length) {
      // Tie on labels: a mixed template; the year decides, and we say so.
      const byYear = scored.find((s) => year !== null && year >= s.spec.years[0] && year <= s.spec.years[1]);
      const pick = byYear ?? best;
      return { format: pick.spec.id, evidence: [...pick.found.map((l) => `label: ${l}`), `labels of several formats tie; chose by year ${year ?? '?'}`] };
    }
    const ev = best.found.map((l) => `label: ${l}`);
    if (second && second.found.length) ev.push(`also saw ${second.spec.id} labels: ${second.found.join(', ')}`);
    return { format: best.spec.id, evidence: ev };
  }
  const t3Hits = T3_HEAD.filter((r) => r.re.test(t)).length;
  if (T3_SHARED.test(t) && t3Hits >= 6) {
    const fmt: Format = year !== null && year >= 2021 ? '2021' : '2019';
    return { format: fmt, evidence: [`表三 labels only (shared by 2019 and 2021); chose ${fmt} by year ${year ?? 'unknown'}`] };
  }
  const pre = FORMAT_SPECS.find((s) => s.id === 'pre2019')!;
  const preFound = pre.fingerprints.filter((f) => f.re.test(t)).map((f) => `label: ${f.label}`);
  if (year !== null && year <= 2018) return { format: 'pre2019', evidence: [`report year ${year} (before the 2019 format)`, ...preFound] };
  if (year === null && preFound.length >= 2) return { format: 'pre2019', evidence: preFound };
  return { format: 'unknown', evidence: [year !== null ? `no table labels of the 2019/2021 formats in a ${year} report` : 'no format labels and no year'] };
}
