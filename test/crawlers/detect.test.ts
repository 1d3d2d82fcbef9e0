import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientRedirect, detectChallenge, detectSoft404, looksScriptBuilt } from '../../crawlers/detect.ts';
import { classifyLink } from '../../crawlers/discover.ts';

const b = (s: string) => Buffer.from(s);

describe('anti-bot signatures', () => {
  it('recognises 瑞数 412, 加速乐 521, acw_sc__v2 and cookie bootstrap shells', () => {
    assert.equal(detectChallenge(412, {}, b('<html><script>$_ts=window["$_ts"];</script></html>'))?.signature, 'ruishu-412');
    assert.equal(detectChallenge(521, {}, b('<script>document.cookie=("__jsl_clearance_s=1")</script>'))?.signature, 'jiasule-521');
    assert.equal(detectChallenge(200, {}, b('<html><script>var arg1="3E40F6E3FA2C5D6B8E1B8A4C2A1D5F6E7A8B9C0D";acw_sc__v2</script></html>'))?.signature, 'aliyun-acw');
    assert.ok(detectChallenge(200, {}, b('<script>document.cookie="x=1";location.reload()</script>')));
    // A one-line forwarding script (no cookie) is a client redirect, not a challenge.
    assert.equal(detectChallenge(200, {}, b('<html><head><script>window.location.href="/col/col1234/index.html";</script></head><body></body></html>')), null);
  });
  it('leaves ordinary pages alone, including a real report that mentions cookies', () => {
    assert.equal(detectChallenge(200, { 'set-cookie': 'acw_tc=abc; path=/' }, b(`<html><body><p>${'政府信息公开工作年度报告'.repeat(200)}</p><script>document.cookie="a=1"</script></body></html>`)), null);
    assert.equal(detectChallenge(404, {}, b('<h1>404 Not Found</h1>')), null);
  });
  it('soft 404 only on short pages', () => {
    assert.equal(detectSoft404('对不起，您访问的页面不存在或已被删除！ 返回首页'), '页面不存在');
    assert.equal(detectSoft404('页面不存在'.padEnd(2000, '正文')), null);
  });
  it('script-built shells', () => {
    assert.ok(looksScriptBuilt('<ul id="list"></ul><script>fetch("rows.json").then(r=>r.json()).then(rows=>{ul.appendChild(li)})</script>'));
    assert.ok(!looksScriptBuilt('<ul><li><a href="a.html">a</a></li></ul><script src="/stat.js"></script>'));
  });
});

describe('clientRedirect', () => {
  it('meta refresh in either attribute order and literal script redirects, only on pages without content', () => {
    assert.equal(clientRedirect('<meta http-equiv="refresh" content="0; url=/xxgk/">'), '/xxgk/');
    assert.equal(clientRedirect("<meta content='3;URL=http://www.x.gov.cn/a.html' http-equiv='Refresh'>"), 'http://www.x.gov.cn/a.html');
    assert.equal(clientRedirect('<script>top.location.replace("./index_1.html")</script>'), './index_1.html');
    assert.equal(clientRedirect('<script>var u = base + "/x"; location.href = u;</script>'), null);
    const article = `<script>function goHome(){ location.href = "/"; }</script><p>${'本机关依法公开政府信息。'.repeat(30)}</p>`;
    assert.equal(clientRedirect(article), null);
  });
});

describe('classifyLink', () => {
  const rules = { allowedHosts: ['www.x.gov.cn'], listPatterns: [], reportPatterns: [] };
  it('report anchors by text or title attribute, with the year filter', () => {
    assert.equal(classifyLink('http://www.x.gov.cn/a/t20220128_1.html', 'X县2021年政府信息公开工作年度报告', '', rules, true).kind, 'report');
    assert.equal(classifyLink('http://www.x.gov.cn/a/t20220128_1.html', 'X县2021年政府信息…', 'X县2021年政府信息公开工作年度报告', rules, true).kind, 'report');
    assert.deepEqual(classifyLink('http://www.x.gov.cn/a/t20220128_1.html', 'X县2021年政府信息公开工作年度报告', '', { ...rules, years: { from: 2022 } }, true), { kind: 'skip', reason: 'year' });
  });
  it('look-alikes are not reports and not columns', () => {
    for (const t of ['关于做好2021年政府信息公开工作年度报告编制发布工作的通知', '一图读懂X县2021年政府信息公开工作年度报告', 'X县2019年政务公开工作总结']) {
      assert.equal(classifyLink('http://www.x.gov.cn/a/t20220128_2.html', t, '', rules, true).kind, 'skip', t);
    }
  });
  it('annual-report module pages are reports whatever their anchor text, with the year from the URL', () => {
    const mod = 'http://www.x.gov.cn/module/xxgk/xxgkAnnualReport.jsp?area=113708260043292687&fbtime=2022';
    assert.deepEqual(classifyLink(mod, '微山县财政局', '', rules, true), { kind: 'report', attachment: false, year: 2022, text: '微山县财政局' });
    assert.deepEqual(classifyLink(mod, '微山县财政局', '', { ...rules, years: { from: 2023 } }, true), { kind: 'skip', reason: 'year' });
    const yearFirst = 'http://www.x.gov.cn/module/xxgk/xxgkAnnualReport.jsp?fbtime=2020&area=11370826&showType=2';
    assert.deepEqual(classifyLink(yearFirst, '县财政局', '', rules, true), { kind: 'report', attachment: false, year: 2020, text: '县财政局' });
    assert.equal(classifyLink('http://www.x.gov.cn/openness/OpennessAnnualReport/show/3965.html', '县教育局', '', rules, true).kind, 'report');
    assert.equal(classifyLink('http://www.x.gov.cn/Xxgknb/show/5166.html', '2022年度', '', rules, true).kind, 'report');
    assert.equal(classifyLink('http://www.x.gov.cn/gknb_show.php?id=4540', '市民政局', '', rules, true).kind, 'report');
    assert.deepEqual(classifyLink('http://www.x.gov.cn/year_details.aspx?dept=58&year=2021', '区商务局', '', rules, true), { kind: 'report', attachment: false, year: 2021, text: '区商务局' });
    assert.equal(classifyLink('http://www.x.gov.cn/openness/OpennessAnnualReport/year/6/2022.html', '2022', '', rules, false).kind, 'list');
    // Other module pages of the same platforms are not reports.
    assert.equal(classifyLink('http://www.x.gov.cn/module/xxgk/search.jsp?area=11370826', '微山县财政局', '', rules, true).kind, 'skip');
    assert.equal(classifyLink('http://www.x.gov.cn/openness/OpennessContent/show/3965.html', '县教育局', '', rules, true).kind, 'skip');
  });
  it('columns by vocabulary and URL shape; year folders only inside a column; never off the portal', () => {
    assert.equal(classifyLink('http://www.x.gov.cn/zwgk/zfxxgknb/', '政府信息公开年报', '', rules, false).kind, 'list');
    assert.equal(classifyLink('http://www.x.gov.cn/zwgk/bmnb/', '部门信息公开年报', '', rules, false).kind, 'list');
    assert.equal(classifyLink('http://www.x.gov.cn/zwgk/zfxxgknb/2020/', '2020年', '', rules, true).kind, 'list');
    assert.equal(classifyLink('http://www.x.gov.cn/zwgk/zfxxgknb/2020/', '2020年', '', rules, false).kind, 'skip');
    assert.deepEqual(classifyLink('http://zwinkt.com/a/t20220128_1.html', 'X县2021年政府信息公开工作年度报告', '', rules, true), { kind: 'skip', reason: 'offsite' });
  });
});
