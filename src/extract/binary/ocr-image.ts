// Page-image clean-up before OCR, on the greyscale PGM that pdftoppm writes (no image library needed):
// - deskew: a page fed askew into the scanner tilts its text lines; the angle whose horizontal projection profile is
//   sharpest (text lines fall into the fewest rows) is the skew, and the image is rotated back by it;
// - table rules: the ruled lines of 表二/表三/表四 are read by tesseract as "1", "|" or glued to digits ("164" for
//   "64"); dark runs far longer than any character stroke are ruling, and are painted white.
// All bounded by the image size, which the caller caps.

export interface Gray { width: number; height: number; data: Uint8Array }

/** Binary PGM (P5, maxval 255) → pixels. */
export function parsePgm(buf: Uint8Array): Gray {
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    if (buf[pos] === 0x23) { while (pos < buf.length && buf[pos] !== 0x0a) pos++; continue; }
    let s = '';
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]!))) s += String.fromCharCode(buf[pos++]!);
    fields.push(s);
  }
  pos++;
  const [magic, w, h, max] = fields;
  const width = Number(w), height = Number(h);
  if (magic !== 'P5' || Number(max) !== 255 || !(width > 0 && height > 0) || buf.length - pos < width * height) throw new Error(`not an 8-bit binary PGM (${fields.join(' ')})`);
  return { width, height, data: buf.subarray(pos, pos + width * height) };
}

export function writePgm(img: Gray): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1'), img.data]);
}

const DARK = 160;

/**
 * The skew angle in degrees (positive: the text rises to the right... as measured in image rows, y down) within
 * ±maxDeg, from the projection profile of a sample of dark pixels. 0 when the page has too little ink to tell.
 */
export function skewAngle(img: Gray, maxDeg = 3, step = 0.1): number {
  const { width, height, data } = img;
  const xs: number[] = [];
  const ys: number[] = [];
  // Every 2nd pixel of every 2nd row, at most ~300k dark points: enough for a sharp profile, bounded in time.
  const stride = Math.max(2, Math.ceil(Math.sqrt((width * height) / 4 / 300_000)) * 2);
  for (let y = 0; y < height; y += stride) for (let x = 0; x < width; x += stride) {
    if (data[y * width + x]! < DARK) { xs.push(x); ys.push(y); }
  }
  if (xs.length < 200) return 0;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Float64Array(Math.ceil(height / stride) + Math.ceil((width * Math.abs(t)) / stride) + 4);
    const off = Math.ceil((width * Math.abs(t)) / stride) + 1;
    for (let i = 0; i < xs.length; i++) bins[Math.round((ys[i]! - xs[i]! * t) / stride) + off]! += 1;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
    return s;
  };
  let best = 0, bestScore = score(0);
  for (let d = -maxDeg; d <= maxDeg + 1e-9; d += step) {
    const s = score(d);
    if (s > bestScore) { best = d; bestScore = s; }
  }
  // Refine around the best coarse angle.
  for (let d = best - step; d <= best + step + 1e-9; d += step / 4) {
    const s = score(d);
    if (s > bestScore) { best = d; bestScore = s; }
  }
  return Math.round(best * 100) / 100;
}

/** Rotate by `deg` about the centre so that a skew measured by `skewAngle` becomes level; white fills the corners. */
export function rotate(img: Gray, deg: number): Gray {
  const { width, height, data } = img;
  const out = new Uint8Array(width * height).fill(255);
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  const cx = width / 2, cy = height / 2;
  for (let y = 0; y < height; y++) {
    // Source of destination (x, y): rotate back by the skew (the profile found rows along y = x·tan(deg)).
    let sx = cx + (0 - cx) * c - (y - cy) * s;
    let sy = cy + (0 - cx) * s + (y - cy) * c;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      // Bilinear: nearest-neighbour sampling leaves stair-stepped strokes that the recogniser misreads (31 as 3).
      const ix = Math.floor(sx), iy = Math.floor(sy);
      if (ix >= 0 && iy >= 0 && ix + 1 < width && iy + 1 < height) {
        const fx = sx - ix, fy = sy - iy, i = iy * width + ix;
        const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
        const bottom = data[i + width]! + (data[i + width + 1]! - data[i + width]!) * fx;
        out[row + x] = Math.round(top + (bottom - top) * fy);
      }
      sx += c;
      sy += s;
    }
  }
  return { width, height, data: out };
}

/**
 * Paint white every horizontal or vertical dark run at least `minRun` pixels long (gaps of up to 2 light pixels
 * bridged, and a run may step up to 2 pixels sideways), with its anti-aliased edge. Characters are far shorter than a
 * table rule.
 */
export function removeRules(img: Gray, minRun: number): Gray {
  const { width, height } = img;
  const data = new Uint8Array(img.data);
  const src = img.data;
  const clear = (idx: number[]) => { for (const i of idx) data[i] = 255; };
  const scan = (n: number, len: number, at: (line: number, k: number) => number, side: number) => {
    for (let line = 0; line < n; line++) {
      let start = -1, lastDark = -1;
      for (let k = 0; k <= len; k++) {
        // Dark in this line or the next two on either side: a rule that is not quite level (a deskewed scan's
        // rules are staircases) still makes one long run.
        let dark = false;
        if (k < len) {
          const p0 = at(line, k);
          for (let d = -2; d <= 2 && !dark; d++) {
            const q = p0 + d * side;
            if (line + d >= 0 && line + d < n && src[q]! < DARK) dark = true;
          }
        }
        if (dark) { if (start < 0) start = k; lastDark = k; continue; }
        if (start >= 0 && (k === len || k - lastDark > 2)) {
          // A rule is thin: 6 pixels off it on both sides the paper is light along most of its length. A line of
          // bold, tightly set heading characters makes long runs too, but its strokes reach across.
          let thin = 0;
          for (let j = start; j <= lastDark; j++) {
            const p = at(line, j);
            const a = line - 6 < 0 || src[p - 6 * side]! >= DARK, b = line + 6 >= n || src[p + 6 * side]! >= DARK;
            if (a && b) thin++;
          }
          if (lastDark - start + 1 >= minRun && thin >= 0.7 * (lastDark - start + 1)) {
            const idx: number[] = [];
            for (let j = start; j <= lastDark; j++) {
              const p = at(line, j);
              if (src[p]! >= 215) continue;
              idx.push(p);
              // The rule's soft edge on both sides (grey, not ink of a glyph that touches it).
              for (const q of [p - side, p + side]) if (q >= 0 && q < src.length && src[q]! < 215 && src[q]! >= DARK - 40) idx.push(q);
            }
            clear(idx);
          }
          start = -1;
        }
      }
    }
  };
  scan(height, width, (y, x) => y * width + x, width);
  scan(width, height, (x, y) => y * width + x, 1);
  return { width, height, data };
}
