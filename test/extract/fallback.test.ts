// The second opinion: when the first body looks poor, Readability and a retry of our own scorer are asked and the
// better body kept, recorded in `extraction`. Pages our rules get right never pay for it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractHtml } from '../../src/extract/index.ts';
import { controlShare, poorReason } from '../../src/extract/html/second-opinion.ts';
import { FIXTURES } from './helpers.ts';

test('a rendered AngularJS page whose CMS-looking box is 版权与免责声明: the penalty table is the body', () => {
  const html = readFileSync(join(FIXTURES, 'extract', 'fallback', 'spa-penalty.html'), 'utf8');
  const doc = extractHtml(html, { url: 'http://www.cbirc.gov.cn/cn/view/pages/ItemDetail.html?docId=1' });
  assert.equal(doc.extraction?.fallback, 'boilerplate');
  assert.notEqual(doc.extraction?.winner, 'main');
  assert.ok(!doc.text.includes('免责声明'), doc.text);
  assert.equal(doc.tables.length, 1);
  assert.ok(doc.text.includes('行政处罚决定书文号 | 银保监罚决字〔2021〕12号'));
  assert.ok(doc.removed.some((r) => /免责声明/.test(r.text)));
  assert.equal(doc.meta['来源'], '保险和非银机构检查局');
});

test('a tiny CMS box beside the real article: Readability’s body wins and the switch is recorded', () => {
  const para = '本年度，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，不断加大主动公开力度，规范依申请公开办理，全年主动公开政府信息一千二百余条，办理依申请公开四十六件。';
  const html = `<html><head><meta charset="utf-8"><title>某某局2021年政府信息公开工作年度报告</title></head><body>
<div class="notice"><div class="TRS_Editor"><p>温馨提示：本栏目信息由各单位自行发布，内容以各单位正式印发的文件为准，如有疑问请咨询发布单位。</p></div></div>
<div class="main"><h1>某某局2021年政府信息公开工作年度报告</h1>${`<p>${para}</p>`.repeat(6)}</div></body></html>`;
  const doc = extractHtml(html);
  assert.match(doc.extraction?.fallback ?? '', /^(empty|little-text)$/);
  assert.equal(doc.extraction?.winner, 'readability');
  assert.ok(doc.text.includes(para));
  assert.ok(doc.removed.some((r) => r.kind === 'second-opinion-replaced' && r.text.includes('温馨提示')));
});

test('a good first body is never second-guessed', () => {
  const html = readFileSync(join(FIXTURES, 'extract', 'pages', 'trs-gbk-xinshao.html'));
  const doc = extractHtml(new TextDecoder('gbk').decode(html));
  assert.deepEqual(doc.extraction && { winner: doc.extraction.winner, fallback: doc.extraction.fallback }, { winner: 'main', fallback: null });
});

test('signs of a poor body', () => {
  const prose = ['本机关全年主动公开政府信息一千二百余条，办理依申请公开四十六件，未发生行政复议和诉讼。'.repeat(6)];
  assert.equal(poorReason(prose, 600, '<html>'), null);
  assert.equal(poorReason(['详见附件'], 2000, '<html>'), 'empty');
  assert.equal(poorReason(['版权与免责声明：', '凡本网注明来源的作品，版权均属本网，未经授权不得转载、摘编或利用其它方式使用上述作品。', '凡注明转载的作品，转载目的在于传递更多信息，并不代表本网赞同其观点。'], 2000, '<html>'), 'boilerplate');
  assert.equal(poorReason(prose, 5000, '<html ng-app="x">'), 'spa-shell');
  assert.equal(poorReason(prose, 5000, '<html>'), null);
  assert.equal(poorReason(['详见附件'], 100, '<html>'), null, 'a page with nothing on it is not poor extraction');
});

test('a short body beside its attachment is an attachment-only report page, not a missed body', () => {
  const nav = '<ul class="list">' + Array.from({ length: 30 }, (_, i) => `<li><p>本站发布第${i}条工作动态，内容涉及全县重点项目建设、民生实事推进和营商环境优化等方面情况。</p></li>`).join('') + '</ul>';
  const html = `<html><head><meta charset="utf-8"><title>洪泽区人民政府2023年政府信息公开工作年度报告</title></head><body>${nav}
<div class="TRS_Editor"><p>附件：<a href="../files/huaian-hongze-2023.pdf">洪泽区人民政府2023年政府信息公开工作年度报告.pdf</a></p><p>请点击附件查看年度报告全文内容，如需纸质文本请与洪泽区人民政府办公室联系。</p></div></body></html>`;
  const doc = extractHtml(html, { url: 'http://www.hongze.gov.cn/att/zfxxgk/ndbg/202401/t20240125_2001.html' });
  assert.equal(doc.extraction?.winner, 'main');
  assert.equal(doc.extraction?.fallback, null);
  assert.ok(doc.text.includes('请点击附件查看年度报告全文内容'), doc.text);
  assert.ok(!doc.text.includes('工作动态'), doc.text);
  assert.equal(doc.attachments[0]?.url, 'http://www.hongze.gov.cn/att/zfxxgk/ndbg/files/huaian-hongze-2023.pdf');
});

test('binary junk served as HTML gets no second opinion: nothing is made up from noise', () => {
  let seed = 12345;
  const junk = Buffer.alloc(200_000);
  for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const text = junk.toString('latin1');
  assert.ok(controlShare(text) > 0.05);
  assert.equal(controlShare('<p>正文\t第一段\r\n</p>'), 0);
  const doc = extractHtml(text, { url: 'http://h/r/t1.html' });
  assert.equal(doc.text.trim(), '');
  assert.ok(doc.warnings.some((w) => /control characters/.test(w)), doc.warnings.join('; '));
});
