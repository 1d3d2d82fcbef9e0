// One spelling per document, so a report reached by several links is fetched and emitted once (docs/domain.md: Where reports live on portals,
// Mirrors): no fragment, no share/campaign tags, the big5 gateway and the `_wap` mobile twin folded onto the
// simplified desktop page, default ports and host case normalised. Everything else in the query stays byte for byte.
import { TRACKING_PARAMS } from './rules/tracking-params.ts';

/** Is one raw `name=value` pair of a query a tracking tag? Names and values are compared decoded, never rewritten. */
function isTracking(pair: string): boolean {
  const eq = pair.indexOf('=');
  const name = decodeLoose(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
  const value = eq < 0 ? '' : decodeLoose(pair.slice(eq + 1)).toLowerCase();
  return TRACKING_PARAMS.some((t) =>
    (t.name.endsWith('*') ? name.startsWith(t.name.slice(0, -1)) : name === t.name) && (!t.values || t.values.includes(value)));
}
const decodeLoose = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s; // a GBK-encoded `%C4%EA` is not UTF-8: compare it as written
  }
};

/** Resolve `href` against `base` and canonicalise; null for non-http links (javascript:, mailto:, tel:, #…). */
export function resolveUrl(href: string, base: string): string | null {
  const h = href.trim().replace(/[\u200b\ufeff]/g, '');
  if (!h || /^(javascript|mailto|tel|data|about|vbscript):/i.test(h) || h.startsWith('#')) return null;
  try {
    return canonicalUrl(new URL(h, base).toString());
  } catch {
    return null;
  }
}

export function canonicalUrl(raw: string): string {
  const u = new URL(raw);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.toString();
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  // `/gate/big5/<host>/<path>` is a traditional-character gateway copy of `<host>/<path>`.
  const gate = u.pathname.match(/^\/gate\/big5\/([^/]+)(\/.*)?$/i);
  if (gate) {
    const inner = new URL(`${u.protocol}//${gate[1]}${gate[2] ?? '/'}${u.search}`);
    return canonicalUrl(inner.toString());
  }
  // `t20220208_80613_wap.html` is the mobile twin of `t20220208_80613.html`.
  u.pathname = u.pathname.replace(/_wap(\.s?html?)$/i, '$1');
  // The query is split on `&` and kept as written: decoding and re-encoding it would turn a GBK-encoded value
  // (`filename=%C4%EA%B1%A8.doc`) into U+FFFD and ask the server for another file.
  if (u.search) {
    const kept = u.search.slice(1).split('&').filter((p) => p !== '' && !isTracking(p));
    u.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return u.toString();
}

/** `host` or `host:port` as allowed_hosts spells it (default ports omitted). */
export function hostKey(url: string): string {
  return new URL(url).host.toLowerCase();
}

/**
 * Inside the portal? An allowed host also admits its subdomains only when written with a leading dot. An entry
 * without a port admits only the default port of the URL's own scheme (80 for http, 443 for https, so the http copy
 * of an https site falls back within it); `host:port` admits that port only, under either scheme. Anything else on
 * the same host (a database, an admin page, another service) is outside the portal.
 */
export function isAllowedHost(url: string, allowed: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  // URL drops the scheme's default port, so `port` is '' exactly when the URL uses the default one.
  const name = u.hostname.toLowerCase();
  return allowed.some((a) => {
    const m = /^(.*?)(?::(\d+))?$/.exec(a.toLowerCase())!;
    const host = m[1]!;
    if ((m[2] ?? '') !== u.port && !(m[2] && Number(m[2]) === defaultPort(u.protocol) && u.port === '')) return false;
    if (host.startsWith('.')) return name.endsWith(host) || name === host.slice(1);
    return name === host;
  });
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : 80);
