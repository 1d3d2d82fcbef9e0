// Anchors of an HTML page or fragment: href, visible text and title attribute (truncated list titles often keep
// the full title only in `title`). A tag scanner rather than a DOM parser: link discovery needs only <a>/<area>
// tags, and building a DOM for every 40 KB report page cost more CPU than fetching it (bench/crawl.ts).
// Comments are skipped (old menus live there); anchors written inside scripts are kept on purpose.
import iconv from 'iconv-lite';
import { resolveUrl } from './canonical.ts';
import { elements, forwardFinder, lowerAscii, stripComments, stripElements, stripTags, tags } from './html-scan.ts';
import { ONCLICK_URL, SCRIPT_LINK_ATTRS } from './rules/vocabulary.ts';
import type { Anchor } from './types.ts';

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', middot: '·', ldquo: '“', rdquo: '”', hellip: '…', mdash: '—' };
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const ATTR_RE = new Map<string, RegExp>();
/** An attribute's value from a tag's attribute text, entities decoded; null when absent. */
export const tagAttr = (attrs: string, name: string): string | null => {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')));
  const m = attrs.match(re);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : null;
};

/**
 * Script bodies that write markup (`document.write("<a href=\\"index"+"_" + i + "."+"html\\">…")`, the classic TRS
 * pager) read as the markup they write: `\"` unescaped, adjacent string literals joined, and a variable between
 * literals kept as `{}` (`href="index_{}.html"`). Without this the tag scanner took `\` for the href, which
 * resolves to the site root.
 */
export function foldScriptMarkup(html: string): string {
  if (!html.includes('document.write')) return html;
  // Elements from the linear scanner (crawlers/html-scan.ts): a lazy <script>…</script> regex is quadratic on
  // pages with many unclosed script tags. The replacements below run on one script body each and are linear.
  const parts: string[] = [];
  let from = 0;
  for (const el of elements(html, ['script'])) {
    if (!el.body.includes('document.write')) continue;
    const folded = el.body
      .replace(/\\(["'\/])/g, '$1')
      .replace(/(["'])\s*\+\s*\1/g, '')
      .replace(/(["'])\s*\+\s*[\w.$()\[\]\s-]{1,40}?\s*\+\s*\1/g, '{}');
    const bodyStart = el.start + 1 + el.name.length + el.attrs.length + 1; // after `<script` + attrs + `>`
    parts.push(html.slice(from, bodyStart), folded);
    from = bodyStart + el.body.length;
  }
  parts.push(html.slice(from));
  return parts.join('');
}
/** An href that is still a piece of script (`{}` for a variable, a leftover quote or `+`): no URL can be read. */
const SCRIPT_PIECE = /\{\}|^\\|["']\s*\+|\+\s*["']/;

/**
 * An href whose query holds raw non-ASCII characters, on a page in a legacy charset: browsers percent-encode such
 * a query in the page's own charset (the path is always UTF-8), and so must we, or a GBK site's
 * `downfile.jsp?filename=年报.doc` is asked for as UTF-8 bytes and answers with another file or none.
 */
export function encodeQueryAs(href: string, charset: string | undefined): string {
  const q = href.indexOf('?');
  if (q < 0 || !charset || /^utf-?8$/i.test(charset) || !/[^\x00-\x7f]/.test(href.slice(q))) return href;
  if (!iconv.encodingExists(charset)) return href;
  const hash = href.indexOf('#', q);
  const query = href.slice(q, hash < 0 ? undefined : hash);
  const encoded = query.replace(/[^\x00-\x7f]+/g, (run) => [...iconv.encode(run, charset)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  return href.slice(0, q) + encoded + (hash < 0 ? '' : href.slice(hash));
}

/** Anchors of a page; `charset` is the page's own (it decides how a raw non-ASCII query is encoded). */
export function anchorsOf(html: string, baseUrl: string, charset?: string): Anchor[] {
  const src = foldScriptMarkup(stripComments(html));
  const out: Anchor[] = [];
  let base = baseUrl;
  // Scanned once each, whatever the number of anchors: the end of an anchor's text is its `</a` or the next `<a`.
  const closeA = forwardFinder(src, '</a');
  const openA = forwardFinder(src, '<a');
  for (const t of tags(src, ['a', 'area', 'base'])) {
    const href = tagAttr(t.attrs, 'href');
    if (t.name === 'base') {
      if (href) base = resolveUrl(href, baseUrl) ?? baseUrl;
      continue;
    }
    const target = href === null || /^\s*(?:javascript:|#|$)/i.test(href) ? scriptTarget(t.attrs) ?? href : href;
    if (target === null || SCRIPT_PIECE.test(target)) continue;
    let text = '';
    if (t.name === 'a') {
      const end = closeA(t.end);
      const next = openA(t.end);
      // Without a closing tag the text runs to the next anchor, at most 2,000 characters.
      const stop = end < 0 ? Math.min(next >= 0 ? next : src.length, t.end + 2000) : next >= 0 && next < end ? next : end;
      text = squash(decodeEntities(stripTags(src.slice(t.end, stop))));
    }
    out.push({ href: target, url: resolveUrl(encodeQueryAs(target, charset), base), text, title: squash(tagAttr(t.attrs, 'title') ?? tagAttr(t.attrs, 'alt') ?? '') });
  }
  return out;
}

/** The page an anchor without a real href opens: a data attribute, else a URL in its onclick handler. */
function scriptTarget(attrs: string): string | null {
  for (const name of SCRIPT_LINK_ATTRS) {
    const v = tagAttr(attrs, name);
    if (v && !/^\s*(?:javascript:|#)/i.test(v)) return v;
  }
  const onclick = tagAttr(attrs, 'onclick');
  return onclick ? ONCLICK_URL.exec(onclick)?.[1] ?? null : null;
}

/** Pages a page shows in its frames and iframes (old column pages hold their list in one), resolved. */
export function framesOf(html: string, baseUrl: string): string[] {
  const out: string[] = [];
  for (const t of tags(html, ['frame', 'iframe'])) {
    const src = tagAttr(t.attrs, 'src');
    const url = src ? resolveUrl(src, baseUrl) : null;
    if (url && url !== baseUrl && !out.includes(url)) out.push(url);
  }
  return out;
}

/** Visible text of an HTML page, without scripts, styles and tags (for soft-404 and empty-shell checks). */
export function visibleText(html: string): string {
  return squash(stripTags(stripComments(stripElements(html, INVISIBLE), ' ')).replace(/&nbsp;|&#160;/g, ' '));
}
const INVISIBLE = ['script', 'style', 'noscript', 'template'];

export function htmlTitle(html: string): string | null {
  const lower = lowerAscii(html);
  const at = lower.indexOf('<title');
  if (at < 0) return null;
  const m = elements(html.slice(at), ['title'], lower.slice(at))[0];
  return m ? squash(stripTags(m.body, '')) || null : null;
}
