// Child process for the concurrent-writers test: upserts one distinct content per report id and prints the statuses.
import { RecordStore } from '../../storage/record-store.ts';
import { makeRecord } from './make-record.ts';

const [dataDir, writer, nIds] = process.argv.slice(2) as [string, string, string];
const store = new RecordStore(dataDir);
const results: Array<{ id: string; status: string; version: number }> = [];
await Promise.all(
  Array.from({ length: Number(nIds) }, async (_, i) => {
    const id = `r${i}`;
    const res = await store.upsert(makeRecord({ report_id: id, text: `content from writer ${writer} for ${id}` }));
    results.push({ id, ...res });
  }),
);
process.stdout.write(JSON.stringify(results));
