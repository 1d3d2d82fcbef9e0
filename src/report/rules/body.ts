// What counts as a report body, as data. A document whose title says "annual report" but which carries no body (an
// empty or junk page the crawler could not read, a stub that only repeats its title) is not a clean report: the
// record would be a title with empty tables. The line is drawn low on purpose — a township's two-paragraph report
// has a hundred or more CJK characters — so only documents with practically nothing besides the title fall below it.

/** Fewer CJK characters than this outside the title lines, and no table row, is "no body". */
export const MIN_BODY_CJK = 50;
/** CJK ideographs (basic block, extension A, compatibility). */
export const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
