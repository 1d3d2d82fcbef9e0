// robots.txt per origin (robots-parser). A missing or unreadable robots.txt allows everything, as the
// convention says; a robots.txt that answers with a challenge is left to the block detector.
import { createRequire } from 'node:module';
import { fetchWithRetry, type FetcherOptions } from './fetcher.ts';

// robots-parser is CommonJS with a default-export typing that NodeNext resolution cannot call; load it plainly.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, txt: string) => Robot;

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

export class RobotsCache {
  private cache = new Map<string, Promise<Robot | null>>();
  constructor(private readonly fetchOpts: FetcherOptions, private readonly agent: string) {}

  private robotsFor(url: string): Promise<Robot | null> {
    const origin = new URL(url).origin;
    let p = this.cache.get(origin);
    if (!p) {
      const robotsUrl = `${origin}/robots.txt`;
      p = fetchWithRetry({ url: robotsUrl }, { ...this.fetchOpts, retries: 1 })
        .then((r) => (r.status === 200 && !/<html/i.test(r.bytes.subarray(0, 512).toString('latin1')) ? robotsParser(robotsUrl, r.bytes.toString('utf8')) : null))
        .catch(() => null);
      this.cache.set(origin, p);
    }
    return p;
  }

  async isAllowed(url: string): Promise<boolean> {
    const r = await this.robotsFor(url);
    return r?.isAllowed(url, this.agent) ?? true;
  }

  async crawlDelayMs(url: string): Promise<number> {
    const r = await this.robotsFor(url);
    return Math.min(30, r?.getCrawlDelay(this.agent) ?? 0) * 1000;
  }
}
