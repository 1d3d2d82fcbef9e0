import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';

// What a crawl of each replica portal must produce: hand-written data (never derived from the crawler).
const EXPECTED_FILE = path.resolve(import.meta.dirname, '..', 'fixtures', 'portals', 'expected.json');

export interface ReplicaExpectation {
  status: 'ok' | 'blocked';
  /** Paths of documents the crawl must emit. `__HOST__` stands for the server's host:port. */
  reports: string[];
  /** Paths of look-alikes, twins, mirrors and forbidden pages that must never be emitted. */
  not_reports: string[];
  not_found?: string[];
  robots_disallowed?: string[];
  notes: string;
}

export function replicaExpected(): Record<string, ReplicaExpectation> {
  return (JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as { portals: Record<string, ReplicaExpectation> }).portals;
}

/** Absolute URLs a crawl of the replica must produce as reports, and those it must never produce. */
export function expectedUrls(baseUrl: string, portalIds?: string[]): { reports: Set<string>; notReports: Set<string> } {
  const host = new URL(baseUrl).host;
  const abs = (p: string) => new URL(p.replace(/__HOST__/g, host), baseUrl).toString();
  const reports = new Set<string>();
  const notReports = new Set<string>();
  for (const [id, e] of Object.entries(replicaExpected())) {
    if (portalIds && !portalIds.includes(id)) continue;
    e.reports.forEach((p) => reports.add(abs(p)));
    e.not_reports.forEach((p) => notReports.add(abs(p)));
  }
  return { reports, notReports };
}

/** Writes the replica's portals file into dir and returns its path. */
export async function writeReplicaConfig(dir: string, baseUrl: string): Promise<string> {
  const file = path.join(dir, 'portals.yaml');
  await writeFile(file, stringify(replicaPortalsFile(baseUrl)));
  return file;
}
