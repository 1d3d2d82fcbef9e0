// Building CleanDocuments from what was fetched, through the extractor contract (src/extract). Kept apart
// from the crawl loop so the rules for "which attachment is the report" and "what counts as changed" sit in one place.
import { createHash } from 'node:crypto';
import { htmlTitle } from './links.ts';
import { isAttachmentUrl } from './discover.ts';
import { isAllowedHost } from './canonical.ts';
import type { Attachment, CleanDocument, Extracted } from '../src/schema/document.ts';
import type { FetchResult } from './fetcher.ts';
import type { Anchor, Task } from './types.ts';

/** Below this many visible characters a report page is a wrapper around its attachment (or an empty shell). */
export const THIN_PAGE_CHARS = 300;

export interface AttachmentLink { url: string; name: string }

/** Attachment links of a report page: the extractor's body attachments, else every attachment anchor on the page. */
export function attachmentLinks(anchors: Anchor[], extracted: Extracted, allowedHosts: readonly string[]): AttachmentLink[] {
  const out = new Map<string, AttachmentLink>();
  for (const a of extracted.attachments) if (isAttachmentUrl(a.url)) out.set(a.url, { url: a.url, name: a.name ?? '' });
  if (!out.size) {
    for (const a of anchors) if (a.url && isAttachmentUrl(a.url)) out.set(a.url, { url: a.url, name: a.text || a.title });
  }
  return [...out.values()].filter((a) => isAllowedHost(a.url, allowedHosts)).slice(0, 8);
}

/** Judged on the extractor's main text: the page chrome around a lone PDF link is long but says nothing. */
export function isThin(extracted: Extracted, _html: string): boolean {
  return extracted.text.replace(/\s+/g, '').length < THIN_PAGE_CHARS;
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
  const thinWithFile = html !== null && attachments.some((a) => a.text) && isThin(extracted, html);
  // An attachment-only report: its text is the attachment's text (first readable one).
  const main = thinWithFile ? attachments.find((a) => a.text) : undefined;
  const title = extracted.title || task.linkText || (html ? htmlTitle(html) : null);
  return {
    ...extracted,
    kind: main ? kindOf(main) : extracted.kind,
    title,
    text: main ? main.text! : extracted.text,
    needs_ocr: main ? main.needs_ocr : extracted.needs_ocr,
    attachments: mergeAttachments(extracted.attachments, attachments),
    warnings: main ? [...extracted.warnings, `text taken from attachment ${main.url}`] : extracted.warnings,
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
  if (/docx|openxml/i.test(m)) return 'docx';
  if (/\.doc\b|msword|\.wps/i.test(m)) return 'doc';
  return 'html';
}

function mergeAttachments(fromExtractor: Attachment[], fetched: Attachment[]): Attachment[] {
  const byUrl = new Map(fromExtractor.map((a) => [a.url, a]));
  for (const f of fetched) byUrl.set(f.url, { ...(byUrl.get(f.url) ?? {}), ...f, name: f.name ?? byUrl.get(f.url)?.name ?? null });
  return [...byUrl.values()];
}
