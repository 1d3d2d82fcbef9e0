// Anchors of an HTML page or fragment: href, visible text and title attribute (truncated list titles often keep
// the full title only in `title`). htmlparser2 (cheerio/slim) is ~10× faster than parse5 and tolerant enough here.
import { load } from 'cheerio/slim';
import { resolveUrl } from './canonical.ts';
import type { Anchor } from './types.ts';

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

export function anchorsOf(html: string, baseUrl: string): Anchor[] {
  const $ = load(html);
  const base = $('base[href]').attr('href');
  const resolveBase = base ? (resolveUrl(base, baseUrl) ?? baseUrl) : baseUrl;
  const out: Anchor[] = [];
  $('a[href], area[href]').each((_, el) => {
    const a = $(el);
    const href = a.attr('href') ?? '';
    out.push({ href, url: resolveUrl(href, resolveBase), text: squash(a.text()), title: squash(a.attr('title') ?? '') });
  });
  return out;
}

/** Visible text of an HTML page, without scripts, styles and tags (for soft-404 and empty-shell checks). */
export function visibleText(html: string): string {
  return squash(
    html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;|&#160;/g, ' '),
  );
}

export function htmlTitle(html: string): string | null {
  const m = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
  return m ? squash(m[1]!.replace(/<[^>]+>/g, '')) || null : null;
}
