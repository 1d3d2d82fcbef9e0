/**
 * One HTTP byte range (RFC 9110 §14.2) against a file of `size` bytes. Only single `bytes=` ranges are
 * served; anything else — another unit, several ranges, garbage, a start past the end — is reported as
 * unsatisfiable so the caller answers 416 with `Content-Range: bytes *\/size` instead of guessing.
 */
export type RangeResult = { kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable'; reason: string };

const MAX_DIGITS = 15; // beyond Number.MAX_SAFE_INTEGER territory: reject rather than lose precision

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'none' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: 'unsatisfiable', reason: 'malformed or multiple ranges' };
  const [, a = '', b = ''] = m;
  if (a.length > MAX_DIGITS || b.length > MAX_DIGITS) return { kind: 'unsatisfiable', reason: 'range too large' };
  if (a === '' && b === '') return { kind: 'unsatisfiable', reason: 'empty range' };
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable', reason: 'empty suffix range' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (start >= size) return { kind: 'unsatisfiable', reason: 'start beyond end of file' };
  if (b === '') return { kind: 'range', start, end: size - 1 };
  const end = Number(b);
  if (end < start) return { kind: 'unsatisfiable', reason: 'end before start' };
  return { kind: 'range', start, end: Math.min(end, size - 1) };
}
