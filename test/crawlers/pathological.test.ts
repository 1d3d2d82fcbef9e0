// Linear-time scans: the crawler's scans of raw pages finish on 8 MB pathological pages (openings that never close,
// the inputs that make backtracking regexes rescan to the end from every opening), and the scanners that replaced
// those regexes give the regexes' results on ordinary markup.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { cdataBlocks, elements, stripComments, stripElements, stripTags, tags } from '../../crawlers/html-scan.ts';
import { UNITS } from './pathological-pages.ts';

const CHILD = path.join(import.meta.dirname, 'pathological-pages.ts');
// Only a hang trips this: the scans take about a second per page on an idle machine, the old regexes hours.
const HANG_MS = 10 * 60 * 1000;

test('every crawler scan finishes on each 8 MB pathological page', { timeout: HANG_MS + 30_000 }, async (t) => {
  const lines: { start?: string; done?: string; ms?: number }[] = [];
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'run'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        lines.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hang');
    }, HANG_MS);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c ?? -1);
    });
  });
  const stuck = lines.filter((l) => l.start).map((l) => l.start).filter((n) => !lines.some((l) => l.done === n));
  assert.equal(code, 0, `child ${code}; unfinished: ${stuck.join(', ')}`);
  const done = lines.filter((l) => l.done);
  assert.equal(done.length, Object.keys(UNITS).length);
  t.diagnostic(done.map((l) => `${l.done}: ${l.ms} ms`).join('; '));
});

// Pieces that make up the random documents: the tags and fragments the scanners look for, whole and broken.
const PIECES = ['<script>', '<script src="a.js">', '</script>', '</script >', '<SCRIPT>', '<style>', '</style>', '<!--', '-->', '<title>', '</title>', '<a href="x.html">', '<a href=\'y\'>', '</a>', '<', '>', 'x', '年报', ' ', '\n', '<div class="c">', '<record>', '<![CDATA[', ']]>', '</record>', '<scripts>', '<>'];
const doc = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

test('the scanners give the results of the regexes they replaced', () => {
  fc.assert(
    fc.property(doc, (s) => {
      assert.equal(stripTags(s), s.replace(/<[^>]+>/g, ' '));
      assert.equal(stripComments(s, ' '), s.replace(/<!--[\s\S]*?-->/g, ' '));
      assert.equal(stripElements(s, ['script', 'style']), s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' '));
      assert.deepEqual(
        elements(s, ['script']).map((e) => [e.attrs, e.body]),
        [...s.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].map((m) => [m[1], m[2]]),
      );
      assert.deepEqual(cdataBlocks(s, 'record'), [...s.matchAll(/<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/g)].map((m) => m[1]));
      // Quotes balanced: the tag scanner then reads every tag the regex reads.
      if (!/["']/.test(s.replace(/"[^"]*"|'[^']*'/g, ''))) {
        assert.deepEqual([...tags(s, ['a'])].map((t) => t.attrs), [...s.matchAll(/<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)].map((m) => m[1]));
      }
    }),
    { numRuns: 3000 },
  );
});
