import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PortalConfigCache } from '../../queues/portal-config.ts';
import { UsageError } from '../../src/errors.ts';
import { tmpDir } from '../helpers/tmp.ts';

const entry = (id: string) => `  - id: ${id}\n    name: ${id} 政府信息公开年报\n    agency: ${id}人民政府\n    admin_level: county\n    start_urls: [https://${id}.example.gov.cn/nb/]\n`;
const file = (ids: string[], rate = 1) => `rate: ${rate}\nportals:\n${ids.map(entry).join('')}`;

test('crawl jobs of one file parse it once per process, and again only when its text changes', async () => {
  const dir = await tmpDir('portal-config-');
  const p = path.join(dir, 'portals.yaml');
  const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
  await writeFile(p, file(ids));
  const cache = new PortalConfigCache();
  for (const id of ids) assert.equal((await cache.portal(p, id))?.portal.id, id);
  assert.equal(cache.parses, 1, 'fifty portals of one file: one parse');
  assert.equal(await cache.portal(p, 'absent'), null);
  assert.equal(cache.parses, 1);

  await writeFile(p, file(ids, 2));
  const after = await cache.portal(p, 'p3');
  assert.equal(cache.parses, 2, 'an edited file is parsed again');
  assert.equal(after?.settings.rate, 2, 'the edit is seen');
});

test('each job gets its own copy of the portal and settings', async () => {
  const dir = await tmpDir('portal-config-');
  const p = path.join(dir, 'portals.yaml');
  await writeFile(p, file(['pa']));
  const cache = new PortalConfigCache();
  const first = (await cache.portal(p, 'pa'))!;
  first.portal.start_urls.push('https://elsewhere.example/');
  first.settings.rate = 99;
  const second = (await cache.portal(p, 'pa'))!;
  assert.deepEqual(second.portal.start_urls, ['https://pa.example.gov.cn/nb/']);
  assert.equal(second.settings.rate, 1);
});

test('a missing or invalid file is a UsageError naming it, and is not cached', async () => {
  const dir = await tmpDir('portal-config-');
  const p = path.join(dir, 'portals.yaml');
  const cache = new PortalConfigCache();
  await assert.rejects(cache.portal(p, 'a'), (e: unknown) => e instanceof UsageError && e.message.includes(p));
  await writeFile(p, 'portals: [\n  - id: px\n  name');
  await assert.rejects(cache.portal(p, 'px'), /invalid YAML/);
  await writeFile(p, file(['px']));
  assert.equal((await cache.portal(p, 'px'))?.portal.id, 'px');
});

test('the cache holds a few files, the least recently used dropped first', async () => {
  const dir = await tmpDir('portal-config-');
  const paths = Array.from({ length: 10 }, (_, i) => path.join(dir, `portals-${i}.yaml`));
  for (const p of paths) await writeFile(p, file(['pa']));
  const cache = new PortalConfigCache();
  for (const p of paths) await cache.portal(p, 'pa');
  assert.equal(cache.parses, 10);
  await cache.portal(paths[9]!, 'pa');
  assert.equal(cache.parses, 10, 'a recent file stays parsed');
  await cache.portal(paths[0]!, 'pa');
  assert.equal(cache.parses, 11, 'the oldest of ten was dropped (eight are kept)');
});
