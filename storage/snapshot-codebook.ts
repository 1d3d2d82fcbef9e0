import { renderCodebookMarkdown } from '../src/schema/codebook.ts';
import { CELL_COLUMNS, CHECK_COLUMNS } from './snapshot-columns.ts';

/**
 * codebook.md of every snapshot and docs/codebook.md: the column codebook from src/schema/codebook.ts, then
 * the files of a snapshot and the columns of the long tables. One function, so the two cannot drift.
 */
export function renderSnapshotCodebook(): string {
  const table = (cols: typeof CELL_COLUMNS) => [
    '| column | type | 中文 | English |',
    '|---|---|---|---|',
    ...cols.map((c) => `| \`${c.name}\` | ${c.type} | ${c.zh} | ${c.en} |`),
  ];
  return [
    renderCodebookMarkdown().trimEnd(),
    '',
    '## Files of a snapshot',
    '',
    '| file | content |',
    '|---|---|',
    '| `reports.parquet` | one row per report (latest version), the columns above |',
    '| `reports.csv` | the same rows as CSV, UTF-8 with BOM (opens in Excel with Chinese intact); an empty field is a missing value, `""` an empty string |',
    '| `reports.jsonl` | one full record per line (nested tables, printed cell text, checks, warnings, provenance), except `text` and `sections`, which are in `texts.jsonl.gz` |',
    '| `texts.jsonl.gz` | `{report_id, version, text, sections}` per line: the cleaned report text and its split into sections (a multi-member gzip file; gzip, zcat, Python and DuckDB read it whole) |',
    '| `cells.parquet` | every table cell in long format (below) |',
    '| `checks.parquet` | every consistency check (below), including the cross-year checks |',
    '| `stats.json` | the counts the web page draws its charts from |',
    '| `manifest.json` | id, creation time, schema and parser version, counts, portals and their crawl status, sha256 and size of every file |',
    '| `codebook.md` | this file |',
    '',
    'Records the parser marked as not being a report are left out (their number is `counts.not_reports` in the manifest).',
    '',
    '## `cells.parquet`',
    '',
    ...table(CELL_COLUMNS),
    '',
    '## `checks.parquet`',
    '',
    'The `checks_fail` / `checks_status` columns of `reports.*` count the parser\'s checks within one report. The cross-year checks are computed when the snapshot is built and appear only here (scope `cross_year`), on the later year\'s report:',
    '',
    '- **X-1** (per 表三 column): 本年“二、上年结转政府信息公开申请数量” = 上年“四、结转下年度继续办理”.',
    '- **X-2** (2021 format, 规章 and 行政规范性文件): 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N).',
    '',
    'Two reports are “the same agency” when agency name (whitespace removed), `region_code` and `scope` are equal. When two reports claim the previous year of the same agency, the result is `UNCERTAIN`; when a figure is missing, `NOT_ASSESSABLE`.',
    '',
    ...table(CHECK_COLUMNS),
    '',
    '## Schema versions',
    '',
    '- **1.2.0**: `source_kind` may be `sheet`: the report came as a spreadsheet attachment (.xls, .xlsx, WPS .et).',
    '- **1.1.0**: `region_code` may have 9 digits: a township report (乡/镇/街道) placed within its county gets its township code. When neither the portal config nor the agency name gives a region, it comes from a 机关 统一社会信用代码 on the page (`region_code_source` `credit_code`) or the footer 网站标识码 (`site_code`). New columns `deadline` and `days_after_deadline` (lateness against the statutory deadline). Parser 1.1.0 also reads replies by outcome (`fig_replies_*`) from the prose of pre-2019 reports. Parser 1.1.0 also rejects notes about a report (…年度报告的说明, 更正启事) that 1.0.0 took for reports; re-parsed reports get a new version in the record store.',
    '- **1.0.0**: first published schema.',
    '',
  ].join('\n');
}
