import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { ExtractionCancelled, ExtractPool } from '../../crawlers/extract-pool.ts';
import { decode, extractHtml } from '../../src/extract/index.ts';
import { fixture } from '../helpers/tmp.ts';

const pageFile = readdirSync(fixture('extract', 'pages')).find((f) => f.endsWith('.html'))!;
const bytes = readFileSync(fixture('extract', 'pages', pageFile));

test('the worker pool cleans a page exactly as the inline extractor does', async () => {
  const pool = new ExtractPool();
  try {
    const got = await pool.run({ bytes, rendered: null, headers: {}, url: 'http://127.0.0.1/x.html' });
    const html = decode(bytes, {}).text;
    assert.equal(got.html, html);
    assert.deepEqual(got.extracted, extractHtml(html, { url: 'http://127.0.0.1/x.html' }));
    assert.ok(got.extracted.text.length > 200);
  } finally {
    await pool.close();
  }
});

test('a worker that dies fails only the page it held, and the next page gets a new worker', async () => {
  const pool = new ExtractPool();
  try {
    const pending = pool.run({ bytes, rendered: null, headers: {}, url: 'http://127.0.0.1/a.html' });
    // Kill the worker under the pending page, as a crash would.
    await (pool.pages as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await assert.rejects(pending, /a\.html: extract worker exited/);
    const again = await pool.run({ bytes, rendered: null, headers: {}, url: 'http://127.0.0.1/b.html' });
    assert.ok(again.extracted.text.length > 200);
  } finally {
    await pool.close();
  }
});

const page = (name: string) => ({ bytes, rendered: null, headers: {}, url: `http://127.0.0.1/${name}.html` });
const cancelled = (name: string) => (e: Error) => e instanceof ExtractionCancelled && e.message.includes(`${name}.html`);

test('a cancelled lease drops its pages, the running one and those queued, and leaves another lease’s pages to finish', async () => {
  const pool = new ExtractPool();
  try {
    const a = pool.lease();
    const b = pool.lease();
    // Queued in this order; a1 is running (sent to the worker) when the lease is cancelled.
    const a1 = a.run(page('a1'));
    const b1 = b.run(page('b1'));
    const a2 = a.run(page('a2'));
    const b2 = b.run(page('b2'));
    assert.equal(pool.pages.pending, 4);
    assert.equal(a.busy, true);
    a.cancel('stopped by the test');
    await assert.rejects(a1, cancelled('a1'));
    await assert.rejects(a2, cancelled('a2'));
    // Later pages of a cancelled lease are refused without reaching the pool.
    await assert.rejects(a.run(page('a3')), cancelled('a3'));
    for (const got of await Promise.all([b1, b2])) assert.ok(got.extracted.text.length > 200);
    assert.equal(pool.pages.pending, 0);
    assert.equal(pool.pages.spawned, 1, 'the cancelled page kept its worker; nothing was restarted');
    // The pool goes on for other crawls.
    assert.ok((await pool.lease().run(page('c1'))).extracted.text.length > 200);
  } finally {
    await pool.close();
  }
});

test('a sandbox holds at most maxQueued jobs; the rest wait their turn and all finish', async () => {
  const pool = new ExtractPool({ maxQueued: 2 });
  try {
    const lease = pool.lease();
    const runs = ['q1', 'q2', 'q3', 'q4', 'q5'].map((n) => lease.run(page(n)));
    const held = pool.pages as unknown as { queue: unknown[]; waiting: unknown[] };
    // One running, two queued, two waiting for room.
    assert.deepEqual([held.queue.length, held.waiting.length], [2, 2]);
    for (const got of await Promise.all(runs)) assert.ok(got.extracted.text.length > 200);
    assert.deepEqual([held.queue.length, held.waiting.length, pool.pages.pending], [0, 0, 0]);
  } finally {
    await pool.close();
  }
});

test('closing the pool cancels what it holds (no verdict on those pages) and refuses pages after', async () => {
  const pool = new ExtractPool({ maxQueued: 1 });
  const lease = pool.lease();
  const runs = ['z1', 'z2', 'z3'].map((n, i) => assert.rejects(lease.run(page(n)), cancelled(`z${i + 1}`)));
  await pool.close();
  await Promise.all(runs);
  await assert.rejects(lease.run(page('z4')), cancelled('z4'));
  await assert.rejects(pool.file({ bytes, headers: {}, url: 'http://127.0.0.1/z5.html', filename: 'z5.html', kind: 'txt' }), (e: Error) => e instanceof ExtractionCancelled);
});
