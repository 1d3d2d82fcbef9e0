/** Content types of snapshot files; anything else is served as opaque bytes. */
const TYPES: Array<[RegExp, string]> = [
  [/\.parquet$/, 'application/vnd.apache.parquet'],
  [/\.csv$/, 'text/csv; charset=utf-8'],
  [/\.jsonl\.gz$/, 'application/gzip'],
  [/\.jsonl$/, 'application/x-ndjson; charset=utf-8'],
  [/\.json$/, 'application/json; charset=utf-8'],
  [/\.md$/, 'text/markdown; charset=utf-8'],
];

export function contentTypeFor(name: string): string {
  for (const [re, type] of TYPES) if (re.test(name)) return type;
  return 'application/octet-stream';
}
