// How well the layout grid builder rebuilds report tables from PDF text positions. Run: npx tsx bench/pdf-grid.ts
//   tuning: the three real PDFs of test/fixtures/pdf against their printed rows (fixtures/pdf/tables-expected.json);
//           the grid rules were decided on these.
//   check:  report tables typeset by another engine: the filled 2021 DOCX (the real template, converted to HTML by
//           mammoth) and two replica report pages, printed to PDF by Chromium here (three page styles for the DOCX:
//           flush-left A4, centred cells in larger type, narrow A5). The truth is the source's own table grid.
// Cells compared: every row's label cells (span copies once) and value cells of 表二, 表三 and 表四.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { chromium } from 'playwright';
import { CHROMIUM } from '../crawlers/browser.ts';
import { extractBytes } from '../src/extract/index.ts';
import { parseReport } from '../src/report/index.ts';
import type { Grid } from '../src/schema/document.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
const VALUE = /^[-+]?\d[\d,]*(\.\d+)?(%|万元|亿元|元|件|条|个|项|次)?$/;
type Kind = 't2' | 't3' | 't4';

const kindOf = (g: Grid): Kind | null => {
  const t = g.flat().join('');
  if (/本年新收/.test(t)) return 't3';
  if (/行政复议/.test(t) && /行政诉讼/.test(t)) return 't4';
  if (/行政许可|规范性文件|规章/.test(t)) return 't2';
  return null;
};

/** Value rows as label cells (span copies once) + value cells; the trailing run of value/empty cells is values. */
function rows(g: Grid): string[][] {
  const out: string[][] = [];
  for (const row of g) {
    let k = row.length;
    while (k > 0 && (VALUE.test(row[k - 1]!) || row[k - 1] === '')) k--;
    const values = row.slice(k).filter((v) => v !== '');
    if (!values.length) continue;
    const labels = row.slice(0, k).filter((l, i, a) => l !== '' && l !== a[i - 1]).map((l) => l.replace(/\s+/g, ''));
    out.push([...labels, '|', ...values]);
  }
  return out;
}

/** Cells of `want` found in place in `got`. A value an HTML colspan repeats is printed once: compared once. */
function score(want: string[][], got: string[][]): { ok: number; n: number } {
  let ok = 0;
  let n = 0;
  want.forEach((w, i) => {
    const g = got[i] ?? [];
    const wv = w.slice(w.indexOf('|') + 1);
    const gv = g.slice(g.indexOf('|') + 1);
    const values = gv.length < wv.length && wv.every((v) => v === wv[0]) ? wv.slice(0, gv.length || 1) : wv;
    const labels = w.slice(0, w.indexOf('|'));
    const gl = g.slice(0, Math.max(0, g.indexOf('|')));
    labels.forEach((l, j) => { n++; if (gl[j] === l) ok++; });
    values.forEach((v, j) => { n++; if (gv[j] === v) ok++; });
  });
  return { ok, n };
}

const totals: Record<string, Record<Kind, { ok: number; n: number }>> = {};
const add = (part: string, kind: Kind, s: { ok: number; n: number }) => {
  totals[part] ??= { t2: { ok: 0, n: 0 }, t3: { ok: 0, n: 0 }, t4: { ok: 0, n: 0 } };
  totals[part]![kind].ok += s.ok;
  totals[part]![kind].n += s.n;
};
const line = (name: string, per: Partial<Record<Kind, { ok: number; n: number }>>) =>
  console.log(`  ${name.padEnd(34)} ${(['t2', 't3', 't4'] as Kind[]).map((k) => `${k} ${per[k] ? `${per[k]!.ok}/${per[k]!.n}` : '-'}`.padEnd(14)).join('')}`);

// Tuning: the real PDFs against the answer key written from their printed pages.
type KeyRow = [string[], string[]];
const key = JSON.parse(fs.readFileSync(path.join(root, 'pdf/tables-expected.json'), 'utf8')) as Record<string, { t2: KeyRow[]; t3: KeyRow[]; t4: { values: string[] }; text_layer: Record<string, string> }>;
console.log('== tuning (real PDFs, answer key from the printed pages)');
for (const [file, k] of Object.entries(key).filter(([f]) => !f.startsWith('_'))) {
  const doc = await extractBytes(new Uint8Array(fs.readFileSync(path.join(root, 'pdf', file))), { filename: file });
  const per: Partial<Record<Kind, { ok: number; n: number }>> = {};
  for (const kind of ['t2', 't3', 't4'] as Kind[]) {
    const want = kind === 't4' ? [['|', ...k.t4.values]] : k[kind].map(([l, v]) => [...l.map((x) => k.text_layer[x] ?? x), '|', ...v]);
    const g = doc.tables.find((t) => kindOf(t) === kind);
    per[kind] = score(want, g ? rows(g) : []);
    add('tuning', kind, per[kind]!);
  }
  line(file, per);
}

// Check: tables typeset by Chromium from sources whose grids are known.
const docx = await mammoth.convertToHtml({ buffer: fs.readFileSync(path.join(root, 'docx/filled-2021-report.docx')) });
const styles: Record<string, string> = {
  'a4 flush left': 'table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 4px}',
  'a4 centred, larger type': 'body{font-size:15px}table{border-collapse:collapse}td,th{border:1px solid #000;padding:6px 8px;text-align:center;vertical-align:middle}',
  'a5 narrow': '@page{size:A5}body{font-size:11px;font-family:serif}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:1px 2px}',
};
const sources: Array<{ name: string; html: string; truth: () => Promise<Grid[]>; doc: () => ReturnType<typeof extractBytes> }> = [];
const records: string[] = [];
const docxDoc = () => extractBytes(new Uint8Array(fs.readFileSync(path.join(root, 'docx/filled-2021-report.docx'))), { filename: 'x.docx' });
const docxTruth = async () => (await docxDoc()).tables;
for (const [style, css] of Object.entries(styles)) {
  sources.push({ name: `docx 2021, ${style}`, html: `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${docx.value}</body></html>`, truth: docxTruth, doc: docxDoc });
}
for (const [name, rel] of [['replica page 2019', 'portals/site/trs/zwgk/zfxxgknb/202001/t20200120_80576.html'], ['replica page 2021', 'portals/site/trs/zwgk/zfxxgknb/202202/t20220208_80613.html']] as const) {
  const bytes = fs.readFileSync(path.join(root, rel));
  const doc = () => extractBytes(new Uint8Array(bytes), { filename: 'x.html' });
  sources.push({ name, html: bytes.toString('utf8'), truth: async () => (await doc()).tables, doc });
}
console.log('== check (typeset by Chromium; truth: the source grid)');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const page = await browser.newPage();
  // The pages are printed offline: nothing is fetched.
  await page.route('**/*', (r) => (r.request().url().startsWith('data:') ? r.continue() : r.abort()));
  for (const s of sources) {
    await page.setContent(s.html, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true, format: 'A4' });
    const doc = await extractBytes(new Uint8Array(pdf), { filename: 'x.pdf' });
    const truth = await s.truth();
    // The record read from the PDF against the record read from the source: 表三 and 表四 cells that agree.
    const fromPdf = parseReport({ ...doc, url: 'https://example.invalid/x.pdf' });
    const fromSource = parseReport({ ...(await s.doc()), url: 'https://example.invalid/x' });
    const cellsOf = (r: typeof fromPdf) => [r.tables.t3, r.tables.t4].flatMap((t) => Object.entries(t ?? {}).flatMap(([row, c]) => Object.entries(c).map(([col, v]) => [`${row}.${col}`, v] as const)));
    const want = new Map(cellsOf(fromSource));
    const agree = cellsOf(fromPdf).filter(([k, v]) => want.get(k) === v && v !== null).length;
    records.push(`${s.name}: ${agree}/${[...want.values()].filter((v) => v !== null).length}`);
    const per: Partial<Record<Kind, { ok: number; n: number }>> = {};
    for (const kind of ['t2', 't3', 't4'] as Kind[]) {
      const tg = truth.find((t) => kindOf(t) === kind);
      if (!tg) continue;
      const g = doc.tables.find((t) => kindOf(t) === kind);
      per[kind] = score(rows(tg), g ? rows(g) : []);
      add('check', kind, per[kind]!);
    }
    line(s.name, per);
  }
} finally {
  await browser.close();
}
console.log('\ncells matched (tuning = rules decided on, check = only measured)');
for (const [part, per] of Object.entries(totals)) line(part, per);
console.log(`\ncheck: 表三/表四 cells of the record read from the PDF equal to the record read from its source\n${records.map((r) => `  ${r}`).join('\n')}`);
