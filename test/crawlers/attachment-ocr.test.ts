// A page whose only report is a scanned attachment: the document takes the attachment's OCR text and its mark,
// and the record says its figures come from OCR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDocument } from '../../crawlers/documents.ts';
import { emptyExtracted } from '../../src/extract/text/clean-text.ts';
import { parseReport } from '../../src/report/index.ts';
import type { Attachment } from '../../src/schema/document.ts';

test('a thin page over a scanned PDF: the document carries text_source ocr and the OCR run; the record is marked', () => {
  const page = { ...emptyExtracted('html'), title: '某县2023年政府信息公开工作年度报告', text: '详见附件' };
  const ocr = { engine: 'tesseract chi_sim', dpi: 150, pages: [{ page: 1, confidence: 88.5, chars: 400, error: null }], limits_hit: [] };
  const att: Attachment = {
    url: 'http://127.0.0.1/files/report.pdf', name: '年度报告.pdf', mime: 'application/pdf', sha256: 'x', bytes: 1000,
    text: '一、总体情况\n四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3', needs_ocr: false, error: null, text_source: 'ocr', ocr,
  };
  const doc = makeDocument(
    { task: { url: 'http://127.0.0.1/a.html', via: 'list', linkText: null } as never, res: { finalUrl: 'http://127.0.0.1/a.html', status: 200, headers: {} } as never, portalId: 'p', runId: 'r', rawSha: 's' },
    page, '<html><body><p>详见附件</p></body></html>', [att],
  );
  assert.equal(doc.kind, 'pdf');
  assert.equal(doc.text_source, 'ocr');
  assert.deepEqual(doc.ocr, ocr);
  const r = parseReport(doc);
  assert.ok(r.warnings.some((w) => /^source: ocr .*88\.5/.test(w)), JSON.stringify(r.warnings));
});
