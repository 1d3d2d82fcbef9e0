// One source for the dataset's flat columns: the snapshot writes `flattenRecord` rows and the codebook
// (docs/codebook.md, snapshot codebook.md) is rendered from `CODEBOOK`, so the two cannot drift apart.
import { regionNames } from '../report/identity/region-names.ts';
import { MEASURES } from './measures.ts';
import { formatsOldestFirst, UNKNOWN_FORMAT } from '../report/formats/index.ts';
import { T3_COLUMN_LABELS, T3_HEAD, T3_TAIL, T4_GROUP_LABELS, T4_OUTCOME_LABELS } from '../report/formats/shared.ts';
import type { Label } from '../report/formats/types.ts';
import { SCHEMA_VERSION, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type Format, type ReportRecord } from './record.ts';

/** `date` is written `YYYY-MM-DD`, `timestamp` ISO 8601 in UTC; Parquet holds them as DATE and TIMESTAMP WITH TIME ZONE. */
export type ColumnType = 'string' | 'integer' | 'double' | 'boolean' | 'date' | 'timestamp';
export interface CodebookColumn {
  name: string;
  type: ColumnType;
  zh: string;
  en: string;
  /** The label printed in the report this value is read from, when there is one. */
  source_label: string | null;
  /** Harmonised measures: the flat columns summed, per report format. */
  derived_from?: Partial<Record<Format, readonly string[]>>;
}
type Scalar = string | number | boolean | null;

// Labels of table cells come from the format registry (src/report/formats/): each format file labels its rows.
const FORMAT_LIST = formatsOldestFirst('src/schema/codebook.ts');
const T3_ROW_LABELS = new Map<string, Label>([...T3_HEAD, ...FORMAT_LIST.flatMap((f) => f.t3?.sixth ?? []), ...T3_TAIL].map((r) => [r.key, r]));

/** Figures of free-text formats (record.figures keys): prose or the attached statistics table (本年); `_cumulative` = 历年累计 column. */
const FIGURE_ROWS = FORMAT_LIST.flatMap((f) => (f.stats ?? []).map((r) => ({ key: r.key, zh: r.zh, en: r.en, format: f })));
export const FIGURES: Record<string, [string, string]> = Object.fromEntries(
  FIGURE_ROWS.flatMap(({ key: k, zh, en }) => [
    [k, [zh, en]],
    [`${k}_cumulative`, [`${zh}（历年累计）`, `${en}, cumulative since the first report (历年累计)`]],
  ]),
);

const ID_COLUMNS: CodebookColumn[] = [
  ['report_id', 'string', '报告标识', 'stable report id (hash of canonical URL)'],
  ['version', 'integer', '版本', 'content version of this report (1 = first seen)'],
  ['content_sha256', 'string', '内容哈希', 'SHA-256 of the cleaned report text: byte-identical copies share it'],
  ['duplicate_group', 'string', '重复组', 'report_id of the primary copy of this report; copies of one report (same content_sha256, or same agency, year and table values) share it. Equals report_id for a report with no copies'],
  ['is_primary', 'boolean', '主副本', 'true for the one copy of each duplicate_group counted in stats and charts (the copy on the agency’s own portal, else the earliest published, else the shortest URL); count only these rows in sums'],
  ['duplicate_count', 'integer', '副本数', 'number of reports in this duplicate_group (1 = no copies)'],
  ['schema_version', 'string', '数据结构版本', 'dataset schema version'],
  ['parser_version', 'string', '解析器版本', 'parser version'],
  ['portal_id', 'string', '门户', 'portal id from config'],
  ['url', 'string', '网址', 'canonical URL of the report page'],
  ['found_via', 'string', '发现页面', 'list page the report was found on'],
  ['fetched_at', 'timestamp', '抓取时间', 'fetch time (UTC)'],
  ['source_kind', 'string', '来源格式', 'html, pdf, doc, docx, txt or sheet (.xls/.xlsx/.et)'],
  ['text_source', 'string', '数值来源', 'where every number of the report (t2_*, t3_*, t4_*, fig_*, cells.*) was read: text (a text layer, HTML or office file) or ocr (recognised by OCR from the page images of a scan: a digit may be misread, the checks are the guard, and a cell that could not be read unambiguously is empty). Empty for reports parsed before schema 1.3.0'],
  ['title', 'string', '标题', 'title'],
  ['agency', 'string', '机关名称', 'agency (机关全称 as printed)'],
  ['agency_source', 'string', '机关来源', 'where the agency name came from'],
  ['year', 'integer', '报告年度', 'statistics year of the report'],
  ['published_at', 'date', '发布日期', 'publication date; when only the month is known, the first of the month (see published_at_precision). A printed date that is not a calendar date is left empty (the printed value stays in reports.jsonl)'],
  ['published_at_precision', 'string', '发布日期精度', 'day or month: how much of published_at was printed'],
  ['published_at_source', 'string', '发布日期来源', 'where the date came from'],
  ['deadline', 'date', '法定公开期限', 'statutory deadline: 31 March of the next year; from report year 2019, 31 January for departments (a government’s own or aggregate report: 31 March)'],
  ['days_after_deadline', 'integer', '逾期天数', 'days from the deadline to published_at (negative = before it; empty when the date is unknown, only a month, or read from the page URL, which re-posted reports keep)'],
  ['admin_level', 'string', '行政层级', 'central, province, prefecture, county or township'],
  ['scope', 'string', '范围', 'agency_only or region_aggregate (本级政府汇总)'],
  ['region_code', 'string', '行政区划代码', 'GB/T 2260 division code (6 digits); 9 digits for a township (乡/镇/街道, statistical division code) placed within its county. Text, not a number: keep leading digits and read it as a string'],
  ['region_name', 'string', '行政区划名称', 'name of region_code in the division list (empty when the list does not know the code)'],
  ['province_code', 'string', '省级代码', 'province-level division of region_code (6 digits, e.g. 430000)'],
  ['province_name', 'string', '省级名称', 'its name (湖南省)'],
  ['prefecture_code', 'string', '地级代码', 'prefecture-level division of region_code (6 digits, e.g. 430900); empty for provinces, municipalities’ districts and counties governed directly by their province'],
  ['prefecture_name', 'string', '地级名称', 'its name (益阳市)'],
  ['format', 'string', '报告格式', `${[...FORMAT_LIST.map((f) => f.id), UNKNOWN_FORMAT].join(', ').replace(/, ([^,]+)$/, ' or $1')} (detected from printed table labels, never from the cited 文号)`],
  ['checks_fail', 'integer', '勾稽失败数', 'number of FAIL checks (T3-1/T3-2 per column, T3-3 per row, T4-1..3 per group, V-1 per table: impossible values such as negative counts)'],
  ['checks_status', 'string', '勾稽状态', 'PASS if all assessable checks pass, FAIL if any fails, else NOT_ASSESSABLE'],
  ['n_warnings', 'integer', '警告数', 'number of parser warnings'],
].map(([name, type, zh, en]) => ({ name, type: type as ColumnType, zh, en, source_label: null }));

/** Filled when the snapshot is built (they need every report): null in a flattened record. */
export const SNAPSHOT_COLUMNS = ['duplicate_group', 'is_primary', 'duplicate_count'] as const;

const FORMAT_NAMES: Record<string, string> = Object.fromEntries(FORMAT_LIST.map((f) => [f.id, f.name.en]));
const MEASURE_COLUMNS: CodebookColumn[] = MEASURES.map((m) => ({
  name: m.name,
  type: 'double',
  zh: `${m.zh}（统一口径）`,
  en: `${m.en}. Harmonised across formats: ${Object.entries(m.sources).map(([f, cols]) => `${FORMAT_NAMES[f]} = ${cols!.length > 1 ? `sum of ${cols!.join(' + ')}` : cols![0]}`).join('; ')}`,
  source_label: null,
  derived_from: m.sources,
}));

function buildCodebook(): CodebookColumn[] {
  const cols = [...ID_COLUMNS, ...MEASURE_COLUMNS];
  for (const f of FORMAT_LIST) {
    for (const block of f.t2?.rows ?? []) {
      for (const field of block.fields) {
        cols.push({ name: `t2_${f.id}_${block.key}_${field.key}`, type: 'double', zh: `表二(${f.id}) ${block.zh}：${field.zh}`, en: `table 2 (${f.id} format): ${block.en}, ${field.en}`, source_label: `${block.zh} | ${field.zh}` });
      }
    }
  }
  for (const r of T3_ROWS) for (const c of T3_COLUMNS) {
    const { zh: rz, en: re } = T3_ROW_LABELS.get(r)!;
    const { zh: cz, en: ce } = T3_COLUMN_LABELS[c];
    cols.push({ name: `t3_${r}_${c}`, type: 'integer', zh: `表三 ${rz}（${cz}）`, en: `table 3: ${re} — ${ce}`, source_label: `${rz} | ${cz}` });
  }
  for (const g of T4_GROUPS) for (const o of T4_OUTCOMES) {
    const { zh: gz, en: ge } = T4_GROUP_LABELS[g];
    const { zh: oz, en: oe } = T4_OUTCOME_LABELS[o];
    cols.push({ name: `t4_${g}_${o}`, type: 'integer', zh: `表四 ${gz} ${oz}`, en: `table 4: ${ge} — ${oe}`, source_label: `${gz} | ${oz}` });
  }
  for (const { key, zh, en, format } of FIGURE_ROWS) {
    for (const [k, [z, e]] of [[key, FIGURES[key]!], [`${key}_cumulative`, FIGURES[`${key}_cumulative`]!]] as const) {
      cols.push({ name: `fig_${k}`, type: 'double', zh: `${z}（${format.name.zh}）`, en: `${e} (${format.name.en} reports)`, source_label: z });
    }
  }
  // A measure a format reads from a column the codebook lacks would stay empty without a word: refuse it.
  const names = new Set(cols.map((c) => c.name));
  for (const m of MEASURES) for (const [f, from] of Object.entries(m.sources)) for (const c of from ?? []) {
    if (!names.has(c)) throw new Error(`report format ${f}: measure ${m.name} reads ${c}, which is no flat column`);
  }
  return cols;
}

export const CODEBOOK: CodebookColumn[] = buildCodebook();

/**
 * A table cell or figure of a record that no flat column holds: its format's file does not declare that row or
 * field. Never dropped quietly — the value would vanish from the flat files while staying in reports.jsonl.
 */
export class UnmappedCellError extends Error {
  constructor(readonly reportId: string, readonly cell: string, readonly column: string) {
    super(`report ${reportId}: ${cell} has no flat column (${column} is not in the codebook); declare the row or field in its format's file under src/report/formats/`);
  }
}

/** One flat row per record, with exactly the CODEBOOK columns in CODEBOOK order; throws UnmappedCellError for a cell without a column. */
export function flattenRecord(r: ReportRecord): Record<string, Scalar> {
  const row: Record<string, Scalar> = {};
  for (const c of CODEBOOK) row[c.name] = null;
  for (const c of ID_COLUMNS) {
    if (c.name in r) row[c.name] = (r as unknown as Record<string, Scalar>)[c.name] ?? null;
  }
  const fails = r.checks.filter((c) => c.status === 'FAIL').length;
  row.checks_fail = fails;
  row.checks_status = fails > 0 ? 'FAIL' : r.checks.some((c) => c.status === 'PASS') ? 'PASS' : 'NOT_ASSESSABLE';
  row.n_warnings = r.warnings.length;
  const place = (name: string, v: Scalar, where: string) => {
    if (!(name in row)) throw new UnmappedCellError(r.report_id, where, name);
    row[name] = v;
  };
  if (r.tables.t2) {
    for (const [block, fields] of Object.entries(r.tables.t2)) for (const [f, v] of Object.entries(fields)) place(`t2_${r.format}_${block}_${f}`, v, `t2.${block}.${f} (format ${r.format})`);
  }
  for (const [t, prefix] of [[r.tables.t3, 't3'], [r.tables.t4, 't4']] as const) {
    if (!t) continue;
    for (const [a, inner] of Object.entries(t)) for (const [b, v] of Object.entries(inner)) place(`${prefix}_${a}_${b}`, v, `${prefix}.${a}.${b}`);
  }
  for (const [k, f] of Object.entries(r.figures)) place(`fig_${k}`, f.value, `figures.${k}`);
  Object.assign(row, derivedColumns(r, (name) => row[name] ?? null));
  return row;
}

/** `YYYY-MM-DD` → day, `YYYY-MM` → the 1st, month; anything else (or a day the calendar lacks) → empty. */
export function publishedDate(s: string | null | undefined): { date: string | null; precision: 'day' | 'month' | null } {
  if (!s) return { date: null, precision: null };
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) return { date: null, precision: null };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return { date: null, precision: null };
  return { date: `${m[1]}-${m[2]}-${m[3] ?? '01'}`, precision: m[3] ? 'day' : 'month' };
}

/**
 * Columns computed from a record's own fields and its already-placed table columns (`get` reads the flat row):
 * the typed publication date, region names and the harmonised measures. Shared by `flattenRecord` and the
 * fast row builder in storage/fast-rows.ts.
 */
export function derivedColumns(r: ReportRecord, get: (name: string) => Scalar): Record<string, Scalar> {
  const pub = publishedDate(r.published_at);
  const out: Record<string, Scalar> = { published_at: pub.date, published_at_precision: pub.precision, ...regionNames(r.region_code) };
  for (const m of MEASURES) {
    const cols = m.sources[r.format];
    let v: number | null = null;
    if (cols) for (const c of cols) {
      const x = get(c);
      if (typeof x === 'number' && Number.isFinite(x)) v = (v ?? 0) + x;
    }
    out[m.name] = v;
  }
  return out;
}

/** Long-format cells: every table cell with its number and printed text. */
export function recordCells(r: ReportRecord): Array<{ report_id: string; table: string; row: string; column: string; value: number | null; raw: string | null }> {
  const out: Array<{ report_id: string; table: string; row: string; column: string; value: number | null; raw: string | null }> = [];
  for (const t of ['t2', 't3', 't4'] as const) {
    const nums = r.tables[t];
    if (!nums) continue;
    const raws = r.raw[t] ?? {};
    for (const [row, inner] of Object.entries(nums)) for (const [column, value] of Object.entries(inner)) {
      out.push({ report_id: r.report_id, table: t === 't2' ? `t2_${r.format}` : t, row, column, value, raw: raws[row]?.[column] ?? null });
    }
  }
  return out;
}

export function renderCodebookMarkdown(): string {
  const lines = [
    `# ogi-harvest dataset codebook (schema ${SCHEMA_VERSION})`,
    '',
    'One row per report (latest version) in `reports.parquet` / `reports.csv` / `reports.jsonl`; every table cell also in long format in `cells.parquet`.',
    'Numbers are as printed in the report: a printed total stays even when it is wrong (see `checks`). An empty cell means blank, `/`, `—` or `无` in the report (the printed text is in `cells.raw`), not zero.',
    'In `reports.csv` a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (after any `\'`) gets one leading `\'`, so a spreadsheet shows it as text instead of running it as a formula (OWASP, CSV injection); `reports.parquet` and `reports.jsonl` hold the exact text.',
    '',
    '| column | type | 中文 | English | label in the report |',
    '|---|---|---|---|---|',
    ...CODEBOOK.map((c) => `| \`${c.name}\` | ${c.type} | ${c.zh} | ${c.en} | ${c.source_label ?? ''} |`),
    '',
  ];
  return lines.join('\n');
}
