// The embedded redis-server's keeper: started detached by the first `ogi` process of a data directory, it runs
// redis-server as its child and stops it once no `ogi` process of that directory is alive any more, however they
// ended (exit, Ctrl-C, kill -9). Clients register as files `<dir>/clients/<pid>`; a file whose process is gone is
// removed. Plain JavaScript, so it starts without the TypeScript loader.
//
// argv[2]: JSON {args: string[] (redis-server arguments), dir, lockFile, url}
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, renameSync } from 'node:fs';
import path from 'node:path';

const { args, dir, lockFile, url } = JSON.parse(process.argv[2] ?? '{}');
const clientsDir = path.join(dir, 'clients');
const logFile = path.join(dir, 'watchdog.log');
/** Checks between which the last client may be seen gone before the server is stopped (a client may be registering). */
const IDLE_CHECKS = 3;
const CHECK_MS = 300;
const MAX_RESTARTS_PER_MINUTE = 5;

function log(line) {
  try {
    // Keep the log small: roll it once past 1 MB.
    if (statSync(logFile, { throwIfNoEntry: false })?.size > 1_000_000) renameSync(logFile, `${logFile}.1`);
    appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  } catch {
    // the log is a convenience; the server's life does not depend on it
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function liveClients() {
  let n = 0;
  let names = [];
  try {
    names = readdirSync(clientsDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (alive(pid)) n++;
    else rmSync(path.join(clientsDir, name), { force: true });
  }
  return n;
}

let child = null;
let stopping = false;
const restarts = [];

function finish(code) {
  try {
    const info = JSON.parse(readFileSync(lockFile, 'utf8'));
    if (info.watchdog === process.pid) rmSync(lockFile, { force: true });
  } catch {
    // no lock file, or someone else's
  }
  log(`watchdog ${process.pid}: exit ${code}`);
  process.exit(code);
}

function start() {
  child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (b) => {
    for (const l of b.toString().split('\n')) if (l.trim()) log(`[redis] ${l}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('error', (err) => {
    log(`could not start redis-server (${err.message}); install it (Debian: apt-get install redis-server) or set REDIS_URL`);
    finish(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return finish(0);
    const now = Date.now();
    while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      log(`redis-server on ${url} died ${restarts.length + 1} times in a minute; not restarting it`);
      return finish(1);
    }
    restarts.push(now);
    // A server that dies under a running pipeline (killed, OOM) comes back on the same port: the clients reconnect
    // to the URL they know, and the append-only file brings the queues back as they were.
    log(`redis-server on ${url} exited (${signal ?? `code ${code}`}); restarting it from its append-only file`);
    setTimeout(() => {
      if (!stopping) start();
    }, 500);
  });
}

function stop(why) {
  if (stopping) return;
  stopping = true;
  log(`stopping redis-server on ${url}: ${why}`);
  if (!child || child.exitCode !== null || child.signalCode) return finish(0);
  child.kill('SIGTERM');
  setTimeout(() => {
    child.kill('SIGKILL');
    finish(0);
  }, 10_000).unref();
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));

log(`watchdog ${process.pid}: starting redis-server on ${url}`);
start();
let idle = 0;
setInterval(() => {
  if (liveClients() > 0) idle = 0;
  else if (++idle >= IDLE_CHECKS) stop('no ogi process of this data directory is left');
}, CHECK_MS);
