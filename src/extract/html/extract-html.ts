// HTML page → Extracted: decode-free (the caller decodes), synchronous, no I/O.
import { load } from 'cheerio/slim';
import type { Extracted, Grid, Removed } from '../../schema/document.ts';
import { META_TAG_DATE, META_TAG_SOURCE, REPOST_SOURCE } from '../rules/meta-fields.ts';
import { cleanLines, type DateHit } from '../text/clean-lines.ts';
import { emptyExtracted } from '../text/clean-text.ts';
import { dateFromUrl, findDate } from '../text/dates.ts';
import { dateFromFields, parseMetaLine } from '../text/meta-line.ts';
import { isAttachmentHref, scanAttachments, scanEmbeddedDocuments } from './attachments.ts';
import { findCmsRoots, findGenericRoot, type ContentChoice } from './content.ts';
import { auditText, capDepth, elementsUnder, isElement, MAX_DEPTH, removeNodes, textLengthAtLeast, textOf, type AnyNode, type Element } from './dom.ts';
import { readGkmlptDetail } from './gkmlpt.ts';
import { readHead } from './head.ts';
import { LITTLE_BODY } from '../rules/second-opinion.ts';
import { readabilityBody, poorReason, secondWins } from './second-opinion.ts';
import { serialize } from './serialize.ts';
import { dropChromeByAttr, dropLinkBlocks, dropNonContent } from './strip.ts';
import { chooseTitle } from './title.ts';

// A body shorter than this with images in it is probably a scanned report posted as pictures.
const SCANNED_TEXT_LIMIT = 200;
const NOT_META = new Set(['字号', '浏览次数', '标题']);

/** Blocks beside the body on the way up to <body>, reported so the cut can be audited. */
function reportOutside(roots: Element[], top: AnyNode, removed: Removed[]): void {
  const onPath = new Set<AnyNode>();
  for (const r of roots) for (let p: AnyNode | null = r; p && p !== top.parent; p = p.parent) onPath.add(p);
  for (const n of onPath) {
    if (!('children' in n) || roots.includes(n as Element)) continue;
    for (const c of (n as Element).children) {
      if (onPath.has(c)) continue;
      const t = isElement(c) ? textOf(c) : c.type === 'text' ? (c as unknown as { data: string }).data.trim() : '';
      if (t) removed.push({ kind: 'outside-content', text: auditText(t) });
    }
  }
}

/**
 * The first <body> in document order, found by our own walk. Not `$('body')`: cheerio hands css-select every
 * top-level node as a context, and css-select dedupes those with domutils `removeSubsets`, which is quadratic.
 * Content after `</html>` leaves tens of thousands of top-level nodes (1 MB took 1 s, 4 MB 28 s).
 */
function firstBody(doc: AnyNode): Element | null {
  for (const el of elementsUnder(doc)) if (el.name === 'body') return el;
  return null;
}

/**
 * Asks Readability when the first body looks poor; returns its body (cleaned the same way) when it wins, null
 * when the first body stands. Why it was asked is noted either way: the reason travels in `extraction.fallback`.
 */
function secondOpinion(first: string[], pageLines: string[], html: string, url: string | undefined, warnings: string[], method = '') {
  const visible = pageLines.reduce((n, l) => n + l.replace(/[\s|]+/g, '').length, 0);
  const reason = poorReason(first, visible, html, method);
  if (!reason) return { reason: null, won: null };
  const r = readabilityBody(html, url);
  if (r?.error) warnings.push(`second opinion (${reason}) not taken: ${r.error}`);
  if (!r || r.error) return { reason, won: null };
  const c = cleanLines(r.ser.lines);
  return { reason, won: secondWins(first, c.lines, reason) ? { lines: c.lines, tables: r.ser.tables } : null };
}

export interface HtmlResult {
  doc: Extracted;
  /** How the body was found (`cms:trs`, `gkmlpt`, `generic` …): for audits and the bench. */
  method: string;
}

export function extractHtmlPage(html: string, opts: { url?: string } = {}): HtmlResult {
  const out = emptyExtracted('html');
  const removed: Removed[] = [];
  if (!html.trim()) {
    out.warnings.push('empty HTML input');
    return { doc: out, method: 'none' };
  }
  const $ = load(html);
  const doc = $.root()[0] as unknown as AnyNode;
  const flattened = capDepth(doc);
  if (flattened) out.warnings.push(`HTML nested deeper than ${MAX_DEPTH} levels (unclosed tags): ${flattened} node(s) below that depth were flattened`);
  const head = readHead(doc);
  const gk = html.includes('DETAIL') ? readGkmlptDetail(html) : null;
  if (gk?.error) out.warnings.push(gk.error);

  const titled = chooseTitle(doc, head);
  out.title = gk?.title ?? titled.title;

  let choice: ContentChoice | null = findCmsRoots(doc, html);
  // Frames and embeds go with the furniture below; a PDF shown in one is often the report itself.
  const embedded = scanEmbeddedDocuments(doc, opts.url);
  dropNonContent(doc, removed, new Set(choice?.roots ?? []));
  const body = firstBody(doc) ?? doc;

  // The metadata table and the date/source bar usually sit outside the body container: read them from the
  // whole page before furniture is removed (a “tools” bar holding 发布时间 would otherwise vanish).
  const pageLines = serialize([body]).lines;

  if (gk?.contentHtml) {
    const $c = load(gk.contentHtml);
    const croot = $c.root()[0] as unknown as Element;
    const flat = capDepth(croot);
    if (flat) out.warnings.push(`gkmlpt content nested deeper than ${MAX_DEPTH} levels: ${flat} node(s) flattened`);
    dropNonContent(croot, removed);
    choice = { roots: [croot], method: 'gkmlpt' };
  } else if (choice) {
    // Re-check: the containers may have lost their text to dropNonContent (e.g. all of it was hidden).
    if (!choice.roots.some((r) => textLengthAtLeast(r, 40))) choice = null;
  }
  if (!choice || choice.method !== 'gkmlpt') {
    dropChromeByAttr(body, removed, new Set(choice?.roots ?? []));
  }
  if (!choice) choice = findGenericRoot(body);
  if (!choice) {
    // Nothing our rules can call a body: the second opinion may still find one.
    const second = secondOpinion([], pageLines, html, opts.url, out.warnings);
    if (second.won) {
      out.text = second.won.lines.join('\n');
      out.tables = second.won.tables;
      out.extraction = { method: 'none', winner: 'readability', fallback: second.reason };
      out.attachments = embedded;
      out.removed = removed;
      return { doc: out, method: 'readability' };
    }
    out.warnings.push('no main content found');
    out.attachments = embedded;
    out.removed = removed;
    return { doc: out, method: 'none' };
  }
  if (choice.method !== 'gkmlpt') reportOutside(choice.roots, body, removed);
  // Attachment links are read before link-heavy blocks go, so an 附件 list is never lost.
  const around = choice.method === 'gkmlpt' ? choice.roots : choice.roots.map((r) => (r.parent && r.parent.type !== 'root' ? r.parent : r));
  const links = scanAttachments(around as AnyNode[], opts.url);
  for (const r of choice.roots) {
    if (!choice.method.startsWith('generic')) dropChromeByAttr(r, removed, new Set([r]));
    dropLinkBlocks(r, removed, isAttachmentHref);
  }

  const ser = serialize(choice.roots);
  const cleaned = cleanLines(ser.lines);
  removed.push(...cleaned.removed);
  out.text = cleaned.lines.join('\n');
  out.tables = ser.tables;
  out.removed = removed;
  // A short body beside document attachments is an attachment-only report page (附件：…pdf), not a missed body:
  // the crawler reads the attachment, and a longer second body would hide that.
  const second = links.attachments.length > 0 && cleaned.lines.join('').replace(/\s+/g, '').length < LITTLE_BODY
    ? { reason: null, won: null }
    : secondOpinion(cleaned.lines, pageLines, html, opts.url, out.warnings, choice.method);
  // A boilerplate box taken for the body (版权与免责声明 in a CMS-looking container) hides the real one from our
  // own scorer too: ask it again with that box gone, and keep whichever of the three bodies wins.
  let retried: { lines: string[]; tables: Grid[]; method: string } | null = null;
  if (second.reason === 'boilerplate') {
    const box = choice.roots;
    removeNodes(box);
    const again = findGenericRoot(body);
    if (again) {
      const s2 = serialize(again.roots);
      const c2 = cleanLines(s2.lines);
      const rival = second.won?.lines ?? cleaned.lines;
      if (secondWins(rival, c2.lines, second.won ? 'retry' : 'boilerplate')) retried = { lines: c2.lines, tables: s2.tables, method: again.method };
    }
  }
  out.extraction = { method: retried ? `${retried.method}:without-boilerplate` : choice.method, winner: retried ? 'retry' : second.won ? 'readability' : 'main', fallback: second.reason };
  if (retried) {
    removed.push({ kind: 'boilerplate-box', text: auditText(out.text) });
    out.text = retried.lines.join('\n');
    out.tables = retried.tables;
  } else if (second.won) {
    removed.push({ kind: 'second-opinion-replaced', text: auditText(out.text) });
    out.text = second.won.lines.join('\n');
    // Tables inside the body are kept either way: Readability's when it has them, else ours.
    out.tables = second.won.tables.length ? second.won.tables : ser.tables;
  }

  // Metadata: page bars first (they precede the body), then anything the body's own head held.
  const meta: Record<string, string> = {};
  let barDate: DateHit | null = null;
  const lastBodyLine = ser.lines.length ? pageLines.lastIndexOf(ser.lines[ser.lines.length - 1]!) : -1;
  const scanUntil = lastBodyLine >= 0 ? lastBodyLine : pageLines.length - 1;
  for (let i = 0; i <= scanUntil; i++) {
    const m = parseMetaLine(pageLines[i]!);
    if (!m) continue;
    for (const f of m.fields) if (f.value && !NOT_META.has(f.key) && !(f.key in meta)) meta[f.key] = f.value;
    const d = dateFromFields(m.fields);
    if (d && (!barDate || (barDate.source === 'metadata-table' && d.key !== '成文日期'))) {
      barDate = { value: d.value, source: d.key === '成文日期' ? 'metadata-table' : 'text-bar' };
    } else if (!barDate && m.leadingDate) barDate = { value: m.leadingDate, source: 'text-bar' };
  }
  for (const [k, v] of Object.entries(cleaned.meta)) if (!(k in meta) && !NOT_META.has(k)) meta[k] = v;
  for (const [k, v] of Object.entries(gk?.fields ?? {})) if (!(k in meta)) meta[k] = v;
  if (!meta['来源']) {
    for (const name of META_TAG_SOURCE) {
      const v = head.meta.get(name);
      if (v) {
        meta['来源'] = v;
        break;
      }
    }
  }
  if (meta['来源'] && REPOST_SOURCE.test(meta['来源'])) {
    meta['转载来源'] ??= meta['来源'];
    delete meta['来源'];
  }
  out.meta = meta;

  let metaDate: DateHit | null = null;
  for (const name of META_TAG_DATE) {
    const v = head.meta.get(name);
    const d = v ? findDate(v) : null;
    if (d) {
      metaDate = { value: d.value, source: `meta:${name}` };
      break;
    }
  }
  if (!metaDate && gk?.date) {
    const d = findDate(gk.date);
    if (d) metaDate = { value: d.value, source: 'meta:gkmlpt' };
  }
  const shown = barDate ?? cleaned.date;
  const fromUrl = dateFromUrl(opts.url);
  out.dates = [metaDate, barDate, cleaned.date, fromUrl ? { value: fromUrl, source: 'url' } : null]
    .filter((d, i, all): d is DateHit => d !== null && all.findIndex((e) => e?.value === d.value && e.source === d.source) === i);
  // What the reader sees wins: a 发布日期/发布时间 printed on the page beats a <meta> date that names another day
  // (CMS templates stamp PubDate at re-publication). A 成文日期 from the metadata table is the writing date and
  // does not override the meta publication date.
  const date = shown && shown.source === 'text-bar' && (!metaDate || metaDate.value.slice(0, 10) !== shown.value.slice(0, 10))
    ? shown
    : metaDate ?? shown ?? out.dates.find((d) => d.source === 'url') ?? null;
  if (date) {
    out.published_at = date.value;
    out.published_at_source = date.source;
  }
  if (!out.title && meta['标题']) out.title = meta['标题'];

  // Attachments come from the body and its parent: 附件 boxes often sit just below the TRS body; documents shown in a
  // frame or embed anywhere on the page come after them.
  out.attachments = [...links.attachments, ...embedded.filter((e) => !links.attachments.some((a) => a.url === e.url))];
  const textLen = out.text.replace(/\s+/g, '').length;
  if (textLen < SCANNED_TEXT_LIMIT && links.images.length > 0) {
    out.attachments.push(...links.images);
    out.needs_ocr = true;
    out.warnings.push(`body has ${textLen} characters of text and ${links.images.length} image(s): probably a scanned report, needs OCR`);
  } else if (textLen === 0) {
    out.warnings.push('no text in the main content');
  }
  return { doc: out, method: choice.method };
}
