// One source for the dataset's flat columns: the snapshot writes `flattenRecord` rows and the codebook
// (docs/codebook.md, snapshot codebook.md) is rendered from `CODEBOOK`, so the two cannot drift apart.
import { regionNames } from '../report/identity/region-names.ts';
import { MEASURES } from './measures.ts';
import { SCHEMA_VERSION, T2_KEYS, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, type Format, type ReportRecord } from './record.ts';

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

const T3_ROW_LABELS: Record<(typeof T3_ROWS)[number], [string, string]> = {
  new_received: ['一、本年新收政府信息公开申请数量', 'new requests received this year'],
  carried_over: ['二、上年结转政府信息公开申请数量', 'requests carried over from last year'],
  granted: ['（一）予以公开', 'granted in full'],
  partially_granted: ['（二）部分公开', 'granted in part'],
  denied_state_secret: ['（三）不予公开 1.属于国家秘密', 'denied: state secret'],
  denied_law_forbidden: ['（三）不予公开 2.其他法律行政法规禁止公开', 'denied: forbidden by other laws'],
  denied_three_safeties: ['（三）不予公开 3.危及“三安全一稳定”', 'denied: endangers security/stability'],
  denied_third_party: ['（三）不予公开 4.保护第三方合法权益', 'denied: third-party rights'],
  denied_internal_affairs: ['（三）不予公开 5.属于三类内部事务信息', 'denied: internal affairs'],
  denied_process_info: ['（三）不予公开 6.属于四类过程性信息', 'denied: process information'],
  denied_enforcement_files: ['（三）不予公开 7.属于行政执法案卷', 'denied: enforcement case files'],
  denied_admin_query: ['（三）不予公开 8.属于行政查询事项', 'denied: administrative query matter'],
  unable_not_held: ['（四）无法提供 1.本机关不掌握相关政府信息', 'unable: not held by this agency'],
  unable_needs_creation: ['（四）无法提供 2.没有现成信息需要另行制作', 'unable: would need to be created'],
  unable_unclear: ['（四）无法提供 3.补正后申请内容仍不明确', 'unable: still unclear after correction'],
  unprocessed_petition: ['（五）不予处理 1.信访举报投诉类申请', 'not processed: petition/complaint'],
  unprocessed_repeat: ['（五）不予处理 2.重复申请', 'not processed: repeated request'],
  unprocessed_publication: ['（五）不予处理 3.要求提供公开出版物', 'not processed: asks for publications'],
  unprocessed_massive: ['（五）不予处理 4.无正当理由大量反复申请', 'not processed: massive repeated requests'],
  unprocessed_confirmation: ['（五）不予处理 5.要求行政机关确认或重新出具已获取信息', 'not processed: asks to confirm/reissue'],
  other: ['（六）其他处理 (2019 format, one row)', 'other handling (2019 format)'],
  other_overdue_correction: ['（六）其他处理 1.申请人无正当理由逾期不补正', 'other: applicant did not correct in time (2021)'],
  other_overdue_fee: ['（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用', 'other: applicant did not pay fee in time (2021)'],
  other_other: ['（六）其他处理 3.其他', 'other: other (2021)'],
  total: ['（七）总计', 'total handled'],
  carried_forward: ['四、结转下年度继续办理', 'carried forward to next year'],
};
const T3_COL_LABELS: Record<(typeof T3_COLUMNS)[number], [string, string]> = {
  natural_person: ['自然人', 'natural persons'],
  commercial: ['商业企业', 'commercial enterprises'],
  research: ['科研机构', 'research institutions'],
  social_org: ['社会公益组织', 'public-interest organisations'],
  legal_service: ['法律服务机构', 'legal service providers'],
  other_org: ['其他', 'other legal persons/organisations'],
  total: ['总计', 'total'],
};
const T4_GROUP_LABELS: Record<(typeof T4_GROUPS)[number], [string, string]> = {
  reconsideration: ['行政复议', 'administrative reconsideration'],
  litigation_direct: ['行政诉讼 未经复议直接起诉', 'litigation without prior reconsideration'],
  litigation_after_reconsideration: ['行政诉讼 复议后起诉', 'litigation after reconsideration'],
};
const T4_OUTCOME_LABELS: Record<(typeof T4_OUTCOMES)[number], [string, string]> = {
  upheld: ['结果维持', 'upheld'],
  corrected: ['结果纠正', 'corrected'],
  other: ['其他结果', 'other outcome'],
  pending: ['尚未审结', 'pending'],
  total: ['总计', 'total'],
};
const T2_LABELS: Record<string, [string, string]> = {
  regulations: ['规章', 'regulations (规章)'],
  normative_documents: ['规范性文件 / 行政规范性文件', 'normative documents'],
  licensing: ['行政许可', 'administrative licensing'],
  other_services: ['其他对外管理服务事项', 'other external management services'],
  penalties: ['行政处罚', 'administrative penalties'],
  coercive_measures: ['行政强制', 'administrative coercive measures'],
  fees: ['行政事业性收费', 'administrative fees'],
  procurement: ['政府集中采购', 'centralised government procurement'],
  new_made: ['本年新制作数量', 'newly made this year'],
  new_published: ['本年新公开数量', 'newly published this year'],
  total_published: ['对外公开总数量', 'total published'],
  prev_items: ['上一年项目数量', 'items last year'],
  change: ['本年增/减', 'change this year'],
  decisions: ['处理决定数量 / 本年处理决定数量', 'decisions'],
  projects: ['采购项目数量', 'procurement projects'],
  amount_yuan: ['采购总金额', 'procurement amount (yuan as printed)'],
  issued: ['本年制发件数', 'issued this year'],
  repealed: ['本年废止件数', 'repealed this year'],
  in_force: ['现行有效件数', 'in force'],
  amount_10k_yuan: ['本年收费金额（单位：万元）', 'fees collected (10,000 yuan)'],
};

/** Pre-2019 figures (record.figures keys): prose or the attached statistics table (本年); `_cumulative` = 历年累计 column. */
const FIGURE_BASE: Record<string, [string, string]> = {
  proactive_total: ['主动公开政府信息数', 'items proactively disclosed'],
  proactive_normative: ['其中：主动公开规范性文件数', 'of which normative documents'],
  proactive_web: ['其中：政府网站公开数', 'of which via the government website'],
  proactive_gazette: ['其中：政府公报公开数', 'of which via the government gazette'],
  requests_received: ['收到/受理依申请公开数（只印分渠道数时为其和，derived）', 'requests received (sum of channels when only those are printed)'],
  requests_in_person: ['其中：当面申请数', 'requests in person'],
  requests_online: ['其中：网络/网上申请数', 'requests online'],
  requests_letter: ['其中：信函（传真）申请数', 'requests by letter/fax'],
  requests_telegram: ['其中：电报申请数（六渠道表）', 'requests by telegram (six-channel tables)'],
  requests_fax: ['其中：传真申请数（六渠道表）', 'requests by fax (six-channel tables)'],
  requests_email: ['其中：电子邮件申请数（六渠道表）', 'requests by e-mail (six-channel tables)'],
  replies_total: ['对申请的答复总数', 'replies to requests'],
  replies_granted: ['其中：同意公开答复数', 'replies granting disclosure'],
  replies_partial: ['其中：同意部分公开答复数', 'replies granting partial disclosure'],
  replies_denied: ['其中：不予公开答复数', 'replies denying disclosure'],
  replies_other: ['其中：其他类型答复数', 'other replies'],
  complaints_total: ['行政申诉、举报数', 'complaints/reports (申诉、举报)'],
  reconsideration_total: ['行政复议数（“未发生”记为0）', 'administrative reconsiderations ("none occurred" = 0)'],
  litigation_total: ['行政诉讼数（“未发生”记为0）', 'administrative lawsuits ("none occurred" = 0)'],
  fees_yuan: ['收取费用（元；万元已换算）', 'fees collected (yuan; 万元 converted)'],
};
export const FIGURES: Record<string, [string, string]> = Object.fromEntries(
  Object.entries(FIGURE_BASE).flatMap(([k, [zh, en]]) => [
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
  ['format', 'string', '报告格式', 'pre2019, 2019, 2021 or unknown (detected from printed table labels, never from the cited 文号)'],
  ['checks_fail', 'integer', '勾稽失败数', 'number of FAIL checks (T3-1/T3-2 per column, T3-3 per row, T4-1..3 per group, V-1 per table: impossible values such as negative counts)'],
  ['checks_status', 'string', '勾稽状态', 'PASS if all assessable checks pass, FAIL if any fails, else NOT_ASSESSABLE'],
  ['n_warnings', 'integer', '警告数', 'number of parser warnings'],
].map(([name, type, zh, en]) => ({ name, type: type as ColumnType, zh, en, source_label: null }));

/** Filled when the snapshot is built (they need every report): null in a flattened record. */
export const SNAPSHOT_COLUMNS = ['duplicate_group', 'is_primary', 'duplicate_count'] as const;

const FORMAT_NAMES: Record<string, string> = { pre2019: 'pre-2019', '2019': '2019 format', '2021': '2021 format' };
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
  for (const [fmt, blocks] of Object.entries(T2_KEYS)) {
    for (const [block, fields] of Object.entries(blocks)) {
      for (const f of fields as readonly string[]) {
        const [bz, be] = T2_LABELS[block]!;
        const [fz, fe] = T2_LABELS[f]!;
        cols.push({ name: `t2_${fmt}_${block}_${f}`, type: 'double', zh: `表二(${fmt}) ${bz}：${fz}`, en: `table 2 (${fmt} format): ${be}, ${fe}`, source_label: `${bz} | ${fz}` });
      }
    }
  }
  for (const r of T3_ROWS) for (const c of T3_COLUMNS) {
    const [rz, re] = T3_ROW_LABELS[r];
    const [cz, ce] = T3_COL_LABELS[c];
    cols.push({ name: `t3_${r}_${c}`, type: 'integer', zh: `表三 ${rz}（${cz}）`, en: `table 3: ${re} — ${ce}`, source_label: `${rz} | ${cz}` });
  }
  for (const g of T4_GROUPS) for (const o of T4_OUTCOMES) {
    const [gz, ge] = T4_GROUP_LABELS[g];
    const [oz, oe] = T4_OUTCOME_LABELS[o];
    cols.push({ name: `t4_${g}_${o}`, type: 'integer', zh: `表四 ${gz} ${oz}`, en: `table 4: ${ge} — ${oe}`, source_label: `${gz} | ${oz}` });
  }
  for (const [k, [zh, en]] of Object.entries(FIGURES)) {
    cols.push({ name: `fig_${k}`, type: 'double', zh: `${zh}（2019年前格式）`, en: `${en} (pre-2019 reports)`, source_label: zh });
  }
  return cols;
}

export const CODEBOOK: CodebookColumn[] = buildCodebook();

/** One flat row per record, with exactly the CODEBOOK columns in CODEBOOK order. */
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
  if (r.tables.t2 && (r.format === '2019' || r.format === '2021')) {
    for (const [block, fields] of Object.entries(r.tables.t2)) for (const [f, v] of Object.entries(fields)) {
      const name = `t2_${r.format}_${block}_${f}`;
      if (name in row) row[name] = v;
    }
  }
  for (const [t, prefix] of [[r.tables.t3, 't3'], [r.tables.t4, 't4']] as const) {
    if (!t) continue;
    for (const [a, inner] of Object.entries(t)) for (const [b, v] of Object.entries(inner)) {
      const name = `${prefix}_${a}_${b}`;
      if (name in row) row[name] = v;
    }
  }
  for (const [k, f] of Object.entries(r.figures)) if (`fig_${k}` in row) row[`fig_${k}`] = f.value;
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
