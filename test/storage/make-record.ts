import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, T3_COLUMNS, type ReportRecord } from '../../src/schema/record.ts';

/** A valid ReportRecord with plausible defaults; `over` replaces top-level fields. content_sha256 follows `text`. */
export function makeRecord(over: Partial<ReportRecord> & { report_id: string }): ReportRecord {
  const text = over.text ?? `某某局2022年政府信息公开工作年度报告 ${over.report_id}`;
  return {
    schema_version: SCHEMA_VERSION,
    parser_version: 'test-1',
    version: 1,
    content_sha256: createHash('sha256').update(text).digest('hex'),
    portal_id: 'demo',
    url: `https://example.gov.cn/${over.report_id}.html`,
    final_url: null,
    found_via: null,
    fetched_at: '2026-01-01T00:00:00Z',
    source_kind: 'html',
    attachments: [],
    raw_sha256: null,
    is_report: true,
    not_report_reason: null,
    title: '某某局2022年政府信息公开工作年度报告',
    agency: '某某局',
    agency_source: 'title',
    year: 2022,
    published_at: '2023-01-20',
    published_at_source: 'meta',
    deadline: null,
    days_after_deadline: null,
    admin_level: 'county',
    scope: 'agency_only',
    region_code: '320115',
    region_code_source: 'portal',
    format: '2021',
    format_evidence: [],
    tables: { t2: null, t3: null, t4: null },
    raw: { t2: null, t3: null, t4: null },
    figures: {},
    checks: [],
    warnings: [],
    sections: [],
    ...over,
    text,
  };
}

/** A 表三 row with the same number in every applicant column except total (= 6 × n). */
export function t3Row(n: number | null): Record<string, number | null> {
  const row: Record<string, number | null> = {};
  for (const c of T3_COLUMNS) row[c] = n === null ? null : c === 'total' ? n * 6 : n;
  return row;
}
