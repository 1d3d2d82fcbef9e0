// robots.txt per origin (robots-parser), read the way RFC 9309 says:
// - 2xx: the rules apply. Only the first 500 KiB is read (the RFC's minimum, and what the major crawlers parse);
//   an endless or huge file is cut there, at a line end, and the cut is recorded.
// - 4xx ("unavailable", and a page in place of the file): everything is allowed.
// - 5xx, 429, no answer, a network error ("unreachable"): everything on the origin is disallowed for this run.
// - 412/521 challenge statuses are left to the block detector, which stops the portal on its first page.
// Each origin's outcome, other than a plain 2xx or 404, is handed to `onNote` once, for the crawl report.
import { createRequire } from 'node:module';
import { FetchError, fetchWithRetry, type FetcherOptions } from './fetcher.ts';

// robots-parser is CommonJS with a default-export typing that NodeNext resolution cannot call; load it plainly.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, txt: string) => Robot;

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

export const MAX_ROBOTS_BYTES = 500 * 1024;

export type RobotsNoteKind = 'robots_unreachable' | 'robots_unavailable' | 'robots_truncated';
export interface RobotsNote { url: string; kind: RobotsNoteKind; message: string }

/** What the crawl may do on one origin. `rules` null with `allowAll` false means nothing may be fetched. */
interface Verdict { rules: Robot | null; allowAll: boolean }

const CHALLENGE_STATUS = new Set([412, 521]);

export class RobotsCache {
  private cache = new Map<string, Promise<Verdict>>();
  constructor(
    private readonly fetchOpts: FetcherOptions,
    private readonly agent: string,
    private readonly onNote: (note: RobotsNote) => void = () => {},
  ) {}

  private robotsFor(url: string): Promise<Verdict> {
    const origin = new URL(url).origin;
    let p = this.cache.get(origin);
    if (!p) {
      p = this.load(`${origin}/robots.txt`);
      this.cache.set(origin, p);
    }
    return p;
  }

  private async load(robotsUrl: string): Promise<Verdict> {
    const note = (kind: RobotsNoteKind, message: string) => this.onNote({ url: robotsUrl, kind, message });
    let res;
    try {
      res = await fetchWithRetry({ url: robotsUrl }, { ...this.fetchOpts, retries: 1, maxBytes: MAX_ROBOTS_BYTES, maxHtmlBytes: MAX_ROBOTS_BYTES, truncate: true });
    } catch (err) {
      const kind = err instanceof FetchError ? err.kind : 'network';
      // A redirect we may not follow leaves the file unavailable (RFC 9309 2.3.1.2), not unreachable.
      if (kind === 'offsite_redirect' || kind === 'too_many_redirects') {
        note('robots_unavailable', `robots.txt not read (${(err as Error).message}): treated as absent, everything allowed`);
        return { rules: null, allowAll: true };
      }
      if (kind === 'aborted') return { rules: null, allowAll: false };
      note('robots_unreachable', `robots.txt unreachable (${kind}: ${(err as Error).message}): nothing on this origin is fetched this run (RFC 9309)`);
      return { rules: null, allowAll: false };
    }
    const s = res.status;
    if (CHALLENGE_STATUS.has(s)) return { rules: null, allowAll: true };
    if (s >= 500 || s === 429) {
      note('robots_unreachable', `robots.txt answered HTTP ${s}: nothing on this origin is fetched this run (RFC 9309)`);
      return { rules: null, allowAll: false };
    }
    if (s >= 400) {
      if (s !== 404 && s !== 410) note('robots_unavailable', `robots.txt answered HTTP ${s}: treated as absent, everything allowed (RFC 9309)`);
      return { rules: null, allowAll: true };
    }
    if (s < 200 || s >= 300) {
      note('robots_unavailable', `robots.txt answered HTTP ${s}: treated as absent, everything allowed`);
      return { rules: null, allowAll: true };
    }
    // Sites that have no robots.txt often answer with their home page or a 404 page and status 200.
    if (/<html/i.test(res.bytes.subarray(0, 512).toString('latin1'))) {
      note('robots_unavailable', 'robots.txt is an HTML page: treated as absent, everything allowed');
      return { rules: null, allowAll: true };
    }
    let text = res.bytes.toString('utf8');
    if (res.truncated) {
      // The last line may be cut in the middle of a path: drop it rather than obey half a rule.
      text = text.slice(0, Math.max(0, text.lastIndexOf('\n') + 1));
      note('robots_truncated', `robots.txt is over ${MAX_ROBOTS_BYTES} bytes: only the first ${MAX_ROBOTS_BYTES} were read and obeyed`);
    }
    return { rules: robotsParser(robotsUrl, text), allowAll: true };
  }

  async isAllowed(url: string): Promise<boolean> {
    const v = await this.robotsFor(url);
    return v.rules ? (v.rules.isAllowed(url, this.agent) ?? true) : v.allowAll;
  }

  async crawlDelayMs(url: string): Promise<number> {
    const v = await this.robotsFor(url);
    return Math.min(30, v.rules?.getCrawlDelay(this.agent) ?? 0) * 1000;
  }
}
