// OCR bench: scanned stand-ins of real reports (test/fixtures/pdf-scan, made by its make.ts) against the text
// PDFs they were rendered from. Prints time per page (and per 10 pages) and how many 表三/表四 cells the scan
// parse matches. Not a test: timing depends on the machine. huaian-city-2024 is the tuning scan (dpi and page
// segmentation were chosen on it); huaian-hongze-2024 is the check scan.
//   node --import tsx bench/ocr.ts
import fs from 'node:fs';
import path from 'node:path';
import { extractBytes } from '../src/extract/index.ts';
import { parseReport } from '../src/report/index.ts';

const root = path.join(import.meta.dirname, '../test/fixtures');
const cells = (t: Record<string, Record<string, number | null>> | null | undefined) =>
  Object.entries(t ?? {}).flatMap(([row, cols]) => Object.entries(cols).map(([col, v]) => [`${row}.${col}`, v] as const));

for (const f of fs.readdirSync(path.join(root, 'pdf-scan')).filter((n) => n.endsWith('.pdf'))) {
  const source = f.replace(/-p\d+-\d+-\d+dpi\.pdf$/, '.pdf');
  const truth = parseReport({ ...(await extractBytes(new Uint8Array(fs.readFileSync(path.join(root, 'pdf', source))), { filename: source })), url: `https://example.invalid/${source}` });
  const t0 = Date.now();
  const x = await extractBytes(new Uint8Array(fs.readFileSync(path.join(root, 'pdf-scan', f))), { filename: f });
  const ms = Date.now() - t0;
  const r = parseReport({ ...x, url: `https://example.invalid/${f}` });
  for (const t of ['t3', 't4'] as const) {
    const want = new Map(cells(truth.tables[t] as never));
    const got = new Map(cells(r.tables[t] as never));
    let same = 0, wrong = 0, empty = 0;
    for (const [k, v] of [...want].filter(([, v]) => v !== null)) {
      const g = got.get(k);
      if (g === v) same++;
      else if (g === null || g === undefined) empty++;
      else wrong++;
    }
    console.log(`${f} ${t}: ${same}/${same + empty + wrong} read cells equal to the text PDF, ${empty} left null, ${wrong} different`);
  }
  const pages = x.ocr?.pages.length ?? 0;
  console.log(`${f}: ${pages} page(s) in ${ms} ms = ${(ms / Math.max(1, pages) / 1000).toFixed(1)} s/page, ${(ms / Math.max(1, pages) / 100).toFixed(0)} s per 10 pages; confidence ${x.ocr?.pages.map((p) => p.confidence).join(', ')}`);
}
