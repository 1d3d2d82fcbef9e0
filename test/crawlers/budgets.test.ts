// Budgets that mean what they say, on sites generated here on 127.0.0.1: an endless 下一篇 chain of report pages stops at
// the report budget; a list page of 60,000 report links queues only what the report budget allows; a slow site stops at
// the time budget; each cut marks the crawl truncated and says which budget and how much it left. A real-sized column
// (125 list pages × 20 reports) is read whole at the default budgets: waiting report pages never use the list budget.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlPortal, renderCrawlReports } from '../../crawlers/crawl-portal.ts';
import { Portal, PortalsFile } from '../../src/schema/config.ts';
import type { CleanDocument } from '../../src/schema/document.ts';
import { Archive } from '../../storage/archive.ts';
import { fixture } from '../helpers/tmp.ts';
import { tmpData } from './helpers.ts';

const title = (n: number | string) => `示例县第${n}局2023年政府信息公开工作年度报告`;
const reportPage = (n: number | string, extra = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title(n)}</title></head><body>
<div class="article"><h1>${title(n)}</h1><div class="TRS_Editor"><p>根据《中华人民共和国政府信息公开条例》，现公布本局2023年政府信息公开工作年度报告。本年主动公开政府信息${n}条，本年新收政府信息公开申请数量为0件。</p>
<p>本年度未发生因政府信息公开引起的行政复议和行政诉讼。存在的主要问题是公开内容不够全面，下一步将加强培训。</p></div>${extra}</div></body></html>`;
const listPage = (links: string, pager = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>${links}</ul>${pager}</body></html>`;
const COLUMN_PAGES = 125;
const PER_PAGE = 20;
const BIG_LIST = 60_000;

describe('crawl budgets', () => {
  let server: http.Server;
  let base: string;
  const hits = new Map<string, number>();
  let slowMs = 0;
  const pdf = readFileSync(fixture('pdf', 'huaian-hongze-2023.pdf'));
  before(async () => {
    const bigList = listPage(Array.from({ length: BIG_LIST }, (_, i) => `<li><a href="/big/r${i}.html">${title(`B${i}`)}</a></li>`).join(''));
    server = http.createServer((req, res) => {
      const p = (req.url ?? '/').split('?')[0]!;
      const prefix = p.split('/')[1] ?? '';
      hits.set(prefix, (hits.get(prefix) ?? 0) + 1);
      const send = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      let m: RegExpMatchArray | null;
      if (p === '/chain/' || p === '/slow/') return void send(listPage(`<li><a href="${p}1.html">${title(1)}</a></li>`));
      if ((m = p.match(/^\/(chain|slow)\/(\d+)\.html$/))) {
        const n = Number(m[2]);
        const page = reportPage(n, `<p class="nav"><a href="/${m[1]}/${n + 1}.html" title="${title(n + 1)}">下一篇：${title(n + 1)}</a></p>`);
        return void (m[1] === 'slow' ? setTimeout(() => send(page), slowMs) : send(page));
      }
      if (p === '/att/') return void send(listPage(`<li><a href="/att/r.html">${title('A')}</a></li>`));
      if (p === '/att/r.html') return void send(reportPage('A', [1, 2, 3].map((i) => `<p><a href="/att/P0202401${i}.pdf">附件${i}.pdf</a></p>`).join('')));
      if (p.startsWith('/att/P0202401')) return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
      if (p === '/big/') return void send(bigList);
      if ((m = p.match(/^\/big\/r(\d+)\.html$/))) return void send(reportPage(`B${m[1]}`));
      if ((m = p.match(/^\/col\/index(?:_(\d+))?\.html$/))) {
        const i = Number(m[1] ?? 0);
        const links = Array.from({ length: PER_PAGE }, (_, j) => `<li><a href="/col/t${i}_${j}.html">${title(`C${i}-${j}`)}</a></li>`).join('');
        return void send(listPage(links, `<div class="page"><script>createPageHTML(${COLUMN_PAGES}, ${i}, "index", "html");</script></div>`));
      }
      if ((m = p.match(/^\/col\/t(\d+)_(\d+)\.html$/))) return void send(reportPage(`C${m[1]}-${m[2]}`));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  async function crawl(start: string, budgets: Record<string, number> = {}) {
    const dataDir = await tmpData();
    const { portals: _p, ...settings } = PortalsFile.parse({ portals: [{ id: 'budget-site', name: 'b', start_urls: [base] }], respect_robots: false });
    const portal = Portal.parse({ id: 'budget-site', name: '预算', start_urls: [`${base}${start}`], allowed_hosts: [new URL(base).host], render: 'http', ...budgets });
    const docs: CleanDocument[] = [];
    const report = await crawlPortal({ portal, settings, runId: 'budget-run', dataDir, archive: new Archive(dataDir), politeness: false, onDocument: async (d) => void docs.push(d) });
    return { report, docs };
  }

  it('an endless 下一篇 chain of report pages stops at the report budget', async () => {
    hits.clear();
    const { report, docs } = await crawl('/chain/', { max_report_pages: 20 });
    assert.equal(report.status, 'ok');
    assert.equal(docs.length, 20);
    assert.equal(hits.get('chain'), 1 + 20);
    assert.equal(report.truncated, true);
    const cut = report.budget_cuts.find((b) => b.budget === 'max_report_pages');
    assert.ok(cut, JSON.stringify(report.budget_cuts));
    assert.equal(cut.limit, 20);
    assert.equal(cut.used, 20);
    assert.equal(cut.left, 1);
    assert.equal(new URL(cut.first_url!).pathname, '/chain/21.html');
    assert.equal(report.errors_by_kind.max_report_pages, 1);
    assert.match(renderCrawlReports([report]), /truncated by max_report_pages — 1 report link\(s\) left out, first .*\/chain\/21\.html/);
  });

  it('a list page with 60,000 report links queues only what the report budget allows', async () => {
    hits.clear();
    const { report, docs } = await crawl('/big/', { max_report_pages: 50 });
    assert.equal(docs.length, 50);
    assert.equal(hits.get('big'), 1 + 50);
    const cut = report.budget_cuts.find((b) => b.budget === 'max_report_pages');
    assert.ok(cut);
    assert.equal(cut.left, BIG_LIST - 50);
    assert.equal(report.truncated, true);
    assert.match(report.errors.find((e) => e.kind === 'max_report_pages')?.message ?? '', /max_report_pages=50 reached after 50 report link\(s\)/);
  });

  it('attachments beyond the attachment budget are not fetched, and the cut says how many', async () => {
    hits.clear();
    const { report, docs } = await crawl('/att/', { max_attachments: 2 });
    assert.equal(docs.length, 1);
    assert.equal(report.attachments, 2);
    assert.equal(hits.get('att'), 1 + 1 + 2);
    const skipped = docs[0]!.attachments.find((a) => a.url.endsWith('P02024013.pdf'));
    assert.match(skipped?.error ?? '', /attachment budget max_attachments=2/);
    const cut = report.budget_cuts.find((b) => b.budget === 'max_attachments');
    assert.deepEqual(cut && { limit: cut.limit, used: cut.used, left: cut.left, path: new URL(cut.first_url!).pathname }, { limit: 2, used: 2, left: 1, path: '/att/P02024013.pdf' });
    assert.equal(report.truncated, true);
  });

  it('a slow site stops at the time budget, which says how many tasks it left', async () => {
    slowMs = 200;
    const { report, docs } = await crawl('/slow/', { max_minutes: 0.01 });
    slowMs = 0;
    assert.equal(report.status, 'ok');
    assert.ok(docs.length < 100, String(docs.length));
    const cut = report.budget_cuts.find((b) => b.budget === 'max_minutes');
    assert.ok(cut, JSON.stringify(report.budget_cuts));
    assert.ok(cut.left >= 1);
    assert.equal(report.truncated, true);
    assert.match(report.errors.find((e) => e.kind === 'max_minutes')?.message ?? '', /time budget max_minutes=0\.01 reached/);
  });

  it('a column of 125 list pages × 20 reports is read whole at the default budgets', async () => {
    const { report, docs } = await crawl('/col/index.html');
    assert.equal(report.list_pages, COLUMN_PAGES);
    assert.equal(docs.length, COLUMN_PAGES * PER_PAGE);
    assert.equal(report.truncated, false);
    assert.deepEqual(report.budget_cuts, []);
    assert.equal(report.lists_unvisited, 0);
  });
});
