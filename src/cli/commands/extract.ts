import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { DocKind } from '../../extract/index.ts';
import { RunFailedError, UsageError } from '../../errors.ts';

const KIND_BY_EXT: Record<string, DocKind> = { '.txt': 'txt', '.html': 'html', '.htm': 'html', '.shtml': 'html', '.pdf': 'pdf', '.doc': 'doc', '.wps': 'doc', '.docx': 'docx', '.xls': 'sheet', '.xlsx': 'sheet', '.et': 'sheet' };

interface Opts {
  url?: string;
  json?: boolean;
}

// `ogi extract FILE…`: the extractor on files a user already has. All files run in this one process (no
// start-up per file); output order is input order; a file that fails still gets its own line with `error`.
export function register(program: Command): void {
  program
    .command('extract')
    .description('clean report pages and attachments (.html .htm .txt .pdf .doc .wps .docx .xls .xlsx .et): text, metadata, tables, removed chrome')
    .argument('<files...>', 'files to extract')
    .option('--url <url>', 'URL the page was fetched from (resolves attachment links, dates in TRS URLs)')
    .option('--json', 'one JSON object per file (JSON Lines when several files are given)')
    .action(async (files: string[], opts: Opts) => {
      if (opts.url) {
        try {
          new URL(opts.url);
        } catch {
          throw new UsageError(`extract: --url is not an absolute URL: "${opts.url}"`);
        }
      }
      let failed = 0;
      for (const file of files) {
        const result = await extractOne(file, opts);
        if (result.error) failed++;
        process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : summary(result));
      }
      if (failed) throw new RunFailedError(`extract: ${failed} of ${files.length} file(s) failed (see "error")`);
    });
}

type Result = Record<string, unknown> & { file: string; error: string | null };

async function extractOne(file: string, opts: Opts): Promise<Result> {
  const ext = path.extname(file).toLowerCase();
  const kind = KIND_BY_EXT[ext];
  if (!kind) return { file, error: `unsupported file type "${ext || '(none)'}" (use .html .htm .txt .pdf .doc .wps .docx .xls .xlsx .et)` };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { file, error: `cannot read: ${(e as Error).message}` };
  }
  try {
    const { extractBytes } = await import('../../extract/index.ts');
    const doc = await extractBytes(new Uint8Array(bytes), { filename: path.basename(file), kind, url: opts.url });
    return { file, url: opts.url ?? null, ...doc, error: null };
  } catch (e) {
    return { file, kind, error: (e as Error).message };
  }
}

function summary(r: Result): string {
  if (r.error) return `== ${r.file}\nerror: ${r.error}\n\n`;
  const meta = Object.entries((r.meta as Record<string, string>) ?? {}).map(([k, v]) => `${k}=${v}`).join('  ');
  const lines = [
    `== ${r.file} (${r.kind}${r.charset ? `, ${r.charset}` : ''})`,
    `title: ${r.title ?? '-'}`,
    `published_at: ${r.published_at ?? '-'}${r.published_at_source ? ` (${r.published_at_source})` : ''}`,
    `meta: ${meta || '-'}`,
    `tables: ${(r.tables as unknown[]).length}  removed: ${(r.removed as unknown[]).length}  attachments: ${(r.attachments as unknown[]).length}${r.needs_ocr ? '  NEEDS OCR' : ''}`,
    ...(r.warnings as string[]).map((w) => `warning: ${w}`),
    '',
    String(r.text),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
