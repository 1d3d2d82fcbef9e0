// Metadata from what the reader sees: the printed 发布日期 over a <meta> that disagrees, `label：value` readers
// that stop at the next label, and repost sources that are not agencies. The bars below are the shapes of real
// TRS / Hanweb detail pages (the values are the ones the issue reported from real pages).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { decode, extractHtml } from '../../src/extract/index.ts';
import { parseMetaLine } from '../../src/extract/text/meta-line.ts';

const body = '<p>根据《中华人民共和国政府信息公开条例》规定，现公布本机关2016年度政府信息公开工作年度报告。</p>'.repeat(4);
const page = (head: string, bar: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2016年政府信息公开工作年度报告</title>${head}</head>
<body><div class="header"><a href="/">首页</a></div><div class="article"><h1>2016年政府信息公开工作年度报告</h1>${bar}
<div class="TRS_Editor">${body}</div></div><div class="footer">版权所有 网站标识码 3600000001</div></body></html>`;

test('a printed 发布日期 beats a <meta PubDate> of another day; both are kept with their sources', () => {
  const doc = extractHtml(page('<meta name="PubDate" content="2022-04-24 09:36">',
    '<div class="info"><span>发布日期：2017-05-15</span> <span>来源：市统计局</span></div>'));
  assert.equal(doc.published_at, '2017-05-15');
  assert.equal(doc.published_at_source, 'text-bar');
  assert.deepEqual(doc.dates, [{ value: '2022-04-24 09:36', source: 'meta:pubdate' }, { value: '2017-05-15', source: 'text-bar' }]);
});

test('when they agree the <meta> keeps its precision', () => {
  const doc = extractHtml(page('<meta name="PubDate" content="2017-05-15 10:12">', '<div class="info">发布时间：2017-05-15</div>'));
  assert.equal(doc.published_at, '2017-05-15 10:12');
  assert.equal(doc.published_at_source, 'meta:pubdate');
});

test('a 成文日期 does not override the meta publication date', () => {
  const doc = extractHtml(page('<meta name="PubDate" content="2017-05-20">', '<table><tr><td>成文日期：</td><td>2017-05-10</td></tr></table>'));
  assert.equal(doc.published_at, '2017-05-20');
});

test('every label：value stops at the next label, known or not', () => {
  const f = (line: string) => Object.fromEntries(parseMetaLine(line)!.fields.map((x) => [x.key, x.value]));
  assert.equal(f('发布时间：2021-03-02 来源: 访问量：199')['来源'], '');
  assert.equal(f('来源：保险和非银机构检查局 文章类型：原创')['来源'], '保险和非银机构检查局');
  assert.equal(f('发布时间:2018-01-19 11:51 | 来源:三元区政府办')['来源'], '三元区政府办');
  // Cells printed with no space between them: a known label still ends the value.
  assert.equal(f('来源:武汉市发展和改革委员会字号:[ 大 中 小 ]分享:')['来源'], '武汉市发展和改革委员会');
  assert.equal(f('发布时间:2023-01-16来源:某某县人民政府办公室浏览次数:12')['来源'], '某某县人民政府办公室');
  const doc = extractHtml(page('', '<div class="info">发布时间：2021-03-02 来源: 访问量：199</div>'));
  assert.equal(doc.meta['来源'], undefined);
});

test('a WeChat or repost source is kept as 转载来源, not as 来源', () => {
  const doc = extractHtml(page('', '<div class="info">发布时间：2021-03-02　来源：江西统计 公众号</div>'));
  assert.equal(doc.meta['来源'], undefined);
  assert.equal(doc.meta['转载来源'], '江西统计 公众号');
  const own = extractHtml(page('', '<div class="info">发布时间：2021-03-02　来源：江西省统计局</div>'));
  assert.equal(own.meta['来源'], '江西省统计局');
});

// Real pages of the tuning set (test/fixtures/html-dev): a “title” block that wraps the headline with its
// date/source line, and an ArticleTitle meta that carries the template's markup.
const devPage = (id: string) => decode(new Uint8Array(readFileSync(new URL(`../fixtures/html-dev/${id}.html`, import.meta.url))), {}).text;

test('the title is the heading itself, not the title block around it with its 来源 line', () => {
  const doc = extractHtml(devPage('d8d4c4ec'));
  assert.equal(doc.title, '刺死辱母者于欢的罪与悔：出狱第一晚仅睡三四个小时');
});

test('markup pasted into the ArticleTitle meta does not reach the title', () => {
  const doc = extractHtml(devPage('500b350d'));
  assert.equal(doc.title, '为现代化巴彦淖尔建设凝聚强大智慧和力量 ——热烈祝贺市政协五届一次会议开幕');
});
