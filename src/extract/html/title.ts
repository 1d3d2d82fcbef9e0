// Title: the ArticleTitle meta, else the document part of <title> (site names cut off), upgraded to the
// on-page heading that carries the same words (headings are not truncated the way <title> often is).
import { META_TAG_TITLE, SITE_NAME_RE } from '../rules/meta-fields.ts';
import { REPORT_TITLE_RE, TITLE_SEPARATORS } from '../rules/title.ts';
import { attr, elementsUnder, TextStats, textOf, type AnyNode } from './dom.ts';
import type { HeadInfo } from './head.ts';

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The part of a <title> that names the document. */
export function documentPartOfTitle(title: string): string {
  const parts = title.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length <= 1) return title.trim();
  const report = parts.find((p) => REPORT_TITLE_RE.test(squash(p)));
  if (report) return report;
  const nonSite = parts.filter((p) => !SITE_NAME_RE.test(p));
  const pool = nonSite.length ? nonSite : parts;
  // The document title comes first on almost every portal; prefer it unless a later part is much longer.
  return pool.reduce((a, b) => (b.length > a.length * 1.5 ? b : a));
}

const HEADING = new Set(['h1', 'h2', 'h3', 'h4']);
const TITLE_CLASS = /(^|[\s_-])(title|biaoti|bt|tit|headline|article-title|news_title|detail-title)([\s_-]|\d|$)/i;

export function chooseTitle(doc: AnyNode, head: HeadInfo): { title: string | null; source: string | null } {
  for (const name of META_TAG_TITLE.slice(0, 1)) {
    const v = head.meta.get(name);
    // CMS templates paste the formatted title into the meta, tags and all (“标题<div>——副题</div>”).
    if (v) return { title: v.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), source: `meta:${name}` };
  }
  const fromTitle = head.title ? documentPartOfTitle(head.title) : null;
  const key = fromTitle ? squash(fromTitle).replace(/[.…]+$/, '') : null;
  let firstH1: string | null = null;
  // The closest match wins: a “title” block often wraps the heading together with its 发布时间/来源 line
  // (`<div class="title"><h1>…</h1><p>2020-11-26 来源:…</p></div>`), and that block comes first in document order.
  let best: { t: string; off: number } | null = null;
  // Lengths first, bottom-up once: nested “title” blocks of a malformed page would cost a textOf each.
  const st = new TextStats();
  for (const el of elementsUnder(doc)) {
    const isHeading = HEADING.has(el.name) || TITLE_CLASS.test(`${attr(el, 'class')} ${attr(el, 'id')}`);
    if (!isHeading) continue;
    const len = st.len(el);
    if (len === 0 || len > 120) continue;
    const t = textOf(el);
    if (!t || t.length > 120) continue;
    if (el.name === 'h1' && !firstH1) firstH1 = t;
    const s = squash(t);
    if (key && key.length >= 4 && (s === key || s.startsWith(key) || (key.startsWith(s) && s.length >= key.length * 0.6))) {
      if (s === key) return { title: t, source: 'heading' };
      const off = Math.abs(s.length - key.length);
      if (!best || off < best.off) best = { t, off };
    }
  }
  if (best) return { title: best.t, source: 'heading' };
  if (fromTitle) return { title: fromTitle, source: 'title' };
  for (const name of META_TAG_TITLE.slice(1)) {
    const v = head.meta.get(name);
    if (v) return { title: v.trim(), source: `meta:${name}` };
  }
  return { title: firstH1, source: firstH1 ? 'heading' : null };
}
