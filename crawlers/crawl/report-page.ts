// Handler of a report page (HTML, fetched or rendered): cleaned in the extraction pool, checked for soft 404s,
// forwarding and script-built shells, its attachments fetched, emitted as one document; its neighbours
// (上一篇/下一篇, 相关) are queued as reports. A report "page" that is a file goes to the attachment handler.
import type { Extracted, Attachment } from '../../src/schema/document.ts';
import { detectKind } from '../../src/extract/index.ts';
import { canonicalUrl } from '../canonical.ts';
import { detectSoft404, looksScriptBuilt } from '../detect.ts';
import { classifyLink, isAttachmentUrl } from '../discover.ts';
import { attachmentLinks, carriesReport, emptyVerdict, hasNoContent, isThin, makeDocument, type AttachmentLink } from '../documents.ts';
import type { FetchResult } from '../fetcher.ts';
import { anchorsOf, visibleText } from '../links.ts';
import type { Anchor, Task } from '../types.ts';
import { extractFailure, fetchPageAttachment, handleAttachmentReport } from './attachment.ts';
import { followClientRedirect } from './client-redirect.ts';
import type { CrawlContext } from './context.ts';
import { emit } from './emit.ts';
import { isInterruption } from './interrupted.ts';
import type { Tally } from './ledger.ts';

/** Below this many characters of main text a page is worth the full visible-text scan for a soft 404. */
const SOFT_404_SCAN_CHARS = 600;

/** `rendered` is the page's HTML from Chromium; without it the page is the fetched bytes. */
export async function handleReportPage(ctx: CrawlContext, task: Task, res: FetchResult, t: Tally, rendered?: string): Promise<void> {
  t.count('reports_found');
  if (res.status === 304) {
    t.count('reports_unchanged');
    return;
  }
  const kind = rendered ? 'html' : detectKind(res.bytes, { filename: new URL(res.finalUrl).pathname, contentType: res.headers['content-type'] });
  // Plain text (a `.txt` report) is read like a file, not cleaned as a page.
  if (kind !== 'html') return handleAttachmentReport(ctx, task, res, t);
  // Archive the raw page while a worker thread decodes and cleans it.
  const [rawSha, cleaned] = await Promise.all([
    ctx.archive.put(rendered ?? res.bytes),
    ctx.pool.run({ bytes: rendered ? null : res.bytes, rendered: rendered ?? null, headers: res.headers, url: res.finalUrl }).catch((err: Error) => err),
  ]);
  if (cleaned instanceof Error) {
    // The crawl stopped while the page waited for extraction: no verdict on the page, the task stays pending.
    if (isInterruption(cleaned)) throw cleaned;
    t.fail(task.url, extractFailure(cleaned), cleaned.message);
    return;
  }
  const { html, extracted } = cleaned;
  const page = screen(ctx, task, res, html, extracted, t, rendered !== undefined);
  if (!page) return;
  const atts = await fetchAttachments(ctx, page.attLinks, t);
  // Nothing in the page (binary junk served as text/html, an empty body, only scripts) and no attachment carrying
  // the report: emitting it would hand the parser a title and no body. Record why instead.
  if (hasNoContent(extracted) && !atts.some(carriesReport)) {
    const v = emptyVerdict(res.bytes.length, rendered ? 'text/html (rendered)' : res.headers['content-type'] ?? null, html);
    t.uncountFound();
    t.fail(task.url, v.kind, v.message);
    return;
  }
  const doc = makeDocument({ task, res, portalId: ctx.portal.id, runId: ctx.runId, rawSha }, { ...extracted, charset: extracted.charset ?? null }, html, atts);
  await emit(ctx, task, doc, res, t);
  queueNeighbours(ctx, task, page.anchors, t);
}

/**
 * A cleaned page that holds no report here: a soft 404, a forwarding page, or (render: auto) an empty shell a
 * script fills in, queued again for the browser. Null for those; else the page's anchors and attachment links.
 */
function screen(ctx: CrawlContext, task: Task, res: FetchResult, html: string, extracted: Extracted, t: Tally, rendered: boolean): { anchors: Anchor[]; attLinks: AttachmentLink[] } | null {
  // Soft 404s are short: only a page with little main text is worth the full visible-text scan.
  const thin = isThin(extracted);
  const soft = thin || extracted.text.length < SOFT_404_SCAN_CHARS ? detectSoft404(visibleText(html)) : null;
  if (soft) {
    t.uncountFound();
    t.count('not_found');
    t.fail(task.url, 'soft_404', `HTTP ${res.status} page says “${soft}”`);
    return null;
  }
  const finalUrl = canonicalUrl(res.finalUrl);
  // A moved article that forwards to its new address: the report is there.
  if (thin && followClientRedirect(ctx, task, html, finalUrl, t)) {
    t.uncountFound();
    return null;
  }
  const anchors = anchorsOf(html, finalUrl);
  const attLinks = attachmentLinks(anchors, extracted, ctx.allowedHosts);
  if (!rendered && ctx.portal.render === 'auto' && thin && !attLinks.length && looksScriptBuilt(html)) {
    t.uncountFound();
    ctx.queue.enqueue({ url: task.url, kind: 'report', browser: true }, task.via, task.linkText, task.depth);
    return null;
  }
  return { anchors, attLinks };
}

/** The page's attachments, within the per-page cap and the attachment budget; those left out say why. */
async function fetchAttachments(ctx: CrawlContext, links: AttachmentLink[], t: Tally): Promise<Attachment[]> {
  const { queue, portal, limits } = ctx;
  for (const a of links.slice(limits.attachmentsPerPage)) t.skip('attachment_cap', a.url);
  const atts: Attachment[] = [];
  for (const a of links.slice(0, limits.attachmentsPerPage)) {
    if (!queue.budget.allowsAttachment(queue.attachmentsUsed())) {
      queue.budgetCut(t, 'max_attachments', a.url);
      atts.push({ url: a.url, name: a.name || null, mime: null, sha256: null, bytes: null, text: null, needs_ocr: false, error: `not fetched: attachment budget max_attachments=${portal.max_attachments} used up` });
      continue;
    }
    t.count('page_attachments');
    atts.push(await fetchPageAttachment(ctx, a.url, a.name || null, t));
  }
  return atts;
}

/** Reports link to neighbouring reports (上一篇/下一篇, 相关): follow those, not lists or attachments. */
function queueNeighbours(ctx: CrawlContext, task: Task, anchors: Anchor[], t: Tally): void {
  for (const a of anchors) {
    if (!a.url || isAttachmentUrl(a.url)) continue;
    const v = classifyLink(a.url, a.text, a.title, ctx.rules, false);
    if (v.kind === 'report') ctx.queue.enqueue({ url: a.url, kind: 'report', browser: ctx.queue.browserFor('report') }, task.url, v.text, task.depth + 1, t);
  }
}
