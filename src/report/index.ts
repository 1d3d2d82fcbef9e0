// Public surface of the report parser (pure). STUB: the parser work (issue 4) replaces these bodies.
import { createHash } from 'node:crypto';
import type { Extracted } from '../schema/document.ts';
import type { AdminLevel } from '../schema/config.ts';
import { SCHEMA_VERSION, type ReportRecord } from '../schema/record.ts';

export const PARSER_VERSION = '0.0.0-stub';

export interface Classification {
  is_report: boolean;
  year: number | null;
  agency: string | null;
  reason: string;
}

/** Is this title (or link text) an OGI annual report, and for which year and agency? */
export function classifyTitle(title: string): Classification {
  const t = title.normalize('NFKC').replace(/\s+/g, '');
  const is = /信息公开.{0,8}(年度报告|年报)/.test(t) && !/(解读|通知|总结)/.test(t);
  const y = t.match(/((?:19|20)\d{2})年?度?/);
  return { is_report: is, year: y ? Number(y[1]) : null, agency: null, reason: is ? 'title pattern' : 'no report pattern' };
}

/** What the parser needs of a document: the extractor's output plus whatever provenance is known. */
export type ParseInput = Partial<Extracted> & Pick<Extracted, 'text'> & {
  url?: string | null;
  final_url?: string | null;
  portal_id?: string | null;
  fetched_at?: string | null;
  found_via?: string | null;
  raw_sha256?: string | null;
};

export interface ParseContext {
  portal?: { agency?: string; region_code?: string; admin_level?: AdminLevel };
}

/** Stable report id: the same canonical URL (+ attachment URL) always gives the same id. */
export function reportIdFor(url: string, attachmentUrl?: string | null): string {
  return createHash('sha256').update(attachmentUrl ? `${url}\n${attachmentUrl}` : url).digest('hex').slice(0, 16);
}

export function parseReport(doc: ParseInput, ctx: ParseContext = {}): ReportRecord {
  const cls = classifyTitle(doc.title ?? '');
  return {
    schema_version: SCHEMA_VERSION, parser_version: PARSER_VERSION,
    report_id: reportIdFor(doc.url ?? createHash('sha256').update(doc.text).digest('hex')), version: 1,
    content_sha256: createHash('sha256').update(doc.text).digest('hex'),
    portal_id: doc.portal_id ?? null, url: doc.url ?? null, final_url: doc.final_url ?? null, found_via: doc.found_via ?? null,
    fetched_at: doc.fetched_at ?? null, source_kind: doc.kind ?? 'txt',
    attachments: (doc.attachments ?? []).map((a) => ({ url: a.url, sha256: a.sha256, mime: a.mime })),
    raw_sha256: doc.raw_sha256 ?? null,
    is_report: cls.is_report, not_report_reason: cls.is_report ? null : cls.reason, title: doc.title ?? null,
    agency: ctx.portal?.agency ?? null, agency_source: ctx.portal?.agency ? 'portal' : null, year: cls.year,
    published_at: doc.published_at ?? null, published_at_source: doc.published_at_source ?? null,
    admin_level: ctx.portal?.admin_level ?? null, scope: null, region_code: ctx.portal?.region_code ?? null,
    region_code_source: ctx.portal?.region_code ? 'portal' : null, format: 'unknown', format_evidence: [],
    tables: { t2: null, t3: null, t4: null }, raw: { t2: null, t3: null, t4: null }, figures: {}, checks: [],
    warnings: ['stub parser'], sections: [], text: doc.text,
  };
}
