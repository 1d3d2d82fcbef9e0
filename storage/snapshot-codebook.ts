import { renderCodebookMarkdown } from '../src/schema/codebook.ts';
import { MEASURES } from '../src/schema/measures.ts';
import { formatsOldestFirst } from '../src/report/formats/index.ts';
import type { Format } from '../src/schema/record.ts';
import { DIVISION_SOURCE } from '../src/report/identity/region-names.ts';
import { CELL_COLUMNS, CHECK_COLUMNS } from './snapshot-columns.ts';
import { JSONL_FIELDS, MANIFEST_FIELDS, SNAPSHOT_FILES, STATS_FIELDS, TEXT_FIELDS, type FieldDoc } from './snapshot-files.ts';
import { DATA_LICENSE } from './snapshot-license.ts';

/**
 * codebook.md of every snapshot and docs/codebook.md: the column codebook from src/schema/codebook.ts, then
 * every file of a snapshot with its fields (storage/snapshot-files.ts). One function, so the two cannot drift.
 */
export function renderSnapshotCodebook(): string {
  const table = (cols: ReadonlyArray<{ name: string; type: string; zh: string | null; en: string }>) => [
    '| column | type | 中文 | English |',
    '|---|---|---|---|',
    ...cols.map((c) => `| \`${c.name}\` | ${c.type} | ${c.zh ?? ''} | ${c.en} |`),
  ];
  const keys = (fields: readonly FieldDoc[]) => ['| key | type | meaning |', '|---|---|---|', ...fields.map((f) => `| \`${f.name}\` | ${f.type} | ${f.en} |`)];
  const formats = formatsOldestFirst('storage/snapshot-codebook.ts');
  return [
    renderCodebookMarkdown().trimEnd(),
    '',
    '## Types',
    '',
    'In Parquet: string = VARCHAR, integer = BIGINT, double = DOUBLE, boolean = BOOLEAN, date = DATE, timestamp = TIMESTAMP WITH TIME ZONE (UTC). In CSV: dates `YYYY-MM-DD`, timestamps ISO 8601, booleans `true`/`false`.',
    '',
    '**`region_code` is text.** Parquet stores it as VARCHAR, so `pandas.read_parquet`, DuckDB, R (arrow) and Stata (via reports.do) read it as text. A CSV file cannot carry types: pandas and DuckDB infer them from the content, quoted or not, and make a 6-digit code a number. Read reports.csv with `dtype={"region_code": str}` (pandas), `types = {\'region_code\': \'VARCHAR\'}` (DuckDB), `reports.R` or `reports.do`, or use the Table Schema in `datapackage.json`.',
    '',
    '## Copies of one report',
    '',
    'Portals repost reports: a county’s report on its city’s portal, a government column listing its departments’ reports, mirrors and big5 twins. Every copy stays in the files; copies share a `duplicate_group` and exactly one of them has `is_primary` = true. Two reports are copies when their cleaned text is byte-identical (`content_sha256`), or when they name the same agency for the same year in the same format with exactly the same table values (every 表二/表三/表四 cell and pre-2019 figure; at least three filled, one non-zero). The primary is the copy on the agency’s own portal (the portal whose most frequent `region_code` is the report’s), else the earliest published, else the shortest URL. `stats.json`, the web page’s charts and the manifest’s `by_*` counts count primaries only; so do the cross-year checks. **Sum over `is_primary` rows only.**',
    '',
    '## Regions',
    '',
    `\`region_name\`, \`province_*\` and \`prefecture_*\` come from the division list of the ${DIVISION_SOURCE.package} package ${DIVISION_SOURCE.version}: ${DIVISION_SOURCE.vintage}. A code abolished before that vintage has no name (the code stays). Municipalities’ districts and counties governed directly by a province have no prefecture.`,
    '',
    '## Harmonised measures',
    '',
    'One column per quantity for every year, whatever the report format: the sum of its sources (empty when all are empty; empty for a format that does not report it, and for format `unknown`). The per-format columns stay as they were printed.',
    '',
    `| measure | ${formats.map((f) => `${f.name.short} | `).join('')}where the definitions differ |`,
    `|---|${formats.map(() => '---|').join('')}---|`,
    ...MEASURES.map((m) => `| \`${m.name}\` | ${formats.map((f) => m.sources[f.id as Format]?.map((c) => `\`${c}\``).join(' + ') ?? '—').join(' | ')} | ${m.note} |`),
    '',
    `Formats: ${formats.map((f) => `\`${f.id}\` = ${f.name.short}`).join(', ')}.`,
    '',
    '## Files of a snapshot',
    '',
    '| file | content |',
    '|---|---|',
    ...SNAPSHOT_FILES.map((f) => `| \`${f.name}\` | ${f.en} |`),
    '',
    'Records the parser marked as not being a report are left out (their number is `counts.not_reports` in the manifest).',
    '',
    `**License.** ${DATA_LICENSE.notice} (${DATA_LICENSE.url}). \`manifest.json\` gives a suggested citation naming the snapshot id.`,
    '',
    '## `reports.jsonl`',
    '',
    ...keys(JSONL_FIELDS),
    '',
    '## `texts.jsonl.gz`',
    '',
    ...keys(TEXT_FIELDS),
    '',
    '## `cells.parquet`, `cells.csv`',
    '',
    ...table(CELL_COLUMNS),
    '',
    '## `checks.parquet`, `checks.csv`',
    '',
    'The `checks_fail` / `checks_status` columns of `reports.*` count the parser\'s checks within one report. The cross-year checks are computed when the snapshot is built and appear only here (scope `cross_year`), on the later year\'s report:',
    '',
    '- **X-1** (per 表三 column): 本年“二、上年结转政府信息公开申请数量” = 上年“四、结转下年度继续办理”.',
    '- **X-2** (2021 format, 规章 and 行政规范性文件): 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N).',
    '',
    'Two reports are “the same agency” when agency name (whitespace removed), `region_code` and `scope` are equal; only primary copies are compared. When two reports claim the previous year of the same agency, the result is `UNCERTAIN`; when a figure is missing, `NOT_ASSESSABLE`.',
    '',
    ...table(CHECK_COLUMNS),
    '',
    '## `stats.json`',
    '',
    ...keys(STATS_FIELDS),
    '',
    '## `manifest.json`',
    '',
    ...keys(MANIFEST_FIELDS),
    '',
    '## Schema versions',
    '',
    '- **1.3.0, parser 1.3.1** (no column changed): identity is read from more openings real reports use (`现向社会公开《…年度报告》`, `编制《X2020年度…报告》` or without 《》, `在…基础上,由X编制`, `现将我局2022年…报告如下`); a metadata row printed without colons, or a 标题/名称 label left on the title line, no longer becomes the title or the agency; the office named in a contact sentence no longer replaces the body the title names; a known metadata label glued to the value before it ends that value. On OCR text, 表三 rows whose labels came out as digits or noise are placed by the table’s fixed row order only when exactly that many lines there end in rows that add up; a cell OCR read with confidence 0 stays empty.',
    '- **1.3.0**: new column `text_source` (`text` or `ocr`): `ocr` marks a report read by OCR from a scan, and every number in it; each pre-2019 figure in reports.jsonl carries the same `text_source`. On OCR text the parser never splits run-together digits: such a cell stays empty with a warning naming the table and row. Parser 1.3.0 reads the 表二/表三/表四 of a text PDF from grids rebuilt from the text positions (the text rows only when more identities hold on them), and keeps a money unit printed in a 表二 cell (`62600元` under a 万元 header is 6.26).',
    '- **1.2.0**: copies of one report are grouped (`content_sha256`, `duplicate_group`, `is_primary`, `duplicate_count`); stats, charts and the manifest’s `by_*` counts count primaries only, and cross-year checks compare primaries only. Region names (`region_name`, `province_code`/`_name`, `prefecture_code`/`_name`). Harmonised measures across the three formats (`requests_received` … `coercive_decisions`). `published_at` and `deadline` are DATE and `fetched_at` TIMESTAMP WITH TIME ZONE in Parquet; a month-only `published_at` is the first of the month, with `published_at_precision`. New files `cells.csv`, `checks.csv`, `codebook.json`, `datapackage.json`, `reports.do` (Stata), `reports.R`; the manifest states the data license and a suggested citation. Parser 1.2.0 reads identity (title, year, agency) from real page text far more often, returns a reason code for non-reports, reads the 2009-era statistics rows and six-channel request tables of pre-2019 reports (new `fig_*` keys), marks a government report that sums its units `region_aggregate`, and adds check V-1 (negative or impossible counts). `source_kind` may be `sheet`: the report came as a spreadsheet attachment (.xls, .xlsx, WPS .et).',
    '- **1.1.0**: `region_code` may have 9 digits: a township report (乡/镇/街道) placed within its county gets its township code. When neither the portal config nor the agency name gives a region, it comes from a 机关 统一社会信用代码 on the page (`region_code_source` `credit_code`) or the footer 网站标识码 (`site_code`). New columns `deadline` and `days_after_deadline` (lateness against the statutory deadline). Parser 1.1.0 also reads replies by outcome (`fig_replies_*`) from the prose of pre-2019 reports. Parser 1.1.0 also rejects notes about a report (…年度报告的说明, 更正启事) that 1.0.0 took for reports; re-parsed reports get a new version in the record store.',
    '- **1.0.0**: first published schema.',
    '',
  ].join('\n');
}
