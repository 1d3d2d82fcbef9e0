// Each pagination idiom on a fixture page: the replica's own pages where the idiom lives there, short real-shaped
// snippets otherwise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { anchorsOf } from '../../crawlers/links.ts';
import { gkmlpt } from '../../crawlers/cms/gkmlpt.ts';
import { hanweb } from '../../crawlers/cms/hanweb.ts';
import { indexN } from '../../crawlers/cms/index-n.ts';
import { nextLink } from '../../crawlers/cms/next-link.ts';
import { pageParam } from '../../crawlers/cms/page-param.ts';
import { trs } from '../../crawlers/cms/trs.ts';
import { trsScriptPager } from '../../crawlers/cms/trs-pager.ts';
import { notANextPage } from '../../crawlers/next-page-guard.ts';
import { scriptData } from '../../crawlers/cms/script-data.ts';
import { REPLICA_ROOT } from '../../crawlers/replica/server.ts';
import type { Page, Task } from '../../crawlers/types.ts';

const site = (p: string) => readFileSync(path.join(REPLICA_ROOT, p));
function page(url: string, body: string, task: Partial<Task> = {}): Page {
  const t: Task = { key: url, url, rawUrl: url, method: 'GET', kind: 'list', via: null, linkText: null, depth: 0, ...task };
  let a: ReturnType<typeof anchorsOf> | null = null;
  return { task: t, url, body, contentType: 'text/html', anchors: () => (a ??= anchorsOf(body, url)) };
}
const ctx = { maxPages: 100 };
const urls = (o: { next: { url: string }[] } | null) => (o?.next ?? []).map((n) => n.url).sort();

describe('TRS createPageHTML', () => {
  it('classic (pages, current0, "index", "html") → index_1 … index_{n-1}', () => {
    const out = trs.discover(page('http://h/trs/zwgk/zfxxgknb/', site('trs/zwgk/zfxxgknb/index.html').toString()), ctx);
    assert.deepEqual(urls(out), ['http://h/trs/zwgk/zfxxgknb/index.html', 'http://h/trs/zwgk/zfxxgknb/index_1.html', 'http://h/trs/zwgk/zfxxgknb/index_2.html']);
  });
  it("variant ('page_div', pages, current1, 'list', 'shtml', records) → list_2 …", () => {
    const out = trs.discover(page('http://h/trs/zwgk/zfxxgknb/lsnb/list.shtml', site('trs/zwgk/zfxxgknb/lsnb/list.shtml').toString()), ctx);
    assert.deepEqual(urls(out), ['http://h/trs/zwgk/zfxxgknb/lsnb/list.shtml', 'http://h/trs/zwgk/zfxxgknb/lsnb/list_2.shtml']);
  });
  it('respects max_pages and ignores pages without the call', () => {
    assert.equal(trs.discover(page('http://h/a/', '<script>createPageHTML(500, 0, "index", "shtml");</script>'), { maxPages: 10 })!.next.length, 10);
    assert.equal(trs.discover(page('http://h/a/', '<p>no pager</p>'), ctx), null);
  });
});

describe('Hanweb datastore', () => {
  it('reads CDATA records and asks dataproxy.jsp for the next records by POST', () => {
    const out = hanweb.discover(page('http://h/hw/col/col1234/index.html', site('hw/col/col1234/index.html').toString()), ctx)!;
    assert.equal(out.links.length, 3);
    assert.match(out.links[0]!.text, /三元区2017年政府信息公开工作年度报告/);
    const n = out.next[0]!;
    assert.equal(n.method, 'POST');
    assert.equal(n.url, 'http://h/hw/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=12&perpage=3');
    const form = new URLSearchParams(n.body);
    assert.equal(form.get('columnid'), '1234');
    assert.equal(form.get('unitid'), '5678');
    assert.equal(form.get('col'), '1');
  });
  it('stops when dataproxy has given every record', () => {
    const xml = '<datastore><totalrecord>6</totalrecord><recordset><record><![CDATA[<li><a href="/a.html">x</a></li>]]></record><record><![CDATA[<li><a href="/b.html">y</a></li>]]></record><record><![CDATA[<li><a href="/c.html">z</a></li>]]></record></recordset></datastore>';
    const out = hanweb.discover(page('http://h/p', xml, { kind: 'api', idiom: 'hanweb-datastore', data: { proxy: 'http://h/p', form: 'a=1', perpage: '3', start: '4' } }), ctx)!;
    assert.equal(out.links.length, 3);
    assert.equal(out.next.length, 0);
  });
});

describe('gkmlpt JSON', () => {
  it('reads the SID from the page and the catid from the #fragment', () => {
    const out = gkmlpt.discover(page('http://h/gd/gkmlpt/index', site('gd/gkmlpt/index').toString(), { rawUrl: 'http://h/gd/gkmlpt/index#2731' }), ctx)!;
    assert.deepEqual(urls(out), ['http://h/gd/gkmlpt/api/all/2731?page=1&sid=755031']);
  });
  it('turns articles into links and asks for the next page until total is reached', () => {
    const data = { prefix: 'http://h/gd/', catid: '2731', sid: '1', page: '1' };
    const body = JSON.stringify({ total: 4, articles: [{ title: 'A', url: 'http://h/gd/gkmlpt/content/1/post_1.html' }, { title: 'B', post_url: '/gd/gkmlpt/content/1/post_2.html' }] });
    const out = gkmlpt.discover(page('http://h/gd/gkmlpt/api/all/2731?page=1&sid=1', body, { kind: 'api', idiom: 'gkmlpt-json', data }), ctx)!;
    assert.deepEqual(out.links.map((l) => l.url), ['http://h/gd/gkmlpt/content/1/post_1.html', 'http://h/gd/gkmlpt/content/1/post_2.html']);
    assert.match(out.next[0]!.url, /page=2&sid=1$/);
    const last = gkmlpt.discover(page('http://h/x', JSON.stringify({ total: 4, articles: [] }), { kind: 'api', idiom: 'gkmlpt-json', data: { ...data, page: '3' } }), ctx)!;
    assert.equal(last.next.length, 0);
  });
});

describe('generic idioms', () => {
  it('下一页/尾页 links (GBK page decoded as GB18030)', () => {
    const html = iconv.decode(site('gbk/xxgk/ndbg/index.htm'), 'gb18030');
    assert.deepEqual(urls(nextLink.discover(page('http://h/gbk/xxgk/ndbg/index.htm', html), ctx)), ['http://h/gbk/xxgk/ndbg/index.htm?page=2', 'http://h/gbk/xxgk/ndbg/index.htm?page=2']);
  });
  it('index_N / list_N anchors of the same family, and countPage variables', () => {
    const html = '<div class="page"><a href="index_1.html">2</a><a href="index_2.html">3</a><a href="../other/index_1.html">x</a><a href="list_3.shtml">y</a></div>';
    assert.deepEqual(urls(indexN.discover(page('http://h/col/index.html', html), ctx)), ['http://h/col/index_1.html', 'http://h/col/index_2.html']);
    const vars = '<script>var countPage = 4;</script>';
    assert.deepEqual(urls(indexN.discover(page('http://h/col/index.shtml', vars), ctx)), ['http://h/col/index_1.shtml', 'http://h/col/index_2.shtml', 'http://h/col/index_3.shtml']);
  });
  it('?page= / pageNo= numbered links to the same path', () => {
    const html = '<a href="list.jsp?pageNo=2&cid=9">2</a><a href="list.jsp?pageNo=3&cid=9">3</a><a href="other.jsp?pageNo=2">x</a><a href="list.jsp?id=5">doc</a>';
    assert.deepEqual(urls(pageParam.discover(page('http://h/list.jsp?cid=9', html), ctx)), ['http://h/list.jsp?pageNo=2&cid=9', 'http://h/list.jsp?pageNo=3&cid=9']);
  });
});

// The page budget: an idiom that stops at maxPages says where it stopped, so the crawl report can call the column cut.
describe('budget cuts (maxPages)', () => {
  it('TRS: a declared page count above the budget names the first page left out and how many remain', () => {
    const out = trs.discover(page('http://h/a/', '<script>createPageHTML(500, 0, "index", "shtml");</script>'), { maxPages: 10 })!;
    assert.deepEqual(out.cut, { next: { url: 'http://h/a/index_10.shtml', kind: 'list' }, remaining: 490 });
    assert.ok(!out.next.some((n) => n.url === out.cut!.next.url));
    // Within the budget: no cut.
    assert.equal(trs.discover(page('http://h/trs/zwgk/zfxxgknb/', site('trs/zwgk/zfxxgknb/index.html').toString()), ctx)!.cut, undefined);
  });
  it('index_N: a countPage above the budget is a cut; one within it is not', () => {
    const over = indexN.discover(page('http://h/col/index.shtml', '<script>var countPage = 40;</script>'), { maxPages: 5 })!;
    assert.deepEqual(over.cut, { next: { url: 'http://h/col/index_5.shtml', kind: 'list' }, remaining: 35 });
    assert.equal(indexN.discover(page('http://h/col/index.shtml', '<script>var countPage = 4;</script>'), ctx)!.cut, undefined);
  });
  it('gkmlpt: the budget page of a list that has more articles is a cut; the last page of a list is not', () => {
    const data = { prefix: 'http://h/gd/', catid: '2731', sid: '1', page: '2' };
    const articles = [{ title: 'A', url: '/gd/gkmlpt/content/1/post_1.html' }, { title: 'B', url: '/gd/gkmlpt/content/1/post_2.html' }];
    const api = (body: unknown) => page('http://h/gd/gkmlpt/api/all/2731?page=2&sid=1', JSON.stringify(body), { kind: 'api', idiom: 'gkmlpt-json', data });
    const cut = gkmlpt.discover(api({ total: 10, articles }), { maxPages: 2 })!;
    assert.equal(cut.next.length, 0);
    assert.equal(cut.links.length, 2, 'the rows of the last page within the budget are still read');
    assert.match(cut.cut!.next.url, /page=3&sid=1$/);
    assert.equal(cut.cut!.remaining, 3);
    assert.equal(gkmlpt.discover(api({ total: 4, articles }), { maxPages: 2 })!.cut, undefined);
  });
});

describe('anchors whose target is in a script handler or data attribute', () => {
  const base = 'http://www.x.gov.cn/col/col1234/index.html';
  it('onclick window.open / location.href and data-url give the target; UI handlers do not', () => {
    const html = `<ul>
<li><a href="javascript:void(0)" onclick="window.open('/art/2023/1/20/art_1234_501.html')">某县2022年政府信息公开工作年度报告</a></li>
<li><a href="#" onclick="location.href='./202301/t20230121_77.html';return false;">某县财政局2022年政府信息公开工作年度报告</a></li>
<li><a data-url="/module/download/downfile.jsp?classid=0&amp;filename=abc.pdf" href="javascript:;">附件：年度报告.pdf</a></li>
<li><a href="javascript:void(0)" onclick="changeFontSize(16)">大</a></li>
<li><a href="javascript:void(0)" onclick="_hmt.push(['_trackEvent','nav'])">统计</a></li>
<li><a href="/real.html" onclick="window.open('/other.html')">普通链接</a></li>
</ul>`;
    const got = anchorsOf(html, base).map((a) => [a.url, a.text]);
    assert.deepEqual(got, [
      ['http://www.x.gov.cn/art/2023/1/20/art_1234_501.html', '某县2022年政府信息公开工作年度报告'],
      ['http://www.x.gov.cn/col/col1234/202301/t20230121_77.html', '某县财政局2022年政府信息公开工作年度报告'],
      ['http://www.x.gov.cn/module/download/downfile.jsp?classid=0&filename=abc.pdf', '附件：年度报告.pdf'],
      [null, '大'],
      [null, '统计'],
      ['http://www.x.gov.cn/real.html', '普通链接'],
    ]);
  });
});

describe('rows kept as data in an inline script', () => {
  it('var itemObj = [{aT, aPd, aU}] rows and escaped JSON state become links; external and datastore scripts do not', () => {
    const body = `<html><body><div id="list"></div>
<script src="/js/jquery.js"></script>
<script>var itemObj = [{"aT":"某某局2022年政府信息公开工作年度报告","aPd":"2023-01-20","aU":"/xxgk/ndbg/202301/t20230120_88.html"},
{"aT":"\\u67d0\\u67d0\\u5c402021\\u5e74\\u653f\\u5e9c\\u4fe1\\u606f\\u516c\\u5f00\\u5de5\\u4f5c\\u5e74\\u5ea6\\u62a5\\u544a","aPd":"2022-01-21","aU":"\\/xxgk\\/ndbg\\/202201\\/t20220121_77.html"},
{'title': '关于政府信息公开的通知', 'url': './202101/t20210105_66.html', 'hits': 12},
{"name":"首页","css":"nav-item"}];
for (var i = 0; i < itemObj.length; i++) { $('#list').append('<li>' + itemObj[i].aT + '</li>'); }</script>
<script type="text/xml"><datastore><record><![CDATA[{"t":"某某局2020年政府信息公开工作年度报告","u":"/x/ignored.html"}]]></record></datastore></script>
</body></html>`;
    const out = scriptData.discover(page('http://www.x.gov.cn/xxgk/ndbg/index.html', body), ctx);
    assert.deepEqual(out?.links, [
      { url: '/xxgk/ndbg/202301/t20230120_88.html', text: '某某局2022年政府信息公开工作年度报告' },
      { url: '/xxgk/ndbg/202201/t20220121_77.html', text: '某某局2021年政府信息公开工作年度报告' },
      { url: './202101/t20210105_66.html', text: '关于政府信息公开的通知' },
    ]);
    assert.equal(scriptData.discover(page('http://www.x.gov.cn/a/', '<html><body><script>var cfg = {"theme":"blue","size":12};</script></body></html>'), ctx), null);
  });
});

describe('TRS pager written by document.write (countPage/currentPage, real markup)', () => {
  const body = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'pagers', 'trs-document-write.html'), 'utf8');
  const url = 'http://www.ordos.gov.cn/egb/xxgk/xxgknb/';
  it('reads countPage and the index_{i}.html template from the script', () => {
    assert.deepEqual(urls(trsScriptPager.discover(page(url, body), ctx)), [`${url}index.html`, `${url}index_1.html`]);
    assert.equal(trsScriptPager.discover(page(url, body), { maxPages: 1 })!.cut?.next.url, `${url}index_1.html`);
  });
  it('never reads an escaped quote as an href: no anchor leads to the site root, 下一页 is not a next link', () => {
    const anchors = anchorsOf(body, url);
    assert.ok(anchors.length > 0);
    for (const a of anchors) assert.equal(a.url, `${url}index.html`, `${a.href} → ${a.url}`);
    assert.equal(nextLink.discover(page(url, body), ctx), null);
  });
  it('a script that builds hrefs from variables (another TRS site, real markup) yields no guessed URL', () => {
    const other = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'pagers', 'trs-page-function.html'), 'utf8');
    const at = 'http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml';
    assert.deepEqual(anchorsOf(other, at).map((a) => a.url).filter(Boolean), [at]);
  });
  it('leaves pages without the script alone', () => {
    assert.equal(trsScriptPager.discover(page(url, '<script>var countPage = 3;</script>'), ctx), null);
    assert.equal(trsScriptPager.discover(page(url, site('trs/zwgk/zfxxgknb/index.html').toString()), ctx), null);
  });
});

describe('next-page guard', () => {
  const start = ['http://h/xxgk/zfxxgknb/'];
  it('refuses the site root, ancestors of the page or start URL, and other columns', () => {
    assert.equal(notANextPage('http://h/', 'http://h/xxgk/zfxxgknb/', start), 'the site root');
    assert.equal(notANextPage('http://h/xxgk/', 'http://h/xxgk/zfxxgknb/index_1.html', start), 'an ancestor column');
    assert.equal(notANextPage('http://h/xxgk/index.html', 'http://h/xxgk/zfxxgknb/', start), 'an ancestor column');
    assert.equal(notANextPage('http://h/xwzx/index_1.html', 'http://h/xxgk/zfxxgknb/', start), 'another column');
  });
  it('accepts siblings, sub-pages and another query of the same path', () => {
    assert.equal(notANextPage('http://h/xxgk/zfxxgknb/index_1.html', 'http://h/xxgk/zfxxgknb/', start), null);
    assert.equal(notANextPage('http://h/list.jsp?page=2', 'http://h/list.jsp?page=1', ['http://h/list.jsp']), null);
    assert.equal(notANextPage('http://h/xxgk/zfxxgknb/lsnb/list_2.shtml', 'http://h/xxgk/zfxxgknb/lsnb/list.shtml', start), null);
    // A form posted back to the page itself is its next page; the same URL fetched again is not.
    assert.equal(notANextPage('http://h/list.aspx', 'http://h/list.aspx', ['http://h/list.aspx'], { postBack: true }), null);
    assert.equal(notANextPage('http://h/list.aspx', 'http://h/list.aspx', ['http://h/list.aspx']), 'the page itself');
  });
});
