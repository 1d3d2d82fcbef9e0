// The generic scorer on page shapes no CMS rule knows: lists of posts, reader comments, truncation markers,
// stamp lines. Small fragments written the way real templates write them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, extractHtml, extractHtmlWithMethod } from '../../src/extract/index.ts';
import { stampLine } from '../../src/extract/text/dates.ts';

const P1 = '本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等内容。';
const P2 = '二〇二一年，全县各单位认真贯彻落实条例要求，围绕中心工作，不断加大政府信息主动公开力度，持续优化政务服务，群众满意度稳步提升。';
const LONG = `${P2}${P2}${P2}`;

// A blog front page / column page printing each post in full: one template per post, each with its own stamp.
const post = (title: string, stamp: string, body: string) =>
  `<div class="post"><h3 class="post-title">${title}</h3><div class="post-body"><p>${body}</p></div><div class="post-footer">发表于 ${stamp} | <a href="/c">评论(0)</a></div></div>`;

test('list of dated posts of one template: the first post is the body, not the longest', () => {
  const html = `<html><body><div id="main">${post('最新一篇', '2022-01-20 10:00', P1)}${post('较早一篇', '2022-01-10 09:00', `${LONG}</p><p>${LONG}`)}${post('更早一篇', '2021-12-30 08:00', LONG)}</div></body></html>`;
  const { doc, method } = extractHtmlWithMethod(html);
  assert.equal(method, 'generic:first-post');
  assert.equal(doc.text, P1);
});

test('sections of one article (no stamp of their own) are not mistaken for a list of posts', () => {
  const sec = (h: string, body: string) => `<div class="section"><h3>${h}</h3><div class="txt"><p>${body}</p></div></div>`;
  const html = `<html><body><div class="wrap"><div class="date">发布时间：2022-01-20</div>${sec('一、总体情况', P1)}${sec('二、主动公开情况', `${LONG}</p><p>${LONG}`)}</div></body></html>`;
  const { doc, method } = extractHtmlWithMethod(html);
  assert.equal(method, 'generic');
  assert.ok(doc.text.includes(LONG));
});

test('reader comments go even when a comment is long prose (WordPress ol.commentlist / li#comment-N)', () => {
  const html = `<html><body><div class="entry"><p>${P1}</p><p>${LONG}</p><p>${P1}</p></div>
<h3 id="comments">已有1条评论</h3><ol class="commentlist"><li class="alt" id="comment-4632"><cite>网友</cite> 的评论<p>${LONG}</p></li></ol></body></html>`;
  const doc = extractHtml(html);
  assert.equal(doc.text, `${P1}\n${LONG}\n${P1}`);
  assert.ok(doc.removed.some((r) => r.kind === 'chrome:commentlist'));
});

test('a block named “comment” that holds most of the page is kept (commentary columns)', () => {
  const doc = extractHtml(`<html><body><div class="comment-content"><p>${P1}</p><p>${LONG}</p></div></body></html>`);
  assert.ok(doc.text.includes(LONG));
});

test('a bare stamp line above the text is the date, not body; a dated signature closing the text stays', () => {
  const doc = extractHtml(`<html><body><div><p>2005-06-14 03:25:55</p><p>${P1}</p><p>${P2}</p><p>某某县人民政府办公室</p><p>2022年1月20日</p></div></body></html>`);
  assert.equal(doc.text, `${P1}\n${P2}\n某某县人民政府办公室\n2022年1月20日`);
  assert.equal(doc.published_at, '2005-06-14 03:25:55');
  const en = cleanText(`Saturday, September 10th, 2005 10:56 pm\n${P1}`);
  assert.equal(en.text, P1);
  assert.equal(en.published_at, '2005-09-10 22:56');
  // A month-only line under a report title is part of the document, not a stamp.
  assert.equal(cleanText(`（2018年2月）\n${P1}`).text, `（2018年2月）\n${P1}`);
  assert.equal(stampLine('2018年2月'), null);
  assert.equal(stampLine('2021年03月05日 星期五'), '2021-03-05');
});

test('expander controls (展开全文, 阅读全文>>) go, the text they reveal stays', () => {
  const doc = extractHtml(`<html><body><div class="article"><p>${P1}</p><div class="lookall-box"><a href="javascript:;">展开全文</a></div><div class="hidden-content control-hide"><p>${P2}</p></div></div></body></html>`);
  assert.equal(doc.text, `${P1}\n${P2}`);
  assert.ok(doc.removed.some((r) => r.kind === 'expander' && r.text === '展开全文'));
  assert.equal(cleanText(`${P1}\n阅读全文>>`).text, P1);
  // Prose that merely mentions the words is not a control.
  const s = '请点击页面下方的展开全文按钮查看全部内容，谢谢。';
  assert.equal(cleanText(`${P1}\n${s}`).text, `${P1}\n${s}`);
});

test('view counters with the count before 次, and blog trackback lines, are chrome', () => {
  const doc = cleanText(`${P1}\n(本文发表于首页批评与建议, 已被阅读178次)\n本文通告引用(Trackback)链接: /wp-trackback.php?p=1700`);
  assert.equal(doc.text, P1);
  assert.equal(cleanText(`${P1}\n【浏览：1234次】`).text, P1);
  // A report figure about site visits is prose, not a counter.
  const fig = '全年政府网站总访问量达到1234567次，同比增长12%，其中年报专栏被阅读4321次。';
  assert.equal(cleanText(`${P1}\n${fig}`).text, `${P1}\n${fig}`);
});

test('title: “»” separates site and document in <title> (WordPress default)', () => {
  const doc = extractHtml(`<html><head><title>某某博客 » 关于2021年政府信息公开工作的几点体会</title></head><body><div><p>${P1}</p></div></body></html>`);
  assert.equal(doc.title, '关于2021年政府信息公开工作的几点体会');
});
