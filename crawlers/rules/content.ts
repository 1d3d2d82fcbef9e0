// When a fetched report page carries no report at all (domain: binary junk served as text/html, an empty body, a body
// that is only scripts). Data only; crawlers/documents.ts applies it. Deliberately narrow: only a page whose
// *cleaned* text has no letter or digit at all, and no table, counts as empty — a short real report (a township's two
// paragraphs) has text and is emitted; whether it is a report is the parser's call, not the crawler's.

/** How much of the decoded page the binary sniff looks at. */
export const SNIFF_CHARS = 4096;
/** Share of control characters (other than tab/newline/CR/FF) and U+FFFD above which the page is not text. */
export const MAX_NOT_TEXT_SHARE = 0.05;
/** Characters that never occur in a text page: C0 controls except \t \n \f \r, DEL, and the decoder's U+FFFD. */
export const NOT_TEXT_CHAR = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g;
/** Cleaned text that holds something: any letter or digit (CJK included). */
export const HAS_CONTENT = /[\p{L}\p{N}]/u;
