// Extraction quality floors, measured as in bench/extract.ts (character-bigram F1 against gold text, chrome-string
// leaks). Each set has its own floor, set a little below what the extractor measured when the floor was written:
//   html-dev (tuning set, 35 real pages): measured F1 0.954, chrome leak 0 %.
//   html-check (check set, real pages never tuned on): gated the same way when test/fixtures/html-check exists.
// The hand-built pages in test/fixtures/extract/pages check wiring, not quality (test/extract/html.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leaks, loadSet, prf } from '../../bench/extract-score.ts';
import { decode, extractHtml } from '../../src/extract/index.ts';

const FLOORS = {
  'html-dev': { f1: 0.94, leak: 0.01 },
  'html-check': { f1: 0.9, leak: 0.01 },
} as const;

for (const [set, floor] of Object.entries(FLOORS) as [keyof typeof FLOORS, (typeof FLOORS)[keyof typeof FLOORS]][]) {
  const pages = loadSet(set);
  test(`${set}: mean F1 ≥ ${floor.f1}, chrome leaks ≤ ${floor.leak * 100} %`, { skip: pages.length === 0 ? `no pages in test/fixtures/${set}` : false }, () => {
    let f = 0;
    let leaked = 0;
    const low: string[] = [];
    for (const p of pages) {
      const e = extractHtml(decode(p.bytes, {}).text, { url: p.url });
      const out = (e.title && !e.text.startsWith(e.title) ? `${e.title}\n` : '') + e.text;
      const m = prf(out, p.gold);
      f += m.f;
      if (m.f < 0.5) low.push(`${p.id} ${m.f.toFixed(2)}`);
      if (leaks(out, p.gold).length) leaked++;
    }
    const mean = f / pages.length;
    assert.ok(mean >= floor.f1, `${set} mean F1 ${mean.toFixed(3)} < ${floor.f1}; pages below 0.5: ${low.join(', ') || 'none'}`);
    assert.ok(leaked / pages.length <= floor.leak, `${set}: ${leaked} of ${pages.length} pages leak chrome`);
  });
}
