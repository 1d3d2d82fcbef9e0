// One HTTP exchange with the crawler's manners: descriptive User-Agent, timeout, conditional headers, redirects
// followed by hand (each hop must stay inside the portal), retries with exponential backoff on 5xx, 429 and
// network errors/timeouts, and no retry on other 4xx (docs/domain.md, "Blocking and what needs a browser": hammering a WAF makes it worse).
// Broken certificate chains are common on government sites, which nearly all serve plain HTTP as well (docs/domain.md, "Blocking and what needs a browser"): an
// https URL whose certificate does not verify is fetched over http instead, and the result says so. We never turn
// certificate checks off.
import { isAllowedHost } from './canonical.ts';
import { sleep } from './politeness.ts';

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  attempts: number;
  /** Why the https URL was fetched over http (its certificate error), when it was. */
  httpFallback?: string;
  /** Set when `truncate` cut the body at the byte cap. */
  truncated?: boolean;
}

export class FetchError extends Error {
  constructor(readonly kind: 'timeout' | 'network' | 'tls' | 'offsite' | 'offsite_redirect' | 'too_many_redirects' | 'aborted' | 'too_large', message: string, readonly attempts: number) {
    super(message);
  }
}

export interface FetcherOptions {
  userAgent: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  allowedHosts: readonly string[];
  signal?: AbortSignal;
  /** Byte cap for a response; HTML-like responses get `maxHtmlBytes` when it is lower. A bigger one is a `too_large` error. */
  maxBytes?: number;
  maxHtmlBytes?: number;
  /** Fetch an https URL over http when its certificate does not verify (default true). */
  httpFallback?: boolean;
  /** Keep the first `maxBytes` of a bigger body instead of refusing it (robots.txt, which is read line by line). */
  truncate?: boolean;
}

/** Certificate and TLS-handshake failures (as undici reports them in `err.cause.code`): not worth a retry. */
const TLS_ERROR = /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/;

const RETRY_STATUS = (s: number) => s >= 500 || s === 429;

export async function fetchWithRetry(req: FetchRequest, o: FetcherOptions): Promise<FetchResult> {
  let attempt = 0;
  for (;;) {
    attempt++;
    try {
      const res = await fetchOnce(req, o);
      // 412/521 are challenge statuses, not server trouble: never retried.
      if (RETRY_STATUS(res.status) && res.status !== 521 && attempt <= o.retries) {
        // A server that says when to come back (429/503 Retry-After) is asked no sooner.
        await sleep(Math.max(o.backoffMs * 2 ** (attempt - 1), retryAfterMs(res.headers['retry-after'])), o.signal);
        continue;
      }
      return { ...res, attempts: attempt };
    } catch (err) {
      if (err instanceof FetchError && err.kind !== 'timeout' && err.kind !== 'network') throw new FetchError(err.kind, err.message, attempt);
      if (o.signal?.aborted) throw new FetchError('aborted', 'crawl aborted', attempt);
      const kind = err instanceof FetchError ? err.kind : 'network';
      if (attempt > o.retries) throw new FetchError(kind, (err as Error).message, attempt);
      await sleep(o.backoffMs * 2 ** (attempt - 1), o.signal);
    }
  }
}

/** Longest Retry-After we honour; a server asking for more is retried at this interval (and may fail the page). */
const MAX_RETRY_AFTER_MS = 120_000;

/** Retry-After as delay-seconds or an HTTP date, in ms (0 when absent or unreadable), capped. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (!value) return 0;
  const v = value.trim();
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : 0;
}

async function fetchOnce(req: FetchRequest, o: FetcherOptions): Promise<Omit<FetchResult, 'attempts'>> {
  let url = req.url;
  let method = req.method ?? 'GET';
  let body = req.body;
  let fallback: string | undefined;
  for (let hop = 0; hop < 6; hop++) {
    // Callers check their links already; this is the last word, for every request and every hop.
    if (hop === 0 && !isAllowedHost(url, o.allowedHosts)) throw new FetchError('offsite', `${url} is outside the portal (allowed_hosts)`, 0);
    const headers: Record<string, string> = {
      'user-agent': o.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5',
      'accept-language': 'zh-CN,zh;q=0.9',
      ...req.headers,
    };
    if (hop === 0 && req.etag) headers['if-none-match'] = req.etag;
    if (hop === 0 && req.lastModified) headers['if-modified-since'] = req.lastModified;
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
    const timeout = AbortSignal.timeout(o.timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(url, { method, body, headers, redirect: 'manual', signal });
    } catch (err) {
      if (o.signal?.aborted) throw new FetchError('aborted', 'crawl aborted', 0);
      if (timeout.aborted) throw new FetchError('timeout', `no answer within ${o.timeoutMs} ms`, 0);
      const cause = (err as Error & { cause?: Error & { code?: string } }).cause;
      if (cause?.code && TLS_ERROR.test(cause.code)) {
        const why = `${cause.code}: ${cause.message}`;
        if (o.httpFallback !== false && url.startsWith('https:') && !fallback) {
          fallback = why;
          url = `http:${url.slice('https:'.length)}`;
          continue;
        }
        throw new FetchError('tls', `${new URL(url).host}: certificate not accepted (${why})${fallback ? '; the http fallback failed too' : ''}`, 0);
      }
      throw new FetchError('network', `${cause?.message ?? (err as Error).message}${fallback ? ` (over http, after the https certificate failed: ${fallback})` : ''}`, 0);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      await res.body?.cancel();
      const next = new URL(location, url).toString();
      if (!isAllowedHost(next, o.allowedHosts)) throw new FetchError('offsite_redirect', `redirect to ${next} leaves the portal`, 0);
      // The http copy sends us back to https, whose certificate we already know fails.
      if (fallback && next.startsWith('https:')) throw new FetchError('tls', `${new URL(next).host}: certificate not accepted (${fallback}) and the http copy redirects to https`, 0);
      url = next;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    const cap = capFor(res.headers.get('content-type'), o);
    let bytes: Buffer;
    let truncated = false;
    try {
      ({ bytes, truncated } = await readCapped(res, cap, url, o.truncate === true));
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if (timeout.aborted) throw new FetchError('timeout', `body not complete within ${o.timeoutMs} ms`, 0);
      throw new FetchError('network', (err as Error).message, 0);
    }
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    return { url: req.url, finalUrl: url, status: res.status, headers: h, bytes, ...(fallback ? { httpFallback: fallback } : {}), ...(truncated ? { truncated } : {}) };
  }
  throw new FetchError('too_many_redirects', 'more than 5 redirects', 0);
}

/** HTML is decoded, parsed and cleaned in memory several times over: it gets the tighter cap. */
function capFor(contentType: string | null, o: FetcherOptions): number | undefined {
  const htmlLike = !contentType || /text\/|html|xml|json|javascript/i.test(contentType);
  if (htmlLike && o.maxHtmlBytes) return o.maxBytes ? Math.min(o.maxBytes, o.maxHtmlBytes) : o.maxHtmlBytes;
  return o.maxBytes;
}

/**
 * Reads the body up to `cap` bytes. A bigger body is refused as a `too_large` error rather than cut: a truncated
 * report would pass for a complete one (with `truncate`, the caller has said a prefix is usable). Content-Length lets
 * most refusals happen before any body is read.
 */
async function readCapped(res: Response, cap: number | undefined, url: string, truncate: boolean): Promise<{ bytes: Buffer; truncated: boolean }> {
  if (!cap || !res.body) return { bytes: Buffer.from(await res.arrayBuffer()), truncated: false };
  const declared = Number(res.headers.get('content-length'));
  if (declared > cap && !truncate) {
    await res.body.cancel().catch(() => {});
    throw new FetchError('too_large', `${url}: ${declared} bytes declared, over the ${cap}-byte limit`, 0);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > cap) {
      await reader.cancel().catch(() => {});
      if (!truncate) throw new FetchError('too_large', `${url}: body over the ${cap}-byte limit`, 0);
      chunks.push(value.subarray(0, cap - total));
      return { bytes: Buffer.concat(chunks, cap), truncated: true };
    }
    total += value.byteLength;
    chunks.push(value);
  }
  return { bytes: Buffer.concat(chunks, total), truncated: false };
}
