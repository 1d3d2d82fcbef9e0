import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { ExtractPool } from '../../crawlers/extract-pool.ts';
import { startReplicaServer } from '../../crawlers/replica/server.ts';
import { crawlReplica, tmpData } from './helpers.ts';
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

test('crawls that are given a pool share it: one page worker for several portals, and the pool stays open for the next', async () => {
  const server = await startReplicaServer({ port: 0 });
  const pool = new ExtractPool();
  try {
    const dataDir = await tmpData();
    const a = await crawlReplica(server, 'replica-trs', dataDir, 'shared-a', { pool });
    const b = await crawlReplica(server, 'replica-hanweb', dataDir, 'shared-b', { pool });
    assert.ok(a.docs.length > 0 && b.docs.length > 0, `${a.docs.length} and ${b.docs.length} documents`);
    assert.equal(pool.pages.spawned, 1);
    // Not closed by the crawls: it still cleans a page.
    const got = await pool.run({ bytes, rendered: null, headers: {}, url: 'http://127.0.0.1/after.html' });
    assert.ok(got.extracted.text.length > 200);
  } finally {
    await pool.close();
    await server.close();
  }
});
