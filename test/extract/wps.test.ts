// WPS Writer (.wps): OLE files go through the .doc reader; anything else is an unsupported_format error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { detectKind, extractBytes, extractErrorKind, ExtractError } from '../../src/extract/index.ts';

const doc = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/doc/filled-2021-report.doc')));

test('an OLE .wps (WPS Office since 2005: a WordDocument stream) is read like the .doc it is', async () => {
  assert.equal(detectKind(doc, { filename: 'report.wps' }), 'doc');
  const x = await extractBytes(doc, { filename: 'report.wps' });
  assert.equal(x.kind, 'doc');
  assert.match(x.text, /本年新收/);
});

test('a .wps that is not an OLE container is an unsupported_format error, recorded as that kind', async () => {
  // An old WPS binary starts with its own signature, not the OLE one.
  const blob = new Uint8Array([0xff, 0x00, 0x57, 0x50, 0x53, 0x00, ...Buffer.from('WPS 2000 document body').values()]);
  assert.equal(detectKind(blob, { filename: '2019年报告.wps' }), 'doc');
  const err = await extractBytes(blob, { filename: '2019年报告.wps' }).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof ExtractError);
  assert.equal(err.errorKind, 'unsupported_format');
  assert.match(err.message, /^unsupported_format: doc could not be read: WPS document in a pre-2005 or other non-OLE format \(first bytes ff 00 57 50/);
  // The crawler records the kind from the message alone (errors from the extraction pool keep only that).
  assert.equal(extractErrorKind(new Error(err.message)), 'unsupported_format');
  assert.equal(extractErrorKind(new Error('pdf could not be read: bad XRef')), 'extract');
});
