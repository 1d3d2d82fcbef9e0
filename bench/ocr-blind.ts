// A second OCR check set, made fresh at each run and never tuned on: the 2021 template's tables of
// test/fixtures/docx/filled-2021-report.docx (converted by mammoth) filled with seeded, varied numbers that add up
// as a real report's do (each 表三 row's 总计 the sum of its cells, the 总计 row the sum of the rows, 一+二 = 七+四;
// 表四's groups), printed by Chromium, scanned at 150 dpi tilted 0.4° and 200 dpi tilted -0.6° (make.ts's method),
// into the system's temporary directory. Prints the 表三/表四 cells the scans read equal to the printed PDF.
// Measured once before and once after the round that introduced it (docs/reliability.md).
//   node --import tsx bench/ocr-blind.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { chromium } from 'playwright';
import { imagePdf } from '../test/fixtures/pdf-scan/make.ts';
import { extractBytes } from '../src/extract/index.ts';
import { parseReport } from '../src/report/index.ts';

const out = path.join(os.tmpdir(), 'ogi-ocr-blind');
fs.mkdirSync(out, { recursive: true });
const print = path.join(out, 'blind-print.pdf');
if (!fs.existsSync(print)) {
  let seed = 20261130;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const num = (scale = 1) => { const u = rnd(); return u < 0.35 ? 0 : u < 0.6 ? 1 + Math.floor(rnd() * 9) : u < 0.9 ? 10 + Math.floor(rnd() * 90 * scale) : 100 + Math.floor(rnd() * 800); };
  let h = (await mammoth.convertToHtml({ path: path.join(import.meta.dirname, '../test/fixtures/docx/filled-2021-report.docx') })).value;
  const tables = h.match(/<table>.*?<\/table>/g)!;
  // table 1: any numbers
  let t1 = tables[0]!.replace(/<td([^>]*)><p>(\d+)<\/p><\/td>/g, (_m, a) => `<td${a}><p>${num()}</p></td>`);
  // table 3 (表三): rows r0..r27; data rows have 7 numbers
  const rows = tables[1]!.match(/<tr>.*?<\/tr>/g)!;
  const dataIdx = rows.map((r, i) => [i, (r.match(/<td[^>]*><p>\d+<\/p><\/td>/g) ?? []).length] as const).filter(([, n]) => n === 7).map(([i]) => i);
  const vals: number[][] = dataIdx.map(() => [0, 0, 0, 0, 0, 0, 0]);
  // rows 2..(n-3) are 三's items (indices 2..23 of dataIdx), row n-2 总计, n-1 四
  const items = vals.slice(2, vals.length - 2);
  for (const r of items) { for (let c = 0; c < 6; c++) r[c] = c === 0 ? num(3) : c === 5 ? num() : (rnd() < 0.5 ? 0 : num()); r[6] = r.slice(0, 6).reduce((a, b) => a + b, 0); }
  const tot = vals[vals.length - 2]!; for (let c = 0; c < 7; c++) tot[c] = items.reduce((a, r) => a + r[c]!, 0);
  const carry = vals[1]!, next = vals[vals.length - 1]!, newr = vals[0]!;
  for (let c = 0; c < 6; c++) { carry[c] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 20); next[c] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 15); newr[c] = tot[c]! + next[c]! - carry[c]!; if (newr[c]! < 0) { carry[c] = 0; newr[c] = tot[c]! + next[c]!; } }
  for (const r of [carry, next, newr]) r[6] = r.slice(0, 6).reduce((a, b) => a + b, 0);
  dataIdx.forEach((ri, k) => { let c = 0; rows[ri] = rows[ri]!.replace(/(<td[^>]*><p>)\d+(<\/p><\/td>)/g, (_m, a, b) => `${a}${vals[k]![c++]}${b}`); });
  let t3 = tables[1]!; { let i = 0; t3 = t3.replace(/<tr>.*?<\/tr>/g, () => rows[i++]!); }
  // 表四: three groups of 4 + 总计
  const g: number[] = [];
  for (let k = 0; k < 3; k++) { const four = [0, 1, 2, 3].map(() => (rnd() < 0.4 ? 0 : Math.floor(rnd() * (k === 0 ? 60 : 25)))); g.push(...four, four.reduce((a, b) => a + b, 0)); }
  let t4 = tables[2]!; { let i = 0; t4 = t4.replace(/(<td[^>]*><p>)\d+(<\/p><\/td>)/g, (_m, a, b) => `${a}${g[i++]}${b}`); }
  h = h.replace(tables[0]!, t1).replace(tables[1]!, t3).replace(tables[2]!, t4);
  const css = '<style>table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px;font-size:12px}</style>';
  const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const p = await b.newPage();
  await p.setContent(`<!doctype html><html><head><meta charset="utf-8">${css}</head><body>${h}</body></html>`);
  await p.pdf({ path: print, format: 'A4' });
  await b.close();
  for (const [dpi, rot, q] of [[200, -0.6, 60], [150, 0.4, 75]] as const) {
    const tmp = fs.mkdtempSync(path.join(out, 'r-'));
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-jpeg', '-jpegopt', `quality=${q}`, print, path.join(tmp, 'p')]);
    const jpgs = fs.readdirSync(tmp).sort().map((f) => fs.readFileSync(path.join(tmp, f)));
    fs.writeFileSync(path.join(out, `blind-${dpi}dpi-rot${rot}.pdf`), imagePdf(jpgs, dpi, jpgs.map(() => rot)));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
function cpuSeconds(): number { const s = fs.readFileSync('/proc/self/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100; }
const cells = (t: any) => Object.entries(t ?? {}).flatMap(([row, cols]: any) => Object.entries(cols).map(([col, v]) => [`${row}.${col}`, v] as const));
const truth = parseReport({ ...(await extractBytes(new Uint8Array(fs.readFileSync(print)), { filename: 'b.pdf' })), url: 'https://example.invalid/b.pdf' });
let S = 0, A = 0, W = 0, P = 0, C = 0;
for (const f of fs.readdirSync(out).filter((n) => n.startsWith('blind-') && n.includes('dpi') && n.endsWith('.pdf'))) {
  const c0 = cpuSeconds();
  const x = await extractBytes(new Uint8Array(fs.readFileSync(path.join(out, f))), { filename: f });
  const cpu = cpuSeconds() - c0;
  const r = parseReport({ ...x, url: `https://example.invalid/${f}` });
  const parts: string[] = [];
  for (const t of ['t3', 't4'] as const) {
    const want = new Map(cells((truth.tables as any)[t])); const got = new Map(cells((r.tables as any)[t]));
    let same = 0, wrong = 0, empty = 0; const diffs: string[] = [];
    for (const [k, v] of [...want].filter(([, v]) => v !== null)) { const g = got.get(k); if (g === v) same++; else if (g == null) empty++; else { wrong++; diffs.push(`${k} ${g}≠${v}`); } }
    S += same; A += same + empty + wrong; W += wrong;
    parts.push(`${t} ${same}/${same + empty + wrong}, ${wrong} wrong ${diffs.join('; ')}`);
  }
  const pages = x.ocr?.pages.length ?? 0; P += pages; C += cpu;
  console.log(f, parts.join(' | '), `CPU ${(cpu / pages * 10).toFixed(0)} s/10p`);
}
console.log(`BLIND: ${S}/${A} (${(100 * S / A).toFixed(1)} %), ${W} wrong, CPU ${(C / P * 10).toFixed(0)} s per 10 pages`);
