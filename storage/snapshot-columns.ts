import { T2_KEYS } from '../src/schema/record.ts';
import type { CsvColumn } from './duckdb.ts';

/** `t2_<format>` per format with a 表二 (from the format registry): “t2_2019, t2_2021” and “2019 and 2021”. */
const T2_TABLES = Object.keys(T2_KEYS).map((f) => `t2_${f}`).join(', ');
const T2_IDS = Object.keys(T2_KEYS).join(' and ').replace(/ and (?=.* and )/g, ', ');

/** Long-format table cells (`cells.parquet`): one row per cell of 表二/表三/表四. */
export const CELL_COLUMNS: readonly (CsvColumn & { zh: string; en: string })[] = [
  { name: 'report_id', type: 'string', zh: '报告标识', en: 'report id (joins reports.*)' },
  { name: 'table', type: 'string', zh: '表', en: `${T2_TABLES}, t3 or t4 (${T2_IDS} 表二 keys never merged)` },
  { name: 'row', type: 'string', zh: '行', en: 'row key (see the wide column names in the codebook)' },
  { name: 'column', type: 'string', zh: '列', en: 'column key' },
  { name: 'value', type: 'double', zh: '数值', en: 'number read; empty when the cell was blank, /, — or 无' },
  { name: 'raw', type: 'string', zh: '原文', en: 'cell text exactly as printed' },
];

/** Every consistency check (`checks.parquet`): the parser's per-report checks plus the cross-year ones. */
export const CHECK_COLUMNS: readonly (CsvColumn & { zh: string; en: string })[] = [
  { name: 'report_id', type: 'string', zh: '报告标识', en: 'report the check belongs to' },
  { name: 'check_id', type: 'string', zh: '勾稽规则', en: 'rule id (X-1, X-2 are cross-year; others come from the parser)' },
  { name: 'scope', type: 'string', zh: '范围', en: 'report (within one report) or cross_year (against the previous year)' },
  { name: 'status', type: 'string', zh: '结果', en: 'PASS, FAIL, UNCERTAIN or NOT_ASSESSABLE' },
  { name: 'column', type: 'string', zh: '列', en: 'column or block the rule was applied to, if any' },
  { name: 'left', type: 'double', zh: '左边', en: 'left-hand side (the printed figure)' },
  { name: 'right', type: 'double', zh: '右边', en: 'right-hand side (what it should equal)' },
  { name: 'detail', type: 'string', zh: '说明', en: 'what was compared' },
  { name: 'other_report_ids', type: 'string', zh: '对照报告', en: 'previous-year report id(s) for cross-year checks, comma-separated' },
];
