// OCR bench: scanned stand-ins of real reports (test/fixtures/pdf-scan, made by its make.ts: 150 and 300 dpi, two
// tilted) against the text PDFs they were rendered from. Prints, per scan, how many 表三/表四 cells the scan's parse
// equals (counting the cells the text PDF reads), how many it leaves null and how many differ, and the time per page
// (and per 10 pages). Not a test: timing depends on the machine. huaian-city-2024 is the TUNING report (OCR settings
// were chosen on its scans). The Hongze reports were the first check reports, and were later looked into too, so they
// count as TUNING since then. The CHECK report is the filled 2021 DOCX printed to PDF by Chromium
// (docx-filled-2021-print), which no OCR setting was decided on: only measured.
//   node --import tsx bench/ocr.ts [tuning|check] [name-substring]
import fs from 'node:fs';
import path from 'node:path';
import { extractBytes } from '../src/extract/index.ts';
import { parseReport } from '../src/report/index.ts';

const root = path.join(import.meta.dirname, '../test/fixtures');
const TUNING = /^huaian-/;
const [part, filter] = process.argv.slice(2);
/** CPU seconds of this process and its finished children (pdftoppm, tesseract): wall time misleads on a shared machine. */
function cpuSeconds(): number {
  const f = fs.readFileSync('/proc/self/stat', 'utf8').slice(fs.readFileSync('/proc/self/stat', 'utf8').lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}
const cells = (t: Record<string, Record<string, number | null>> | null | undefined) =>
  Object.entries(t ?? {}).flatMap(([row, cols]) => Object.entries(cols).map(([col, v]) => [`${row}.${col}`, v] as const));

const totals = { tuning: { same: 0, all: 0, wrong: 0, ms: 0, cpu: 0, pages: 0 }, check: { same: 0, all: 0, wrong: 0, ms: 0, cpu: 0, pages: 0 } };
const files = fs.readdirSync(path.join(root, 'pdf-scan')).filter((n) => n.endsWith('.pdf')).sort()
  .filter((f) => !part || (part === 'tuning') === TUNING.test(f)).filter((f) => !filter || f.includes(filter));
for (const f of files) {
  const which = TUNING.test(f) ? 'tuning' : 'check';
  const source = f.replace(/-p\d+-\d+-\d+dpi(?:-rot-?[\d.]+)?\.pdf$/, '.pdf');
  const truth = parseReport({ ...(await extractBytes(new Uint8Array(fs.readFileSync(path.join(root, 'pdf', source))), { filename: source })), url: `https://example.invalid/${source}` });
  const t0 = Date.now();
  const c0 = cpuSeconds();
  const x = await extractBytes(new Uint8Array(fs.readFileSync(path.join(root, 'pdf-scan', f))), { filename: f });
  const ms = Date.now() - t0;
  const cpu = cpuSeconds() - c0;
  const r = parseReport({ ...x, url: `https://example.invalid/${f}` });
  const parts: string[] = [];
  for (const t of ['t3', 't4'] as const) {
    const want = new Map(cells(truth.tables[t] as never));
    const got = new Map(cells(r.tables[t] as never));
    let same = 0, wrong = 0, empty = 0;
    const diffs: string[] = [];
    for (const [k, v] of [...want].filter(([, v]) => v !== null)) {
      const g = got.get(k);
      if (g === v) same++;
      else if (g === null || g === undefined) empty++;
      else { wrong++; diffs.push(`${k} ${g}≠${v}`); }
    }
    totals[which].same += same; totals[which].all += same + empty + wrong; totals[which].wrong += wrong;
    parts.push(`${t} ${same}/${same + empty + wrong} equal, ${empty} null, ${wrong} different${diffs.length ? ` (${diffs.slice(0, 6).join('; ')})` : ''}`);
  }
  const pages = x.ocr?.pages.length ?? 0;
  totals[which].ms += ms; totals[which].cpu += cpu; totals[which].pages += pages;
  console.log(`[${which}] ${f}: ${parts.join('; ')}; ${pages} page(s) in ${ms} ms = ${(ms / Math.max(1, pages) / 100).toFixed(0)} s per 10 pages (CPU ${(cpu / Math.max(1, pages) * 10).toFixed(0)} s); confidence ${x.ocr?.pages.map((p) => p.confidence).join(', ')}`);
}
for (const [which, t] of Object.entries(totals)) {
  if (!t.all) continue;
  console.log(`${which.toUpperCase()}: ${t.same}/${t.all} 表三+表四 cells equal to the text PDF (${(100 * t.same / t.all).toFixed(1)} %), ${t.wrong} different; ${(t.ms / Math.max(1, t.pages) / 100).toFixed(0)} s per 10 pages wall, ${(t.cpu / Math.max(1, t.pages) * 10).toFixed(0)} s CPU`);
}
