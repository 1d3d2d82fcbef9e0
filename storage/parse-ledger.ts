import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listDir } from './fs-errors.ts';
import { ParseJob } from '../src/schema/queue.ts';

/**
 * Two append-only ledgers per run, so a document that reached the archive can never vanish between the crawl and the
 * snapshot, whatever Redis lost:
 * - `runs/<run>/emitted/<portal>.jsonl`: every parse payload a crawl job handed to the queue (one writer per portal);
 * - `runs/<run>/parsed.jsonl`: the doc_sha256 of every document the parser finished (stored or rejected).
 * Every snapshot job parses whatever any run emitted and nobody parsed, when its parse job is gone from Redis, and lists
 * it in `runs/<run>/reconciled.jsonl` of the run that emitted it. A run with nothing left to check gets a `settled`
 * marker, so later snapshots skip it.
 */
const runDir = (dataDir: string, runId: string) => path.join(dataDir, 'runs', runId);

async function appendLine(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // One short line per append: O_APPEND keeps concurrent writers' lines whole.
  await appendFile(file, `${JSON.stringify(value)}\n`);
}

/** Lines of a JSON Lines file; a torn last line (a killed writer) is skipped, any other bad line is an error. */
async function readLines(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  const lines = text.split('\n');
  const out: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    try {
      out.push(JSON.parse(lines[i]!));
    } catch {
      if (i === lines.length - 1) continue; // torn last line: its document is still emitted again or reconciled
      throw new Error(`${file}: line ${i + 1} is not JSON`);
    }
  }
  return out;
}

export async function recordEmitted(dataDir: string, runId: string, payload: ParseJob): Promise<void> {
  await appendLine(path.join(runDir(dataDir, runId), 'emitted', `${payload.portal_id}.jsonl`), payload);
}

export async function readEmitted(dataDir: string, runId: string): Promise<ParseJob[]> {
  const dir = path.join(runDir(dataDir, runId), 'emitted');
  const out: ParseJob[] = [];
  for (const name of (await listDir('list emitted documents in', dir)).filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = path.join(dir, name);
    for (const [i, line] of (await readLines(file)).entries()) {
      const p = ParseJob.safeParse(line);
      if (!p.success) throw new Error(`${file}: entry ${i + 1} is not a parse payload: ${p.error.issues[0]?.message}`);
      out.push(p.data);
    }
  }
  return out;
}

export async function recordParsed(dataDir: string, runId: string, docSha256: string, outcome: string): Promise<void> {
  await appendLine(path.join(runDir(dataDir, runId), 'parsed.jsonl'), { doc_sha256: docSha256, outcome });
}

export async function readParsed(dataDir: string, runId: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const line of await readLines(path.join(runDir(dataDir, runId), 'parsed.jsonl'))) {
    const sha = (line as { doc_sha256?: unknown }).doc_sha256;
    if (typeof sha === 'string') out.add(sha);
  }
  return out;
}

export interface Reconciled { url: string; portal_id: string; doc_sha256: string; why: string; outcome: string }

export async function recordReconciled(dataDir: string, runId: string, entry: Reconciled): Promise<void> {
  await appendLine(path.join(runDir(dataDir, runId), 'reconciled.jsonl'), entry);
}

export async function readReconciled(dataDir: string, runId: string): Promise<Reconciled[]> {
  return (await readLines(path.join(runDir(dataDir, runId), 'reconciled.jsonl'))) as Reconciled[];
}

/** Portal ids with an emitted ledger in the run (one file per portal). */
export async function emittedPortals(dataDir: string, runId: string): Promise<string[]> {
  return (await listDir('list emitted documents in', path.join(runDir(dataDir, runId), 'emitted'))).filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)).sort();
}

/** Runs that have an emitted ledger and are not settled yet, oldest first (run ids sort by time). */
export async function unsettledRuns(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await listDir('list runs in', path.join(dataDir, 'runs'))).sort()) {
    const dir = path.join(dataDir, 'runs', name);
    const has = async (f: string) => stat(path.join(dir, f)).then(() => true, () => false);
    if ((await has('emitted')) && !(await has('settled'))) out.push(name);
  }
  return out;
}

/** Every emitted document of the run was parsed, reconciled or failed for good: no later snapshot needs to look again. */
export async function markSettled(dataDir: string, runId: string, counts: Record<string, number>): Promise<void> {
  await writeFile(path.join(runDir(dataDir, runId), 'settled'), `${JSON.stringify({ settled_at: new Date().toISOString(), ...counts })}\n`);
}
