import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { startServer } from '../../src/server/start.ts';
import { repoRoot } from '../helpers/tmp.ts';
import { dataDirWithSnapshot } from './fixture-snapshot.ts';

const OUT = path.join(repoRoot, 'test', 'out');
let fx: Awaited<ReturnType<typeof dataDirWithSnapshot>>;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

before(async () => {
  fx = await dataDirWithSnapshot();
  server = await startServer({ dataDir: fx.dataDir });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page lists snapshots, draws charts offline, and downloads verify against the manifest', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const external: string[] = [];
  // Anything not served by our server would need the internet: refuse it and remember it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

  const rows = page.locator('#snapshots tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), new RegExp(fx.snap.id));
  assert.equal(await page.getAttribute('body', 'data-charts-for'), fx.snap.id);

  // Each chart exists and has painted something: a few non-transparent pixels on its canvas.
  for (const id of ['chart-year-format', 'chart-admin-level', 'chart-province', 'chart-checks', 'chart-outcomes', 'chart-timeliness']) {
    const drawn = await page.evaluate((cid) => {
      const canvas = document.getElementById(cid) as HTMLCanvasElement;
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: Array<{ data: unknown[] }> } } | undefined } }).Chart.getChart(canvas);
      const ctx = canvas.getContext('2d')!;
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
      return { points: chart ? chart.data.datasets.reduce((s, d) => s + d.data.length, 0) : 0, painted };
    }, id);
    assert.ok(drawn.points > 0, `${id} has data`);
    assert.ok(drawn.painted > 500, `${id} painted ${drawn.painted} pixels`);
  }

  const crawlRows = await page.locator('#crawl tbody tr').allInnerTexts();
  assert.equal(crawlRows.length, 3);
  assert.match(crawlRows[1]!, /p320100\s+blocked/);

  // Download through the link on the page and check it against the manifest's checksum.
  const downloadPromise = page.waitForEvent('download');
  await page.locator('#snapshots a', { hasText: 'reports.parquet' }).click();
  const download = await downloadPromise;
  const saved = path.join(fx.dataDir, 'downloaded.parquet');
  await download.saveAs(saved);
  const sha = createHash('sha256').update(await readFile(saved)).digest('hex');
  assert.equal(sha, fx.snap.files['reports.parquet']!.sha256);

  await mkdir(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'snapshot-page.png'), fullPage: true });
  assert.deepEqual(external, [], 'the page needs no network');
  assert.deepEqual(errors, []);
  await context.close();
});
