import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, extractBytes, extractHtml, extractHtmlWithMethod, listAttachments } from '../../src/extract/index.ts';
import { FIXTURES, fixture } from './helpers.ts';

interface Gold { id: string; file: string; url: string; gt_text: string }
const golds: Gold[] = readFileSync(join(FIXTURES, 'extract', 'pages', 'gold.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const page = (id: string) => {
  const g = golds.find((x) => x.id === id)!;
  const d = decode(fixture('extract', 'pages', g.file), {});
  return { g, html: d.text, ...extractHtmlWithMethod(d.text, { url: g.url }) };
};
const squash = (s: string) => s.replace(/[\s|]+/g, '');
const CHROME = ['扫一扫', '相关文章', '返回顶部', '责任编辑', '字号', '打印本页', '关闭窗口', '分享到', '上一篇', '下一篇', '版权所有', '网站标识码', 'ICP备', '公网安备', '主办单位', '技术支持', '当前位置', '浏览次数', '无障碍', '长者模式'];

for (const id of golds.map((g) => g.id)) {
  test(`report page ${id}: body equals the gold text, no chrome string left`, () => {
    const { g, doc } = page(id);
    const [goldTitle, ...goldBody] = g.gt_text.split('\n');
    assert.equal(doc.title, goldTitle);
    assert.equal(squash(doc.text), squash(goldBody.join('\n')));
    for (const c of CHROME) if (!g.gt_text.includes(c)) assert.ok(!doc.text.includes(c), c);
    assert.deepEqual(doc.warnings, []);
  });
}

test('TRS page: CMS container, 政府信息公开 metadata table parsed into meta, date from PubDate meta', () => {
  const { doc, method } = page('trs-gbk-xinshao');
  assert.equal(method, 'cms:trs');
  assert.equal(doc.meta['索引号'], '43052200/2018-00321');
  assert.equal(doc.meta['主题分类'], '政务公开');
  assert.equal(doc.meta['发布机构'], '新邵县人民政府办公室');
  assert.equal(doc.meta['成文日期'], '2018-03-27');
  assert.equal(doc.meta['有效性'], '有效');
  assert.equal(doc.meta['来源'], '县政府办');
  assert.equal(doc.meta['浏览次数'], undefined);
  assert.equal(doc.published_at, '2018-03-28 10:12');
  assert.equal(doc.published_at_source, 'meta:pubdate');
  const kinds = new Set(doc.removed.map((r) => r.kind));
  for (const k of ['chrome:tools', 'chrome:ewm', 'chrome:sxp', 'chrome:xgwz', 'chrome:footer', 'chrome:position', 'chrome:header']) assert.ok(kinds.has(k), k);
  assert.ok(doc.removed.some((r) => r.text.includes('扫一扫在手机打开当前页')));
});

test('Hanweb page: #zoom body, 附表 kept as a grid and as “ | ” rows, attachment resolved with its MIME type', () => {
  const { doc, method } = page('hanweb-sanyuan');
  assert.equal(method, 'cms:hanweb');
  assert.equal(doc.tables.length, 1);
  assert.deepEqual(doc.tables[0]![0], ['指标名称', '单位', '2017', '历年累计']);
  assert.ok(doc.text.split('\n').includes('主动公开文件数 |  | 912 | 8131'));
  assert.deepEqual(
    doc.attachments.map((a) => [a.url, a.name, a.mime]),
    [['http://www.smsy.gov.cn/module/download/downfile.jsp?classid=0&filename=1801191151.doc', '三元区2017年政府信息公开统计表.doc', 'application/msword']],
  );
  assert.ok(doc.removed.some((r) => r.kind === 'hidden'));
});

test('unknown CMS: the generic scorer finds the body; the unmarked headline list after it goes', () => {
  const { doc, method } = page('generic-xiangyang');
  assert.equal(method, 'generic');
  assert.equal(doc.published_at, '2018-02-26 09:30:00');
  assert.equal(doc.meta['来源'], '市政府办公室');
  assert.ok(!doc.text.includes('大亚湾再动员再部署扫黑除恶专项斗争工作'));
  assert.ok(doc.removed.some((r) => r.text.includes('大亚湾再动员再部署扫黑除恶专项斗争工作')));
});

test('gkmlpt page: body, date and 索引号 come from window._CONFIG.DETAIL', () => {
  const { doc, method } = page('gkmlpt-tuyou');
  assert.equal(method, 'gkmlpt');
  assert.equal(doc.published_at, '2018-03-20 09:00:00');
  assert.equal(doc.meta['索引号'], '11150221MB1234567X/2018-00012');
  assert.equal(doc.meta['发布机构'], '土右旗人民政府办公室');
});

test('a broken gkmlpt DETAIL is reported, and the page is still read', () => {
  const doc = extractHtml('<html><script>window._CONFIG = { DETAIL: {"title": "x", content: oops} };</script><body><div><p>本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2021年1月1日起至2021年12月31日止。</p></div></body></html>');
  assert.ok(doc.warnings.some((w) => w.startsWith('gkmlpt DETAIL is not JSON')), doc.warnings.join());
  assert.ok(doc.text.includes('统计期限'));
});

// 表三 header of the 2019/2021 formats, as real pages write it (docs/domain.md, "The 2019 trial format").
const T3 = `<div class="TRS_Editor"><p>三、收到和处理政府信息公开申请情况</p><table border="1">
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br/>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="1">（三）不予公开</td><td>1.属于国家秘密</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table></div>`;

test('rowspan/colspan expand into a full 10-column grid; rows serialize with colspan copies merged', () => {
  const doc = extractHtml(`<html><body>${T3}</body></html>`);
  const g = doc.tables[0]!;
  assert.equal(g.length, 6);
  for (const row of g) assert.equal(row.length, 10);
  assert.deepEqual(g[2], ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.deepEqual(g[5], ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '', '0', '0', '0', '0', '0', '0']);
  const rows = doc.text.split('\n');
  assert.ok(rows.includes('一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3'));
  assert.ok(rows.includes('三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 |  | 0 | 0 | 0 | 0 | 0 | 0'));
});

test('a layout table (prose in cells) is read as blocks, not as a grid', () => {
  const prose = '本报告根据《中华人民共和国政府信息公开条例》和省政府办公厅有关要求编制，内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况等。';
  const doc = extractHtml(`<html><body><table><tr><td><a href="/">首页</a></td><td><p>${prose}</p><p>${prose}</p></td></tr></table></body></html>`);
  assert.equal(doc.tables.length, 0);
  assert.equal(doc.text, `${prose}\n${prose}`);
});

test('a page that is only images of a scanned report is flagged needs_ocr with the images as attachments', () => {
  const doc = extractHtml('<html><body><div class="TRS_Editor"><p><img src="./W020220120.jpg"></p><p><img src="./W020220121.jpg"></p><p>某某县人民政府2021年政府信息公开工作年度报告</p></div></body></html>', { url: 'http://www.x.gov.cn/zfxxgknb/202201/t20220120_1.html' });
  assert.equal(doc.needs_ocr, true);
  assert.ok(doc.warnings.some((w) => w.includes('OCR')));
  assert.deepEqual(doc.attachments.map((a) => a.url), ['http://www.x.gov.cn/zfxxgknb/202201/W020220120.jpg', 'http://www.x.gov.cn/zfxxgknb/202201/W020220121.jpg']);
  assert.equal(doc.published_at, '2022-01-20');
  assert.equal(doc.published_at_source, 'url');
});

test('listAttachments: document links in and next to the body, resolved, deduplicated', () => {
  const html = `<html><body><div class="nav"><a href="/guide.pdf">政府信息公开指南.pdf</a></div><div><div class="TRS_Editor"><p>本报告电子版请见附件，统计期限自2021年1月1日起至2021年12月31日止，如有疑问请联系。</p></div>
  <div class="fj">附件：<a href="./P020220121.pdf">年报.pdf</a> <a href="./P020220121.pdf">年报.pdf</a> <a href="/module/download/downfile.jsp?classid=0&filename=ab12.docx">统计表</a> <a href="/x.html">别的</a></div></div></body></html>`;
  const atts = listAttachments(html, { url: 'http://www.x.gov.cn/a/b/t20220121_9.html' });
  assert.deepEqual(atts.map((a) => [a.url, a.mime]), [
    ['http://www.x.gov.cn/a/b/P020220121.pdf', 'application/pdf'],
    ['http://www.x.gov.cn/module/download/downfile.jsp?classid=0&filename=ab12.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ]);
});

test('title: the document part of <title>, upgraded to the matching heading', () => {
  const doc = extractHtml('<html><head><title>某某县2021年政府信息公开工作年度报告_政府信息公开年报_某某县人民政府</title></head><body><h2>某某县2021年政府信息公开工作年度报告</h2><div><p>本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2021年1月1日起至2021年12月31日止。</p></div></body></html>');
  assert.equal(doc.title, '某某县2021年政府信息公开工作年度报告');
});

test('extractBytes on a GB2312 dev page: decoded, body found, charset reported', async () => {
  const doc = await extractBytes(fixture('html-dev', '0d931936.html'), { filename: '0d931936.html' });
  assert.equal(doc.kind, 'html');
  assert.equal(doc.charset, 'gb18030');
  assert.ok(doc.text.includes('人生如戏'));
});

test('empty HTML is a warning, not a crash', () => {
  const doc = extractHtml('   ');
  assert.equal(doc.text, '');
  assert.ok(doc.warnings.includes('empty HTML input'));
});

test('a PDF shown in an iframe, an embed or a pdf.js viewer is an attachment of the page, even with no body text', () => {
  const page = `<html><head><title>某某县财政局2022年政府信息公开工作年度报告</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<h1>某某县财政局2022年政府信息公开工作年度报告</h1>
<iframe src="/pdfjs/web/viewer.html?file=%2Fupload%2F2023%2Fnb2022.pdf" width="100%" height="800"></iframe>
<embed src="files/nb2022-fb.pdf" type="application/pdf">
<iframe src="https://map.example.com/widget?x=1"></iframe>
<iframe src="/pdfjs/web/viewer.html?file=../../upload/nb2022-app.pdf"></iframe>
</body></html>`;
  const doc = extractHtml(page, { url: 'https://www.x.gov.cn/zwgk/ndbg/202301/t20230120_1.html' });
  assert.deepEqual(doc.attachments.map((a) => [a.url, a.mime]), [
    ['https://www.x.gov.cn/upload/2023/nb2022.pdf', 'application/pdf'],
    ['https://www.x.gov.cn/zwgk/ndbg/202301/files/nb2022-fb.pdf', 'application/pdf'],
    ['https://www.x.gov.cn/upload/nb2022-app.pdf', 'application/pdf'], // relative to the viewer page
  ]);
});
