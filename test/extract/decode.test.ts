import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decode, detectKind } from '../../src/extract/index.ts';
import { fixture } from './helpers.ts';

const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const PAGE = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>政府信息公开工作年度报告，镕</body></html>';

test('meta-only GB2312 page decodes as GB18030 (the case Crawlee gets wrong)', () => {
  const d = decode(gbk(PAGE), { 'content-type': 'text/html' });
  assert.equal(d.source, 'meta');
  assert.equal(d.charset, 'gb18030');
  assert.ok(d.text.includes('政府信息公开工作年度报告，镕'));
});

test('HTTP header charset wins over <meta> when the bytes agree with it', () => {
  const d = decode(gbk(PAGE.replace('gb2312', 'utf-8')), { 'Content-Type': 'text/html; charset=GBK' });
  assert.equal(d.source, 'header');
  assert.ok(d.text.includes('年度报告'));
});

test('valid UTF-8 beats a stale gb2312 <meta>', () => {
  const d = decode(utf8(PAGE), {});
  assert.equal(d.source, 'utf8-valid');
  assert.equal(d.charset, 'utf-8');
  assert.ok(d.text.includes('年度报告'));
});

test('a BOM decides before anything else', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<meta charset="gbk">年报')]);
  const d = decode(bytes, { 'content-type': 'text/html; charset=gbk' });
  assert.equal(d.source, 'bom');
  assert.equal(d.text, '<meta charset="gbk">年报');
});

test('undeclared GBK bytes are detected as GB18030', () => {
  const d = decode(gbk('<p>本年度报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。</p>'), {});
  assert.equal(d.source, 'detected');
  assert.equal(d.charset, 'gb18030');
  assert.ok(d.text.includes('统计期限'));
});

test('a real GB2312 dev page decodes per its meta', () => {
  const d = decode(fixture('html-dev', '0d931936.html'), {});
  assert.equal(d.charset, 'gb18030');
  assert.ok(d.text.includes('人生如戏'));
});

test('detectKind: magic bytes beat names and content types', () => {
  assert.equal(detectKind(fixture('pdf', 'huaian-hongze-2023.pdf'), { filename: 'x.html' }), 'pdf');
  assert.equal(detectKind(fixture('docx', 'filled-2021-report.docx'), { contentType: 'application/octet-stream' }), 'docx');
  assert.equal(detectKind(fixture('doc', 'filled-2021-report.doc'), { filename: 'a.wps' }), 'doc');
  assert.equal(detectKind(utf8('plain words'), { filename: 'a.txt' }), 'txt');
  assert.equal(detectKind(utf8('<!DOCTYPE html><html></html>'), {}), 'html');
});
