// The shape of a report format. A format file (formats/<format>.ts) exports one FormatSpec and is the only place
// that knows that format: its detection labels, its tables' rows with their codebook labels, which checks apply,
// its deadline rule. The record schema, the codebook, the flat columns, the parser and the cross-year checks are
// all derived from the registry (formats/index.ts). Algorithms (tables/*.ts) read these tables.
import type { RowDef } from '../tables/rowreader.ts';

/** A label pair for the codebook: the printed label (中文) and its English. */
export interface Label {
  zh: string;
  en: string;
}

export interface Fingerprint {
  /** The printed label, for evidence messages. */
  label: string;
  re: RegExp;
}

export interface T2Field extends Label {
  key: string;
  /** The fixed unit of a money field in the record; what the report printed is converted to it. */
  unit?: 'yuan' | '10k_yuan';
}

export interface T2Row extends RowDef, Label {
  /** Fields in printed column order. */
  fields: readonly T2Field[];
}

/** A 表三 row with its codebook label. */
export interface T3Row extends RowDef, Label {}

export interface StatsRow extends RowDef, Label {
  /** Where a 万元 cell must be converted to 元 (fees). */
  unit?: 'yuan';
}

/** Per-report checks a format's tables support (src/report/checks.ts). */
export type TableCheck = 'T3' | 'T4' | 'V-1';

/**
 * X-2, across years: for each block, stock(N) = stock(N−1) + added(N) − removed(N), e.g. 现行有效件数 =
 * last year's 现行有效件数 + 本年制发件数 − 本年废止件数. Compared only between two reports of the same format.
 */
export interface StockRule {
  blocks: readonly string[];
  stock: string;
  added: string;
  removed: string;
}

export interface FormatSpec {
  /** The value of `format` in records and the infix of its 表二 columns (`t2_<id>_<block>_<field>`). */
  id: string;
  /** zh/en: how the codebook names the format (“2019年前格式”, “pre-2019”); short: its column header in the codebook. */
  name: Label & { short: string };
  /** Report years the format was prescribed for (null = still in force). Detection uses them to break ties. */
  years: readonly [number, number | null];
  /**
   * `labels`: detected by its printed table labels (fingerprints). `era`: a free-text era without a prescribed
   * table, chosen by the report year (before the first labelled format) or, with no year, by two fingerprints.
   */
  detection: 'labels' | 'era';
  /** Labels that exist only in this format's tables; detection counts them (never the cited 文号). */
  fingerprints: readonly Fingerprint[];
  /** 表二 rows (blocks) and their fields; a format's 表二 columns are never merged with another format's. */
  t2?: {
    rows: readonly T2Row[];
    /** Column labels of this format's 表二 block headers (本年制发件数…): they tell a table from prose citing 第二十条. */
    header: RegExp;
  };
  /** 表三: the shared rows (formats/shared.ts) with the (六)其他处理 row(s) this format prescribes in `sixth`. */
  t3?: { sixth: readonly T3Row[] };
  /** 表四 (the shared 行政复议/行政诉讼 table) is printed. */
  t4?: boolean;
  /** An attached statistics table (free-text era): its rows become `figures` (and `fig_<key>` columns). */
  stats?: readonly StatsRow[];
  /** Per-report checks run on the tables read. */
  checks: readonly TableCheck[];
  /** Checks across two reports of one agency: X-1 (表三 carry-over) and X-2 (a stock rule on 表二). */
  crossYear: { carriedOver: boolean; stock: StockRule | null };
  /**
   * Harmonised measures (src/schema/measures.ts) this format reports: measure name → the flat columns summed. A
   * measure the format does not name stays empty for its reports.
   */
  measures: Readonly<Record<string, readonly string[]>>;
  /** Statutory publication deadline (MM-DD of the next year) for a government's own report and a department's. */
  deadline: { government: string; department: string };
}
