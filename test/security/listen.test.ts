// Nothing listens beyond what was asked: `ogi serve` listens on its port on 127.0.0.1 and nothing else, `ogi worker`
// and `ogi crawl --wait` (over a replica portal whose list only a browser can read) on nothing at all, Chromium
// included. Read from the kernel's view of each process tree, not from what the code says it does. And none of
// their ports forwards a proxy request (`curl -x`) or a CONNECT tunnel to another local service.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { startReplicaServer, type ReplicaServer } from '../../crawlers/replica/server.ts';
import { replicaPortalsFile } from '../../crawlers/replica/config.ts';
import { startTestRedis } from '../helpers/redis.ts';
import { commandOf, listeners, processTree, type Listener } from '../helpers/sockets.ts';
import { repoRoot, tmpDir } from '../helpers/tmp.ts';

const OGI = path.join(repoRoot, 'bin', 'ogi.mjs');

/** Sends raw bytes to a port and returns what comes back before the peer closes (or a short quiet spell). */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    sock.setTimeout(3000, () => sock.destroy());
    sock.on('connect', () => sock.write(request));
    sock.on('data', (d) => {
      got += d.toString('latin1');
      // A complete head is enough to judge: a tunnel would have answered 200 here.
      if (/\r\n\r\n/.test(got)) sock.end();
    });
    sock.on('error', () => {});
    sock.on('close', () => resolve(got));
  });
}

describe('ogi processes listen only on what they were asked', () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let replica: ReplicaServer;
  let canary: http.Server;
  let canaryPort = 0;
  let canaryConnections = 0;
  const children: ChildProcess[] = [];

  before(async () => {
    redis = await startTestRedis();
    replica = await startReplicaServer({ port: 0 });
    // Stands for any other local service (the embedded Redis, an admin page) a proxy could reach.
    canary = http.createServer((_req, res) => res.end('CANARY-REACHED'));
    canary.on('connection', () => canaryConnections++);
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    canaryPort = (canary.address() as AddressInfo).port;
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    canary.close();
    await replica.close();
    await redis.stop();
  });

  function ogi(args: string[], dataDir: string): ChildProcess {
    const child = spawn(process.execPath, [OGI, ...args, '--data-dir', dataDir], { env: { ...process.env, REDIS_URL: redis.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  }
  const waitFor = (stream: NodeJS.ReadableStream, re: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      let buf = '';
      stream.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = buf.match(re);
        if (m) resolve(m);
      });
      stream.on('end', () => reject(new Error(`stream ended without ${re}: ${buf.slice(-2000)}`)));
    });
  const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

  /** No port of `seen` forwards a proxy request or opens a tunnel to the canary. */
  async function assertNoProxy(seen: Listener[]) {
    const before = canaryConnections;
    for (const l of seen) {
      const forward = await exchange(l.port, `GET http://127.0.0.1:${canaryPort}/probe HTTP/1.1\r\nHost: 127.0.0.1:${canaryPort}\r\nConnection: close\r\n\r\n`);
      assert.ok(!forward.includes('CANARY-REACHED'), `port ${l.port} forwarded a proxy request`);
      const tunnel = await exchange(l.port, `CONNECT 127.0.0.1:${canaryPort} HTTP/1.1\r\nHost: 127.0.0.1:${canaryPort}\r\n\r\n`);
      assert.doesNotMatch(tunnel, /^HTTP\/1\.[01] 200/, `port ${l.port} opened a CONNECT tunnel`);
    }
    assert.equal(canaryConnections, before, 'a connection reached the canary through an ogi port');
  }

  it('the socket reader sees a listener on every interface (so the checks below can fail)', async () => {
    const s = net.createServer().listen(0, '0.0.0.0');
    await new Promise((r) => s.once('listening', r));
    const port = (s.address() as AddressInfo).port;
    assert.deepEqual(listeners(process.pid).filter((l) => l.port === port).map((l) => l.address), ['0.0.0.0']);
    s.close();
  });

  it('ogi serve: its port on 127.0.0.1, nothing else; no proxy through it', async () => {
    const child = ogi(['serve', '--port', '0'], await tmpDir('ogi-listen-serve-'));
    const [, port] = await waitFor(child.stdout!, /ogi serve: http:\/\/127\.0\.0\.1:(\d+)\//);
    // A request first, so anything started on first use is up as well.
    assert.equal((await fetch(`http://127.0.0.1:${port}/api/snapshots`)).status, 200);
    const seen = listeners(child.pid!);
    assert.deepEqual(seen.map((l) => `${l.address}:${l.port}`), [`127.0.0.1:${port}`], JSON.stringify(seen));
    await assertNoProxy(seen);
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
  });

  it('ogi crawl --wait over a portal that needs the browser: nothing listens, Chromium included', async () => {
    const dataDir = await tmpDir('ogi-listen-crawl-');
    const config = path.join(dataDir, 'portals.yaml');
    await writeFile(config, stringify(replicaPortalsFile(replica.baseUrl)));
    const child = ogi(['crawl', '--config', config, '--portal', 'replica-js', '--wait', '--no-politeness', '--json'], dataDir);
    const seen: Listener[] = [];
    let sawChromium = false;
    // Sample the process tree until it exits: a listener started at any point (on import, at browser launch) shows.
    const done = exited(child);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      seen.push(...listeners(child.pid!));
      if (processTree(child.pid!).some((p) => /chrom/i.test(commandOf(p)))) sawChromium = true;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(await done, 0);
    const runs = (await readdir(path.join(dataDir, 'runs'))).filter((f) => f.endsWith('.json'));
    const run = JSON.parse(await readFile(path.join(dataDir, 'runs', runs[0]!), 'utf8')) as { portals: Array<{ browser_pages: number; reports_found: number }> };
    const report = run.portals[0]!;
    assert.ok(report.browser_pages > 0, `the crawl never used the browser: ${JSON.stringify(report)}`);
    assert.ok(sawChromium, 'no sample was taken while Chromium ran');
    assert.deepEqual(seen, []);
  });

  it('ogi worker: nothing listens; it only connects to Redis', async () => {
    const child = ogi(['worker'], await tmpDir('ogi-listen-worker-'));
    await waitFor(child.stderr!, /ogi worker \d+: queues/);
    const seen = listeners(child.pid!);
    assert.deepEqual(seen, []);
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
  });
});
