import type { Command } from 'commander';
import { resolveDataDir } from '../../config/paths.ts';
import { UsageError } from '../../errors.ts';

// Modules are loaded when a sub-command runs, not when the CLI starts.
const snapshots = () => import('../../../storage/snapshot.ts');

const keepOption = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--keep: expected a whole number ≥ 1, got "${v}"`);
  return n;
};

interface Common {
  dataDir?: string;
  json?: boolean;
}

/** Options may be given before or after the sub-command (`ogi snapshot --data-dir d list` or `… list --data-dir d`). */
function common(cmd: Command): Common {
  return cmd.optsWithGlobals() as Common;
}

const out = (s: string): void => {
  process.stdout.write(s);
};

export function register(program: Command): void {
  const snapshot = program
    .command('snapshot')
    .description('build an immutable dataset snapshot of the latest version of every report (Parquet, CSV, JSONL, manifest, codebook)')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('--json', 'print the manifest (with the snapshot directory as "path") as JSON')
    .option('--keep <n>', 'afterwards delete all but the newest n snapshots', keepOption)
    .addHelpText('after', '\nFiles: <data-dir>/snapshots/<id>/ reports.parquet reports.csv reports.jsonl texts.jsonl.gz cells.parquet cells.csv checks.parquet checks.csv\n       reports.do (Stata) reports.R datapackage.json codebook.json codebook.md stats.json manifest.json\nCopies of one report share duplicate_group; count rows with is_primary = true.')
    .action(async (opts: Common & { keep?: number }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const { buildSnapshot } = await snapshots();
      const snap = await buildSnapshot({ dataDir, keep: opts.keep, onProgress: opts.json ? undefined : (m) => process.stderr.write(`${m}\n`) });
      if (opts.json) return out(`${JSON.stringify(snap, null, 2)}\n`);
      const c = snap.counts;
      out(`snapshot ${snap.id}: ${c.reports} reports, ${c.cells} cells, ${c.checks} checks (${c.not_reports} non-reports left out${c.skipped ? `, ${c.skipped} skipped: see manifest.json` : ''})\n${snap.path}\n`);
    });

  snapshot
    .command('list')
    .description('list complete snapshots, newest first')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('--json', 'print the manifests as JSON')
    .action(async (_opts: Common, cmd: Command) => {
      const o = common(cmd);
      const { listSnapshots } = await snapshots();
      const list = await listSnapshots(resolveDataDir(o.dataDir));
      if (o.json) return out(`${JSON.stringify(list, null, 2)}\n`);
      if (!list.length) return out('no snapshots yet (build one with `ogi snapshot`)\n');
      for (const m of list) {
        const bytes = Object.values(m.files).reduce((s, f) => s + f.bytes, 0);
        out(`${m.id}  ${m.created_at}  ${String(m.counts.reports).padStart(7)} reports  ${(bytes / 1e6).toFixed(1).padStart(8)} MB  schema ${m.schema_version}  parser ${m.parser_version}\n`);
      }
    });

  snapshot
    .command('diff <a> <b>')
    .description('reports added, removed and changed (with the changed columns) between snapshots a and b')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .option('--json', 'print the diff as JSON')
    .action(async (a: string, b: string, _opts: Common, cmd: Command) => {
      const o = common(cmd);
      const dataDir = resolveDataDir(o.dataDir);
      const { listSnapshots, diffSnapshots } = await snapshots();
      const known = new Set((await listSnapshots(dataDir)).map((m) => m.id));
      for (const id of [a, b]) if (!known.has(id)) throw new UsageError(`no snapshot "${id}" in ${dataDir}/snapshots (see \`ogi snapshot list\`)`);
      const d = await diffSnapshots(dataDir, a, b);
      if (o.json) return out(`${JSON.stringify(d, null, 2)}\n`);
      out(`${a} → ${b}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged\n`);
      if (d.columns_added.length) out(`columns added: ${d.columns_added.join(', ')}\n`);
      if (d.columns_removed.length) out(`columns removed: ${d.columns_removed.join(', ')}\n`);
      for (const id of d.added) out(`+ ${id}\n`);
      for (const id of d.removed) out(`- ${id}\n`);
      for (const c of d.changed) out(`~ ${c.report_id} v${c.from_version ?? '?'}→v${c.to_version ?? '?'}: ${c.fields.join(', ')}\n`);
    });

  snapshot
    .command('download <server>')
    .description('download a published snapshot from an `ogi serve` address, checking every file against the manifest\'s SHA-256 (files already present and matching are kept)')
    .option('--id <id>', 'snapshot id (default: the newest)')
    .option('-o, --out <dir>', 'target directory (default: ./ogi-snapshot-<id>)')
    .option('--files <names>', 'comma-separated file names, e.g. reports.parquet,codebook.md (default: all)')
    .option('--json', 'print what was fetched as JSON')
    .addHelpText('after', '\nExample: ogi snapshot download https://data.example.org --files reports.parquet,codebook.md')
    .action(async (server: string, opts: { id?: string; out?: string; files?: string; json?: boolean }) => {
      const files = opts.files?.split(',').map((f) => f.trim()).filter(Boolean);
      const { fetchSnapshot } = await import('../../../storage/snapshot-fetch.ts');
      const got = await fetchSnapshot({ server, id: opts.id, outDir: opts.out, files, onProgress: opts.json ? undefined : (m) => process.stderr.write(`${m}\n`) });
      if (opts.json) return out(`${JSON.stringify(got, null, 2)}\n`);
      const fresh = got.files.filter((f) => f.status === 'downloaded').length;
      out(`snapshot ${got.id}: ${fresh} file(s) downloaded, ${got.files.length - fresh} already present, all checksums verified\n${got.dir}\n`);
    });

  snapshot
    .command('prune <keep>')
    .description('delete all but the newest <keep> snapshots')
    .option('-d, --data-dir <dir>', 'data directory (default: $OGI_DATA_DIR or ./data)')
    .action(async (keep: string, _opts: Common, cmd: Command) => {
      const { applyRetention } = await snapshots();
      const removed = await applyRetention(resolveDataDir(common(cmd).dataDir), keepOption(keep));
      out(removed.length ? `removed ${removed.join(', ')}\n` : 'nothing to remove\n');
    });
}
