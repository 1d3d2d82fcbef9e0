import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { RecordStore } from '../../storage/record-store.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { makeRecord } from './make-record.ts';

const run = promisify(execFile);

test('upsert: new, unchanged, changed; old versions are kept', async () => {
  const store = new RecordStore(await tmpDir());
  assert.deepEqual(await store.upsert(makeRecord({ report_id: 'a1', text: 'one' })), { status: 'new', version: 1 });
  assert.deepEqual(await store.upsert(makeRecord({ report_id: 'a1', text: 'one' })), { status: 'unchanged', version: 1 });
  assert.deepEqual(await store.upsert(makeRecord({ report_id: 'a1', text: 'two' })), { status: 'changed', version: 2 });
  assert.deepEqual(await store.upsert(makeRecord({ report_id: 'b2', text: 'x' })), { status: 'new', version: 1 });
  const versions = await store.versions('a1');
  assert.deepEqual(versions.map((v) => [v.version, v.text]), [[1, 'one'], [2, 'two']]);
  const latest = [];
  for await (const r of store.latest()) latest.push([r.report_id, r.version, r.text]);
  assert.deepEqual(latest, [['a1', 2, 'two'], ['b2', 1, 'x']]);
  assert.equal(await store.count(), 2);
  assert.deepEqual(await store.versions('never-seen'), []);
});

test('a re-parse by a newer parser of unchanged content adds a version', async () => {
  const store = new RecordStore(await tmpDir());
  await store.upsert(makeRecord({ report_id: 'p1', parser_version: '1.0.0' }));
  assert.deepEqual(await store.upsert(makeRecord({ report_id: 'p1', parser_version: '1.1.0' })), { status: 'changed', version: 2 });
});

test('an empty or missing store has no records', async () => {
  const store = new RecordStore(path.join(await tmpDir(), 'nothing-here'));
  assert.equal(await store.count(), 0);
  for await (const _ of store.latest()) assert.fail('no records expected');
});

test('bad input gives a specific error and writes nothing', async () => {
  const dir = await tmpDir();
  const store = new RecordStore(dir);
  const bad = { ...makeRecord({ report_id: 'c3' }), year: 'twenty' } as unknown as Parameters<RecordStore['upsert']>[0];
  await assert.rejects(store.upsert(bad), /invalid ReportRecord "c3": year:/);
  await assert.rejects(store.upsert(makeRecord({ report_id: '../escape' })), /report_id "\.\.\/escape" is not a safe id/);
  assert.equal(await store.count(), 0);
});

test('several processes writing the same reports at once get contiguous versions and no lost writes', async () => {
  const dir = await tmpDir();
  const child = path.join(import.meta.dirname, 'upsert-child.ts');
  const writers = ['w0', 'w1', 'w2', 'w3'];
  const outs = await Promise.all(writers.map((w) => run(process.execPath, ['--import', 'tsx', child, dir, w, '20'])));
  const results = outs.flatMap((o) => JSON.parse(o.stdout) as Array<{ id: string; status: string; version: number }>);
  const store = new RecordStore(dir);
  for (let i = 0; i < 20; i++) {
    const id = `r${i}`;
    const mine = results.filter((r) => r.id === id);
    assert.equal(mine.filter((r) => r.status === 'new').length, 1, `${id}: exactly one writer creates it`);
    assert.deepEqual(mine.map((r) => r.version).sort(), [1, 2, 3, 4], `${id}: each writer got its own version`);
    const versions = await store.versions(id);
    assert.deepEqual(versions.map((v) => v.version), [1, 2, 3, 4]);
    assert.deepEqual(new Set(versions.map((v) => v.text)), new Set(writers.map((w) => `content from writer ${w} for ${id}`)));
    const files = await readdir(path.join(dir, 'records', 'r' + String(i).slice(0, 1), id));
    assert.deepEqual(files.filter((f) => f.startsWith('.tmp')), [], 'no temporary files left behind');
  }
});

test('version files of the first layout (whole record on one line) are still read', async () => {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const dir = await tmpDir();
  const legacy = makeRecord({ report_id: 'old1', text: '旧格式全文', sections: [{ heading: '一', text: '旧' }] });
  await mkdir(path.join(dir, 'records', 'ol', 'old1'), { recursive: true });
  await writeFile(path.join(dir, 'records', 'ol', 'old1', 'v000001.json'), JSON.stringify(legacy));
  const store = new RecordStore(dir);
  assert.deepEqual((await store.versions('old1'))[0], legacy);
  assert.deepEqual(await store.upsert(makeRecord({ report_id: 'old1', text: '新' })), { status: 'changed', version: 2 });
  assert.deepEqual((await store.versions('old1')).map((r) => r.text), ['旧格式全文', '新']);
});
