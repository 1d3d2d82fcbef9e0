// The second opinion: when the body our rules found looks poor (see ../rules/second-opinion.ts), Readability reads
// the page too and the better body is kept, the way trafilatura checks its result against other extractors.
// Readability needs a full DOM (jsdom); it is loaded on first use only, so the common path pays nothing for it.
import { createRequire } from 'node:module';
import { load } from 'cheerio/slim';
import {
  BOILERPLATE_LINE, BOILERPLATE_SHARE, EMPTY_BODY, LITTLE_BODY, LITTLE_SHARE, MAX_CONTROL_SHARE, MAX_SECOND_OPINION_BYTES, SPA_SHARE, SPA_SHELL,
  WIN_FACTOR, WIN_MARGIN,
} from '../rules/second-opinion.ts';
import type { AnyNode } from './dom.ts';
import { serialize, type Serialized } from './serialize.ts';

const len = (s: string) => s.replace(/[\s|]+/g, '').length;

/** Share of the text's characters that sit in boilerplate lines. */
export function boilerplateShare(lines: readonly string[]): number {
  let all = 0;
  let box = 0;
  for (const l of lines) {
    const n = len(l);
    all += n;
    if (BOILERPLATE_LINE.test(l)) box += n;
  }
  return all ? box / all : 0;
}

/**
 * Why the first body looks poor, or null when it looks fine. `visible` is the page's visible text length. A short
 * first post chosen on purpose from a list of dated posts (`generic:first-post`) is not “little text”.
 */
export function poorReason(lines: readonly string[], visible: number, html: string, method = ''): string | null {
  const n = lines.reduce((s, l) => s + len(l), 0);
  if (visible < EMPTY_BODY * 4) return null; // nothing on the page to find
  if (n < EMPTY_BODY) return 'empty';
  if (boilerplateShare(lines) >= BOILERPLATE_SHARE) return 'boilerplate';
  if (n < LITTLE_BODY && n < visible * LITTLE_SHARE && method !== 'generic:first-post') return 'little-text';
  if (n < visible * SPA_SHARE && SPA_SHELL.test(html)) return 'spa-shell';
  return null;
}

type ReadabilityCtor = new (doc: unknown, opts?: Record<string, unknown>) => { parse(): { content?: string | null } | null };
interface JsdomModule { JSDOM: new (html: string, opts: Record<string, unknown>) => { window: { document: unknown; close(): void } }; VirtualConsole: new () => unknown }
let libs: { Readability: ReadabilityCtor; jsdom: JsdomModule } | null | undefined;
function loadLibs() {
  if (libs !== undefined) return libs;
  try {
    const req = createRequire(import.meta.url);
    libs = { Readability: (req('@mozilla/readability') as { Readability: ReadabilityCtor }).Readability, jsdom: req('jsdom') as JsdomModule };
  } catch {
    libs = null;
  }
  return libs;
}

/** Share of C0 control characters other than tab, newline and carriage return (real pages have next to none). */
export function controlShare(s: string): number {
  if (!s.length) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n / s.length;
}

export interface SecondOpinion {
  ser: Serialized;
  /** Set when Readability could not run (not installed, too big, threw): the first body stays. */
  error?: string;
}

/** Readability's body of the page as lines and tables, serialized the same way as ours. */
export function readabilityBody(html: string, url?: string): SecondOpinion | null {
  if (html.length > MAX_SECOND_OPINION_BYTES) return { ser: { lines: [], tables: [] }, error: `page over ${MAX_SECOND_OPINION_BYTES} characters` };
  // Binary junk served as HTML decodes to text full of control characters, and Readability would hand back that
  // noise as a body. A page where they are more than a trace is not read a second time.
  if (controlShare(html) > MAX_CONTROL_SHARE) return { ser: { lines: [], tables: [] }, error: 'page text is mostly not text (control characters)' };
  const l = loadLibs();
  if (!l) return { ser: { lines: [], tables: [] }, error: 'Readability (@mozilla/readability with jsdom) is not installed' };
  // No scripts run and no resources load: jsdom's defaults. The virtual console swallows CSS parse noise.
  // Bad input (binary junk served as HTML) can make jsdom itself throw: that is an error of the second opinion,
  // reported as a warning, never of the extraction.
  let dom: InstanceType<JsdomModule['JSDOM']> | null = null;
  try {
    dom = new l.jsdom.JSDOM(html, { url: url ?? 'http://localhost/', virtualConsole: new l.jsdom.VirtualConsole() });
    const art = new l.Readability(dom.window.document, { charThreshold: 100 }).parse();
    if (!art?.content) return null;
    const $ = load(art.content);
    return { ser: serialize([$.root()[0] as unknown as AnyNode]) };
  } catch (e) {
    return { ser: { lines: [], tables: [] }, error: `Readability failed: ${(e as Error).message}` };
  } finally {
    dom?.window.close();
  }
}

/** Does the second body beat the first? Longer by a clear margin and not itself a boilerplate box. */
export function secondWins(first: readonly string[], second: readonly string[], reason: string): boolean {
  const a = first.reduce((s, x) => s + len(x), 0);
  const b = second.reduce((s, x) => s + len(x), 0);
  if (b < EMPTY_BODY || boilerplateShare(second) >= BOILERPLATE_SHARE) return false;
  if (reason === 'boilerplate' || reason === 'empty') return b > a;
  // A retry without the boilerplate box, against a Readability body that already beat that box: same bar as any rival.
  return b >= a * WIN_FACTOR && b >= a + WIN_MARGIN;
}
