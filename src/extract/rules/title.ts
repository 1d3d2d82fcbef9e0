// What a report title looks like, after NFKC and whitespace removal. Used to decide whether the first line of a
// flattened text is the title, and which part of a <title> names the document.
// One title rule for the project: the table lives with the report classifier's rules and is imported from there.
export { REPORT_TITLE_RE } from '../../report/rules/titles.ts';

/** Separators between document and site names in <title>: “报告_政府信息公开_某某县人民政府”. */
// “»” is WordPress's default (“Blog » Post”).
export const TITLE_SEPARATORS = /\s*(?:[_|｜»«›]|--|——|–|—|-(?=\s)|\s-\s|::)\s*/;
