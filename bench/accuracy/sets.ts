// Labelled real material for the accuracy harness, and its deterministic split into a tuning part and a check part.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

export interface Labelled {
  set: string;
  id: string;
  /** Absolute path of the text, PDF, DOC or DOCX. */
  path: string;
  url: string | null;
  kind: 'report' | 'lookalike';
  year?: number;
  format?: string;
  agency?: string | null;
  fields?: Record<string, number>;
  /** Collection batch of a held-out item (each batch is measured once before any parser change it could inform). */
  batch?: number;
  part: 'tuning' | 'check' | 'held-out';
}

function readLabels(set: string, dir: string, labels: string): Array<Omit<Labelled, 'part'>> {
  const file = path.join(dir, labels);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const r = JSON.parse(l);
    return { set, id: r.id, path: path.join(dir, r.file), url: r.url ?? null, kind: r.kind, year: r.year, format: r.format, agency: r.agency ?? null, fields: r.fields ?? {}, batch: r.batch ?? 1 };
  });
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Tuning/check split: within each stratum (kind, and the format of a report) items are ordered by the hash of their
 * id and dealt alternately, so each part gets half of every stratum and an item never changes part.
 */
export function split<T extends { id: string; kind: string; format?: string }>(items: T[]): Array<T & { part: 'tuning' | 'check' }> {
  const strata = new Map<string, T[]>();
  for (const it of items) {
    const k = it.kind === 'report' ? `report:${it.format ?? '?'}` : it.kind;
    strata.set(k, [...(strata.get(k) ?? []), it]);
  }
  const out: Array<T & { part: 'tuning' | 'check' }> = [];
  for (const list of strata.values()) {
    list.sort((a, b) => (hash(a.id) < hash(b.id) ? -1 : 1));
    list.forEach((it, i) => out.push({ ...it, part: i % 2 === 0 ? 'tuning' : 'check' }));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The development material (real excerpts and the real texts/PDFs of the other fixtures), split; the held-out set whole. */
export function loadAll(): Labelled[] {
  const dev = [
    ...readLabels('real-excerpts', path.join(FIXTURES, 'real-excerpts'), 'labels.jsonl'),
    ...readLabels('fixtures', FIXTURES, 'known-labels.jsonl'),
  ];
  const held = readLabels('real-check', path.join(FIXTURES, 'real-check'), 'labels.jsonl').map((it) => ({ ...it, part: 'held-out' as const }));
  return [...split(dev), ...held];
}
