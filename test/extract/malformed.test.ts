// Malformed multi-megabyte pages (content after </html>, thousands of unclosed tags) must cost linear work.
// No timed assertions: the work is checked structurally (elements measured once, depth capped) and the pages
// must come out with the right text. Timings are in bench/extract.ts ("malformed big page").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio/slim';
import { extractHtmlWithMethod } from '../../src/extract/index.ts';
import { capDepth, elementsUnder, MAX_DEPTH, TextStats, textOf, type AnyNode, type Element } from '../../src/extract/html/dom.ts';

const P = '本年度共收到政府信息公开申请一百二十件，均已按期答复。';
const MB = 1024 * 1024;
const head = '<html><head><meta charset="utf-8"><title>t</title></head><body>';
// The fault-test page: a TRS body left open, </body></html>, then megabytes of paragraphs and stray closers.
const afterHtml = (bytes: number) =>
  `${head}<div class="article"><div class="TRS_Editor"><p>正文</p><div class="footer">版权所有</div></body></html>` +
  `<p>${P}</p>\n`.repeat(Math.ceil(bytes / 90)) + '</div></div></body></html>';
// Unclosed TRS containers, one per paragraph: every level matches the CMS rule.
const nestedTrs = (n: number) => head + `<div class="TRS_Editor"><p>${P}</p>`.repeat(n) + '</body></html>';

function depthOf(root: AnyNode): number {
  let max = 0;
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    if ('children' in n) for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

for (const size of [0.5, 1, 2]) {
  test(`content after </html> (${size} MB): completes, body text kept`, () => {
    const { doc } = extractHtmlWithMethod(afterHtml(size * MB));
    assert.ok(doc.text.includes('正文'));
    assert.ok(!doc.text.includes('版权所有'));
  });
}

test('thousands of nested CMS containers: the outermost is the body, with every paragraph once', () => {
  for (const n of [2000, 4000, 8000]) {
    const { doc, method } = extractHtmlWithMethod(nestedTrs(n));
    assert.equal(method, 'cms:trs');
    assert.equal(doc.text.split('\n').filter((l) => l === P).length, n);
    assert.ok(doc.warnings.some((w) => w.includes(`deeper than ${MAX_DEPTH}`)));
  }
});

test('deep unclosed tags do not overflow the stack (tables, spans, links)', () => {
  const n = 20000;
  for (const unit of [`<table><tr><td>${P}`, `<span>${P}`, `<div>${P}<a href="/x">链接文字链接文字链接文字</a>`]) {
    const { doc } = extractHtmlWithMethod(head + unit.repeat(n) + '</body></html>');
    assert.ok(doc.text.includes(P));
  }
});

test('TextStats measures each element once, however many nested elements are asked about', () => {
  for (const n of [1000, 2000, 4000]) {
    const root = load(nestedTrs(n)).root()[0] as unknown as AnyNode;
    const els = [...elementsUnder(root)];
    const st = new TextStats();
    // Innermost first, the worst order for a naive per-element walk.
    for (let i = els.length - 1; i >= 0; i--) st.len(els[i]!);
    assert.equal(st.size, els.length);
  }
});

test('TextStats agrees with textOf (whitespace, <br>, blocks, links, scripts)', () => {
  const html = `<div> a  <b> b </b><br>c<p>，。x</p><a href="#"> 链 接 </a><span><a>y</a></span><script>var s = '，';</script>　\u00a0</div>`;
  const root = load(html).root()[0] as unknown as AnyNode;
  const st = new TextStats();
  for (const el of elementsUnder(root)) {
    assert.equal(st.len(el), textOf(el).length, el.name);
    let link = 0;
    for (const a of elementsUnder(el)) if (a.name === 'a') link += textOf(a).length;
    assert.equal(st.linkLen(el), link, el.name);
  }
});

test('capDepth flattens below the cap, keeps text in document order and says how much it moved', () => {
  const n = 2000;
  const root = load(head + Array.from({ length: n }, (_, i) => `<span>${i} `).join('') + '</body></html>').root()[0] as unknown as AnyNode;
  const before = textOf((root as Element).children[0]!);
  const moved = capDepth(root);
  assert.ok(moved > 0);
  assert.ok(depthOf(root) <= MAX_DEPTH + 1);
  assert.equal(textOf((root as Element).children[0]!), before);
  assert.equal(capDepth(load(`${head}<p>x</p></body></html>`).root()[0] as unknown as AnyNode), 0);
});
