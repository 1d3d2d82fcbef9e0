// Page clean-up before OCR: skew found from the projection profile and undone; table rules painted white, glyphs kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePgm, removeRules, rotate, skewAngle, writePgm, type Gray } from '../../src/extract/binary/ocr-image.ts';

function page(w: number, h: number): Gray { return { width: w, height: h, data: new Uint8Array(w * h).fill(255) }; }
const ink = (g: Gray, x: number, y: number) => { if (x >= 0 && y >= 0 && x < g.width && y < g.height) g.data[Math.round(y) * g.width + Math.round(x)] = 0; };

test('a page of text lines tilted by 1.5° measures 1.5° and is level after rotating back', () => {
  const g = page(800, 600);
  const t = Math.tan((1.5 * Math.PI) / 180);
  // "Text lines": runs of 10×8 glyph blocks every 40 px, rising along the tilt.
  for (let line = 60; line < 560; line += 40) for (let x = 40; x < 760; x += 14) for (let dx = 0; dx < 10; dx++) for (let dy = 0; dy < 8; dy++) ink(g, x + dx, line + dy + (x + dx) * t);
  const s = skewAngle(g);
  assert.ok(Math.abs(s - 1.5) <= 0.1, String(s));
  assert.ok(Math.abs(skewAngle(rotate(g, s))) <= 0.1);
  assert.equal(skewAngle(page(800, 600)), 0, 'a blank page has no skew');
});

test('table rules are painted white; a glyph next to them stays; PGM round-trips', () => {
  const g = page(600, 400);
  for (let x = 20; x < 580; x++) for (let y = 100; y < 103; y++) ink(g, x, y);   // horizontal rule
  for (let y = 20; y < 380; y++) for (let x = 300; x < 302; x++) ink(g, x, y);   // vertical rule
  for (let x = 320; x < 345; x++) for (let y = 130; y < 160; y++) if ((x + y) % 3) ink(g, x, y); // a glyph-sized blot
  const r = removeRules(g, 120);
  const dark = (img: Gray, x0: number, x1: number, y0: number, y1: number) => { let n = 0; for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < 160) n++; return n; };
  assert.equal(dark(r, 20, 580, 100, 103), 0);
  assert.equal(dark(r, 300, 302, 20, 380), 0);
  assert.equal(dark(r, 320, 345, 130, 160), dark(g, 320, 345, 130, 160));
  const back = parsePgm(writePgm(r));
  assert.equal(back.width, 600);
  assert.deepEqual(Buffer.from(back.data), Buffer.from(r.data));
  assert.throws(() => parsePgm(Buffer.from('P6\n2 2\n255\n0000')), /not an 8-bit binary PGM/);
});
