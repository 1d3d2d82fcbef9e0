// Per-host politeness: at most `concurrency` requests in flight and at least `intervalMs` between request starts
// to the same host. A portal is crawled by one job at a time (BullMQ), so per-process state is per-host state.

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
