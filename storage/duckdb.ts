import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from '../src/schema/codebook.ts';
import { FORMULA_START_SQL, NEUTRALISED_FORMULA } from './csv.ts';

/**
 * An in-memory DuckDB used only to convert and query snapshot files (never a shared database file, so any
 * number of processes can do this at once). Memory is capped so a large snapshot spills instead of growing.
 */
export async function withDuckDB<T>(fn: (con: DuckDBConnection) => Promise<T>, opts: { tempDir?: string } = {}): Promise<T> {
  const settings: Record<string, string> = { threads: '2', memory_limit: '320MB' };
  if (opts.tempDir) settings.temp_directory = opts.tempDir;
  const db = await DuckDBInstance.create(':memory:', settings);
  const con = await db.connect();
  try {
    return await fn(con);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const sqlIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const DUCK_TYPES: Record<ColumnType, string> = { string: 'VARCHAR', integer: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMPTZ' };

export interface CsvColumn {
  name: string;
  type: ColumnType;
}

/** `read_csv` over files written by storage/csv.ts, with the exact column types (no sniffing). */
export function readCsvSql(files: readonly string[], columns: readonly CsvColumn[], header: boolean): string {
  const cols = columns.map((c) => `${sqlString(c.name)}: ${sqlString(DUCK_TYPES[c.type])}`).join(', ');
  return `read_csv([${files.map(sqlString).join(', ')}], header = ${header}, auto_detect = false, columns = {${cols}}, quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, max_line_size = 8388608, buffer_size = 16777216)`;
}

/** Text columns as they were before storage/csv.ts quoted formula-like cells (its restoreFormulaText, in SQL). */
function selectExact(columns: readonly CsvColumn[]): string {
  const re = sqlString(NEUTRALISED_FORMULA);
  return columns
    .map((c) => {
      const col = sqlIdent(c.name);
      return c.type === 'string' ? `CASE WHEN regexp_matches(${col}, ${re}) THEN substr(${col}, 2) ELSE ${col} END AS ${col}` : col;
    })
    .join(', ');
}

/**
 * CSV → Parquet (zstd). Text cells come out exactly as the records hold them (see selectExact). `ordered` keeps row order (costs memory and speed, so only where it matters). Row
 * groups are sized by width: the writer holds a whole row group in memory, and the default (122,880 rows)
 * of a 250-column table alone exceeds the memory limit.
 */
export async function csvToParquet(con: DuckDBConnection, csv: readonly string[], columns: readonly CsvColumn[], parquet: string, opts: { header: boolean; ordered?: boolean }): Promise<void> {
  await con.run(`SET preserve_insertion_order = ${opts.ordered === false ? 'false' : 'true'}`);
  const rowGroup = Math.max(2048, Math.min(122_880, Math.floor(2_000_000 / columns.length)));
  try {
    await con.run(`COPY (SELECT ${selectExact(columns)} FROM ${readCsvSql(csv, columns, opts.header)}) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroup})`);
  } catch (err) {
    throw new Error(`converting ${csv.join(', ')} to ${parquet} failed: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Cell rows written by `fastCellRows` (storage/fast-rows.ts: one JSON array a table row, `{"i": report_id,
 * "t": table, "r": row, "c": [columns], "v": [values], "w": [raws]}`) → the long `cells.parquet`, with the same columns and types as
 * CELL_COLUMNS. The three lists of a line unnest side by side, one output row per cell. Row order is not
 * kept (nor was it for the per-cell CSV this replaces).
 */
export async function cellRowsToParquet(con: DuckDBConnection, files: readonly string[], parquet: string): Promise<void> {
  await con.run('SET preserve_insertion_order = false');
  const src = `read_json([${files.map(sqlString).join(', ')}], format = 'newline_delimited', columns = {i: 'VARCHAR', t: 'VARCHAR', r: 'VARCHAR', c: 'VARCHAR[]', v: 'DOUBLE[]', w: 'VARCHAR[]'})`;
  try {
    await con.run(`COPY (SELECT i AS report_id, t AS "table", r AS "row", unnest(c) AS "column", unnest(v) AS value, unnest(w) AS raw FROM ${src}) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`);
  } catch (err) {
    throw new Error(`converting ${files.join(', ')} to ${parquet} failed: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Parquet → CSV with a header row, in the conventions of storage/csv.ts: an empty field is NULL, `""` an empty
 * string, quotes doubled. No BOM (DuckDB writes none): used for cells.csv, whose tens of millions of rows no
 * spreadsheet opens, so the extra copy a BOM would take is not worth its time.
 */
export async function parquetToCsv(con: DuckDBConnection, parquet: string, csv: string): Promise<void> {
  try {
    // Text cells get storage/csv.ts's formula neutralisation (a leading quote), as in every CSV we write.
    const src = `read_parquet(${sqlString(parquet)})`;
    const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
    const re = sqlString(FORMULA_START_SQL);
    const select = described
      .getRowObjects()
      .map((r) => {
        const col = sqlIdent(String(r.column_name));
        return String(r.column_type) === 'VARCHAR' ? `CASE WHEN regexp_matches(${col}, ${re}) THEN '''' || ${col} ELSE ${col} END AS ${col}` : col;
      })
      .join(', ');
    await con.run(`COPY (SELECT ${select} FROM ${src}) TO ${sqlString(csv)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '')`);
  } catch (err) {
    throw new Error(`converting ${parquet} to ${csv} failed: ${(err as Error).message}`, { cause: err });
  }
}
