import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface RedisHandle {
  url: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedRedisOptions {
  /** Directory for the AOF and the lock file that lets other processes of the run share the server. */
  dir: string;
  port?: number;
  appendonly?: boolean;
  /** Log lines from redis-server go here (default: dropped unless OGI_DEBUG is set). */
  log?: (line: string) => void;
  /**
   * Start the server again, on the same port and from the same AOF, when it exits without stop() being called.
   * Every process of the run holds this URL, so only the owner bringing it back lets the run finish.
   */
  restart?: boolean;
}

/** Restarts allowed per minute before the owner gives up (a server that dies at once every time is not coming back). */
const MAX_RESTARTS_PER_MINUTE = 5;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function ping(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  client.on('error', () => {}); // the failed connect is the answer here, reported through the return value
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const live = new Set<ChildProcess>();
let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: a signal to the child is.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGTERM');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, function onSignal() {
      // A command with its own handler (e.g. `ogi worker` finishing its jobs) exits in its own time,
      // and the 'exit' hook above still stops the server; otherwise stop now, as the default would.
      if (process.listeners(sig).some((l) => l !== onSignal)) return;
      for (const child of live) child.kill('SIGTERM');
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Spawns redis-server and resolves once it answers PING. */
async function spawnServer(args: string[], url: string, log: (l: string) => void): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (b: Buffer) => {
    const s = b.toString();
    output = (output + s).slice(-4000);
    for (const line of s.split('\n')) if (line.trim()) log(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    const onSpawnError = (err: Error) =>
      reject(new Error(`could not start redis-server (${err.message}); install it (Debian: apt-get install redis-server) or set REDIS_URL`));
    child.once('error', onSpawnError);
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`)));
    const started = Date.now();
    const poll = async () => {
      if (child.exitCode !== null) return;
      if (await ping(url, 300)) return resolve();
      if (Date.now() - started > 15_000) return reject(new Error(`redis-server on ${url} not ready after 15 s:\n${output}`));
      setTimeout(poll, 50);
    };
    void poll();
  });
  child.removeAllListeners('exit');
  child.removeAllListeners('error');
  live.add(child);
  installExitHooks();
  child.once('exit', () => live.delete(child));
  return child;
}

function serverArgs(dir: string, port: number, appendonly: boolean): string[] {
  return [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', path.resolve(dir),
    '--appendonly', appendonly ? 'yes' : 'no', '--save', '', '--daemonize', 'no',
    // Every acknowledged write on disk: a parse job lost to a crash after the crawler saved the page's hash
    // would cost a re-parse at the next snapshot (see queues/reconcile.ts). Redis groups the fsyncs.
    '--appendfsync', 'always',
    // BullMQ requires keys never to be evicted.
    '--maxmemory-policy', 'noeviction',
  ];
}

/** Starts a private redis-server child of this process on a free loopback port (tests and benches). */
export async function startRedisServer(opts: EmbeddedRedisOptions): Promise<RedisHandle> {
  await mkdir(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const args = serverArgs(opts.dir, port, opts.appendonly !== false);
  const log = opts.log ?? (process.env.OGI_DEBUG ? (l: string) => process.stderr.write(`[redis] ${l}\n`) : () => {});
  const url = `redis://127.0.0.1:${port}`;
  let child = await spawnServer(args, url, log);
  let stopping = false;
  const restarts: number[] = [];

  // A server that dies under a running pipeline (killed, OOM) is started again on the same port: the workers'
  // clients reconnect to the URL they know, and the AOF brings the queues back as they were.
  const supervise = (c: ChildProcess) => {
    c.once('exit', (code, signal) => {
      if (stopping || !opts.restart) return;
      const now = Date.now();
      while (restarts.length && now - restarts[0]! > 60_000) restarts.shift();
      if (restarts.length >= MAX_RESTARTS_PER_MINUTE) {
        process.stderr.write(`ogi: embedded redis-server on ${url} died ${restarts.length + 1} times in a minute; not restarting it\n`);
        return;
      }
      restarts.push(now);
      process.stderr.write(`ogi: embedded redis-server on ${url} exited (${signal ?? `code ${code}`}); restarting it from its append-only file\n`);
      const retry = (attempt: number) =>
        spawnServer(args, url, log).then(
          (next) => {
            if (stopping) return void next.kill('SIGTERM');
            child = next;
            supervise(next);
          },
          (err: Error) => {
            // The old process may still hold the port for a moment; try a few times, then say why.
            if (attempt < 10 && !stopping) return void setTimeout(() => retry(attempt + 1), 500);
            process.stderr.write(`ogi: could not restart the embedded redis-server on ${url}: ${err.message}\n`);
          },
        );
      setTimeout(() => retry(1), 200);
    });
  };
  supervise(child);

  return {
    url,
    owned: true,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface LockInfo { url: string; watchdog: number; pid: number }

const WATCHDOG = path.join(import.meta.dirname, 'redis-watchdog.mjs');
/** How long a process waits for another one that is starting the server before it tries itself. */
const START_WAIT_MS = 30_000;

// This process's registrations per clients directory: several handles in one process share one pid file.
const registered = new Map<string, number>();
let exitHookInstalled = false;

/**
 * Marks this process as a user of the embedded server of `dir` until the returned function is called or the process
 * ends (an 'exit' hook removes the file; after a kill -9 the watchdog sees the pid gone).
 */
function registerClient(dir: string): () => Promise<void> {
  const clients = path.join(dir, 'clients');
  mkdirSync(clients, { recursive: true });
  const file = path.join(clients, String(process.pid));
  const n = registered.get(file) ?? 0;
  if (n === 0) writeFileSync(file, `${process.argv.slice(1).join(' ')}\n`);
  registered.set(file, n + 1);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const f of registered.keys()) rmSync(f, { force: true });
    });
  }
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    const m = (registered.get(file) ?? 1) - 1;
    if (m > 0) return void registered.set(file, m);
    registered.delete(file);
    rmSync(file, { force: true });
  };
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Starts the watchdog that runs redis-server (queues/redis-watchdog.mjs) and waits until the server answers. */
async function startWatched(dir: string, lockFile: string): Promise<string> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const cfg = { args: serverArgs(dir, port, true), dir, lockFile, url };
  // Detached: its own session, so a Ctrl-C in this terminal or the death of this process does not take it along.
  const wd = spawn(process.execPath, [WATCHDOG, JSON.stringify(cfg)], { detached: true, stdio: 'ignore' });
  wd.unref();
  let exited: string | null = null;
  wd.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  wd.once('error', (err) => (exited = err.message));
  const logTail = async () => (await readFile(path.join(dir, 'watchdog.log'), 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
  const started = Date.now();
  for (;;) {
    if (exited !== null) throw new Error(`the embedded redis-server did not start (its watchdog exited: ${exited}):\n${await logTail()}`);
    if (await ping(url, 300)) break;
    if (Date.now() - started > 15_000) {
      wd.kill('SIGTERM');
      throw new Error(`the embedded redis-server on ${url} was not ready after 15 s:\n${await logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const tmp = `${lockFile}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ url, watchdog: wd.pid!, pid: process.pid } satisfies LockInfo));
  await rename(tmp, lockFile);
  return url;
}

/**
 * The Redis every `ogi` process of a run uses: REDIS_URL when set (nothing is started), otherwise the embedded
 * server under `<dataDir>/redis`, started by the first process and reused by later ones while it answers. The
 * server lives while any `ogi` process of the data directory uses it: `stop()` only ends this process's use, and
 * the watchdog stops the server when the last user is gone (also after a kill -9).
 */
export async function resolveRedis(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<RedisHandle> {
  if (env.REDIS_URL) {
    return { url: env.REDIS_URL, owned: false, stop: async () => {} };
  }
  const dir = path.resolve(dataDir, 'redis');
  const lockFile = path.join(dir, 'server.json');
  // Registered before looking: a watchdog that counts its clients sees this one from now on.
  const unregister = registerClient(dir);
  try {
    const deadline = Date.now() + START_WAIT_MS;
    while (Date.now() < deadline) {
      const info = await readLock(lockFile);
      if (info?.url && (await ping(info.url))) return { url: info.url, owned: false, stop: unregister };
      // One process starts the server; others wait for its lock file.
      const marker = path.join(dir, 'starting');
      let fd: FileHandle | null = null;
      try {
        fd = await open(marker, 'wx');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const age = Date.now() - ((await stat(marker).catch(() => null))?.mtimeMs ?? 0);
        if (age > START_WAIT_MS) await rm(marker, { force: true }); // left by a process killed while starting
        else await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      try {
        return { url: await startWatched(dir, lockFile), owned: true, stop: unregister };
      } finally {
        await fd.close();
        await rm(marker, { force: true });
      }
    }
    throw new Error(`no embedded redis-server answered in ${dir} within ${START_WAIT_MS / 1000} s (another process is starting it: remove ${path.join(dir, 'starting')} if none is)`);
  } catch (err) {
    await unregister();
    throw err;
  }
}
