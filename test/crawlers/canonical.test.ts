import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, isAllowedHost, resolveUrl } from '../../crawlers/canonical.ts';

describe('canonicalUrl', () => {
  it('drops fragments and tracking parameters but keeps real ones', () => {
    assert.equal(canonicalUrl('http://a.gov.cn/x/t20200120_1.html?from=timeline&isappinstalled=0&utm_source=wx#top'), 'http://a.gov.cn/x/t20200120_1.html');
    assert.equal(canonicalUrl('http://a.gov.cn/list.jsp?page=2&utm_medium=x&columnid=5'), 'http://a.gov.cn/list.jsp?page=2&columnid=5');
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
