// Shapes of the per-format label tables. Algorithms (tables/*.ts) read these; adding a report format means adding a
// file that exports a FormatSpec and registering it in formats/index.ts.
import type { Format } from '../../schema/record.ts';
import type { RowDef } from '../tables/rowreader.ts';

export interface Fingerprint {
  /** The printed label, for evidence messages. */
  label: string;
  re: RegExp;
}

export interface T2Row extends RowDef {
  /** Field keys in printed column order (record.ts T2_KEYS). */
  fields: readonly string[];
}

export interface StatsRow extends RowDef {
  /** Where a 万元 cell must be converted to 元 (fees). */
  unit?: 'yuan';
}

export interface FormatSpec {
  id: Exclude<Format, 'unknown'>;
  /** Labels that exist only in this format's tables; detection counts them (never the cited 文号). */
  fingerprints: Fingerprint[];
  /** Report years this format was prescribed for; used only to break ties when labels are shared. */
  years: [number, number];
  t2?: { rows: T2Row[] };
  /** 表三 rows in printed order; `sixth` holds the (六)其他处理 row(s) this format prescribes. */
  t3?: { sixth: RowDef[] };
  t4?: boolean;
  /** Pre-2019 attached statistics table rows. */
  stats?: StatsRow[];
}
