// Bounds on what one document may cost the extractor. A report is tens of pages and a few MB of text; a file far
// beyond that is broken or hostile (a DOCX that inflates to 400 MB of XML, a PDF of 20,000 blank pages), and reading
// it would take the process's memory or minutes of its time. Such a file is refused as too large, by name.

/** Pages a PDF may have. Real reports have up to a few hundred (compiled volumes of many departments included). */
export const PDF_MAX_PAGES = 1000;
/** Inflated size of all parts of a zip container (DOCX) together, images included. */
export const ZIP_MAX_INFLATED_BYTES = 160 * 1024 * 1024;
/** Inflated size of one XML part of a DOCX: mammoth holds it as a string and a DOM, several times its size. */
export const ZIP_MAX_XML_PART_BYTES = 32 * 1024 * 1024;

/** A document over one of the bounds above; the crawl records it as `too_large`. */
export class TooLargeError extends Error {
  readonly kind = 'too_large';
  constructor(message: string) {
    super(message);
    this.name = 'TooLargeError';
  }
}
