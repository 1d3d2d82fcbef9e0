// When a report was due and how late it came (docs/domain.md, "Deadlines and dates": late and re-posted reports are common; do not drop
// them, record the lateness).
import { formatSpecs } from '../formats/index.ts';
import { DEPARTMENT_BODY, DIVISION_AS_BODY, GOVERNMENT_BODY } from '../rules/deadlines.ts';

/** The deadline rule of each report year: the one of the format prescribed for that year (formats/<format>.ts). */
const DEADLINES = formatSpecs('src/report/identity/deadline.ts').map((f) => ({ fromYear: f.years[0], toYear: f.years[1], ...f.deadline }));

export interface Lateness { deadline: string | null; days_after_deadline: number | null }

export type BodyKind = 'government' | 'department' | 'unknown';

/**
 * A government's own report (or the region's aggregate) has the later deadline; a department's the earlier one. A
 * body that is neither recognisably (no agency, an unusual name) is `unknown` and gets no deadline where the two differ.
 */
export function bodyKind(agency: string | null, scope: string | null): BodyKind {
  if (scope === 'region_aggregate') return 'government';
  if (!agency) return 'unknown';
  const a = agency.replace(/\s+/g, '');
  if (GOVERNMENT_BODY.test(a) || DIVISION_AS_BODY.test(a)) return 'government';
  return DEPARTMENT_BODY.test(a) ? 'department' : 'unknown';
}

export function isGovernmentReport(agency: string | null, scope: string | null): boolean {
  return bodyKind(agency, scope) === 'government';
}

/**
 * `publishedSource` 'url' (a date read from the page address) gives no day count: URL dates are when a CMS filed the
 * page, and re-posted reports keep years-later ones (docs/domain.md, "Deadlines and dates"), which would read as lateness.
 */
export function lateness(year: number | null, agency: string | null, scope: string | null, publishedAt: string | null, publishedSource: string | null = null): Lateness {
  const rule = year === null ? undefined : DEADLINES.find((d) => year >= d.fromYear && (d.toYear === null || year <= d.toYear));
  if (!rule || year === null) return { deadline: null, days_after_deadline: null };
  const kind = bodyKind(agency, scope);
  if (kind === 'unknown' && rule.government !== rule.department) return { deadline: null, days_after_deadline: null };
  const deadline = `${year + 1}-${kind === 'government' ? rule.government : rule.department}`;
  // A month-only date cannot say how many days late.
  if (!publishedAt || !/^\d{4}-\d{2}-\d{2}$/.test(publishedAt) || publishedSource === 'url') return { deadline, days_after_deadline: null };
  const days = Math.round((Date.parse(`${publishedAt}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
  return { deadline, days_after_deadline: Number.isFinite(days) ? days : null };
}
