import { z } from 'zod';
import { formatsOldestFirst, UNKNOWN_FORMAT, type FormatId } from '../report/formats/index.ts';
import { T3_COLUMN_LABELS, T3_HEAD, T3_TAIL, T4_GROUP_LABELS, T4_OUTCOME_LABELS } from '../report/formats/shared.ts';
import { AdminLevel } from './config.ts';

/**
 * The dataset record. Bump SCHEMA_VERSION and update docs/codebook (generated from src/schema/codebook.ts)
 * whenever a field is added, removed or changes meaning.
 */
export const SCHEMA_VERSION = '1.3.0';

// Format knowledge lives in src/report/formats/ (one file per format); what the schema needs of it is derived here.
const FORMAT_LIST = formatsOldestFirst('src/schema/record.ts');

/** Every `format` value: the registered formats, oldest first, then `unknown`. */
export const FORMATS: readonly Format[] = [...FORMAT_LIST.map((f) => f.id as Format), UNKNOWN_FORMAT];
export const Format = z.enum(FORMATS as [Format, ...Format[]]);
export type Format = FormatId | typeof UNKNOWN_FORMAT;

/** 表三 applicant columns, in printed order. */
export const T3_COLUMNS = Object.keys(T3_COLUMN_LABELS) as Array<keyof typeof T3_COLUMN_LABELS>;
/** 表三 rows: the shared ones with every format's (六)其他处理 row(s) (2019: `other`; 2021: `other_overdue_*`, `other_other`). */
export const T3_ROWS: readonly string[] = [...new Set([...T3_HEAD, ...FORMAT_LIST.flatMap((f) => f.t3?.sixth ?? []), ...T3_TAIL].map((r) => r.key))];
export const T4_GROUPS = Object.keys(T4_GROUP_LABELS) as Array<keyof typeof T4_GROUP_LABELS>;
export const T4_OUTCOMES = Object.keys(T4_OUTCOME_LABELS) as Array<keyof typeof T4_OUTCOME_LABELS>;

/** 表二 keys (block → fields) per format; formats are never merged (a 2019 (八) is an item count, a 2021 (八) is 万元). */
export const T2_KEYS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = Object.fromEntries(
  FORMAT_LIST.filter((f) => f.t2).map((f) => [f.id, Object.fromEntries(f.t2!.rows.map((r) => [r.key, r.fields.map((x) => x.key)]))]),
);

/** A numeric cell: null when blank, '/', '—', '无' or unreadable; the printed text stays in the parallel `raw` tree. */
const Num = z.number().nullable();
const NumTable = z.record(z.string(), z.record(z.string(), Num));
const RawTable = z.record(z.string(), z.record(z.string(), z.string().nullable()));

export const CheckStatus = z.enum(['PASS', 'FAIL', 'UNCERTAIN', 'NOT_ASSESSABLE']);
export const Check = z.object({
  id: z.string(),
  status: CheckStatus,
  column: z.string().optional(),
  left: z.number().nullable(),
  right: z.number().nullable(),
  detail: z.string(),
});
export type Check = z.infer<typeof Check>;

/** How the text the numbers were read from was obtained: `ocr` = recognised from page images of a scan. */
export const TextSource = z.enum(['text', 'ocr']);

export const Figure = z.object({
  value: z.number().nullable(),
  derived: z.boolean().default(false),
  /** The sentence or table row it was read from. */
  source: z.string().nullable().default(null),
  /** `ocr` when the figure was read from OCR text (see ReportRecord.text_source); absent before schema 1.3.0. */
  text_source: TextSource.optional(),
});

export const ReportRecord = z.object({
  schema_version: z.string(),
  parser_version: z.string(),
  /** Stable id: hash of the canonical URL (+ attachment URL); same report across crawls and versions. */
  report_id: z.string(),
  /** Set by the record store: 1 for the first content seen, +1 each time the content changes. */
  version: z.number().int().positive().default(1),
  content_sha256: z.string(),
  portal_id: z.string().nullable(),
  url: z.string().nullable(),
  final_url: z.string().nullable(),
  found_via: z.string().nullable(),
  fetched_at: z.string().nullable(),
  source_kind: z.enum(['html', 'pdf', 'doc', 'docx', 'txt', 'sheet']),
  /**
   * The source of every number in `tables`, `raw` and `figures`: `ocr` when they were read from OCR text (a digit may
   * be misread; a run of digits is never split), else `text`. Added in schema 1.3.0, absent from older records.
   */
  text_source: TextSource.optional(),
  attachments: z.array(z.object({ url: z.string(), sha256: z.string().nullable(), mime: z.string().nullable() })),
  raw_sha256: z.string().nullable(),

  is_report: z.boolean(),
  not_report_reason: z.string().nullable(),
  title: z.string().nullable(),
  agency: z.string().nullable(),
  agency_source: z.enum(['title', 'text', 'meta', 'portal']).nullable(),
  year: z.number().int().nullable(),
  published_at: z.string().nullable(),
  published_at_source: z.string().nullable(),
  /** Statutory deadline (YYYY-MM-DD) and days from it to published_at; added in schema 1.1.0, absent from older records. */
  deadline: z.string().nullable().default(null),
  days_after_deadline: z.number().int().nullable().default(null),
  admin_level: AdminLevel.nullable(),
  scope: z.enum(['agency_only', 'region_aggregate']).nullable(),
  region_code: z.string().nullable(),
  region_code_source: z.enum(['portal', 'agency_name', 'credit_code', 'site_code']).nullable(),
  format: Format,
  format_evidence: z.array(z.string()),

  tables: z.object({ t2: NumTable.nullable(), t3: NumTable.nullable(), t4: NumTable.nullable() }),
  raw: z.object({ t2: RawTable.nullable(), t3: RawTable.nullable(), t4: RawTable.nullable() }),
  figures: z.record(z.string(), Figure),
  checks: z.array(Check),
  warnings: z.array(z.string()),
  sections: z.array(z.object({ heading: z.string(), text: z.string() })),
  text: z.string(),
});
export type ReportRecord = z.infer<typeof ReportRecord>;
