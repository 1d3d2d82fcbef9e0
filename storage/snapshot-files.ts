// The files of a snapshot and every field in them, in one place: codebook.md, codebook.json, datapackage.json,
// the Stata and R loaders and the tests that compare real snapshot files against this list are all made from it.
import { CODEBOOK, type ColumnType } from '../src/schema/codebook.ts';
import { ReportRecord } from '../src/schema/record.ts';
import { CELL_COLUMNS, CHECK_COLUMNS } from './snapshot-columns.ts';

export type FieldType = ColumnType | 'object' | 'array';
export interface FieldDoc {
  name: string;
  type: FieldType;
  zh: string | null;
  en: string;
}
export interface FileDoc {
  name: string;
  format: 'parquet' | 'csv' | 'jsonl' | 'jsonl.gz' | 'json' | 'md' | 'do' | 'R';
  mediatype: string;
  en: string;
  /** Columns (tables) or top-level keys (JSON); null for documents. */
  fields: readonly FieldDoc[] | null;
}

const fromCols = (cols: ReadonlyArray<{ name: string; type: ColumnType; zh: string; en: string }>): FieldDoc[] => cols.map((c) => ({ name: c.name, type: c.type, zh: c.zh, en: c.en }));
export const REPORT_FIELDS = fromCols(CODEBOOK);
export const CELL_FIELDS = fromCols(CELL_COLUMNS);
export const CHECK_FIELDS = fromCols(CHECK_COLUMNS);

/** Keys of a reports.jsonl line that are not reports.* columns, or mean something else there. */
const JSONL_OWN: Record<string, [FieldType, string]> = {
  final_url: ['string', 'URL the report was finally read from after redirects, when it differs from url'],
  attachments: ['array', 'attachments the report was read from: [{url, sha256, mime}]'],
  raw_sha256: ['string', 'SHA-256 of the raw bytes fetched (the page or the attachment)'],
  is_report: ['boolean', 'always true in a snapshot (records the parser found not to be reports are left out)'],
  not_report_reason: ['string', 'why the parser found a document not to be a report (null in a snapshot)'],
  published_at: ['string', 'publication date as stored: YYYY-MM-DD, or YYYY-MM when only the month is known (reports.* hold it as a date with published_at_precision)'],
  fetched_at: ['string', 'fetch time, ISO 8601 in UTC'],
  deadline: ['string', 'statutory deadline, YYYY-MM-DD'],
  region_code_source: ['string', 'where region_code came from: portal (config), agency_name, credit_code (机关 统一社会信用代码 on the page) or site_code (网站标识码)'],
  format_evidence: ['array', 'the printed labels the format was detected from'],
  tables: ['object', '{t2, t3, t4}: table → row key → column key → number (null = blank, /, — or 无); the same cells as cells.*'],
  raw: ['object', '{t2, t3, t4}: the same tree with each cell’s text as printed'],
  figures: ['object', 'pre-2019 figures: key → {value, derived, source, text_source}; the keys are the fig_* columns without the prefix, source is the sentence or table row read, text_source is ocr when it was read from OCR text'],
  checks: ['array', 'the parser’s checks within the report: [{id, status, column, left, right, detail}] (as checks.*)'],
  warnings: ['array', 'parser warnings (text)'],
};
const JSONL_SKIP = new Set(['text', 'sections']);
export const JSONL_FIELDS: FieldDoc[] = Object.keys(ReportRecord.shape).filter((k) => !JSONL_SKIP.has(k)).map((k) => {
  const own = JSONL_OWN[k];
  if (own) return { name: k, type: own[0], zh: null, en: own[1] };
  const col = CODEBOOK.find((c) => c.name === k);
  if (!col) throw new Error(`snapshot-files: ReportRecord.${k} is in reports.jsonl but documented nowhere; add it to JSONL_OWN`);
  return { name: k, type: col.type, zh: col.zh, en: col.en };
});

export const TEXT_FIELDS: FieldDoc[] = [
  { name: 'report_id', type: 'string', zh: '报告标识', en: 'report id (joins reports.*)' },
  { name: 'version', type: 'integer', zh: '版本', en: 'content version of the report' },
  { name: 'text', type: 'string', zh: '正文', en: 'the cleaned report text' },
  { name: 'sections', type: 'array', zh: '章节', en: 'the text split at its headings: [{heading, text}]' },
];

export const STATS_FIELDS: FieldDoc[] = [
  { name: 'reports', type: 'integer', zh: null, en: 'distinct reports (primary copies); every count in this file counts only these' },
  { name: 'copies_excluded', type: 'integer', zh: null, en: 'rows that are copies of another report and are left out of every count' },
  { name: 'by_year_format', type: 'object', zh: null, en: 'report year → format → reports' },
  { name: 'by_admin_level', type: 'object', zh: null, en: 'admin level → reports' },
  { name: 'by_province', type: 'object', zh: null, en: 'first two digits of region_code → reports (unknown: no code)' },
  { name: 'checks', type: 'array', zh: null, en: 'per check id: reports_fail (reports with a FAIL) and reports_assessed' },
  { name: 't3_totals_by_year', type: 'object', zh: null, en: 'report year → 表三 row → sum of its 总计 column' },
  { name: 'timeliness_by_year', type: 'object', zh: null, en: 'report year → on_time / late / unknown (no day-exact date)' },
  { name: 'coverage', type: 'object', zh: null, en: 'coverage: reports (distinct) by province (first two digits of region_code, or central / unknown) and admin level; per portal, reports (copies included) by province and level and the report years it holds' },
  { name: 'license', type: 'object', zh: null, en: 'the data license: {id, name, url, notice}' },
];

export const MANIFEST_FIELDS: FieldDoc[] = [
  { name: 'id', type: 'string', zh: null, en: 'snapshot id (UTC build time, e.g. 20261123T020000Z)' },
  { name: 'created_at', type: 'string', zh: null, en: 'build time, ISO 8601' },
  { name: 'schema_version', type: 'string', zh: null, en: 'dataset schema version' },
  { name: 'parser_version', type: 'string', zh: null, en: 'parser version of the build' },
  { name: 'counts', type: 'object', zh: null, en: 'reports, primary_reports, copies, duplicate_groups (rows and distinct reports); not_reports, skipped, cells, checks (rows); cross_year_checks by id and status; by_year, by_format, by_admin_level, by_check_status, by_parser_version (distinct reports)' },
  { name: 'portals', type: 'array', zh: null, en: 'per portal: reports in the snapshot and its latest crawl status' },
  { name: 'files', type: 'object', zh: null, en: 'file name → {sha256, bytes}' },
  { name: 'skipped', type: 'array', zh: null, en: 'records left out because a value did not fit its column (first 1000): {report_id, reason}' },
  { name: 'license', type: 'object', zh: null, en: 'the data license: {id, name, url, notice}; the code is MIT-licensed (LICENSE in the repository)' },
  { name: 'citation', type: 'string', zh: null, en: 'suggested citation of this snapshot' },
];

export const SNAPSHOT_FILES: readonly FileDoc[] = [
  { name: 'reports.parquet', format: 'parquet', mediatype: 'application/vnd.apache.parquet', en: 'one row per report (latest version, every copy; filter is_primary to count reports once), typed columns', fields: REPORT_FIELDS },
  { name: 'reports.csv', format: 'csv', mediatype: 'text/csv', en: 'the same rows as CSV, UTF-8 with BOM; an empty field is a missing value, "" an empty string. CSV carries no types: read region_code as text (see reports.do, reports.R, datapackage.json)', fields: REPORT_FIELDS },
  { name: 'reports.jsonl', format: 'jsonl', mediatype: 'application/x-ndjson', en: 'one full record per line (nested tables, printed cell text, checks, warnings, provenance), except the text', fields: JSONL_FIELDS },
  { name: 'texts.jsonl.gz', format: 'jsonl.gz', mediatype: 'application/gzip', en: 'the cleaned text of each report and its split into sections, one JSON object per line (multi-member gzip)', fields: TEXT_FIELDS },
  { name: 'cells.parquet', format: 'parquet', mediatype: 'application/vnd.apache.parquet', en: 'every cell of 表二/表三/表四 in long format', fields: CELL_FIELDS },
  { name: 'cells.csv', format: 'csv', mediatype: 'text/csv', en: 'the same cells as CSV, UTF-8 without BOM (tens of millions of rows: beyond any spreadsheet)', fields: CELL_FIELDS },
  { name: 'checks.parquet', format: 'parquet', mediatype: 'application/vnd.apache.parquet', en: 'every consistency check, within reports and across years', fields: CHECK_FIELDS },
  { name: 'checks.csv', format: 'csv', mediatype: 'text/csv', en: 'the same checks as CSV, UTF-8 with BOM', fields: CHECK_FIELDS },
  { name: 'stats.json', format: 'json', mediatype: 'application/json', en: 'the counts the web page charts, distinct reports only', fields: STATS_FIELDS },
  { name: 'manifest.json', format: 'json', mediatype: 'application/json', en: 'id, versions, counts, portals, license, suggested citation, and the SHA-256 and size of every other file', fields: MANIFEST_FIELDS },
  { name: 'codebook.md', format: 'md', mediatype: 'text/markdown', en: 'this codebook', fields: null },
  { name: 'codebook.json', format: 'json', mediatype: 'application/json', en: 'the codebook as data: every file and every field with type and description, harmonised measures with their sources, Stata names', fields: null },
  { name: 'datapackage.json', format: 'json', mediatype: 'application/json', en: 'Frictionless Data Package: the tables with their Table Schema (types, descriptions, missing values)', fields: null },
  { name: 'reports.do', format: 'do', mediatype: 'text/plain', en: 'Stata: loads reports.csv with types, names of at most 32 characters and variable labels (`do reports.do` in the snapshot directory)', fields: null },
  { name: 'reports.R', format: 'R', mediatype: 'text/plain', en: 'R: loads reports.csv with column types and a "label" attribute per column (`source("reports.R")`; base R only)', fields: null },
];
