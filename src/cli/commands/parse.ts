import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { DocKind } from '../../extract/index.ts';
import type { ParseInput } from '../../report/index.ts';
import type { ReportRecord } from '../../schema/record.ts';
import { RunFailedError, UsageError } from '../../errors.ts';

const KIND_BY_EXT: Record<string, DocKind> = { '.txt': 'txt', '.md': 'txt', '.html': 'html', '.htm': 'html', '.shtml': 'html', '.pdf': 'pdf', '.doc': 'doc', '.wps': 'doc', '.docx': 'docx', '.xls': 'sheet', '.xlsx': 'sheet', '.et': 'sheet' };

interface Opts { json?: boolean; url?: string; regionCode?: string }
type Result = { file: string; record: ReportRecord; error: null } | { file: string; record: null; error: string };

// `ogi parse FILE…`: ReportRecords for report files a user already has (text, markdown, HTML, PDF, DOC/WPS, DOCX, spreadsheets). All
// files run in this one process; output is in input order; a file that fails still gets its own line with `error`.
export function register(program: Command): void {
  program
    .command('parse')
    .description('parse report files (.txt .md .html .pdf .doc .wps .docx .xls .xlsx .et) into ReportRecords, one per file in input order')
    .argument('<files...>', 'the report files')
    .option('--json', 'one JSON record per line (JSON Lines), in input order; a failed file gives {"file","error"} (default: a short summary)')
    .option('--url <url>', 'canonical URL of the report (gives a stable report_id; only with one file)')
    .option('--region-code <code>', 'GB/T 2260 code of the body, when known')
    .addHelpText('after', '\nExamples:\n  ogi parse report.pdf\n  ogi parse reports/*.txt --json > records.jsonl\n')
    .action(async (files: string[], opts: Opts) => {
      if (opts.regionCode && !/^\d{6}(\d{3})?$/.test(opts.regionCode)) throw new UsageError(`parse: --region-code must be 6 or 9 digits, got "${opts.regionCode}"`);
      if (opts.url && files.length > 1) throw new UsageError('parse: --url names one report; give one file with it');
      let failed = 0;
      for (const file of files) {
        const r = await parseOne(file, opts);
        if (r.error) failed++;
        process.stdout.write(opts.json ? `${JSON.stringify(r.record ? { file, error: null, ...r.record } : { file, error: r.error })}\n` : summary(r, files.length > 1));
      }
      if (failed) throw new RunFailedError(`parse: ${failed} of ${files.length} file(s) failed (see "error")`);
    });
}

async function parseOne(file: string, opts: Opts): Promise<Result> {
  // Loaded when the command runs, not when the CLI starts (`--help` and the other commands stay quick).
  const [{ decodeBytes }, { extractBytes }, { parseReport }] = await Promise.all([import('../../extract/decode.ts'), import('../../extract/index.ts'), import('../../report/index.ts')]);
  const ext = path.extname(file).toLowerCase();
  const kind = KIND_BY_EXT[ext];
  if (!kind) return { file, record: null, error: `unsupported file type "${ext || '(none)'}" (use .txt .md .html .pdf .doc .wps .docx .xls .xlsx .et)` };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { file, record: null, error: `cannot read: ${(e as Error).message}` };
  }
  let input: ParseInput;
  try {
    // Plain text goes to the parser as is (it runs the extractor's cleanText itself), its charset sniffed like
    // `ogi extract` does (a GBK .txt from an old portal declares nothing); other files go through extractBytes.
    if (kind === 'txt') {
      const d = decodeBytes(new Uint8Array(bytes));
      input = { text: d.text, kind: 'txt', charset: d.charset, warnings: d.warning ? [d.warning] : [] };
    } else input = await extractBytes(new Uint8Array(bytes), { filename: path.basename(file), kind });
  } catch (e) {
    return { file, record: null, error: `could not extract text: ${(e as Error).message}` };
  }
  const record = parseReport({ ...input, url: opts.url ?? null }, opts.regionCode ? { portal: { region_code: opts.regionCode } } : {});
  return { file, record, error: null };
}

function summary(r: Result, many: boolean): string {
  const head = many ? [`== ${r.file}`] : [];
  if (!r.record) return `${[...head, `error: ${r.error}`].join('\n')}\n${many ? '\n' : ''}`;
  const record = r.record;
  const fails = record.checks.filter((c) => c.status === 'FAIL');
  const lines = [
    ...head,
    `is_report: ${record.is_report}${record.not_report_reason ? ` (${record.not_report_reason})` : ''}`,
    `title: ${record.title ?? '-'}`,
    `agency: ${record.agency ?? '-'} (${record.agency_source ?? '-'})  year: ${record.year ?? '-'}  published: ${record.published_at ?? '-'}`,
    `region: ${record.region_code ?? '-'}  level: ${record.admin_level ?? '-'}  scope: ${record.scope ?? '-'}`,
    `format: ${record.format} — ${record.format_evidence.join('; ')}`,
    `tables: t2 ${record.tables.t2 ? 'yes' : 'no'}, t3 ${record.tables.t3 ? 'yes' : 'no'}, t4 ${record.tables.t4 ? 'yes' : 'no'}; figures: ${Object.keys(record.figures).length}`,
    `checks: ${record.checks.length} (${fails.length} FAIL)${fails.length ? ': ' + fails.map((c) => `${c.id}${c.column ? `[${c.column}]` : ''} ${c.left}≠${c.right}`).join(', ') : ''}`,
    ...record.warnings.map((w) => `warning: ${w}`),
  ];
  return `${lines.join('\n')}\n${many ? '\n' : ''}`;
}
