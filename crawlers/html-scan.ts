// Linear-time scans of raw page bytes. The crawler looks at every page it fetches (links, scripts, visible text)
// before any DOM exists, and a page is up to 8 MB of whatever a server sends. Regexes like
// `<script\b[^>]*>([\s\S]*?)<\/script>` or `<[^>]+>` retry from every opening they meet and scan to the end each
// time when the closing part never comes: 160,000 unclosed `<script` tags took minutes and stalled the thread that
// keeps the crawl job's lock. These scanners give the same results on well-formed markup, and on broken markup stop
// at the first opening that can never close (every later one could not either) or skip past what they scanned, so
// no character is scanned more than a bounded number of times.

/**
 * A lower-case copy whose indices are the original's. Only U+0130 (İ) changes length when lower-cased (it becomes
 * two code units), so the native toLowerCase is used unless it occurs.
 */
export function lowerAscii(s: string): string {
  return s.includes('\u0130') ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.toLowerCase();
}

/** `s` with every `<!-- … -->` replaced by `by`; an unclosed `<!--` stays (like the regex `<!--[\s\S]*?-->`). */
export function stripComments(s: string, by = ''): string {
  if (!s.includes('<!--')) return s;
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const open = s.indexOf('<!--', from);
    if (open < 0) break;
    const close = s.indexOf('-->', open + 4);
    if (close < 0) break;
    out.push(s.slice(from, open), by);
    from = close + 3;
  }
  out.push(s.slice(from));
  return out.join('');
}

const isNameChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/** The first `<name` (case-insensitive, a whole word) at or after `from` in `lower`, or -1. */
function findOpen(lower: string, name: string, from: number): number {
  const pat = `<${name}`;
  for (let i = lower.indexOf(pat, from); i >= 0; i = lower.indexOf(pat, i + 1)) {
    if (!isNameChar(lower.charCodeAt(i + pat.length))) return i;
  }
  return -1;
}

/** The first `</name\s*>` at or after `from`: [start, end) of the closing tag, or null. */
function findClose(lower: string, name: string, from: number): [number, number] | null {
  const pat = `</${name}`;
  for (let i = lower.indexOf(pat, from); i >= 0; i = lower.indexOf(pat, i + 1)) {
    let j = i + pat.length;
    while (j < lower.length && /\s/.test(lower[j]!)) j++;
    if (lower[j] === '>') return [i, j + 1];
  }
  return null;
}

export interface Element {
  name: string;
  /** Offset of `<name`. */
  start: number;
  /** Offset just after the closing tag. */
  end: number;
  /** Text between `<name` and the first `>` (the attributes, as `[^>]*` reads them). */
  attrs: string;
  /** Text between the opening and the closing tag. */
  body: string;
}

/**
 * Elements `<name …>…</name>` for the given names, in document order, as the lazy regex
 * `<(names)\b([^>]*)>([\s\S]*?)<\/\1\s*>` finds them (gi). A name whose closing tag no longer appears is dropped
 * from the search (no later one could close either).
 */
export function elements(s: string, names: readonly string[], lower = lowerAscii(s)): Element[] {
  const out: Element[] = [];
  const next = new Map<string, number>();
  const live = new Set(names);
  const gt = { at: -2 };
  let from = 0;
  while (live.size) {
    let name: string | null = null;
    let open = -1;
    for (const n of live) {
      let at = next.get(n);
      if (at === undefined || (at >= 0 && at < from)) next.set(n, (at = findOpen(lower, n, from)));
      if (at < 0) live.delete(n);
      else if (open < 0 || at < open) [open, name] = [at, n];
    }
    if (!name) break;
    // `[^>]*>`: the attributes end at the first `>`; none left means no element can open any more.
    if (gt.at !== -1 && gt.at < open) gt.at = s.indexOf('>', open);
    if (gt.at < 0) break;
    const close = findClose(lower, name, gt.at + 1);
    if (!close) {
      live.delete(name);
      continue;
    }
    out.push({ name, start: open, end: close[1], attrs: s.slice(open + 1 + name.length, gt.at), body: s.slice(gt.at + 1, close[0]) });
    from = close[1];
  }
  return out;
}

/** `s` with the given elements (tags and content) replaced by `by`. */
export function stripElements(s: string, names: readonly string[], by = ' '): string {
  const els = elements(s, names);
  if (!els.length) return s;
  const out: string[] = [];
  let from = 0;
  for (const e of els) {
    out.push(s.slice(from, e.start), by);
    from = e.end;
  }
  out.push(s.slice(from));
  return out.join('');
}

/** `s.replace(/<[^>]+>/g, by)` in one pass. */
export function stripTags(s: string, by = ' '): string {
  // Built by concatenation: V8 keeps it as a rope and flattens once, cheaper than an array of a million pieces.
  let out = '';
  let from = 0;
  let lt = s.indexOf('<');
  let gt = -2;
  while (lt >= 0) {
    if (gt !== -1 && gt <= lt) gt = s.indexOf('>', lt + 1);
    if (gt < 0) break;
    if (gt === lt + 1) {
      // `<>` is not a tag; the next `<` may start one.
      lt = s.indexOf('<', lt + 1);
      continue;
    }
    out += s.slice(from, lt) + by;
    from = gt + 1;
    lt = s.indexOf('<', from);
  }
  return out + s.slice(from);
}

/**
 * Longest tag the tag scanner reads: an ASP.NET `__VIEWSTATE` input can hold a few hundred KB; longer is broken
 * markup. (Not needed for linear time: a failed tag is skipped whole.)
 */
export const MAX_TAG_CHARS = 1024 * 1024;

export interface Tag {
  name: string;
  start: number;
  /** Offset just after the `>`. */
  end: number;
  attrs: string;
}

/**
 * Opening tags with the given names (lower case), anywhere in `s` (inside scripts too), with their attribute text:
 * a quoted value may hold `>`. Reads like `<(names)\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, except that a tag that does not
 * close within MAX_TAG_CHARS is skipped with everything it covered, and a quote that never closes ends the scan.
 */
export function* tags(s: string, names: readonly string[], lower = lowerAscii(s)): Generator<Tag> {
  const want = new Set(names);
  let from = 0;
  for (;;) {
    const lt = lower.indexOf('<', from);
    if (lt < 0) return;
    let j = lt + 1;
    while (j < s.length && isNameChar(lower.charCodeAt(j))) j++;
    const name = lower.slice(lt + 1, j);
    if (!want.has(name)) {
      from = lt + 1;
      continue;
    }
    const attrsFrom = j;
    const limit = Math.min(s.length, lt + MAX_TAG_CHARS);
    let closed = false;
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === 0x3e) {
        closed = true;
        break;
      }
      if (c === 0x22 || c === 0x27) {
        const q = s.indexOf(c === 0x22 ? '"' : "'", j + 1);
        if (q < 0) return;
        j = q + 1;
      } else j++;
    }
    if (!closed) {
      if (j >= s.length) return;
      from = j;
      continue;
    }
    yield { name, start: lt, end: j + 1, attrs: s.slice(attrsFrom, j) };
    from = j + 1;
  }
}

/**
 * `s.indexOf(needle, from)` for a rising `from`, remembering the last answer: a page with 100,000 `<a` and no `</a`
 * would otherwise rescan to its end for each.
 */
export function forwardFinder(s: string, needle: string): (from: number) => number {
  let last = -2;
  return (from: number) => {
    if (last === -1 || last >= from) return last;
    return (last = s.indexOf(needle, from));
  };
}

const skipWs = (s: string, i: number) => {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
};

/**
 * Contents of `<tag><![CDATA[ … ]]></tag>` blocks (whitespace allowed around the CDATA), in order, as the lazy regex
 * `<tag>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/tag>` (g) finds them; `limit` stops after that many.
 */
export function cdataBlocks(s: string, tag: string, limit = Infinity): string[] {
  const out: string[] = [];
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  let from = 0;
  while (out.length < limit) {
    const at = s.indexOf(open, from);
    if (at < 0) break;
    const cdata = skipWs(s, at + open.length);
    if (!s.startsWith('<![CDATA[', cdata)) {
      from = at + 1;
      continue;
    }
    const bodyFrom = cdata + 9;
    let end = s.indexOf(']]>', bodyFrom);
    while (end >= 0 && !s.startsWith(close, skipWs(s, end + 3))) end = s.indexOf(']]>', end + 1);
    if (end < 0) break;
    out.push(s.slice(bodyFrom, end));
    from = s.indexOf(close, end + 3) + close.length;
  }
  return out;
}
