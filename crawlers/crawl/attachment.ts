// Handler of attachments: a report that is a file (PDF, DOC, spreadsheet, text), and the files a report page links.
// Every file is extracted in the extraction pool (../extract-pool.ts), under its memory and time bounds, never on the
// crawl's thread (which keeps the queue job's lock alive).
import { detectKind, extractErrorKind } from '../../src/extract/index.ts';
import { decodeUriSafe } from '../../src/extract/text/uri.ts';
import type { Attachment } from '../../src/schema/document.ts';
import { hasNoContent, makeDocument } from '../documents.ts';
import { SandboxError } from '../extract-pool.ts';
import { FetchError, type FetchResult } from '../fetcher.ts';
import type { Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import { emit } from './emit.ts';
import { isInterruption, stoppedUnder, TaskInterrupted } from './interrupted.ts';
import type { Tally } from './ledger.ts';
import { challenged, noteFallback, statusKind } from './responses.ts';
import { allowedByRobots } from './robots-check.ts';

/** Error kind of a failed extraction: a breach of the sandbox's bounds (`too_large`, `timeout`) or unreadable input. */
// A sandbox breach names its bound; any other failure is `extract`, or `unsupported_format` when no reader here handles the format.
export const extractFailure = (err: unknown) => (err instanceof SandboxError && err.kind !== 'extract' ? err.kind : extractErrorKind(err));

/** The file's name from its final URL, and what its bytes are. */
function fileOf(res: FetchResult) {
  const filename = decodeUriSafe(new URL(res.finalUrl).pathname.split('/').pop() ?? '');
  return { filename, kind: detectKind(res.bytes, { filename, contentType: res.headers['content-type'] }) };
}

/** A report that is a file: archived, extracted in the pool, emitted as a document whose one attachment is the file. */
export async function handleAttachmentReport(ctx: CrawlContext, task: Task, res: FetchResult, t: Tally): Promise<void> {
  t.count('attachments');
  const sha = await ctx.archive.put(res.bytes);
  const { filename, kind } = fileOf(res);
  let ex;
  try {
    ex = await ctx.pool.file({ bytes: res.bytes, url: task.url, headers: res.headers, filename, kind });
  } catch (err) {
    if (isInterruption(err)) throw err;
    t.fail(task.url, extractFailure(err), (err as Error).message);
    return;
  }
  // A file with no text that is not a scan either (an empty file, a PDF of blank pages) carries no report.
  if (hasNoContent(ex) && !ex.needs_ocr) {
    t.uncountFound();
    t.fail(task.url, 'empty_content', `${res.bytes.length} bytes served as ${res.headers['content-type'] || 'no content type'}, read as ${kind}: no text and not a scan${ex.warnings.length ? ` (${ex.warnings.slice(0, 2).join('; ')})` : ''}`);
    return;
  }
  const att: Attachment = { url: task.url, name: task.linkText, mime: res.headers['content-type'] ?? null, sha256: sha, bytes: res.bytes.length, text: ex.text || null, needs_ocr: ex.needs_ocr, error: null, text_source: ex.text_source, ocr: ex.ocr };
  const doc = makeDocument({ task, res, portalId: ctx.portal.id, runId: ctx.runId, rawSha: sha }, { ...ex, attachments: [] }, null, [att]);
  await emit(ctx, task, doc, res, t);
}

/** An attachment task over HTTP (a report file found on a list). */
export async function handleAttachmentTask(ctx: CrawlContext, task: Task, res: FetchResult, t: Tally): Promise<void> {
  t.count('reports_found');
  if (res.status === 304) t.count('reports_unchanged');
  else await handleAttachmentReport(ctx, task, res, t);
}

/** One file a report page links: fetched through the politeness gate and extracted in the pool; trouble goes into `error`. */
export async function fetchPageAttachment(ctx: CrawlContext, url: string, name: string | null, t: Tally): Promise<Attachment> {
  const base: Attachment = { url, name, mime: null, sha256: null, bytes: null, text: null, needs_ocr: false, error: null };
  if (!(await allowedByRobots(ctx, url, t))) return { ...base, error: 'disallowed by robots.txt' };
  try {
    return await fetchAndRead(ctx, base, t);
  } catch (err) {
    // A crawl stopped mid-page: the page is not emitted without its attachment; it stays pending, whole, for a resume.
    if (isInterruption(err)) throw err;
    if (stoppedUnder(ctx)) throw new TaskInterrupted(`${url}: the crawl stopped while the attachment was fetched`);
    // A failed request, and any other trouble short of extraction, stays with this attachment: the page goes on.
    t.fail(url, err instanceof FetchError ? err.kind : 'network', (err as Error).message);
    return { ...base, error: (err as Error).message };
  }
}

async function fetchAndRead(ctx: CrawlContext, base: Attachment, t: Tally): Promise<Attachment> {
  const url = base.url;
  const res = await ctx.politeness.fetch({ url, method: 'GET' });
  t.count('pages_fetched');
  noteFallback(ctx, res, t);
  if (challenged(ctx, res)) return { ...base, error: `blocked (HTTP ${res.status})` };
  if (res.status >= 400) {
    if (res.status === 404 || res.status === 410) t.count('not_found');
    t.fail(url, statusKind(res.status), `attachment HTTP ${res.status}`);
    return { ...base, error: `HTTP ${res.status}` };
  }
  t.count('attachments');
  const sha = await ctx.archive.put(res.bytes);
  const { filename, kind } = fileOf(res);
  const got = { ...base, mime: res.headers['content-type'] ?? null, sha256: sha, bytes: res.bytes.length };
  try {
    const ex = await ctx.pool.file({ bytes: res.bytes, url, headers: res.headers, filename, kind });
    return { ...got, text: ex.text || null, needs_ocr: ex.needs_ocr, text_source: ex.text_source, ocr: ex.ocr };
  } catch (err) {
    if (isInterruption(err)) throw err;
    t.fail(url, extractFailure(err), (err as Error).message);
    return { ...got, error: (err as Error).message };
  }
}
