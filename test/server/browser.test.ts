// The web page in Debian's Chromium, on a desktop window and a 390 px phone: the dataset page, and the
// explorer path a journalist takes — search an agency, open its report, check a 表三 number against the
// record and see the failed check marked, follow the archived copy, open the agency's timeline.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { startServer } from '../../src/server/start.ts';
import { repoRoot } from '../helpers/tmp.ts';
import { dataDirWithSnapshot } from './fixture-snapshot.ts';

const OUT = path.join(repoRoot, 'test', 'out');
let fx: Awaited<ReturnType<typeof dataDirWithSnapshot>>;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

before(async () => {
  fx = await dataDirWithSnapshot();
  server = await startServer({ dataDir: fx.dataDir });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await mkdir(OUT, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A context that refuses anything not served by our server, and a page that records console errors. */
async function open(viewport: { width: number; height: number }, acceptDownloads = false) {
  const context = await browser.newContext({ acceptDownloads, viewport, deviceScaleFactor: 1 });
  // Waits are for states, never for time; the bound only keeps a broken page from hanging a loaded machine.
  context.setDefaultTimeout(90_000);
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  // The archived raw page is someone else's HTML under a sandbox CSP: its blocked script is expected noise.
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !page.url().endsWith('/raw') && errors.push(`${page.url()}: ${m.text()}`));
  return { context, page, external, errors };
}

async function ready(page: Page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
}

/** On the phone nothing may scroll sideways: the document is no wider than the window. */
async function assertNoSideScroll(page: Page, what: string) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
}

async function recordOf(id: string): Promise<Record<string, any>> {
  const lines = (await readFile(path.join(fx.snap.path, 'reports.jsonl'), 'utf8')).split('\n');
  return JSON.parse(lines.find((l) => l.includes(`"report_id":"${id}"`))!);
}

test('the dataset page: data as of, checksums with copy, license and citation, coverage, charts with data tables, downloads verify', async () => {
  const { context, page, external, errors } = await open(VIEWPORTS.desktop, true);
  await page.goto(server.url);
  await ready(page);

  assert.match(await page.locator('#as-of').innerText(), /数据截至 .* data as of .*20 reports/);
  const rows = page.locator('#snapshots tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), new RegExp(fx.snap.id));
  assert.equal(await page.getAttribute('body', 'data-charts-for'), fx.snap.id);
  // Checksums are shown, not hidden in a tooltip, each with a copy button.
  const shaCells = await page.locator('#files code.sha').allInnerTexts();
  assert.ok(shaCells.includes(fx.snap.files['reports.parquet']!.sha256));
  assert.equal(await page.locator('#files button').count(), Object.keys(fx.snap.files).length);
  // The snapshot states its data license (storage/snapshot-files.ts), and the page shows it.
  assert.match(await page.locator("#license").innerText(), /CC BY 4\.0|Creative Commons Attribution 4\.0/);
  assert.match(await page.locator('#citation').innerText(), new RegExp(`snapshot ${fx.snap.id}`));
  assert.deepEqual(await page.locator('#coverage-table tbody tr td:first-child').allInnerTexts(), ['江苏省', '北京市', '广东省']);

  // Each chart has painted something and carries its numbers as a table.
  for (const id of ['chart-year-format', 'chart-admin-level', 'chart-province', 'chart-checks', 'chart-outcomes', 'chart-timeliness']) {
    const drawn = await page.evaluate((cid) => {
      const canvas = document.getElementById(cid) as HTMLCanvasElement;
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: Array<{ data: unknown[] }> } } | undefined } }).Chart.getChart(canvas);
      const ctx = canvas.getContext('2d')!;
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
      return { points: chart ? chart.data.datasets.reduce((s, d) => s + d.data.length, 0) : 0, painted, tableRows: canvas.closest('figure')!.querySelectorAll('details tbody tr').length };
    }, id);
    assert.ok(drawn.points > 0, `${id} has data`);
    assert.ok(drawn.painted > 500, `${id} painted ${drawn.painted} pixels`);
    assert.ok(drawn.tableRows > 0, `${id} has a data table`);
  }

  const crawlRows = await page.locator('#crawl tbody tr').allInnerTexts();
  assert.equal(crawlRows.length, 3);
  assert.match(crawlRows[1]!, /p320100\s+blocked/);

  // Download the newest reports.parquet through its link and check it against the manifest's checksum.
  const downloadPromise = page.waitForEvent('download');
  await page.locator('#files a', { hasText: 'reports.parquet' }).click();
  const download = await downloadPromise;
  const saved = path.join(fx.dataDir, 'downloaded.parquet');
  await download.saveAs(saved);
  assert.equal(createHash('sha256').update(await readFile(saved)).digest('hex'), fx.snap.files['reports.parquet']!.sha256);

  await page.screenshot({ path: path.join(OUT, 'snapshot-page.png'), fullPage: true });
  await page.goto(`${server.url}/codebook`);
  await ready(page);
  assert.ok((await page.locator('#codebook-table tbody tr').count()) > 100, 'the codebook table is rendered');
  assert.deepEqual(external, [], 'the page needs no network');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`explorer on the ${name} (${viewport.width} px): search → report → 表三 and the failed check → archived copy → agency timeline`, async () => {
    const { context, page, external, errors } = await open(viewport);
    const shot = (step: string) => page.screenshot({ path: path.join(OUT, `explorer-${name}-${step}.png`), fullPage: true });
    const phone = name === 'phone';
    await page.goto(server.url);
    await ready(page);
    if (phone) await assertNoSideScroll(page, 'dataset page');

    // Search by part of the agency's name, in Chinese.
    await page.fill('#q', '江宁');
    await page.press('#q', 'Enter');
    await page.waitForSelector('body[data-searched="5"]');
    assert.match(page.url(), /\/search\?q=%E6%B1%9F%E5%AE%81/);
    assert.match(await page.locator('#result-count').innerText(), /^5 份报告/);
    await page.locator('#search').scrollIntoViewIfNeeded();
    await shot('1-search');

    // Open the 2023 report: its 表三 shows the record's number, and the failed check is marked on its cells.
    await page.locator('li[data-report="r320115y2023"] .title a').click();
    await page.waitForURL(/\/reports\/r320115y2023$/);
    await ready(page);
    const record = await recordOf('r320115y2023');
    const newReceived = await page.locator('td[data-cell="t3|new_received|total"]').innerText();
    assert.equal(newReceived, String(record.tables.t3.new_received.total));
    const granted = await page.locator('td[data-cell="t3|granted|natural_person"]').innerText();
    assert.equal(granted, String(record.tables.t3.granted.natural_person));
    const failed = record.checks.find((c: { status: string }) => c.status === 'FAIL');
    const item = page.locator('#failed-checks li[data-status="FAIL"]');
    assert.equal(await item.count(), 1);
    const itemText = await item.innerText();
    assert.ok(itemText.includes(String(failed.left)) && itemText.includes(String(failed.right)), `both sides shown: ${itemText}`);
    assert.equal(await page.locator('td.cell-fail[data-cell="t3|total|total"]').count(), 1, 'the compared cell is marked');
    assert.equal(await page.locator('td.cell-fail').count(), 1);
    assert.match(await page.locator('#t3-table thead').innerText(), /申请人情况[\s\S]*法人或其他组织[\s\S]*商业企业/);
    // A 2021-format report shows its own three (六) rows, not the 2019 form's single one.
    assert.equal(record.format, '2021');
    assert.equal(await page.locator('td[data-cell="t3|other_overdue_fee|total"]').count(), 1);
    assert.equal(await page.locator('td[data-cell="t3|other|total"]').count(), 0);
    if (phone) await assertNoSideScroll(page, 'report page');
    await shot('2-report');

    // The archived copy: the page as fetched, served read-only with its script kept from running.
    await page.locator('#archived-raw').click();
    await page.waitForURL(/\/raw$/);
    assert.match(await page.locator('h1').innerText(), /南京市江宁区人民政府2023年政府信息公开工作年度报告/);
    assert.notEqual(await page.title(), 'script ran');
    await shot('3-archived');
    await page.goBack();
    await ready(page);

    // The agency over the years.
    await page.locator('#agency-link').click();
    await page.waitForURL(/\/agencies\//);
    await ready(page);
    assert.equal(await page.locator('#title').innerText(), '南京市江宁区人民政府');
    const requests = await page.locator('tr[data-metric="requests"] td').allInnerTexts();
    assert.equal(requests.length, 5);
    assert.match(requests[1]!, /^132\s*▲ \+6$/);
    assert.ok((await page.locator('#cross-year tbody tr').count()) >= 4);
    if (phone) await assertNoSideScroll(page, 'agency page');
    await shot('4-agency');

    assert.deepEqual(external, [], 'the pages need no network');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
