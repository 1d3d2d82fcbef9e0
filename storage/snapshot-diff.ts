import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdent, sqlString, withDuckDB } from './duckdb.ts';
import { readManifest, snapshotsDir } from './snapshot-list.ts';

/**
 * What changed between two snapshots, compared on their `reports.parquet` rows (one per report):
 * reports added, removed, and changed with the names of the columns whose values differ. DuckDB does the
 * work: rows are first compared by a whole-row hash, and only the differing ones are unpivoted field by field.
 */
export interface SnapshotDiff {
  a: string;
  b: string;
  added: string[];
  removed: string[];
  changed: Array<{ report_id: string; from_version: number | null; to_version: number | null; fields: string[] }>;
  unchanged: number;
  /** Columns present only in b / only in a (a schema change between the snapshots). */
  columns_added: string[];
  columns_removed: string[];
}

async function parquetOf(dataDir: string, id: string): Promise<string> {
  const m = await readManifest(dataDir, id);
  if (!m) throw new Error(`no snapshot "${id}" in ${snapshotsDir(dataDir)} (see \`ogi snapshot list\`)`);
  return path.join(snapshotsDir(dataDir), id, 'reports.parquet');
}

async function columnsOf(con: DuckDBConnection, file: string): Promise<string[]> {
  const r = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
  return r.getRowObjectsJson().map((row) => String(row.column_name));
}

const ids = async (con: DuckDBConnection, sql: string) =>
  (await con.runAndReadAll(sql)).getRowObjectsJson().map((r) => String(r.report_id));

export async function diffSnapshots(dataDir: string, a: string, b: string): Promise<SnapshotDiff> {
  const fa = await parquetOf(dataDir, a);
  const fb = await parquetOf(dataDir, b);
  return withDuckDB(async (con) => {
    const colsA = await columnsOf(con, fa);
    const colsB = await columnsOf(con, fb);
    const shared = colsA.filter((c) => c !== 'report_id' && colsB.includes(c));
    // Every shared column as text, so rows of different schema versions still compare and unpivot.
    const proj = shared.map((c) => `CAST(${sqlIdent(c)} AS VARCHAR) AS ${sqlIdent(c)}`).join(', ');
    await con.run(`CREATE TEMP TABLE ra AS SELECT report_id, ${proj} FROM read_parquet(${sqlString(fa)})`);
    await con.run(`CREATE TEMP TABLE rb AS SELECT report_id, ${proj} FROM read_parquet(${sqlString(fb)})`);
    const added = await ids(con, 'SELECT report_id FROM rb ANTI JOIN ra USING (report_id) ORDER BY report_id');
    const removed = await ids(con, 'SELECT report_id FROM ra ANTI JOIN rb USING (report_id) ORDER BY report_id');
    await con.run(`CREATE TEMP TABLE differing AS SELECT ra.report_id FROM ra JOIN rb USING (report_id) WHERE ra IS DISTINCT FROM rb`);
    const both = Number((await con.runAndReadAll('SELECT count(*) AS n FROM ra JOIN rb USING (report_id)')).getRowObjectsJson()[0]!.n);
    await con.run('CREATE TEMP TABLE da AS SELECT * FROM ra SEMI JOIN differing USING (report_id)');
    await con.run('CREATE TEMP TABLE db AS SELECT * FROM rb SEMI JOIN differing USING (report_id)');
    const changedRows = shared.length
      ? (
          await con.runAndReadAll(`
            WITH ua AS (SELECT * FROM da UNPIVOT INCLUDE NULLS (val FOR field IN (COLUMNS(* EXCLUDE (report_id))))),
                 ub AS (SELECT * FROM db UNPIVOT INCLUDE NULLS (val FOR field IN (COLUMNS(* EXCLUDE (report_id))))),
                 d AS (SELECT ua.report_id, ua.field FROM ua JOIN ub USING (report_id, field) WHERE ua.val IS DISTINCT FROM ub.val)
            SELECT d.report_id, list(d.field ORDER BY d.field) AS fields,
                   any_value(TRY_CAST(ra.version AS BIGINT)) AS from_version, any_value(TRY_CAST(rb.version AS BIGINT)) AS to_version
            FROM d JOIN ra USING (report_id) JOIN rb USING (report_id)
            GROUP BY d.report_id ORDER BY d.report_id`)
        ).getRowObjectsJson()
      : [];
    const changed = changedRows.map((r) => ({
      report_id: String(r.report_id),
      from_version: r.from_version == null ? null : Number(r.from_version),
      to_version: r.to_version == null ? null : Number(r.to_version),
      fields: (r.fields as string[]).map(String),
    }));
    return {
      a,
      b,
      added,
      removed,
      changed,
      unchanged: both - changed.length,
      columns_added: colsB.filter((c) => !colsA.includes(c)),
      columns_removed: colsA.filter((c) => !colsB.includes(c)),
    };
  });
}
