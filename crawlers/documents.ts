// Building CleanDocuments from what was fetched, through the extractor contract (src/extract). Kept apart
// from the crawl loop so the rules for "which attachment is the report" and "what counts as changed" sit in one place.
import { createHash } from 'node:crypto';
import { htmlTitle, visibleText } from './links.ts';
import { stripElements } from './html-scan.ts';
import { isAttachmentUrl } from './discover.ts';
import { isAllowedHost } from './canonical.ts';
import { HAS_CONTENT, MAX_NOT_TEXT_SHARE, NOT_TEXT_CHAR, SNIFF_CHARS } from './rules/content.ts';
import type { Attachment, CleanDocument, Extracted } from '../src/schema/document.ts';
import type { FetchResult } from './fetcher.ts';
import type { Anchor, Task } from './types.ts';

/** Below this many visible characters a report page is a wrapper around its attachment (or an empty shell). */
export const THIN_PAGE_CHARS = 300;

export interface AttachmentLink { url: string; name: string }

/** Attachment links of a report page on the portal: the extractor's body attachments, else every attachment anchor on the page. */
export function attachmentLinks(anchors: Anchor[], extracted: Extracted, allowedHosts: readonly string[]): AttachmentLink[] {
  const out = new Map<string, AttachmentLink>();
  for (const a of extracted.attachments) if (isAttachmentUrl(a.url)) out.set(a.url, { url: a.url, name: a.name ?? '' });
  if (!out.size) {
    for (const a of anchors) if (a.url && isAttachmentUrl(a.url)) out.set(a.url, { url: a.url, name: a.text || a.title });
  }
  return [...out.values()].filter((a) => isAllowedHost(a.url, allowedHosts));
}

/**
 * Judged on the extractor's main text: the page chrome around a lone PDF link is long but says nothing. Counts
 * non-whitespace characters and stops at THIN_PAGE_CHARS: asked two or three times per report page, and copying a
 * long report's whole text without its whitespace just to compare with 300 showed up in the crawl profile.
 */
export function isThin(extracted: Pick<Extracted, 'text'>, _html?: string): boolean {
  const t = extracted.text;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    if (!WS.has(t.charCodeAt(i)) && ++n >= THIN_PAGE_CHARS) return false;
  }
  return true;
}
/** What `\s` matches (the previous implementation's definition of whitespace), as char codes. */
const WS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** An attachment that carries the report: its text, or a scan whose text awaits OCR. */
export const carriesReport = (a: Attachment) => Boolean(a.text) || a.needs_ocr;

/** No letter or digit in the cleaned text and no table: nothing a reader (or the parser) could use. */
export function hasNoContent(extracted: Pick<Extracted, 'text' | 'tables'>): boolean {
  return !HAS_CONTENT.test(extracted.text) && !extracted.tables.some((g) => g.some((row) => row.some((cell) => HAS_CONTENT.test(cell))));
}

export interface EmptyVerdict { kind: 'not_text' | 'empty_content'; message: string }

/**
 * Why a page without content is empty, with the evidence a person needs to check it: byte count, declared type, and
 * what the decoded page looks like (binary junk, only scripts, nothing at all).
 */
export function emptyVerdict(bytes: number, contentType: string | null, decoded: string): EmptyVerdict {
  const served = `${bytes} bytes served as ${contentType || 'no content type'}`;
  if (bytes === 0 || !decoded.trim()) return { kind: 'empty_content', message: `${served}: empty body` };
  const head = decoded.slice(0, SNIFF_CHARS);
  const bad = head.match(NOT_TEXT_CHAR)?.length ?? 0;
  const share = bad / head.length;
  if (share > MAX_NOT_TEXT_SHARE) {
    return { kind: 'not_text', message: `${served}: sniffed binary (${(share * 100).toFixed(0)}% control or undecodable characters in the first ${head.length}); no text after cleaning` };
  }
  // The <title> is not body: a shell of scripts under a report title is still only scripts.
  const visible = visibleText(stripElements(decoded, ['title']));
  const scripts = decoded.match(/<script\b/gi)?.length ?? 0;
  const what = scripts && !HAS_CONTENT.test(visible) ? `only scripts (${scripts}) and markup` : `${visible.length} visible characters, none of them main text`;
  return { kind: 'empty_content', message: `${served}: ${what}; no text after cleaning` };
}

export function contentHash(doc: Pick<CleanDocument, 'title' | 'text' | 'attachments'>): string {
  return createHash('sha256').update(JSON.stringify([doc.title, doc.text, doc.attachments.map((a) => a.sha256)])).digest('hex');
}

export interface DocContext {
  task: Task;
  res: FetchResult;
  portalId: string;
  runId: string;
  rawSha: string;
}

export function makeDocument(ctx: DocContext, extracted: Extracted, html: string | null, attachments: Attachment[]): CleanDocument {
  const { task, res } = ctx;
  const thinWithFile = html !== null && attachments.some(carriesReport) && isThin(extracted, html);
  // An attachment-only report: its text is the attachment's text (first readable one); a scanned file whose text
  // awaits OCR still is the report, so the document says needs_ocr rather than passing the wrapper page off as the body.
  const main = thinWithFile ? attachments.find((a) => a.text) ?? attachments.find((a) => a.needs_ocr) : undefined;
  const title = extracted.title || task.linkText || (html ? htmlTitle(html) : null);
  return {
    ...extracted,
    kind: main ? kindOf(main) : extracted.kind,
    title,
    text: main?.text ?? extracted.text,
    needs_ocr: main ? main.needs_ocr : extracted.needs_ocr,
    text_source: main ? main.text_source : extracted.text_source,
    ocr: main ? main.ocr : extracted.ocr,
    attachments: mergeAttachments(extracted.attachments, attachments),
    warnings: main ? [...extracted.warnings, main.text ? `text taken from attachment ${main.url}` : `the report is attachment ${main.url}, which needs OCR`] : extracted.warnings,
    url: task.url,
    final_url: res.finalUrl,
    portal_id: ctx.portalId,
    run_id: ctx.runId,
    fetched_at: new Date().toISOString(),
    found_via: task.via,
    link_text: task.linkText,
    http: {
      status: res.status,
      content_type: res.headers['content-type'] ?? null,
      etag: res.headers['etag'] ?? null,
      last_modified: res.headers['last-modified'] ?? null,
    },
    raw_sha256: ctx.rawSha,
  };
}

function kindOf(a: Attachment): Extracted['kind'] {
  const m = (a.mime ?? '') + ' ' + a.url;
  if (/pdf/i.test(m)) return 'pdf';
  if (/\.(xlsx?|et)\b|spreadsheetml|ms-excel/i.test(m)) return 'sheet';
  if (/docx|openxml/i.test(m)) return 'docx';
  if (/\.doc\b|msword|\.wps/i.test(m)) return 'doc';
  return 'html';
}

function mergeAttachments(fromExtractor: Attachment[], fetched: Attachment[]): Attachment[] {
  const byUrl = new Map(fromExtractor.map((a) => [a.url, a]));
  for (const f of fetched) byUrl.set(f.url, { ...(byUrl.get(f.url) ?? {}), ...f, name: f.name ?? byUrl.get(f.url)?.name ?? null });
  return [...byUrl.values()];
}
