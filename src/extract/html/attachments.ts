// Attachment links in and around the body, resolved against the page URL, with a MIME type guessed from the
// extension (the crawler confirms it from the response).
import type { Attachment } from '../../schema/document.ts';
import { ATTACHMENT_MIME, DOWNLOAD_ENDPOINT, IMAGE_EXT } from '../rules/attachments.ts';
import { attr, elementsUnder, textOf, type AnyNode } from './dom.ts';

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
      const name = (el.name === 'a' ? textOf(el) : attr(el, 'alt')) || safeDecode(url.split('/').pop()!.split('?')[0]!) || null;
      const a = makeAttachment(url, name, ext);
      (IMAGE_EXT.has(ext) ? images : attachments).push(a);
    }
  }
  return { attachments, images };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
