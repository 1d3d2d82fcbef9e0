// One test per CMS rule corrected or added after checking public crawler code (see the comments in
// src/extract/rules/cms.ts and src/extract/html/gkmlpt.ts). Fragments follow the real templates' markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml, extractHtmlWithMethod } from '../../src/extract/index.ts';
import { readGkmlptDetail } from '../../src/extract/html/gkmlpt.ts';

const P1 = '本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等内容。';
const P2 = '二〇二一年，全县各单位认真贯彻落实条例要求，围绕中心工作，不断加大政府信息主动公开力度，持续优化政务服务，群众满意度稳步提升。';

test('gkmlpt DETAIL: epoch `date` is the 成文日期, created_at the posting time, theme (not main column) is 主题分类', () => {
  // 1643212800 = 2022-01-27 00:00 China time; display_publish_time 1643333400 = 2022-01-28 09:30.
  const detail = {
    id: 873001, title: '某县2021年政府信息公开工作年度报告', content: `<p>${P1}</p>`,
    identifier: '11440000MB2C12345X/2022-00001', publisher: '某县人民政府办公室', document_number: '',
    keywords: '年报', classify_main_name: '政府信息公开年报', classify_genre_name: '报告', classify_theme_name: '综合政务',
    date: 1643212800, display_publish_time: 1643333400,
  };
  const d = readGkmlptDetail(`<script>window._CONFIG = { SID: '755001', DETAIL: ${JSON.stringify(detail)}, TREE: [] };</script>`)!;
  assert.equal(d.fields['索引号'], '11440000MB2C12345X/2022-00001');
  assert.equal(d.fields['发布机构'], '某县人民政府办公室');
  assert.equal(d.fields['主题分类'], '综合政务');
  assert.equal(d.fields['关键词'], '年报');
  assert.equal(d.fields['成文日期'], '2022-01-27');
  assert.equal(d.date, '2022-01-28 09:30:00');
  const withCreated = readGkmlptDetail(`<script>window._CONFIG = { DETAIL: ${JSON.stringify({ ...detail, created_at: '2022-01-28 10:00:00' })}, TREE: [] };</script>`)!;
  assert.equal(withCreated.date, '2022-01-28 10:00:00');
  const doc = extractHtml(`<html><head><script>window._CONFIG = { DETAIL: ${JSON.stringify(detail)}, TREE: [] };</script></head><body><div id="app"></div></body></html>`);
  assert.equal(doc.published_at, '2022-01-28 09:30:00');
  assert.equal(doc.meta['成文日期'], '2022-01-27');
});

test('Hanweb: the body is exactly what lies between <!--ZJEG_RSS.content.begin--> and …end-->', () => {
  const html = `<html><body><div class="main"><div class="bt">某县2021年政府信息公开工作年度报告</div>
<table><tr><td>信息来源：<!--<$[信息来源]>begin-->县政府办<!--<$[信息来源]>end--></td></tr></table>
<div id="ivs_content"><table align="center"><tr><td><img src="/picture/0/1.jpg"></td></tr></table><!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin--><meta name="ContentStart"><p>${P1}</p><p>${P2}</p><meta name="ContentEnd"><!--ZJEG_RSS.content.end--><!--<$[信息内容]>end--></div>
<div class="xgxx">相关信息：<a href="/art/1.html">某县2020年政府信息公开工作年度报告</a></div></div></body></html>`;
  const { doc, method } = extractHtmlWithMethod(html);
  assert.equal(method, 'cms:hanweb');
  assert.equal(doc.text, `${P1}\n${P2}`);
});

test('Hanweb markers that do not pair up under one parent fall back to the selectors', () => {
  const html = `<html><body><div id="zoom"><!--ZJEG_RSS.content.begin--><div><p>${P1}</p><!--ZJEG_RSS.content.end--></div><p>${P2}</p></div></body></html>`;
  const { doc, method } = extractHtmlWithMethod(html);
  assert.equal(method, 'cms:hanweb');
  assert.equal(doc.text, `${P1}\n${P2}`);
});

test('VSB/博达: div.v_news_content inside form[name=_newscontent_fromname] #vsb_content is the body', () => {
  const html = `<html><body><form name="_newscontent_fromname"><div class="title">某镇2021年政府信息公开工作年度报告</div>
<div class="info">发布时间：2022-01-20 点击数：<script>_showDynClicks("wbnews", 1, 2)</script></div>
<div id="vsb_content_2"><div class="v_news_content"><p>${P1}</p><p>${P2}</p></div></div>
<div id="div_vote_id"></div><div class="fy">上一条：<a href="1.htm">某镇2020年报</a></div></form></body></html>`;
  const { doc, method } = extractHtmlWithMethod(html);
  assert.equal(method, 'cms:vsb');
  assert.equal(doc.text, `${P1}\n${P2}`);
  assert.equal(doc.published_at, '2022-01-20');
});
