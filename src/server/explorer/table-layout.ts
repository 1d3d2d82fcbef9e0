import { CODEBOOK } from '../../schema/codebook.ts';
import { formatSpecs } from '../../report/formats/index.ts';
import { T2_KEYS, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES } from '../../schema/record.ts';

/**
 * How the page lays out 表二/表三/表四 as the official formats print them: row and column keys in printed
 * order with their printed labels. The labels come from the codebook (one source for both), and which cells
 * each parser check covers, so a failed check can be marked on the cells it compared.
 */
const zh = (name: string) => CODEBOOK.find((c) => c.name === name)?.zh ?? name;
/** `表三 （一）予以公开（自然人）` → `（一）予以公开`. */
const rowLabel = (name: string) => zh(name).replace(/^表[二三四](\(\d+\))?\s*/, '').replace(/（[^（）]*）$/, '').replace(/\s*\([^()]*\)$/, '');

/** Every format's (六)其他处理 rows: a report shows only those of its own format (unless it printed others). */
const SIXTH_ROWS = new Set(formatSpecs('src/server/explorer/table-layout.ts').flatMap((f) => f.t3?.sixth ?? []).map((r) => r.key));
const T3_GROUPED = new Set(T3_ROWS.filter((r) => !['new_received', 'carried_over', 'carried_forward'].includes(r)));

export const TABLE_LAYOUT = {
  t3: {
    columns: T3_COLUMNS.map((c) => ({ key: c, label: (zh(`t3_granted_${c}`).match(/（([^（）]*)）$/) ?? [])[1] ?? c })),
    /** The five applicant columns printed under 法人或其他组织. */
    org_columns: ['commercial', 'research', 'social_org', 'legal_service', 'other_org'],
    rows: T3_ROWS.map((r) => ({ key: r, label: rowLabel(`t3_${r}_total`), group: T3_GROUPED.has(r) ? '三、本年度办理结果' : null })),
    /** Per format, the 表三 rows its form prints (the shared rows and its own (六) rows), from the format registry. */
    format_rows: Object.fromEntries(formatSpecs('src/server/explorer/table-layout.ts').filter((f) => f.t3).map((f) => {
      const own = new Set(f.t3!.sixth.map((r) => r.key));
      return [f.id, T3_ROWS.filter((r) => own.has(r) || !SIXTH_ROWS.has(r))];
    })),
  },
  t4: {
    groups: T4_GROUPS.map((g) => ({ key: g, label: zh(`t4_${g}_total`).replace(/^表四\s*/, '').replace(/\s*总计$/, '') })),
    outcomes: T4_OUTCOMES.map((o) => ({ key: o, label: zh(`t4_reconsideration_${o}`).replace(/^表四\s*行政复议\s*/, '') })),
  },
  t2: Object.fromEntries(
    Object.entries(T2_KEYS).map(([fmt, blocks]) => [
      fmt,
      Object.entries(blocks).map(([block, fields]) => {
        const [b] = zh(`t2_${fmt}_${block}_${(fields as readonly string[])[0]}`).replace(/^表二\([^)]*\)\s*/, '').split('：');
        return {
          key: block,
          label: b ?? block,
          fields: (fields as readonly string[]).map((k) => ({ key: k, label: zh(`t2_${fmt}_${block}_${k}`).split('：')[1] ?? k })),
        };
      }),
    ]),
  ),
  /** Check id → the cells it compares ([table, row, column]; `$c` is the check's column, `$r` its row). */
  check_cells: {
    'T3-1': [['t3', 'new_received', '$c'], ['t3', 'carried_over', '$c'], ['t3', 'total', '$c'], ['t3', 'carried_forward', '$c']],
    'T3-2': [['t3', 'total', '$c']],
    'T3-3': [['t3', '$c', 'total']],
    'T4-1': [['t4', '$c', 'total']],
    'T4-2': [['t4', '$c', 'total']],
    'T4-3': [['t4', '$c', 'total']],
    'X-1': [['t3', 'carried_over', '$c']],
  },
};
