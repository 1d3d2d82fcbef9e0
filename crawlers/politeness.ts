// Per-host politeness: at most `concurrency` requests in flight and at least `intervalMs` between request starts
// to the same host. A portal is crawled by one job at a time (BullMQ), so per-process state is per-host state.
// `Politeness` is the one owner of a crawl's manners for HTTP and for the browser alike: every request or page
// navigation asks it first (robots.txt, with its crawl-delay) and goes through its host gate.
import { hostKey } from './canonical.ts';
import { fetchWithRetry, type FetcherOptions, type FetchRequest, type FetchResult } from './fetcher.ts';
import { RobotsCache, type RobotsNote } from './robots.ts';

export class HostGate {
  private last = new Map<string, number>();
  private active = new Map<string, number>();
  private waiters = new Map<string, (() => void)[]>();

  constructor(private readonly opts: { intervalMs: (host: string) => number; concurrency: number }) {}

  /** Wait for a slot on `host`; call the returned function when the request is done. */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    while ((this.active.get(host) ?? 0) >= this.opts.concurrency) {
      await new Promise<void>((resolve) => {
        const q = this.waiters.get(host) ?? [];
        q.push(resolve);
        this.waiters.set(host, q);
      });
    }
    this.active.set(host, (this.active.get(host) ?? 0) + 1);
    const interval = this.opts.intervalMs(host);
    if (interval > 0) {
      const now = Date.now();
      const next = Math.max(now, (this.last.get(host) ?? 0) + interval);
      this.last.set(host, next);
      if (next > now) await sleep(next - now, signal);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active.set(host, (this.active.get(host) ?? 1) - 1);
      this.waiters.get(host)?.shift()?.();
    };
  }
}

export interface PolitenessOptions {
  /** Off for the replica and benches on 127.0.0.1: no interval between requests, no crawl-delay. */
  polite: boolean;
  /** Requests per second per host (the portal's `rate`, else the file's). */
  rate: number;
  /** Requests in flight per host. */
  concurrency: number;
  /** Obey robots.txt (`respect_robots`). */
  respectRobots: boolean;
  /** The fetcher's options for pages and files (User-Agent, timeout, retries, hosts, byte caps, abort signal). */
  fetch: FetcherOptions;
  robotsRetries: number;
  /** What robots.txt said of an origin when it was not a plain answer (unreachable, cut, absent). */
  onRobotsNote: (note: RobotsNote) => void;
  /** Each request as it starts (the progress line shows the last). */
  onRequest?: (url: string) => void;
}

export class Politeness {
  private readonly gate: HostGate;
  private readonly robots: RobotsCache | null;
  private readonly crawlDelays = new Map<string, number>();

  constructor(private readonly o: PolitenessOptions) {
    this.gate = new HostGate({
      intervalMs: (host) => (o.polite ? Math.max(1000 / o.rate, this.crawlDelays.get(host) ?? 0) : 0),
      concurrency: o.concurrency,
    });
    const agent = o.fetch.userAgent.split(/[\s/]/)[0] ?? 'ogi-harvest';
    this.robots = o.respectRobots ? new RobotsCache({ ...o.fetch, retries: o.robotsRetries }, agent, o.onRobotsNote) : null;
  }

  /** May `url` be fetched? Reads the origin's robots.txt (and its crawl-delay) the first time. */
  async allows(url: string): Promise<boolean> {
    if (!this.robots) return true;
    const host = hostKey(url);
    if (!this.crawlDelays.has(host)) this.crawlDelays.set(host, await this.robots.crawlDelayMs(url));
    return this.robots.isAllowed(url);
  }

  /** Waits for a slot on the URL's host; call the returned function when the request or navigation is done. */
  acquire(url: string): Promise<() => void> {
    return this.gate.acquire(hostKey(url), this.o.fetch.signal);
  }

  /** One HTTP exchange through the host gate. */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    const release = await this.acquire(req.url);
    try {
      this.o.onRequest?.(req.url);
      return await fetchWithRetry(req, this.o.fetch);
    } finally {
      release();
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
