// An ASP.NET WebForms list (AspNetPager): page 2 and on are reached only by posting the form back with its state.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlSite } from './helpers.ts';

const titles = ['某某区民政局2022年政府信息公开工作年度报告', '某某区财政局2022年政府信息公开工作年度报告', '某某区教育局2021年政府信息公开工作年度报告'];
const body = (t: string) => Array.from({ length: 12 }, (_, i) => `<p>${t}第${i + 1}部分：全年主动公开政府信息${30 + i}条，收到申请${i}件，均已按时答复。</p>`).join('\n');

describe('ASP.NET postback pagination', () => {
  let server: http.Server;
  let base = '';
  const posts: URLSearchParams[] = [];
  before(async () => {
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const u = req.url ?? '/';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const detail = /^\/show\.aspx\?id=(\d)$/.exec(u);
      if (detail) return res.end(`<html><head><title>${titles[Number(detail[1])]}</title></head><body><h1>${titles[Number(detail[1])]}</h1><div id="zoom">${body(titles[Number(detail[1])]!)}</div></body></html>`);
      if (!u.startsWith('/list.aspx')) return res.writeHead(404).end();
      let pageNo = 1;
      if (req.method === 'POST') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString());
        posts.push(form);
        // The server insists on its own state coming back, as WebForms does.
        if (form.get('__VIEWSTATE') !== `state-${form.get('__EVENTARGUMENT') === '2' ? 1 : 2}`) return res.end('<html><body>会话已过期</body></html>');
        pageNo = Number(form.get('__EVENTARGUMENT'));
      }
      const items = pageNo === 1 ? [0] : pageNo === 2 ? [1] : [2];
      const nextLink = pageNo < 3 ? `<a href="javascript:__doPostBack('ctl00$Main$AspNetPager1','${pageNo + 1}')">下一页</a>` : '';
      res.end(`<html><body><form method="post" action="./list.aspx?cat=nb" id="form1">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="state-${pageNo}" />
<input type="hidden" name="__EVENTVALIDATION" value="ev-${pageNo}" />
<input type="hidden" name="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" value="" />
<ul>${items.map((i) => `<li><a href="show.aspx?id=${i}">${titles[i]}</a></li>`).join('')}</ul>
<div class="pager"><a href="javascript:__doPostBack('ctl00$Main$AspNetPager1','1')">首页</a> ${nextLink}</div></form></body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('every page of the list is reached by posting the form back; every report is found', async () => {
    const { report, docs } = await crawlSite(`${base}/list.aspx?cat=nb`);
    assert.equal(report.status, 'ok', JSON.stringify(report.errors));
    assert.deepEqual(docs.map((d) => d.title).sort(), [...titles].sort());
    assert.equal(report.list_pages, 3);
    assert.deepEqual(posts.map((f) => [f.get('__EVENTTARGET'), f.get('__EVENTARGUMENT'), f.get('__EVENTVALIDATION')]), [['ctl00$Main$AspNetPager1', '2', 'ev-1'], ['ctl00$Main$AspNetPager1', '3', 'ev-2']]);
  });
});
