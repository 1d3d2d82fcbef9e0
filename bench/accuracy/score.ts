// Runs the parser over labelled items the way `ogi parse FILE --json` does, and scores each field.
import fs from 'node:fs';
import { extractBytes } from '../../src/extract/index.ts';
import { parseReport } from '../../src/report/index.ts';
import type { ReportRecord } from '../../src/schema/record.ts';
import type { Labelled } from './sets.ts';

export interface Ratio { ok: number; n: number }
export interface PartScore {
  files: number;
  tp: number; fp: number; fn: number; tn: number;
  year: Ratio; agency: Ratio; format: Ratio; formatAll: Ratio; fields: Ratio;
  misses: string[];
}

/** Format is scored where the text shows the table labels or the report predates the 2019 format (else `unknown` is right). */
const FORMAT_LABELS = /本年制发件数|本年新制作数量|本年新公开数量|对外公开总数量|现行有效件/;

function getField(rec: ReportRecord, key: string): number | null | undefined {
  const parts = key.split('.');
  if (parts[0] === 'figures') return rec.figures[parts[1]!]?.value;
  let cur: unknown = rec;
  for (const p of parts) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur as number | null | undefined;
}

export async function parseItem(it: Labelled): Promise<ReportRecord> {
  if (/\.(?:pdf|docx?)$/i.test(it.path)) {
    const x = await extractBytes(fs.readFileSync(it.path), { filename: it.path.split('/').pop()! });
    return parseReport({ ...x, url: null });
  }
  return parseReport({ text: fs.readFileSync(it.path, 'utf8'), kind: 'txt', url: null });
}

export const emptyScore = (): PartScore => ({
  files: 0, tp: 0, fp: 0, fn: 0, tn: 0,
  year: { ok: 0, n: 0 }, agency: { ok: 0, n: 0 }, format: { ok: 0, n: 0 }, formatAll: { ok: 0, n: 0 }, fields: { ok: 0, n: 0 }, misses: [],
});

export function scoreItem(s: PartScore, it: Labelled, rec: ReportRecord, text: string): void {
  s.files++;
  const tag = `${it.set}/${it.id}`;
  const expected = it.kind === 'report';
  if (expected && rec.is_report) s.tp++;
  else if (!expected && rec.is_report) { s.fp++; s.misses.push(`${tag}: is_report true for a look-alike (title ${JSON.stringify(rec.title)})`); }
  else if (expected) { s.fn++; s.misses.push(`${tag}: is_report false (${rec.not_report_reason})`); }
  else s.tn++;
  if (!expected) return;
  const count = (r: Ratio, ok: boolean, what: string) => { r.n++; if (ok) r.ok++; else s.misses.push(`${tag}: ${what}`); };
  count(s.year, rec.year === it.year, `year ${rec.year} ≠ ${it.year}`);
  // Containing the label is enough (an office's name contains its government's), but not with a field label or table
  // bars left on it (“称:楚雄市…”, “标题|万年县”).
  if (it.agency) count(s.agency, typeof rec.agency === 'string' && rec.agency.includes(it.agency) && !/[|｜:：]/.test(rec.agency), `agency ${JSON.stringify(rec.agency)} does not contain ${it.agency}, or carries label residue`);
  if (it.format) {
    const applies = FORMAT_LABELS.test(text.replace(/\s+/g, '')) || (it.year !== undefined && it.year <= 2018);
    s.formatAll.n++; if (rec.format === it.format) s.formatAll.ok++;
    if (applies) count(s.format, rec.format === it.format, `format ${rec.format} ≠ ${it.format}`);
  }
  for (const [k, v] of Object.entries(it.fields ?? {})) count(s.fields, getField(rec, k) === v, `${k} ${getField(rec, k) ?? null} ≠ ${v}`);
}

export const ratio = (r: Ratio) => (r.n ? r.ok / r.n : 1);
export const precision = (s: PartScore) => (s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1);
export const recall = (s: PartScore) => (s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1);

export interface Evaluation { parts: Record<string, PartScore>; batches: Record<string, PartScore> }

/** Scores each part, and each collection batch of the held-out part on its own (`held-out#2`, …). */
export async function evaluate(items: Labelled[]): Promise<Evaluation> {
  const parts: Record<string, PartScore> = {};
  const batches: Record<string, PartScore> = {};
  for (const it of items) {
    const rec = await parseItem(it);
    scoreItem((parts[it.part] ??= emptyScore()), it, rec, rec.text);
    if (it.part === 'held-out') scoreItem((batches[`held-out#${it.batch ?? 1}`] ??= emptyScore()), it, rec, rec.text);
  }
  return { parts, batches };
}

export function summaryLine(name: string, s: PartScore): string {
  const f = (x: number) => x.toFixed(3);
  return `${name.padEnd(11)} n=${String(s.files).padStart(3)} report P=${f(precision(s))} R=${f(recall(s))} year=${f(ratio(s.year))} agency=${f(ratio(s.agency))} format=${f(ratio(s.format))} numbers=${f(ratio(s.fields))}`;
}
