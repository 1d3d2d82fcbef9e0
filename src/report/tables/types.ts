export type NumTable = Record<string, Record<string, number | null>>;
export type RawTable = Record<string, Record<string, string | null>>;

export interface TableRead {
  nums: NumTable;
  raw: RawTable;
  warnings: string[];
  /** Labels of this table were found at all. */
  found: boolean;
}

/** How the table text was obtained: `ocr` text may have dropped gaps and misread digits, so readers never split it. */
export interface ReadOptions { ocr?: boolean }
