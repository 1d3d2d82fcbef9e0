// Anchors of an HTML page or fragment: href, visible text and title attribute (truncated list titles often keep
// the full title only in `title`). A tag scanner rather than a DOM parser: link discovery needs only <a>/<area>
// tags, and building a DOM for every 40 KB report page cost more CPU than fetching it (bench/crawl.ts).
// Comments are skipped (old menus live there); anchors written inside scripts are kept on purpose.
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

export function anchorsOf(html: string, baseUrl: string): Anchor[] {
  const src = stripComments(html);
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
    if (target === null) continue;
    let text = '';
    if (t.name === 'a') {
      const end = closeA(t.end);
      const next = openA(t.end);
      // Without a closing tag the text runs to the next anchor, at most 2,000 characters.
      const stop = end < 0 ? Math.min(next >= 0 ? next : src.length, t.end + 2000) : next >= 0 && next < end ? next : end;
      text = squash(decodeEntities(stripTags(src.slice(t.end, stop))));
    }
    out.push({ href: target, url: resolveUrl(target, base), text, title: squash(tagAttr(t.attrs, 'title') ?? tagAttr(t.attrs, 'alt') ?? '') });
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
