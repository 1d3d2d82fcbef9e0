// A document leaves the crawl here: into the archive and to `onDocument` when it is new or changed, with the URL's
// state (validators, hashes) kept for the next, incremental crawl.
import type { UrlState } from '../../storage/url-state.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { contentHash } from '../documents.ts';
import type { FetchResult } from '../fetcher.ts';
import type { Task } from '../types.ts';
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';

export async function emit(ctx: CrawlContext, task: Task, doc: CleanDocument, res: FetchResult, t: Tally): Promise<void> {
  const prior = ctx.state.get(task.url);
  const hash = contentHash(doc);
  const next: UrlState = {
    etag: res.headers['etag'] ?? null, last_modified: res.headers['last-modified'] ?? null, raw_sha256: doc.raw_sha256,
    content_sha256: hash, doc_sha256: prior?.doc_sha256 ?? null, status: res.status, fetched_at: doc.fetched_at,
  };
  if (prior?.content_sha256 === hash) {
    t.count('reports_unchanged');
    ctx.state.set(task.url, next);
    return;
  }
  try {
    const sha = await ctx.archive.putJson(doc);
    await ctx.onDocument(doc, sha);
    t.count(prior?.content_sha256 ? 'reports_changed' : 'reports_new');
    ctx.state.set(task.url, { ...next, doc_sha256: sha });
  } catch (err) {
    t.fail(task.url, 'emit', (err as Error).message);
  }
}
