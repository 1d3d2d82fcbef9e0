import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { DocKind } from '../../extract/index.ts';
import type { ParseInput } from '../../report/index.ts';
import { RunFailedError, UsageError } from '../errors.ts';

const KIND_BY_EXT: Record<string, DocKind> = { '.txt': 'txt', '.md': 'txt', '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.doc': 'doc', '.wps': 'doc', '.docx': 'docx', '.xls': 'sheet', '.xlsx': 'sheet', '.et': 'sheet' };

// `ogi parse FILE`: one ReportRecord for a report file a user already has (text, markdown, HTML, PDF, DOC, DOCX).
export function register(program: Command): void {
  program
    .command('parse')
    .description('parse one report file (.txt .md .html .pdf .doc .wps .docx .xls .xlsx .et) into a ReportRecord')
    .argument('<file>', 'the report file')
    .option('--json', 'print the full record as JSON (default: a short summary)')
    .option('--url <url>', 'canonical URL of the report (gives a stable report_id)')
    .option('--region-code <code>', 'GB/T 2260 code of the body, when known')
    .action(async (file: string, opts: { json?: boolean; url?: string; regionCode?: string }) => {
      const [{ extractBytes }, { parseReport }] = await Promise.all([import('../../extract/index.ts'), import('../../report/index.ts')]);
      const ext = path.extname(file).toLowerCase();
      const kind = KIND_BY_EXT[ext];
      if (!kind) throw new UsageError(`parse: unsupported file type "${ext || file}" (use .txt .md .html .pdf .doc .wps .docx .xls .xlsx .et)`);
      if (opts.regionCode && !/^\d{6}(\d{3})?$/.test(opts.regionCode)) throw new UsageError(`parse: --region-code must be 6 or 9 digits, got "${opts.regionCode}"`);
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch (e) {
        throw new UsageError(`parse: cannot read ${file}: ${(e as Error).message}`);
      }
      let input: ParseInput;
      try {
        // Plain text goes to the parser as is (it runs the extractor's cleanText itself); files go through extractBytes.
        input = kind === 'txt' ? { text: bytes.toString('utf8'), kind: 'txt' } : await extractBytes(new Uint8Array(bytes), { filename: path.basename(file), kind });
      } catch (e) {
        throw new RunFailedError(`parse: could not extract text from ${file}: ${(e as Error).message}`);
      }
      const record = parseReport({ ...input, url: opts.url ?? null }, opts.regionCode ? { portal: { region_code: opts.regionCode } } : {});
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        return;
      }
      const fails = record.checks.filter((c) => c.status === 'FAIL');
      const lines = [
        `is_report: ${record.is_report}${record.not_report_reason ? ` (${record.not_report_reason})` : ''}`,
        `title: ${record.title ?? '-'}`,
        `agency: ${record.agency ?? '-'} (${record.agency_source ?? '-'})  year: ${record.year ?? '-'}  published: ${record.published_at ?? '-'}`,
        `region: ${record.region_code ?? '-'}  level: ${record.admin_level ?? '-'}  scope: ${record.scope ?? '-'}`,
        `format: ${record.format} — ${record.format_evidence.join('; ')}`,
        `tables: t2 ${record.tables.t2 ? 'yes' : 'no'}, t3 ${record.tables.t3 ? 'yes' : 'no'}, t4 ${record.tables.t4 ? 'yes' : 'no'}; figures: ${Object.keys(record.figures).length}`,
        `checks: ${record.checks.length} (${fails.length} FAIL)${fails.length ? ': ' + fails.map((c) => `${c.id}${c.column ? `[${c.column}]` : ''} ${c.left}≠${c.right}`).join(', ') : ''}`,
        ...record.warnings.map((w) => `warning: ${w}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
