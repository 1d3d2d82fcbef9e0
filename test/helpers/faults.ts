// Shared parts of the fault tests: real `ogi` child processes, bounded waits, and what a finished run left on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './tmp.ts';

export interface OgiChild {
  child: ChildProcess;
  pid: number;
  /** stdout and stderr so far (for failure messages). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();

/**
 * How long a test waits for `ogi` processes to start and attach. Only a bound against a hang: a loaded 2-core
 * machine (two suites side by side) takes tens of seconds to start each TypeScript process.
 */
export const ATTACH_MS = 240_000;

/** `node bin/ogi.mjs <args>` with the given env on top of ours; every child is tracked for killAllChildren(). */
export function spawnOgi(args: string[], env: NodeJS.ProcessEnv): OgiChild {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'ogi.mjs'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (b) => (out = (out + b).slice(-20_000)));
  child.stderr!.on('data', (b) => (out = (out + b).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, pid: child.pid!, output: () => out, exited };
}

/** Runs `ogi <args>` to the end (bounded) and returns exit code and output. */
export async function runOgi(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'ogi.mjs'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b) => (stdout += b));
  child.stderr!.on('data', (b) => (stderr += b));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c, sig) => resolve(c ?? (sig ? -1 : null))));
  clearTimeout(timer);
  children.delete(child);
  return { code, stdout, stderr };
}

/** Workers started by `ogi worker` with short lock/stall timings, so a killed worker's jobs come back in seconds. */
export function spawnWorker(queues: string, env: NodeJS.ProcessEnv, extra: string[] = []): OgiChild {
  return spawnOgi(['worker', '--queues', queues, ...extra], { OGI_LOCK_DURATION_MS: '2000', OGI_STALLED_INTERVAL_MS: '1000', ...env });
}

/** SIGKILL every child still alive and wait for them; for after() hooks, so a failed test leaves nothing running. */
export async function killAllChildren(): Promise<void> {
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}

/** Polls `cond` until it is truthy or `timeoutMs` passes; then throws with `what`. */
export async function waitUntil<T>(what: string, cond: () => Promise<T> | T, timeoutMs = 60_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Rejects after `ms` with a message naming `what`, so no test waits forever on a run that never ends. */
export function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** The rows of a snapshot's reports.jsonl. */
export async function snapshotRows(snapDir: string): Promise<Array<{ url: string; report_id: string; is_report: boolean }>> {
  return (await readFile(path.join(snapDir, 'reports.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** report_id → number of stored versions, straight from the record store's directories. */
export async function recordVersions(dataDir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const root = path.join(dataDir, 'records');
  for (const shard of await readdir(root).catch(() => [] as string[])) {
    if (shard.startsWith('.')) continue;
    for (const id of await readdir(path.join(root, shard))) {
      out.set(id, (await readdir(path.join(root, shard, id))).filter((f) => /^v\d+\.json$/.test(f)).length);
    }
  }
  return out;
}

/** Asserts-free comparison: what is missing, extra or repeated in `got` against `want`. */
export function diffUrls(want: string[], got: string[]): { missing: string[]; extra: string[]; repeated: string[] } {
  const w = new Set(want);
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const u of got) {
    if (seen.has(u)) repeated.push(u);
    seen.add(u);
  }
  return { missing: want.filter((u) => !seen.has(u)), extra: [...seen].filter((u) => !w.has(u)), repeated };
}
