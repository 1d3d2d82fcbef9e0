import { UnrecoverableError } from 'bullmq';
import { CleanDocument } from '../src/schema/document.ts';
import type { ParseJob } from '../src/schema/queue.ts';
import { parseReport } from '../src/report/index.ts';
import { Archive } from '../storage/archive.ts';
import { RecordStore } from '../storage/record-store.ts';
import { recordRejected } from '../storage/run-reports.ts';
import { recordParsed } from '../storage/parse-ledger.ts';

const perDataDir = <T>(make: (dir: string) => T) => {
  const cache = new Map<string, T>();
  return (dir: string) => {
    let v = cache.get(dir);
    if (!v) cache.set(dir, (v = make(dir)));
    return v;
  };
};
export const archiveFor = perDataDir((d) => new Archive(d));
const storeFor = perDataDir((d) => new RecordStore(d));

/** Archive → parser → record store (or the run's rejected list), then the run's parsed ledger. */
export async function parseDocument(data: ParseJob): Promise<{ report_id: string; status: string; [k: string]: unknown }> {
  const raw = await archiveFor(data.data_dir).getJson(data.doc_sha256);
  const parsed = CleanDocument.safeParse(raw);
  if (!parsed.success) throw new UnrecoverableError(`document ${data.doc_sha256} does not match the CleanDocument schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const doc = parsed.data;
  const record = parseReport(doc, { portal: data.portal });
  if (!record.is_report) {
    await recordRejected(data.data_dir, data.run_id, { url: doc.url, portal_id: data.portal_id, title: record.title, reason: record.not_report_reason ?? 'not a report' });
    await recordParsed(data.data_dir, data.run_id, data.doc_sha256, 'rejected');
    return { report_id: record.report_id, status: 'rejected', reason: record.not_report_reason };
  }
  const res = await storeFor(data.data_dir).upsert(record);
  await recordParsed(data.data_dir, data.run_id, data.doc_sha256, res.status);
  return { report_id: record.report_id, ...res, format: record.format, year: record.year };
}
