// Rows of one SQL query over snapshot files, through the product's own in-memory DuckDB.
import { withDuckDB } from '../../storage/duckdb.ts';

export const query = (sql: string): Promise<Record<string, unknown>[]> =>
  withDuckDB(async (con) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);
