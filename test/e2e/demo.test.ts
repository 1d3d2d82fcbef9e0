// The README's main job, as a user runs it: `ogi demo` in a child process, with REDIS_URL unset so the
// embedded Redis is started and stopped by the command itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, tmpDir } from '../helpers/tmp.ts';
import { expectedUrls } from '../helpers/replica.ts';
import { checkReadmeAnswers } from '../helpers/readme-answers.ts';
import { ping } from '../../queues/redis-server.ts';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'ogi.mjs'), ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('ogi demo crawls the replica with an embedded Redis and ends with a snapshot of every report and no look-alike', async () => {
  const dataDir = await tmpDir('ogi-demo-');
  const env = { ...process.env };
  delete env.REDIS_URL;
  const res = await run(['demo', '--data-dir', dataDir, '--port', '0'], env);
  assert.equal(res.code, 0, `exit ${res.code}\nstdout:\n${res.stdout}\nstderr:\n${res.stderr}`);
  const baseUrl = res.stderr.match(/replica portals served at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  assert.ok(baseUrl, res.stderr);
  const snapDir = res.stdout.match(/files:\s+(\S+?)\/? \(/)?.[1];
  assert.ok(snapDir && existsSync(path.join(snapDir, 'reports.jsonl')), res.stdout);
  for (const f of ['reports.csv', 'reports.parquet', 'manifest.json']) assert.ok(existsSync(path.join(snapDir, f)), f);

  const urls = (await readFile(path.join(snapDir, 'reports.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l).url as string);
  const { reports, notReports } = expectedUrls(baseUrl);
  assert.deepEqual([...urls].sort(), [...reports].sort());
  for (const u of urls) assert.ok(!notReports.has(u));

  // The README's analysis snippets give the right answers, copies counted once; every field is documented.
  await checkReadmeAnswers(snapDir);

  // The embedded server was this command's: it is gone, and its AOF stayed under <data-dir>/redis.
  assert.ok(existsSync(path.join(dataDir, 'redis')));
  assert.equal(existsSync(path.join(dataDir, 'redis', 'server.json')), false);
  const url = res.stderr.match(/redis:\/\/127\.0\.0\.1:\d+/)?.[0];
  if (url) assert.equal(await ping(url), false);
});
