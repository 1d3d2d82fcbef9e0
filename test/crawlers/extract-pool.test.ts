import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { ExtractPool } from '../../crawlers/extract-pool.ts';
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
