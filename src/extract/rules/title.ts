// What a report title looks like (docs/domain.md, "Titles"), after NFKC and whitespace removal. Used to decide whether
// the first line of a flattened text is the title, and which part of a <title> names the document.
export const REPORT_TITLE_RE =
  /((19|20)\d{2}年?度?.{0,40}?(政府|政务)?信息公开.{0,6}?(工作)?.{0,6}?(年度?报告|年报|工作报告))|(信息公开工作(19|20)\d{2}年度报告)|(关于(19|20)\d{2}年.{0,20}信息公开.{0,10}报告)/;

/** Separators between document and site names in <title>: “报告_政府信息公开_某某县人民政府”. */
// “»” is WordPress's default (“Blog » Post”).
export const TITLE_SEPARATORS = /\s*(?:[_|｜»«›]|--|——|–|—|-(?=\s)|\s-\s|::)\s*/;
