import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { Archive } from '../../storage/archive.ts';
import { tmpDir } from '../helpers/tmp.ts';

test('put/get round trip; the object is brotli under one level of fan-out; a second put writes nothing', async () => {
  const dir = await tmpDir();
  const archive = new Archive(dir);
  const text = '本机关2023年政府信息公开工作年度报告\n'.repeat(200);
  const sha = await archive.put(text);
  assert.equal(sha, Archive.hash(Buffer.from(text)));
  assert.equal((await archive.get(sha)).toString('utf8'), text);
  const file = archive.pathFor(sha);
  assert.equal(path.relative(dir, file), path.join('archive', 'sha256', sha.slice(0, 2), `${sha}.br`));
  assert.equal(brotliDecompressSync(await readFile(file)).toString('utf8'), text);
  assert.equal(await archive.put(text), sha);
  // Only the object itself: no temp file left behind.
  assert.deepEqual(await readdir(path.dirname(file)), [`${sha}.br`]);
  assert.deepEqual(await archive.getJson(await archive.putJson({ a: [1, '二'] })), { a: [1, '二'] });
});

test('objects over the synchronous limit (attachments) take the thread-pool path and read back whole', async () => {
  const archive = new Archive(await tmpDir());
  const big = randomBytes(3 * 1024 * 1024);
  const sha = await archive.put(big);
  assert.ok((await archive.get(sha)).equals(big));
  assert.equal(await archive.has(sha), true);
});

test('objects written by earlier versions (ab/cd/<sha>.gz) are still found and read', async () => {
  const dir = await tmpDir();
  const archive = new Archive(dir);
  const bytes = Buffer.from('旧版本的归档对象');
  const sha = Archive.hash(bytes);
  const legacy = path.join(dir, 'archive', 'sha256', sha.slice(0, 2), sha.slice(2, 4), `${sha}.gz`);
  await mkdir(path.dirname(legacy), { recursive: true });
  await writeFile(legacy, gzipSync(bytes));
  assert.equal(await archive.has(sha), true);
  assert.ok((await archive.get(sha)).equals(bytes));
  // Present already: put does not write a second copy.
  await archive.put(bytes);
  assert.equal(await archive.has(sha), true);
  await assert.rejects(readFile(archive.pathFor(sha)), { code: 'ENOENT' });
});

test('a fan-out directory removed under a running archive is made again', async () => {
  const dir = await tmpDir();
  const archive = new Archive(dir);
  const a = await archive.put('first object');
  await rm(path.dirname(archive.pathFor(a)), { recursive: true });
  // The archive remembers having made that directory; the write must notice it is gone and make it again.
  const again = await archive.put('first object');
  assert.equal((await archive.get(again)).toString(), 'first object');
});

test('a missing or corrupt object is an error naming its key and path', async () => {
  const archive = new Archive(await tmpDir());
  const missing = 'a'.repeat(64);
  await assert.rejects(archive.get(missing), (err: Error) => err.message.includes(missing) && err.message.includes(archive.pathFor(missing)));
  const sha = await archive.put('will be damaged');
  await writeFile(archive.pathFor(sha), 'not brotli at all');
  await assert.rejects(archive.get(sha), new RegExp(`archive object ${sha} unreadable at`));
  await assert.rejects(archive.get('../../etc/passwd'), /not a sha256 key/);
});
