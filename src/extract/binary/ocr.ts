// Scanned PDFs (no text layer) → text, through Debian's poppler `pdftoppm` (page images) and `tesseract` with the
// chi_sim model, both run as child processes with bounds: a page cap, a time cap per page and per document, an
// address-space cap per process (prlimit), and an output cap. Every bound hit is recorded, never silent.
// Nothing is downloaded: the tools and the language model come from the system packages (scripts/setup.sh).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePgm, removeRules, rotate, skewAngle, writePgm, type Gray } from './ocr-image.ts';

export interface OcrLimits {
  maxPages: number;
  dpi: number;
  pageTimeoutMs: number;
  totalTimeoutMs: number;
  /** Address-space cap of each pdftoppm/tesseract process, bytes. */
  memoryBytes: number;
  /** Largest page image accepted, bytes (a huge page size would otherwise make a huge bitmap). */
  maxImageBytes: number;
}

// The total stays under the file sandbox's wall-time cap (crawlers/extract-pool.ts FILE_LIMITS, 180 s), so a long scan
// ends as OCR's own recorded page/time cut rather than a sandbox timeout that loses the pages already read.
export const OCR_LIMITS: OcrLimits = {
  maxPages: 20, dpi: 300, pageTimeoutMs: 60_000, totalTimeoutMs: 150_000, memoryBytes: 1024 * 1024 * 1024, maxImageBytes: 40 * 1024 * 1024,
};

/** How pages are prepared and recognised (chosen on the tuning scans of bench/ocr.ts). */
export interface OcrSettings {
  /** tesseract page segmentation mode: 4 = one column of text of variable sizes (a table page reads row by row). */
  psm: number;
  lang: string;
  /** Measure the page's skew (projection profile) and rotate it level when it exceeds `minSkewDeg`. */
  deskew: boolean;
  minSkewDeg: number;
  /** Paint table rules white before recognition (they are read as 1 or |). */
  removeRules: boolean;
  /** Read the cells of numeric table rows again with a digits-only model (chi_sim reads a 2 as 多, a 1 as ]). */
  digitPass: boolean;
}
export const OCR_SETTINGS: OcrSettings = { psm: 6, lang: 'chi_sim', deskew: true, minSkewDeg: 0.2, removeRules: true, digitPass: true };

export interface OcrPage { page: number; confidence: number | null; chars: number; error: string | null; skew_deg?: number }
/**
 * A recognised word, positioned in PDF points from the page's top-left (x0..x1 across, y = bottom of the word box,
 * near the baseline; height of the box), with tesseract's confidence: the same shape as words from a text PDF, so a
 * grid builder over positioned words can read OCR pages too.
 */
export interface OcrWord { text: string; x0: number; x1: number; y: number; height: number; page: number; conf: number }
export interface OcrResult { lines: string[]; pages: OcrPage[]; limits_hit: string[]; words: OcrWord[] }

function run(cmd: string, args: string[], limits: OcrLimits, timeoutMs: number): Promise<string> {
  // prlimit caps the address space of the tool itself; OMP_THREAD_LIMIT keeps tesseract to one core so two
  // extraction workers do not oversubscribe the machine.
  return new Promise((resolve, reject) => {
    execFile('prlimit', [`--as=${limits.memoryBytes}`, '--', cmd, ...args], {
      timeout: Math.max(1, timeoutMs), killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8',
      env: { ...process.env, OMP_THREAD_LIMIT: '1', LC_ALL: 'C.UTF-8' },
    }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (e.killed || e.signal === 'SIGKILL') reject(new Error(`${cmd} stopped after ${timeoutMs} ms (time cap)`));
        else if (e.code === 'ENOENT') reject(new Error(`${cmd} is not installed (see scripts/setup.sh)`));
        else reject(new Error(`${cmd} failed: ${String(stderr || e.message).trim().slice(0, 300)}`));
      } else resolve(stdout);
    });
  });
}

export interface Word { left: number; top: number; width: number; height: number; conf: number; text: string; key: string }

export function tsvWords(tsv: string): Word[] {
  const words: Word[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({ key: `${f[2]}.${f[3]}.${f[4]}`, left: +f[6]!, top: +f[7]!, width: +f[8]!, height: +f[9]!, conf: +f[10]!, text });
  }
  return words;
}

/** Words of a TSV made from a list of images, by image (tesseract's page_num, from 1). */
export function tsvWordsByPage(tsv: string): Map<number, Word[]> {
  const out = new Map<number, Word[]>();
  const lines = tsv.split('\n');
  const header = lines[0] ?? '';
  for (const row of lines.slice(1)) {
    const page = Number(row.split('\t')[1]);
    const ws = tsvWords(`${header}\n${row}`);
    if (ws.length) out.set(page, [...(out.get(page) ?? []), ...ws]);
  }
  return out;
}

interface Row { ws: Word[]; mid: number; h: number }

/** Tesseract's blocks follow the page's columns; rows of a table end up in different blocks. Regroup words into visual rows by their vertical centre, ordered left to right. */
function visualRows(words: Word[]): Row[] {
  const byLine = new Map<string, Word[]>();
  for (const w of words) byLine.set(w.key, [...(byLine.get(w.key) ?? []), w]);
  const lines = [...byLine.values()].map((ws) => ({ ws: ws.sort((a, b) => a.left - b.left), mid: ws.reduce((s, w) => s + w.top + w.height / 2, 0) / ws.length, h: Math.max(...ws.map((w) => w.height)) }));
  lines.sort((a, b) => a.mid - b.mid);
  const rows: Row[] = [];
  for (const l of lines) {
    const last = rows[rows.length - 1];
    if (last && Math.abs(l.mid - last.mid) < Math.max(l.h, last.h) * 0.5) { last.ws.push(...l.ws); last.ws.sort((a, b) => a.left - b.left); }
    else rows.push({ ...l, ws: [...l.ws] });
  }
  return rows;
}

/** tesseract TSV → lines; a gap wider than about two characters separates table cells, written “ | ”. */
export function tsvToLines(tsv: string): { lines: string[]; confidence: number | null; chars: number; words: Omit<OcrWord, 'page'>[] } {
  return wordsToLines(tsvWords(tsv));
}

export function wordsToLines(words: Word[]): { lines: string[]; confidence: number | null; chars: number; words: Omit<OcrWord, 'page'>[] } {
  const out: string[] = [];
  for (const r of visualRows(words)) {
    let s = '';
    let prevEnd: number | null = null;
    for (const w of r.ws) {
      if (prevEnd !== null) {
        const gap = w.left - prevEnd;
        // A cell of the digit pass (key d…) was cut from the ink: it is a cell even when the label before it ends
        // close by (…稳定，1 would otherwise read as one word).
        s += gap > r.h * 2 || w.key.startsWith('d') ? ' | ' : /[\p{Script=Han}，。、（）]$/u.test(s) || /^[\p{Script=Han}，。、（）]/u.test(w.text) ? '' : ' ';
      }
      s += w.text;
      prevEnd = w.left + w.width;
    }
    if (s.trim()) out.push(s.trim());
  }
  const confs = words.filter((w) => w.conf >= 0).map((w) => w.conf);
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  const boxes = words.map((w) => ({ text: w.text, x0: w.left, x1: w.left + w.width, y: w.top + w.height, height: w.height, conf: w.conf }));
  return { lines: out, confidence: confs.length ? Math.round(confs.reduce((a, b) => a + b, 0) / confs.length * 10) / 10 : null, chars, words: boxes };
}

/** Cells read again one by one when the stacked reading dropped them: a bound on extra tesseract calls per page. */
const DIGIT_RETRIES = 12;

export interface Band { x0: number; x1: number; y0: number; y1: number }

/**
 * The cell part of each numeric table row (three or more numbers): from the first number that starts a cell (a gap
 * of a character's height or more before it, so digits glued to the label stay with it), stepping left over a stray
 * one- or two-character cell (a digit chi_sim read as 吕), to the row's right end.
 */
export function numericBands(words: Word[], pad: number): Band[] {
  const bands: Band[] = [];
  const gapBefore = (ws: Word[], i: number) => (i === 0 ? Infinity : ws[i]!.left - (ws[i - 1]!.left + ws[i - 1]!.width));
  for (const r of visualRows(words)) {
    // ...and not a label's ordinal (3 .危及…, 1 .信访…): a number set close before text that is no number.
    const startsCells = (i: number) => i === r.ws.length - 1 || gapBefore(r.ws, i + 1) > r.h || /^\d/.test(r.ws[i + 1]!.text);
    let start = r.ws.findIndex((w, i) => /^\d+$/.test(w.text) && gapBefore(r.ws, i) > r.h && startsCells(i));
    if (start < 0) continue;
    while (start > 0 && r.ws[start - 1]!.text.length <= 2 && gapBefore(r.ws, start) > r.h && gapBefore(r.ws, start - 1) > r.h) start--;
    const cells = r.ws.slice(start);
    if (cells.filter((w) => /^\d+$/.test(w.text)).length < 3) continue;
    bands.push({
      x0: Math.max(0, cells[0]!.left - pad), x1: Math.max(...cells.map((w) => w.left + w.width)) + pad,
      y0: Math.max(0, Math.min(...cells.map((w) => w.top)) - pad), y1: Math.max(...cells.map((w) => w.top + w.height)) + pad,
    });
  }
  return bands;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? 0; };

/** The usual column range of a table's numeric rows (median left and right edges of their bands). */
export function standardRange(bands: Band[]): { x0: number; x1: number } | null {
  if (bands.length < 2) return null;
  return { x0: median(bands.map((b) => b.x0)), x1: median(bands.map((b) => b.x1)) };
}

/**
 * Rows of the same table whose cells the first reading garbled (chi_sim reads a column of 0s and 1s as 有, 者, |):
 * the numeric columns of a standard table span the same x-range in every row, so a visual row between the table's
 * numeric rows (or one row pitch below the last, where 表三 ends on 结转下年度) that has words in that range gets
 * a band over that range. The caller keeps such a band only when its
 * ink splits into as many cells as the table's numeric rows have.
 */
export function siblingBands(words: Word[], bands: Band[], pad: number): Band[] {
  if (bands.length < 2) return [];
  const { x0, x1 } = standardRange(bands)!;
  const h = median(bands.map((b) => b.y1 - b.y0));
  const sorted = [...bands].sort((a, b) => a.y0 - b.y0);
  const pitch = median(sorted.slice(1).map((b, i) => b.y0 - sorted[i]!.y0));
  const top = sorted[0]!.y0, bottom = sorted[sorted.length - 1]!.y1 + Math.min(pitch, 3 * h);
  const out: Band[] = [];
  for (const r of visualRows(words)) {
    if (r.mid < top || r.mid > bottom) continue;
    if (bands.some((b) => r.mid >= b.y0 && r.mid < b.y1)) continue;
    // Words in the range (a label's last glyph may be glued to a misread first cell: the ink count decides).
    if (!r.ws.some((w) => w.left + w.width > x0 + 2 * pad && w.left < x1)) continue;
    const y0 = Math.max(0, Math.round(r.mid - h / 2)), y1 = Math.round(r.mid + h / 2);
    if (out.some((b) => y0 < b.y1 && b.y0 < y1)) continue;
    out.push({ x0, x1, y0, y1 });
  }
  return out;
}

/**
 * A band moved up or down onto the ink of its cells: a row whose label is set over two lines has its words' centre
 * between the lines, while its cells sit where they sit. Within half a band height either way, the run of inked
 * pixel rows (over the band's x-range) nearest the band's centre becomes the band, padded; no ink leaves it as it was.
 */
export function inkCentred(img: Gray, b: Band, pad: number): Band {
  const h = b.y1 - b.y0;
  const lo = Math.max(0, b.y0 - Math.round(h / 2)), hi = Math.min(img.height, b.y1 + Math.round(h / 2));
  const runs: [number, number][] = [];
  for (let y = lo; y < hi; y++) {
    let ink = false;
    for (let x = b.x0; x < Math.min(b.x1, img.width) && !ink; x++) if (img.data[y * img.width + x]! < 128) ink = true;
    if (!ink) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === y - 1) last[1] = y; else runs.push([y, y]);
  }
  if (!runs.length) return b;
  const mid = (b.y0 + b.y1) / 2;
  const [r0, r1] = runs.sort((p, q) => Math.abs((p[0] + p[1]) / 2 - mid) - Math.abs((q[0] + q[1]) / 2 - mid))[0]!;
  return { ...b, y0: Math.max(0, r0 - pad), y1: Math.min(img.height, r1 + 1 + pad) };
}

/**
 * The cells of a band, found from the ink: columns of the band image with a dark pixel, grouped where the white
 * between them is narrower than `minGap` (the gap between digits of one number is far narrower than between cells).
 * This finds a cell the first reading missed altogether (a lone 7 or 1).
 */
export function cellsOfBand(img: Gray, b: Band, minGap: number): Band[] {
  const out: Band[] = [];
  let start = -1, last = -1;
  for (let x = b.x0; x <= Math.min(b.x1, img.width); x++) {
    let ink = false;
    if (x < Math.min(b.x1, img.width)) for (let y = b.y0; y < Math.min(b.y1, img.height) && !ink; y++) if (img.data[y * img.width + x]! < 128) ink = true;
    if (ink) { if (start < 0) start = x; last = x; continue; }
    if (start >= 0 && (x - last > minGap || x >= Math.min(b.x1, img.width))) {
      out.push({ x0: Math.max(0, start - 4), x1: last + 5, y0: b.y0, y1: b.y1 });
      start = -1;
    }
  }
  return out;
}

/**
 * The cells of a band cut by a table's columns (`cols`: each column's centre, from the rows whose ink split right):
 * each column's slot runs halfway to its neighbours; in it, the ink (grouped where the white is narrower than
 * `minGap`) nearest the column's centre is the cell. Every slot must hold ink within a quarter pitch of its centre
 * that does not run into the slot's edges, else no cells: a row with an empty cell, or text running across the
 * columns, is no row of numbers to read.
 */
export function columnCells(img: Gray, b: Band, cols: number[], pitch: number, minGap: number): Band[] {
  const n = cols.length;
  if (n < 3 || pitch <= 0) return [];
  const out: Band[] = [];
  for (let j = 0; j < n; j++) {
    const c = cols[j]!;
    const lo = j === 0 ? c - (cols[1]! - c) / 2 : (cols[j - 1]! + c) / 2;
    const hi = j === n - 1 ? c + (c - cols[j - 1]!) / 2 : (c + cols[j + 1]!) / 2;
    const blobs = cellsOfBand(img, { x0: Math.max(0, Math.round(lo)), x1: Math.round(hi), y0: b.y0, y1: b.y1 }, minGap);
    const centre = (x: Band) => (x.x0 + x.x1) / 2;
    const best = blobs.sort((p, q) => Math.abs(centre(p) - c) - Math.abs(centre(q) - c))[0];
    // Ink running into the slot's edge is no number set in the column (a heading line, a label across it).
    if (!best || Math.abs(centre(best) - c) >= pitch / 4 || best.x0 + 4 <= lo + 1 || best.x1 - 5 >= hi - 1) return [];
    out.push(best);
  }
  return out;
}

/** Cell images stacked one under another, with white between: one OCR call reads them all, a line per cell. */
export function stackBands(img: Gray, bands: Band[], gap: number): { img: Gray; offsets: number[] } {
  const width = Math.min(img.width, Math.max(...bands.map((b) => b.x1 - b.x0))) + 2 * gap;
  const offsets: number[] = [];
  let h = gap;
  for (const b of bands) { offsets.push(h); h += Math.min(img.height, b.y1) - b.y0 + gap; }
  const data = new Uint8Array(width * h).fill(255);
  bands.forEach((b, i) => {
    const w = Math.min(b.x1, img.width) - b.x0;
    for (let y = b.y0; y < Math.min(img.height, b.y1); y++) {
      const from = y * img.width + b.x0;
      data.set(img.data.subarray(from, from + w), (offsets[i]! + y - b.y0) * width + gap);
    }
  });
  return { img: { width, height: h, data }, offsets };
}

/**
 * Replace the first reading's words inside each band by the digits-only reading of its cells: one word per cell
 * (the digits read on that cell's line). A band where some cell read nothing keeps its first reading.
 */
export function cellTexts(cells: Band[], offsets: number[], digitWords: Word[]): { text: string[]; conf: number[] } {
  const text = cells.map(() => '');
  const conf = cells.map(() => 100);
  for (const w of digitWords) {
    const cy = w.top + w.height / 2;
    const i = offsets.findIndex((o, k) => cy >= o && cy < o + (cells[k]!.y1 - cells[k]!.y0));
    if (i < 0) continue;
    text[i] += w.text;
    conf[i] = Math.min(conf[i]!, w.conf);
  }
  return { text, conf };
}

/** The number of a first-reading word in a table cell: digits, or digits with one % or ， misread between them. */
export function firstReadingNumber(text: string): string | null {
  const m = /^(\d+)(?:[%，,](\d+))?$/u.exec(text);
  return m ? m[1]! + (m[2] ?? '') : null;
}

export function mergeDigitPass(words: Word[], bands: Band[], cells: Band[][], text: string[], conf: number[]): Word[] {
  const flat = cells.flat();
  const inside = (w: Word, b: Band) => { const cx = w.left + w.width / 2, cy = w.top + w.height / 2; return cx >= b.x0 && cx < b.x1 && cy >= b.y0 && cy < b.y1; };
  let k = 0;
  const replaced: Word[] = [];
  const used: boolean[] = [];
  cells.forEach((cs, bi) => {
    const idx = cs.map(() => k++);
    const ok = cs.length > 0 && idx.every((i) => /^\d+(?:\.\d+)?$/.test(text[i]!));
    used[bi] = ok;
    if (ok) idx.forEach((i) => { const c = flat[i]!; replaced.push({ key: `d${bi}`, left: c.x0, top: c.y0, width: c.x1 - c.x0, height: c.y1 - c.y0, conf: conf[i]!, text: text[i]! }); });
  });
  // A band moved onto its cells' ink may leave the first reading's words of that row just outside it: a word over
  // the band's columns that shares half its height with the band is that row's too.
  const over = (w: Word, b: Band) => { const cx = w.left + w.width / 2; return cx >= b.x0 && cx < b.x1 && Math.min(w.top + w.height, b.y1) - Math.max(w.top, b.y0) >= w.height / 2; };
  // A label word that runs into the band (事项88: the first number glued to the label) keeps only its label part.
  const kept = words.filter((w) => !bands.some((b, i) => used[i] && (inside(w, b) || over(w, b)))).map((w) => {
    const b = bands.find((x, i) => used[i] && w.left < x.x0 && w.left + w.width > x.x0 && Math.min(w.top + w.height, x.y1) - Math.max(w.top, x.y0) >= w.height / 2);
    return b ? { ...w, text: w.text.replace(/[\d%，,.:：]+$/u, '') } : w;
  }).filter((w) => w.text);
  return [...kept, ...replaced];
}

export async function ocrPdf(bytes: Uint8Array, totalPages: number, limits: OcrLimits = OCR_LIMITS, settings: OcrSettings = OCR_SETTINGS): Promise<OcrResult> {
  const started = Date.now();
  const left = () => limits.totalTimeoutMs - (Date.now() - started);
  const res: OcrResult = { lines: [], pages: [], limits_hit: [], words: [] };
  const pages = Math.min(totalPages, limits.maxPages);
  if (totalPages > pages) res.limits_hit.push(`page cap: OCR read ${pages} of ${totalPages} pages`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ogi-ocr-'));
  try {
    const pdf = path.join(dir, 'in.pdf');
    await fs.writeFile(pdf, bytes);
    for (let p = 1; p <= pages; p++) {
      const budget = Math.min(limits.pageTimeoutMs, left());
      if (budget <= 0) {
        res.limits_hit.push(`time cap: OCR stopped after ${p - 1} of ${pages} pages (${limits.totalTimeoutMs} ms per document)`);
        break;
      }
      const page: OcrPage = { page: p, confidence: null, chars: 0, error: null };
      res.pages.push(page);
      const t0 = Date.now();
      try {
        // One page at a time: a bitmap per page, removed before the next.
        const base = path.join(dir, `p${p}`);
        // Every page is rendered at limits.dpi whatever the scan's own resolution: tesseract reads small print
        // better upsampled, and the rule and skew measures below are in pixels at that resolution.
        await run('pdftoppm', ['-r', String(limits.dpi), '-gray', '-singlefile', '-f', String(p), '-l', String(p), pdf, base], limits, budget);
        const img = `${base}.pgm`;
        const size = (await fs.stat(img)).size;
        if (size > limits.maxImageBytes) throw new Error(`page image is ${size} bytes, over the ${limits.maxImageBytes} cap`);
        let g: Gray | null = null;
        if (settings.deskew || settings.removeRules || settings.digitPass) {
          g = parsePgm(await fs.readFile(img));
          if (settings.deskew) {
            const skew = skewAngle(g);
            page.skew_deg = skew;
            if (Math.abs(skew) >= settings.minSkewDeg) g = rotate(g, skew);
          }
          // A rule is longer than 0.4 inch; a character stroke at report type sizes is far shorter.
          if (settings.removeRules) g = removeRules(g, Math.round(limits.dpi * 0.4));
          await fs.writeFile(img, writePgm(g));
        }
        // tessedit_do_invert=0: no second reading of every line as white on black (a printed report has none), about
        // a fifth of the recognition time.
        const tsv = await run('tesseract', [img, '-', '-l', settings.lang, '--psm', String(settings.psm), '--dpi', String(limits.dpi), '-c', 'tessedit_do_invert=0', 'tsv'], limits, budget - (Date.now() - t0));
        let words = tsvWords(tsv);
        if (settings.digitPass && g) {
          // The second reading only improves the first: when it fails, the first reading stands and the page says so.
          try {
            const pad = Math.round(limits.dpi / 30);
            const found = numericBands(words, pad);
            const cellsOf = (b: Band) => cellsOfBand(g!, b, Math.round(limits.dpi / 12));
            const foundCells = found.map(cellsOf);
            // The modal number of cells of the numeric rows: a garbled sibling row counts only when it has as many.
            const counts = new Map<number, number>();
            for (const c of foundCells) counts.set(c.length, (counts.get(c.length) ?? 0) + 1);
            const modal = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
            // ...and only when its cells stand in the table's columns (median centre of each column over the numeric
            // rows, within a quarter of the column pitch): a heading below the table can split into as many blobs.
            const cols = Array.from({ length: modal }, (_, j) => median(foundCells.filter((c) => c.length === modal).map((c) => (c[j]!.x0 + c[j]!.x1) / 2)));
            const colPitch = modal > 1 ? (cols[modal - 1]! - cols[0]!) / (modal - 1) : 0;
            const aligned = (c: Band[]) => modal >= 3 && c.length === modal && c.every((b, j) => Math.abs((b.x0 + b.x1) / 2 - cols[j]!) < colPitch / 4);
            // A row whose ink does not split into the table's cells (a label set close to its first number, 事项88,
            // or a wide one-line label reaching into the first column) is cut by the table's own columns instead.
            const bySlots = (b: Band) => columnCells(g!, b, cols, colPitch, Math.round(limits.dpi / 16));
            // Rows found this way extend the table in turn (a last row one pitch below a garbled one), a few rounds.
            const extra: { b: Band; c: Band[] }[] = [];
            for (let round = 0; round < 4; round++) {
              const taken = [...found, ...extra.map((e) => e.b)];
              const more = siblingBands(words, taken, pad).map((b) => inkCentred(g!, b, pad));
              // Moved onto the ink of a row that has its band already, it is that row again.
              const fresh = more.filter((b) => !taken.some((o) => Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0) > (b.y1 - b.y0) / 2) && taken.push(b))
                .map((b) => {
                  const c = cellsOf(b);
                  if (aligned(c)) return { b, c };
                  const s = bySlots(b);
                  return { b: s.length ? { ...b, x0: Math.min(b.x0, s[0]!.x0), x1: Math.max(b.x1, s[s.length - 1]!.x1) } : b, c: s };
                }).filter((e) => e.c.length > 0);
              if (!fresh.length) break;
              extra.push(...fresh);
            }
            // A numeric row whose first cell was glued to its label (出具0) starts a cell late: over the table's
            // usual column range it splits into the usual number of cells.
            const std = standardRange(found);
            let uncut: number[] = [];
            found.forEach((b, i) => {
              if (modal < 3 || foundCells[i]!.length === modal || !std) return;
              // A row with more cells than the table's is another table's (表四's 15 numbers): the tables of a page
              // end at the same right edge, so its last cell, when the first reading missed it, is found up to there.
              if (foundCells[i]!.length > modal) {
                // One or two blobs left of the table's columns are the row's label read as digits (its ordinal, a
                // garbled word): the row's cells are those in the columns.
                const left = foundCells[i]!.filter((c) => c.x1 <= std.x0).length;
                if (left >= 1 && left <= 2) {
                  const narrow = { ...b, x0: std.x0 };
                  const c = cellsOf(narrow);
                  if (aligned(c)) { found[i] = narrow; foundCells[i] = c; return; }
                }
                if (b.x1 < std.x1) { found[i] = { ...b, x1: std.x1 }; foundCells[i] = cellsOf(found[i]!); }
                return;
              }
              const wide = { x0: Math.min(b.x0, std.x0), x1: Math.max(b.x1, std.x1), y0: b.y0, y1: b.y1 };
              const c = cellsOf(wide);
              if (aligned(c)) { found[i] = wide; foundCells[i] = c; return; }
              uncut.push(i);
            });
            // The rest are cut by the columns, but only inside the table (between its rows that split right, or a
            // little below the last), not in another table of the page with fewer columns; a row cut so extends
            // the table for the next, a few rounds.
            for (let round = 0; round < 4 && uncut.length; round++) {
              const rows = [...foundCells.map((fc, k) => (aligned(fc) ? found[k]! : null)), ...extra.map((e) => e.b)].filter((x): x is Band => x !== null);
              if (rows.length < 2) break;
              const top = Math.min(...rows.map((r) => r.y0)), bottom = Math.max(...rows.map((r) => r.y1));
              const cut = uncut.filter((i) => {
                const b = found[i]!;
                if (b.y0 < top || b.y1 > bottom + (b.y1 - b.y0) * 2) return false;
                const wide = { x0: Math.min(b.x0, std!.x0), x1: Math.max(b.x1, std!.x1), y0: b.y0, y1: b.y1 };
                const s = bySlots(wide);
                if (!s.length) return false;
                found[i] = { ...wide, x0: Math.min(wide.x0, s[0]!.x0), x1: Math.max(wide.x1, s[s.length - 1]!.x1) };
                foundCells[i] = s;
                return true;
              });
              if (!cut.length) break;
              uncut = uncut.filter((i) => !cut.includes(i));
            }
            const bands = [...found, ...extra.map((e) => e.b)];
            const cells = [...foundCells, ...extra.map((e) => e.c)];
            if (cells.some((c) => c.length)) {
              const stacked = stackBands(g, cells.flat(), pad * 2);
              const dimg = `${base}-digits.pgm`;
              await fs.writeFile(dimg, writePgm(stacked.img));
              const dtsv = await run('tesseract', [dimg, '-', '-l', 'eng', '--psm', '6', '--dpi', String(limits.dpi), '-c', 'tessedit_char_whitelist=0123456789.', 'tsv'], limits, budget - (Date.now() - t0));
              const flat = cells.flat();
              const read = cellTexts(flat, stacked.offsets, tsvWords(dtsv));
              // Confidence 0 is tesseract rejecting its own reading (on the tuning scans every such cell was a misread:
              // 11 as 1, 53 as 3, 9 as 7): such a cell counts as not read.
              flat.forEach((_, i) => { if (read.conf[i] === 0) read.text[i] = ''; });
              // A dot after the digits is a speck read at the cell's edge (27.), not a decimal point.
              flat.forEach((_, i) => { read.text[i] = read.text[i]!.replace(/^(\d+)\.$/, '$1'); });
              // A lone digit in a line of its own is sometimes dropped: such a cell is read again as one character.
              // Only in a band where other cells did read: a band that read nothing at all is no numeric row, and each
              // retry is a tesseract start.
              const bandOf = cells.flatMap((cs, bi) => cs.map(() => bi));
              const readIn = new Set(flat.map((_, i) => i).filter((i) => read.text[i]).map((i) => bandOf[i]));
              const empty = flat.map((_, i) => i).filter((i) => !read.text[i] && readIn.has(bandOf[i])).slice(0, DIGIT_RETRIES);
              // As one character (psm 10) first, then as one word (psm 8): each reads lone digits the other drops (a
              // lone 9 or 1 read as nothing by psm 10, a 71 or a 0 by psm 8). All the page's dropped cells go to one
              // tesseract process per mode, as a list of images (a process start costs more than reading a cell).
              let todo = empty;
              for (const psm of ['10', '8']) {
                if (!todo.length) break;
                const list = `${base}-cells.txt`;
                const files = todo.map((_, j) => `${base}-cell${j}.pgm`);
                for (const [j, i] of todo.entries()) await fs.writeFile(files[j]!, writePgm(stackBands(g, [flat[i]!], pad * 2).img));
                await fs.writeFile(list, files.join('\n') + '\n');
                const tsv1 = await run('tesseract', [list, '-', '-l', 'eng', '--psm', psm, '--dpi', String(limits.dpi), '-c', 'tessedit_char_whitelist=0123456789', 'tsv'], limits, budget - (Date.now() - t0));
                await Promise.all([list, ...files].map((f) => fs.rm(f, { force: true })));
                const byImage = tsvWordsByPage(tsv1);
                todo = todo.filter((i, j) => {
                  const w1 = byImage.get(j + 1) ?? [];
                  if (!w1.length || w1.some((w) => w.conf <= 0)) return true;
                  read.text[i] = w1.map((w) => w.text).join('');
                  read.conf[i] = Math.min(...w1.map((w) => w.conf));
                  return false;
                });
              }
              await fs.rm(dimg, { force: true });
              // A cell the digit pass could not read at all takes the first reading's number in it, when that reading
              // set one number there (a % or ， chi_sim put between its digits taken out: 9%0 is 90); the table
              // readers' sums still check it.
              for (const [i, c] of flat.entries()) {
                if (read.text[i] || !readIn.has(bandOf[i])) continue;
                const inCell = words.filter((w) => { const cx = w.left + w.width / 2, cy = w.top + w.height / 2; return cx >= c.x0 && cx < c.x1 && w.width <= (c.x1 - c.x0) * 1.5 && Math.min(w.top + w.height, c.y1) - Math.max(w.top, c.y0) >= w.height / 2 && cy > 0; });
                const t = inCell.length === 1 ? firstReadingNumber(inCell[0]!.text) : null;
                if (t !== null && inCell[0]!.conf > 0) { read.text[i] = t; read.conf[i] = inCell[0]!.conf; }
              }
              words = mergeDigitPass(words, bands, cells, read.text, read.conf);
            }
          } catch (err) {
            page.error = `digit pass skipped: ${(err as Error).message}`;
            if (/time cap/.test(page.error)) res.limits_hit.push(`time cap: page ${p}: ${page.error}`);
          }
        }
        await fs.rm(img, { force: true });
        const t = wordsToLines(words);
        page.confidence = t.confidence;
        page.chars = t.chars;
        const k = 72 / limits.dpi;
        for (const w of t.words) res.words.push({ text: w.text, x0: w.x0 * k, x1: w.x1 * k, y: w.y * k, height: w.height * k, page: p, conf: w.conf });
        res.lines.push(...t.lines);
      } catch (err) {
        page.error = (err as Error).message;
        if (/time cap/.test(page.error)) res.limits_hit.push(`time cap: page ${p}: ${page.error}`);
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  return res;
}
