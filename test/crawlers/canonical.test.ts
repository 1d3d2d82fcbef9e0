import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { canonicalUrl, isAllowedHost, resolveUrl } from '../../crawlers/canonical.ts';
import { fetchWithRetry } from '../../crawlers/fetcher.ts';
import { anchorsOf } from '../../crawlers/links.ts';
import { decode } from '../../src/extract/index.ts';

describe('canonicalUrl', () => {
  it('drops fragments and tracking parameters but keeps real ones', () => {
    assert.equal(canonicalUrl('http://a.gov.cn/x/t20200120_1.html?from=timeline&isappinstalled=0&utm_source=wx#top'), 'http://a.gov.cn/x/t20200120_1.html');
    assert.equal(canonicalUrl('http://a.gov.cn/list.jsp?page=2&utm_medium=x&columnid=5'), 'http://a.gov.cn/list.jsp?page=2&columnid=5');
  });
  it('keeps every other parameter byte for byte: GBK escapes, order, t, from, cache keys', () => {
    const gbk = 'http://xxgk.a.gov.cn/downfile.jsp?filename=%C4%EA%B1%A8.doc&t=2';
    assert.equal(canonicalUrl(gbk), gbk);
    assert.equal(canonicalUrl('http://a.gov.cn/art.jsp?from=xxgk&t=1&_=1580000000000&id=3'), 'http://a.gov.cn/art.jsp?from=xxgk&t=1&_=1580000000000&id=3');
    assert.equal(canonicalUrl('http://a.gov.cn/s.jsp?q=%E5%B9%B4%E6%8A%A5+2020&b=a%20b'), 'http://a.gov.cn/s.jsp?q=%E5%B9%B4%E6%8A%A5+2020&b=a%20b');
    // `from` is a share tag only with WeChat's values
    assert.equal(canonicalUrl('http://a.gov.cn/x.html?id=1&from=singlemessage&isappinstalled=0'), 'http://a.gov.cn/x.html?id=1');
  });
  it('folds _wap twins and big5 gateway copies onto the desktop page', () => {
    assert.equal(canonicalUrl('https://gxq.cq.gov.cn/zfxxgknb/jgbm/bgs/202201/t20220120_1_wap.html'), 'https://gxq.cq.gov.cn/zfxxgknb/jgbm/bgs/202201/t20220120_1.html');
    assert.equal(canonicalUrl('http://www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/gongkai/zfxxgk/gknb/202103/t20210316_1.html'), 'http://www.beijing.gov.cn/gongkai/zfxxgk/gknb/202103/t20210316_1.html');
  });
  it('lower-cases the host and drops default ports', () => {
    assert.equal(canonicalUrl('HTTP://WWW.Pingtan.GOV.CN:80/zwgk/'), 'http://www.pingtan.gov.cn/zwgk/');
  });
  it('ignores non-http links', () => {
    for (const h of ['javascript:void(0)', 'mailto:a@b.cn', '#top', '  ', 'tel:12345']) assert.equal(resolveUrl(h, 'http://a.gov.cn/'), null);
    assert.equal(resolveUrl('../b/c.html', 'http://a.gov.cn/x/y/index.html'), 'http://a.gov.cn/x/b/c.html');
  });
});

describe('isAllowedHost', () => {
  it('matches host, host:port and leading-dot domains', () => {
    assert.ok(isAllowedHost('http://www.pingtan.gov.cn/a', ['www.pingtan.gov.cn']));
    assert.ok(!isAllowedHost('http://zwinkt.com/zwgk/a', ['www.pingtan.gov.cn']));
    assert.ok(isAllowedHost('http://127.0.0.1:8080/a', ['127.0.0.1:8080']));
    assert.ok(!isAllowedHost('http://localhost:8080/a', ['127.0.0.1:8080']));
    assert.ok(isAllowedHost('http://xxgk.huaian.gov.cn/a', ['.huaian.gov.cn']));
  });

  it('an entry without a port admits only the default port of the scheme (http and https, for the fallback)', () => {
    const portal = ['www.pingtan.gov.cn'];
    assert.ok(isAllowedHost('https://www.pingtan.gov.cn/a', portal));
    assert.ok(isAllowedHost('http://www.pingtan.gov.cn:80/a', portal));
    assert.ok(isAllowedHost('https://www.pingtan.gov.cn:443/a', portal));
    // Another service on the portal's host is outside the portal.
    for (const u of ['http://www.pingtan.gov.cn:18102/secret', 'http://www.pingtan.gov.cn:443/', 'https://www.pingtan.gov.cn:80/', 'http://www.pingtan.gov.cn:6379/']) {
      assert.ok(!isAllowedHost(u, portal), u);
    }
    assert.ok(!isAllowedHost('http://a.huaian.gov.cn:8080/x', ['.huaian.gov.cn']));
    assert.ok(isAllowedHost('http://a.huaian.gov.cn:8080/x', ['.huaian.gov.cn:8080']));
    // host:port admits that port under either scheme (the http copy of an https site on the same port).
    assert.ok(isAllowedHost('https://127.0.0.1:8443/a', ['127.0.0.1:8443']));
    assert.ok(isAllowedHost('http://127.0.0.1:8443/a', ['127.0.0.1:8443']));
    assert.ok(!isAllowedHost('http://127.0.0.1:8444/a', ['127.0.0.1:8443']));
    assert.ok(!isAllowedHost('ftp://www.pingtan.gov.cn/a', portal));
    assert.ok(!isAllowedHost('not a url', portal));
  });
});

describe('a GBK-encoded query link', () => {
  it('fetches the file the page linked, byte for byte', async () => {
    const wanted = '/downfile.jsp?filename=%C4%EA%B1%A8.doc';
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/xxgk/ndbg/index.htm') {
        res.writeHead(200, { 'content-type': 'text/html' });
        // A GBK page whose link was percent-encoded in GBK by the CMS (年报 = C4EA B1A8), charset only in <meta>.
        res.end(iconv.encode('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
          + '<a href="../../downfile.jsp?filename=%C4%EA%B1%A8.doc">2020年政府信息公开工作年度报告</a>'
          // The same link written raw: a browser encodes the query in the page's charset, GBK.
          + '<a href="../../downfile.jsp?filename=年报.doc">2020年年报（原始写法）</a></body></html>', 'gbk'));
      } else if (req.url === wanted) {
        res.writeHead(200, { 'content-type': 'application/msword' });
        res.end('the right file');
      } else {
        res.writeHead(404);
        res.end('no such file');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const o = { userAgent: 't', timeoutMs: 5000, retries: 0, backoffMs: 10, allowedHosts: [new URL(base).host], maxBytes: 1 << 20, maxHtmlBytes: 1 << 20 };
      const page = await fetchWithRetry({ url: `${base}/xxgk/ndbg/index.htm`, method: 'GET' }, o);
      const dec = decode(page.bytes, page.headers);
      const anchors = anchorsOf(dec.text, page.finalUrl, dec.charset);
      const link = anchors.find((a) => a.text.includes('年度报告'));
      assert.equal(link?.url, `${base}${wanted}`);
      assert.equal(anchors.find((a) => a.text.includes('原始写法'))?.url, `${base}${wanted}`);
      const file = await fetchWithRetry({ url: link!.url!, method: 'GET' }, o);
      assert.equal(file.status, 200);
      assert.equal(file.bytes.toString(), 'the right file');
      assert.deepEqual(seen, ['/xxgk/ndbg/index.htm', wanted]);
    } finally {
      server.close();
    }
  });
});
