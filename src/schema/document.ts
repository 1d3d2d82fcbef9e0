import { z } from 'zod';

/** One thing the cleaner threw away, kept so a user can audit the cut. */
export const Removed = z.object({ kind: z.string(), text: z.string() });
export type Removed = z.infer<typeof Removed>;

/** OCR run of a scanned document: engine, per-page mean word confidence (0–100), bounds that were hit. */
export const OcrInfo = z.object({
  engine: z.string(),
  dpi: z.number().int(),
  pages: z.array(z.object({ page: z.number().int(), confidence: z.number().nullable(), chars: z.number().int(), error: z.string().nullable(), skew_deg: z.number().optional() })),
  limits_hit: z.array(z.string()),
});
export type OcrInfo = z.infer<typeof OcrInfo>;

export const Attachment = z.object({
  url: z.string(),
  name: z.string().nullable().default(null),
  mime: z.string().nullable().default(null),
  sha256: z.string().nullable().default(null),
  bytes: z.number().int().nullable().default(null),
  /** Extracted text, when the attachment was fetched and read. */
  text: z.string().nullable().default(null),
  needs_ocr: z.boolean().default(false),
  error: z.string().nullable().default(null),
  /** `ocr` when `text` was read by OCR from page images (see OcrInfo). */
  text_source: z.enum(['text', 'ocr']).optional(),
  ocr: OcrInfo.optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** Cells of one table with rowspan/colspan expanded into a full rectangular grid. */
export const Grid = z.array(z.array(z.string()));
export type Grid = z.infer<typeof Grid>;

/**
 * What the extractor makes of one page or file, without crawl provenance.
 * Pure functions in src/extract return this.
 */
export const Extracted = z.object({
  kind: z.enum(['html', 'pdf', 'doc', 'docx', 'txt', 'sheet']).describe('sheet: .xls/.xlsx/.et spreadsheet'),
  title: z.string().nullable(),
  published_at: z.string().nullable().describe('YYYY-MM-DD, YYYY-MM-DD HH:mm[:ss] or YYYY-MM as found'),
  published_at_source: z.string().nullable().describe('meta:<name> | metadata-table | text-bar | url | http-last-modified'),
  /** Every date the page offered for published_at, with its source, so a disagreement stays visible. */
  dates: z.array(z.object({ value: z.string(), source: z.string() })).optional(),
  /**
   * Which extractor's body was kept and why: the page's own rules (`main`), or, when their result looked poor, the
   * better of the second opinion (`readability`) and our own scorer asked again without the boilerplate box it
   * had taken (`retry`). Absent for files that are not HTML.
   */
  extraction: z.object({
    method: z.string(),
    winner: z.enum(['main', 'retry', 'readability']),
    fallback: z.string().nullable().describe('why the second opinion was asked, null when it was not'),
  }).optional(),
  meta: z.record(z.string(), z.string()),
  text: z.string(),
  tables: z.array(Grid),
  removed: z.array(Removed),
  attachments: z.array(Attachment),
  warnings: z.array(z.string()),
  needs_ocr: z.boolean().default(false),
  charset: z.string().nullable().default(null),
  /** Where `text` came from: the file's own text, or OCR of its page images (a scan). Absent means `text`. */
  text_source: z.enum(['text', 'ocr']).optional(),
  /** OCR run of a scanned document: engine, per-page mean word confidence (0–100), bounds that were hit. */
  ocr: OcrInfo.optional(),
});
export type Extracted = z.infer<typeof Extracted>;

/** The crawl → parse payload, stored in the archive and passed by reference through the parse queue. */
export const CleanDocument = Extracted.extend({
  url: z.string(),
  final_url: z.string(),
  portal_id: z.string(),
  run_id: z.string(),
  fetched_at: z.string(),
  found_via: z.string().nullable(),
  link_text: z.string().nullable().default(null),
  http: z.object({
    status: z.number().int(),
    content_type: z.string().nullable(),
    etag: z.string().nullable(),
    last_modified: z.string().nullable(),
  }),
  raw_sha256: z.string(),
});
export type CleanDocument = z.infer<typeof CleanDocument>;
