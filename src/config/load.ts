import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { PortalsFile, type Portal } from '../schema/config.ts';
import { UsageError } from '../errors.ts';
import { patternProblem } from './patterns.ts';
import { regionProblems } from './regions.ts';

/** `host:port` when the URL names a port, else `host`: the same form `allowed_hosts` takes. */
export function hostOf(url: string): string {
  const u = new URL(url);
  return u.port ? `${u.hostname}:${u.port}`.toLowerCase() : u.hostname.toLowerCase();
}

/** The hosts a portal's crawl may touch: its `allowed_hosts`, else the hosts of its start URLs. */
export function allowedHosts(portal: Portal): string[] {
  return portal.allowed_hosts?.map((h) => h.toLowerCase()) ?? [...new Set(portal.start_urls.map(hostOf))];
}

/** The User-Agent every request of ours sends: the configured one, with the contact URL added when it lacks it. */
export function userAgentOf(settings: Pick<PortalsFile, 'user_agent' | 'contact_url'>): string {
  return settings.contact_url && !settings.user_agent.includes(settings.contact_url) ? `${settings.user_agent} (+${settings.contact_url})` : settings.user_agent;
}

function describePath(raw: unknown, path: PropertyKey[]): string {
  if (path[0] === 'portals' && typeof path[1] === 'number') {
    const entry = (raw as { portals?: Array<{ id?: unknown }> })?.portals?.[path[1]];
    const id = typeof entry?.id === 'string' ? `"${entry.id}"` : `#${path[1] + 1}`;
    const field = path.slice(2).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return `portal ${id}${field ? `, field ${field}` : ''}`;
  }
  return path.length ? `field ${path.map(String).join('.')}` : 'top level';
}

/** Checks zod cannot express per field: unique ids, start URLs inside allowed_hosts, valid and safe regexes, region codes. */
function crossChecks(file: PortalsFile): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  file.portals.forEach((p, i) => {
    if (seen.has(p.id)) problems.push(`portal "${p.id}", field id: duplicate id (also portal #${seen.get(p.id)! + 1})`);
    seen.set(p.id, i);
    const hosts = allowedHosts(p);
    p.start_urls.forEach((u, j) => {
      if (!hosts.includes(hostOf(u))) problems.push(`portal "${p.id}", field start_urls[${j}]: host ${hostOf(u)} is not in allowed_hosts (${hosts.join(', ')})`);
    });
    for (const key of ['list_patterns', 'report_patterns'] as const) {
      p[key]?.forEach((re, j) => {
        const problem = patternProblem(re);
        if (problem) problems.push(`portal "${p.id}", field ${key}[${j}]: ${problem}`);
      });
    }
    problems.push(...regionProblems(p));
    if (p.years?.from && p.years?.to && p.years.from > p.years.to) problems.push(`portal "${p.id}", field years: from ${p.years.from} is after to ${p.years.to}`);
  });
  return problems;
}

/** Parses and validates portals YAML text; every problem names the file, the portal and the field. */
export function parsePortalsFile(text: string, fileName: string): PortalsFile {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new UsageError(`${fileName}: invalid YAML:\n${doc.errors.map((e) => `  ${e.message.split('\n')[0]}`).join('\n')}`);
  }
  const raw = doc.toJS();
  const result = PortalsFile.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((iss) => `  ${describePath(raw, iss.path)}: ${iss.message}`);
    throw new UsageError(`${fileName}: invalid portals config:\n${lines.join('\n')}`);
  }
  const problems = crossChecks(result.data);
  if (problems.length) throw new UsageError(`${fileName}: invalid portals config:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return result.data;
}

/** The text of a portals file, or a UsageError that names it. */
export async function readPortalsText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read portals config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export async function loadPortalsFile(file: string): Promise<PortalsFile> {
  return parsePortalsFile(await readPortalsText(file), file);
}

/** JSON Schema for editors, generated from the same zod schema the loader validates with. */
export function portalsJsonSchema(): unknown {
  return z.toJSONSchema(PortalsFile, { io: 'input' });
}
