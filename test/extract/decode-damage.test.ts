// One bad byte in a page that declares UTF-8 (a title cut mid-character, a stray 0xFF) leaves it UTF-8, with the
// damage said in the document's warnings; bytes that really are another charset still fall to detection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decode, extractBytes } from '../../src/extract/index.ts';
import { utf8Damage } from '../../src/extract/decode.ts';
import { parseReport } from '../../src/report/index.ts';
import { fixture } from './helpers.ts';

const page = fixture('extract', 'pages', 'generic-xiangyang.html');

/** The page with one 0xFF put into the middle of its body text (between two characters, not inside one). */
function withStrayByte(b: Uint8Array): Uint8Array {
  const s = Buffer.from(b).toString('utf8');
  const at = Buffer.byteLength(s.slice(0, s.indexOf('政府信息公开', s.length / 2)), 'utf8');
  return new Uint8Array(Buffer.concat([b.subarray(0, at), Buffer.from([0xff]), b.subarray(at)]));
}

test('a UTF-8 report page with one stray 0xFF is decoded as UTF-8 and parsed as a report', async () => {
  const bad = withStrayByte(page);
  assert.deepEqual(utf8Damage(bad).invalid, 1);
  for (const headers of [{ 'content-type': 'text/html; charset=utf-8' }, {}]) {
    const d = decode(bad, headers);
    assert.equal(d.charset, 'utf-8', JSON.stringify(headers));
    assert.match(d.warning ?? '', /1 invalid byte/);
    assert.ok(d.text.includes('\uFFFD'));
    const ex = await extractBytes(bad, { headers, kind: 'html', url: 'http://127.0.0.1/r.html' });
    assert.ok(ex.warnings.some((w) => /invalid byte/.test(w)), ex.warnings.join('; '));
    const rec = parseReport({ ...ex, url: 'http://127.0.0.1/r.html' });
    assert.equal(rec.is_report, true, rec.not_report_reason ?? '');
    assert.match(rec.title ?? '', /襄阳市2017年政府信息公开/);
  }
});

test('a title cut mid-character at the end of a UTF-8 page is tolerated the same way', () => {
  const cut = Buffer.concat([Buffer.from(page), Buffer.from('<!--', 'utf8'), Buffer.from('年度报告', 'utf8').subarray(0, 4), Buffer.from('-->')]);
  const d = decode(new Uint8Array(cut), { 'content-type': 'text/html; charset=UTF-8' });
  assert.equal(d.charset, 'utf-8');
  assert.match(d.warning ?? '', /invalid byte/);
});

test('GBK bytes under a UTF-8 declaration are not UTF-8: detection still reads them', () => {
  const gbk = new Uint8Array(iconv.encode('<html><head><meta charset="utf-8"></head><body>新邵县2017年政府信息公开工作年度报告。本年新制作数量</body></html>', 'gbk'));
  const d = decode(gbk, { 'content-type': 'text/html; charset=utf-8' });
  assert.equal(d.charset, 'gb18030');
  assert.equal(d.warning, undefined);
  assert.ok(d.text.includes('政府信息公开工作年度报告'));
});

test('the UTF-8 damage count follows the Unicode definition of well-formed sequences', () => {
  assert.deepEqual(utf8Damage(Buffer.from('年报abc', 'utf8')), { nonAscii: 6, invalid: 0 });
  assert.deepEqual(utf8Damage(new Uint8Array([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80])), { nonAscii: 9, invalid: 9 });
  assert.deepEqual(utf8Damage(new Uint8Array([0xe5, 0xb9, 0x41])), { nonAscii: 2, invalid: 2 });
});
