// Attachment links in and around the body, resolved against the page URL, with a MIME type guessed from the
// extension (the crawler confirms it from the response).
import type { Attachment } from '../../schema/document.ts';
import { ATTACHMENT_MIME, DOWNLOAD_ENDPOINT, EMBED_SOURCES, IMAGE_EXT, VIEWER_FILE_PARAM } from '../rules/attachments.ts';
import { attr, elementsUnder, textOf, type AnyNode } from './dom.ts';
import { decodeUriSafe } from '../text/uri.ts';

function extOf(href: string): string | null {
  const clean = href.split('#')[0]!;
  const [path, query = ''] = clean.split('?') as [string, string?];
  const m = /\.([a-z0-9]{1,5})$/i.exec(path);
  if (m && ATTACHMENT_MIME[m[1]!.toLowerCase()]) return m[1]!.toLowerCase();
  // downfile.jsp?filename=ab12.doc
  if (DOWNLOAD_ENDPOINT.test(path)) {
    const q = /\.([a-z0-9]{1,5})(&|$)/i.exec(query);
    if (q && ATTACHMENT_MIME[q[1]!.toLowerCase()]) return q[1]!.toLowerCase();
  }
  return null;
}

export function isAttachmentHref(href: string): boolean {
  return !!href && extOf(href.trim()) !== null;
}

function resolve(href: string, base: string | undefined): string | null {
  try {
    return base ? new URL(href, base).href : new URL(href).href;
  } catch {
    // No base and a relative link: keep it as written rather than lose it.
    return base ? null : href;
  }
}

export function makeAttachment(url: string, name: string | null, ext: string | null): Attachment {
  return { url, name, mime: ext ? ATTACHMENT_MIME[ext] ?? null : null, sha256: null, bytes: null, text: null, needs_ocr: false, error: null };
}

export interface LinkScan {
  attachments: Attachment[];
  images: Attachment[];
}

/** Links to documents under the given roots (deduplicated by URL, document order). */
export function scanAttachments(roots: AnyNode[], baseUrl: string | undefined): LinkScan {
  const seen = new Set<string>();
  const attachments: Attachment[] = [];
  const images: Attachment[] = [];
  for (const root of roots) {
    for (const el of elementsUnder(root)) {
      const href = el.name === 'a' ? attr(el, 'href') : el.name === 'img' ? attr(el, 'src') : '';
      if (!href || /^(javascript|mailto|tel|data):/i.test(href.trim())) continue;
      const ext = extOf(href.trim());
      if (!ext) continue;
      const url = resolve(href.trim(), baseUrl);
      if (!url || seen.has(url)) continue;
      seen.add(url);
      const name = (el.name === 'a' ? textOf(el) : attr(el, 'alt')) || decodeUriSafe(url.split('/').pop()!.split('?')[0]!) || null;
      const a = makeAttachment(url, name, ext);
      (IMAGE_EXT.has(ext) ? images : attachments).push(a);
    }
  }
  return { attachments, images };
}

/**
 * Documents a page shows inside itself: an iframe/embed/object whose source is a document, or an online viewer
 * given the document as a parameter. Read before frames and embeds are stripped as page furniture: for many report
 * pages the embedded PDF is the report.
 */
export function scanEmbeddedDocuments(root: AnyNode, baseUrl: string | undefined): Attachment[] {
  const out: Attachment[] = [];
  const seen = new Set<string>();
  for (const el of elementsUnder(root)) {
    const at = EMBED_SOURCES[el.name];
    const src = at ? attr(el, at).trim() : '';
    if (!src || /^(javascript|about|data):/i.test(src)) continue;
    let doc: string | null = extOf(src) ? src : null;
    if (!doc) {
      const p = VIEWER_FILE_PARAM.exec(src);
      const inner = p ? decodeUriSafe(p[1]!) : null;
      // The viewer's parameter is relative to the viewer page: resolve it against that page, not the report page.
      if (inner && extOf(inner)) doc = resolve(inner, resolve(src, baseUrl) ?? baseUrl) ?? inner;
    }
    const ext = doc ? extOf(doc) : null;
    if (!doc || !ext || IMAGE_EXT.has(ext)) continue;
    const url = resolve(doc, baseUrl);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push(makeAttachment(url, attr(el, 'title') || decodeUriSafe(url.split('/').pop()!.split('?')[0]!) || null, ext));
  }
  return out;
}

