// Public surface of the report parser (pure: no I/O, no imports from crawlers/, queues/ or storage/).
import { createHash } from 'node:crypto';
import type { Extracted, Grid } from '../schema/document.ts';
import type { AdminLevel } from '../schema/config.ts';
import { SCHEMA_VERSION, type ReportRecord } from '../schema/record.ts';
import { classifyTitle, type Classification } from './classify.ts';
import { t3Checks, t4Checks, valueChecks } from './checks.ts';
import { detectFormat } from './detect.ts';
import { extractFigures } from './figures.ts';
import { formatSpecs, specFor } from './formats/index.ts';
import { agencyFromMeta, agencyFromTextWithSource, asPrinted, expandAbbreviation } from './identity/agency.ts';
import { findTitle } from './identity/title.ts';
import { MENU_LABEL_LINE, NEWS_OPENING, NOTICE_OPENING, OPENING_CHARS, OVERVIEW_PARTS, PROACTIVE_COUNT, REPORT_OPENING, REPORT_PART_HEADING } from './rules/identity.ts';
import { normalizeDate, publishedFromText, yearFromText } from './identity/dates.ts';
import { inferAdminLevel, inferScope } from './identity/level.ts';
import { resolveRegion } from './identity/region.ts';
import { regionFromPageCodes } from './identity/page-codes.ts';
import { bodyKind, lateness } from './identity/deadline.ts';
import { divisionByCode } from './identity/divisions.ts';
import { compact, identityText, normalizeForTables, toSimplified } from './normalize.ts';
import { CJK_CHAR, MIN_BODY_CJK } from './rules/body.ts';
import { IDENTITY_CHARS } from './rules/identity.ts';
import { DIVISION_AS_BODY } from './rules/deadlines.ts';
import { gridsAsText, prepare } from './prepare.ts';
import { splitSections } from './sections.ts';
import { readT2 } from './tables/t2.ts';
import { readT3 } from './tables/t3.ts';
import { readT4 } from './tables/t4.ts';
import type { ReadOptions } from './tables/types.ts';

export const PARSER_VERSION = '1.3.1';

/** Every (六)其他处理 variant of the registered formats: a report may print another format's rows (read as printed). */
const T3_VARIANTS = formatSpecs('src/report/index.ts').filter((s) => s.t3).map((s) => s.t3!.sixth);

export type { Classification };
export { classifyTitle };

/** What the parser needs of a document: the extractor's output plus whatever provenance is known. */
export type ParseInput = Partial<Extracted> & Pick<Extracted, 'text'> & {
  url?: string | null;
  final_url?: string | null;
  portal_id?: string | null;
  fetched_at?: string | null;
  found_via?: string | null;
  raw_sha256?: string | null;
};

export interface ParseContext {
  portal?: { agency?: string; region_code?: string; admin_level?: AdminLevel };
}

/** Stable report id: the same canonical URL (+ attachment URL) always gives the same id. */
export function reportIdFor(url: string, attachmentUrl?: string | null): string {
  return createHash('sha256').update(attachmentUrl ? `${url}\n${attachmentUrl}` : url).digest('hex').slice(0, 16);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The opening says this is the report (“…编制本报告”, “现公布…年度报告”), or the page is a part of one. */
function opensAsReport(text: string): string | null {
  // A notice addressed to lower bodies (“各省、自治区…：现将…印发给你们”) is about reports, never one.
  if (NOTICE_OPENING.test(text.slice(0, 400))) return null;
  const head = compact(text.slice(0, OPENING_CHARS));
  const hit = REPORT_OPENING.find((re) => re.test(head));
  if (hit) return `body: the opening says it is the report (${hit.exec(head)![0].slice(0, 30)})`;
  const parts = new Set([...text.slice(0, 4000).matchAll(REPORT_PART_HEADING)].map((m) => m[0].replace(/\s/g, '').slice(2, 8)));
  if (parts.size >= 2 || (parts.size === 1 && PROACTIVE_COUNT.test(text.slice(0, 4000)))) return 'body: the standard parts of a report';
  if (OVERVIEW_PARTS.test(text.slice(0, 3000))) return 'body: 总体情况 with its 主动公开 and 依申请公开 parts';
  return null;
}

/** Body evidence for texts whose title is missing or says nothing. */
function bodyLooksLikeReport(text: string, tableText: string): string | null {
  // News about a report quotes its phrases and parts: “27日,…正式向社会发布…年度报告”, “记者从…获悉”.
  if (NEWS_OPENING.test(text.slice(0, 600)) || NOTICE_OPENING.test(text.slice(0, 400))) return null;
  const head = text.slice(0, 1500).split('\n').map(compact).filter((l) => !MENU_LABEL_LINE.test(l)).join('');
  if (/(?:政府|政务)信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度报告|年报)|本年度报告|本报告/.test(head) && /主动公开/.test(tableText) && /(?:依申请|收到和处理政府信息公开申请)/.test(tableText)) {
    return 'body: report phrase in the opening paragraph and the standard parts';
  }
  if (/本年新收政府信息公开申请数量/.test(tableText) && /结转下年度/.test(tableText)) return 'body: 表三 of the national format';
  return null;
}

/**
 * How much body a document has besides its title: CJK characters outside the lines that repeat the title, and table
 * rows with something in them. Null when that is enough to be a body (see rules/body.ts).
 */
function missingBody(text: string, title: string | null, tables: Grid[]): string | null {
  const t = title ? compact(title) : '';
  let cjk = 0;
  for (const line of text.split('\n')) {
    const c = compact(line);
    // A line that is (part of) the title, e.g. the headline above the body, says nothing the title does not.
    if (!c || (t && (c === t || t.includes(c)))) continue;
    cjk += c.match(CJK_CHAR)?.length ?? 0;
    if (cjk >= MIN_BODY_CJK) return null;
  }
  const rows = tables.reduce((n, g) => n + g.filter((row) => row.some((cell) => /[\p{L}\p{N}]/u.test(cell))).length, 0);
  if (rows > 0) return null;
  return `no report body: ${cjk} CJK character(s) besides the title (fewer than ${MIN_BODY_CJK}) and no table — an empty or unreadable page`;
}

function baseRecord(doc: ParseInput): ReportRecord {
  const text = doc.text ?? '';
  const content = sha256(text);
  return {
    schema_version: SCHEMA_VERSION, parser_version: PARSER_VERSION,
    report_id: reportIdFor(doc.url ?? doc.final_url ?? `sha256:${content}`), version: 1,
    content_sha256: content,
    portal_id: doc.portal_id ?? null, url: doc.url ?? null, final_url: doc.final_url ?? null, found_via: doc.found_via ?? null,
    fetched_at: doc.fetched_at ?? null, source_kind: doc.kind ?? 'txt', text_source: doc.text_source === 'ocr' ? 'ocr' : 'text',
    attachments: (doc.attachments ?? []).map((a) => ({ url: a.url, sha256: a.sha256 ?? null, mime: a.mime ?? null })),
    raw_sha256: doc.raw_sha256 ?? null,
    is_report: false, not_report_reason: null, title: doc.title ?? null,
    agency: null, agency_source: null, year: null,
    published_at: null, published_at_source: null, deadline: null, days_after_deadline: null,
    admin_level: null, scope: null, region_code: null, region_code_source: null,
    format: 'unknown', format_evidence: [],
    tables: { t2: null, t3: null, t4: null }, raw: { t2: null, t3: null, t4: null }, figures: {}, checks: [],
    warnings: [], sections: [], text,
  };
}

/** Sync and total: any internal error becomes a warning on a (partial) record. */
export function parseReport(doc: ParseInput, ctx: ParseContext = {}): ReportRecord {
  const rec = baseRecord(doc ?? { text: '' });
  try {
    fill(rec, doc, ctx);
  } catch (e) {
    rec.warnings.push(`parser error: ${(e as Error)?.message ?? String(e)}`);
  }
  // Figures read from OCR text carry that mark: a misread digit is possible, and the checks are the guard.
  if (doc.text_source === 'ocr') {
    const conf = doc.ocr?.pages.map((p) => p.confidence ?? 'n/a').join(', ') ?? 'n/a';
    rec.warnings.push(`source: ocr — the text and every figure were read by OCR from page images (mean confidence per page: ${conf}); a cell OCR could not read is left null`);
  }
  return rec;
}

function fill(rec: ReportRecord, doc: ParseInput, ctx: ParseContext): void {
  const p = prepare(doc);
  rec.warnings.push(...p.warnings);
  // OCR text: the table readers keep every cell they cannot read unambiguously empty (no digit-run splits).
  const readOpts = { ocr: rec.text_source === 'ocr' };
  rec.text = p.text;
  let tableText = toSimplified(normalizeForTables(p.text));
  // A PDF's grids are rebuilt from text positions: cells the text's rows may run together stay apart there, so the
  // tables are read from them first (the text follows for whatever no grid holds). An HTML page's text already
  // holds its grids' rows; its grids are read only when the text lost them.
  const gridFirst = doc.kind === 'pdf' && p.tables.length ? toSimplified(normalizeForTables(gridsAsText(p.tables))) + '\n\n' + tableText : null;
  if (!gridFirst && p.tables.length && !/本年新收|第二十条/.test(tableText)) tableText += '\n' + toSimplified(normalizeForTables(gridsAsText(p.tables)));

  // Title: given, from metadata, else the title-shaped line among the opening lines (under residue, or split).
  // Identity rules read the opening; the whole text of a long PDF need not be normalised again.
  const idText = identityText(p.text.slice(0, IDENTITY_CHARS));
  let title = p.title;
  let cls = title ? classifyTitle(title) : null;
  if (!cls || cls.code === 'no_phrase' || cls.code === 'no_year' || cls.code === 'empty') {
    // The cleaner may have taken the title line for page furniture: look in what arrived too.
    const found = findTitle(idText) ?? (doc.text && doc.text !== p.text ? findTitle(identityText(doc.text.slice(0, 4000))) : null);
    if (found) { title = found.title; cls = found.cls; }
  }
  rec.title = title;

  // Year: the title's, else the text's statistics period; a printed statistics period wins over the title.
  const ty = yearFromText(idText, true);
  rec.year = cls?.is_report ? cls.year : ty?.year ?? null;
  if (cls?.is_report && ty?.how === 'period' && ty.year !== cls.year) {
    rec.warnings.push(`year: the title says ${cls.year}, the statistics period ${ty.year}; took the statistics period`);
    rec.year = ty.year;
  }

  // Publication date.
  const pub = normalizeDate(p.published_at);
  if (pub) { rec.published_at = pub; rec.published_at_source = p.published_at_source ?? 'document'; }
  else {
    const t = publishedFromText(p.text);
    if (t) { rec.published_at = t.date; rec.published_at_source = t.source; }
  }
  if (rec.year === null && rec.published_at) {
    rec.year = Number(rec.published_at.slice(0, 4)) - 1;
    rec.warnings.push(`year: not printed; assumed the year before publication (${rec.year})`);
  }

  // Is it a report? The title decides when it has the report phrase; else the opening or the body's structure.
  const body = cls?.is_report ? null : opensAsReport(idText) ?? bodyLooksLikeReport(idText, tableText);
  if (cls?.is_report) rec.is_report = true;
  else if (cls && cls.code !== 'no_phrase' && cls.code !== 'no_year' && cls.code !== 'empty') {
    rec.is_report = false;
    rec.not_report_reason = `title: ${cls.reason}`;
  } else if (body) rec.is_report = true;
  else {
    rec.is_report = false;
    rec.not_report_reason = cls ? `title: ${cls.reason}; body: no report structure` : 'no title and no report structure in the body';
  }
  // A report title over no body is not a clean report — except a scan whose text awaits OCR: that is a report, said so.
  if (rec.is_report) {
    const missing = missingBody(p.text, title, p.tables);
    if (missing && doc.needs_ocr) rec.warnings.push(`no text: the document needs OCR (${missing})`);
    else if (missing) {
      rec.is_report = false;
      rec.not_report_reason = missing;
    }
  }

  // Agency.
  const fromTitle = cls?.agency ? expandAbbreviation(cls.agency, idText) : null;
  const fromMeta = agencyFromMeta(p.meta);
  // The text is read when the title gives no name, or only a division or a cut-down one that the text may complete.
  const textGuess = !fromTitle || DIVISION_AS_BODY.test(fromTitle) || !/^.{2,}?(?:省|市|县|区|旗|州|盟)/.test(fromTitle) ? agencyFromTextWithSource(idText, true) : null;
  const fromText = textGuess?.agency ?? null;
  // The full body name where the text gives it: 南京市江宁区人民政府 over the title's 江宁区 — but not the office a
  // contact sentence names (朝阳乡政府信息公开办公室 over the title's 朝阳乡).
  if (fromTitle && fromText && !textGuess!.contactOnly && fromText.length > fromTitle.length && fromText.includes(fromTitle)) { rec.agency = fromText; rec.agency_source = 'text'; }
  else if (fromTitle) { rec.agency = fromTitle; rec.agency_source = 'title'; }
  else if (fromText) { rec.agency = fromText; rec.agency_source = 'text'; }
  else if (fromMeta) { rec.agency = fromMeta; rec.agency_source = 'meta'; }
  else if (ctx.portal?.agency) { rec.agency = ctx.portal.agency; rec.agency_source = 'portal'; }
  if (rec.agency && (rec.agency_source === 'title' || rec.agency_source === 'text')) rec.agency = asPrinted(rec.agency, p.text);

  // Region, level, scope.
  let division = null;
  if (ctx.portal?.region_code) {
    rec.region_code = ctx.portal.region_code; rec.region_code_source = 'portal';
    division = divisionByCode(ctx.portal.region_code);
  } else {
    const r = resolveRegion(rec.agency, p.text);
    const onPage = r.code ? null : regionFromPageCodes({ url: doc.url ?? doc.final_url, meta: doc.meta, removed: doc.removed, text: p.text });
    if (r.code) { rec.region_code = r.code; rec.region_code_source = 'agency_name'; division = r.division; }
    else if (onPage) { rec.region_code = onPage.code; rec.region_code_source = onPage.source; division = onPage.division; }
    else if (r.warning && rec.is_report) rec.warnings.push(r.warning);
  }
  rec.admin_level = ctx.portal?.admin_level ?? inferAdminLevel(rec.agency, division);
  if (rec.is_report) rec.scope = inferScope(idText, bodyKind(rec.agency, null) === 'government').scope;
  if (rec.is_report) Object.assign(rec, lateness(rec.year, rec.agency, rec.scope, rec.published_at, rec.published_at_source));

  // Format and tables.
  const det = detectFormat(gridFirst ?? tableText, rec.year);
  rec.format = det.format;
  rec.format_evidence = det.evidence;
  rec.sections = splitSections(p.text);
  const spec = specFor(det.format);
  if (spec && (spec.t2 || spec.t3 || spec.t4)) {
    // A format with prescribed tables: read those it declares, then run the checks it declares.
    let read = readTables(gridFirst ?? tableText, spec, readOpts);
    if (gridFirst) {
      // A grid rebuilt from layout can be wrong where the text's rows are right. The text's reading is kept only
      // when more identities pass on it, or as many pass, fewer fail and it leaves no more cells empty (a row left
      // empty fails no identity, so fewer failures alone would favour the reading that read less).
      const fromText = readTables(tableText, spec, readOpts);
      const count = (r: TableReading, st: string) => r.checks.filter((c) => c.status === st).length;
      const empty = (r: TableReading) => [r.tables.t2, r.tables.t3, r.tables.t4].flatMap((t) => Object.values(t ?? {}).flatMap((c) => Object.values(c))).filter((v) => v === null).length;
      const [pg, pt, fg, ft] = [count(read, 'PASS'), count(fromText, 'PASS'), count(read, 'FAIL'), count(fromText, 'FAIL')];
      if (pt > pg || (pt === pg && ft < fg && empty(fromText) <= empty(read))) {
        fromText.warnings.unshift(`tables: read from the PDF's text rows: more of their identities hold (${pt} pass, ${ft} fail) than of its layout grids' (${pg} pass, ${fg} fail)`);
        read = fromText;
      }
    }
    rec.tables = read.tables;
    rec.raw = read.raw;
    rec.warnings.push(...read.warnings);
    rec.checks.push(...read.checks);
  } else if (rec.is_report) {
    const figs = extractFigures(tableText, p.text, rec.warnings, readOpts);
    rec.figures = Object.fromEntries(Object.entries(figs).map(([k, f]) => [k, { ...f, text_source: rec.text_source }]));
  }
}

interface TableReading { tables: ReportRecord['tables']; raw: ReportRecord['raw']; warnings: string[]; checks: ReportRecord['checks'] }

/** The tables a format declares (表二, 表三, 表四), with the checks it declares. */
function readTables(tableText: string, spec: NonNullable<ReturnType<typeof specFor>>, opts: ReadOptions): TableReading {
  const out: TableReading = { tables: { t2: null, t3: null, t4: null }, raw: { t2: null, t3: null, t4: null }, warnings: [], checks: [] };
  let t3Keys: string[] = [];
  if (spec.t2) {
    const t2 = readT2(tableText, spec); // 表二 only ever takes a split the digits force: safe on OCR text too
    out.warnings.push(...t2.warnings);
    if (t2.found) { out.tables.t2 = t2.nums; out.raw.t2 = t2.raw; }
  }
  if (spec.t3) {
    const t3 = readT3(tableText, spec, T3_VARIANTS, opts);
    out.warnings.push(...t3.warnings);
    if (t3.found) { out.tables.t3 = t3.nums; out.raw.t3 = t3.raw; }
    t3Keys = t3.rowKeys;
  }
  if (spec.t4) {
    const t4 = readT4(tableText, opts);
    out.warnings.push(...t4.warnings);
    if (t4.found) { out.tables.t4 = t4.nums; out.raw.t4 = t4.raw; }
  }
  if (spec.checks.includes('T3')) out.checks.push(...t3Checks(out.tables.t3, t3Keys));
  if (spec.checks.includes('T4')) out.checks.push(...t4Checks(out.tables.t4));
  if (spec.checks.includes('V-1')) {
    const values = valueChecks(out.tables);
    out.warnings.push(...values.warnings);
    out.checks.push(...values.checks);
  }
  return out;
}
