// Word and URL-shape lists the link classifier uses to recognise list pages (columns) of annual reports and
// attachment files (docs/domain.md, "Where reports live on portals", "Attachments"). Data only; crawlers/discover.ts applies them.

/** Anchor texts naming an annual-report column (政府信息公开年报, 部门信息公开年报, 历年年报, 年度报告专栏 …). */
export const COLUMN_TEXT: readonly RegExp[] = [
  /^.{0,12}(信息公开|政务公开)?.{0,4}(年报|年度报告|年度工作报告)(专栏|专题|栏目|汇总|目录)?$/,
  /^(部门|街办|街道|乡镇|镇街|县直|区直|市直|单位|历年|往年|本级)(信息公开)?年报$/,
];
/** Year sub-columns inside a report column: "2020年", "2020年度", "2020年报", "2020". */
export const YEAR_COLUMN_TEXT = /^(19|20)\d{2}\s*(年度?|年报)?$/;
/** Words that disqualify an anchor from being a column link even when it mentions 年报. */
export const NOT_COLUMN_TEXT = /(通知|解读|图解|读懂|总结|要点|方案|意见|办法|报表|统计|预算|决算|公报|评价|自查)/;

/** Detail-page URL shapes: a link with one of these is a document, never a column. */
export const DETAIL_URL: readonly RegExp[] = [
  /\/t\d{8}_\d+(_wap)?\.s?html?$/i, /\/art_\d+_\d+\.html$/i, /\/post_\d+\.html$/i, /\/content_\d+\.s?html?$/i,
  /\/[0-9a-f]{24,32}\.s?html?$/i, /\/\d{5,}\.s?html?$/i, /\/i\d+\.html$/i, /[?&](id|aid|artid|articleid|wbnewsid|docid)=\d+/i,
  /\/(show|detail|view)\b/i,
];

/**
 * Pages of annual-report modules (docs/domain.md, "Where reports live on portals"): one page per agency and year, linked from lists whose
 * anchor text is often only the agency's name (“市财政局”) or the year. A link of this shape is a report page
 * whatever its text says; the parser still decides from the page itself.
 */
export const REPORT_URL: readonly RegExp[] = [
  /\/module\/xxgk\/xxgkAnnualReport\.jsp\?(?:.*&)?(?:area|unitid)=[^&]+/i,
  /\/(?:openness\/)?(?:OpennessAnnualReport|XxgkAnnualReport|Xxgknb)\/show\/\d+\.html$/i,
  /\/gknb_show\.php\?(?:.*&)?id=\d+/i,
  /\/year_details\.aspx\?(?:.*&)?dept=\d+/i,
];
/** The report year in such a URL's query (`fbtime=2022`, `year=2022`). */
export const REPORT_URL_YEAR = /[?&](?:fbtime|year)=((?:19|20)\d{2})\b/i;
/** Listing pages of those modules (per branch and year). */
export const REPORT_LIST_URL: readonly RegExp[] = [/\/(?:openness\/)?OpennessAnnualReport\/year\/[^/]+\/(?:19|20)\d{2}\.html$/i];

/** File types fetched as report attachments. */
export const ATTACHMENT_EXT = /\.(pdf|docx?|wps|rtf)$/i;
/** Attachment downloads without an extension in the path (Hanweb downfile.jsp and similar). */
export const ATTACHMENT_URL: readonly RegExp[] = [/downfile\.jsp\?.*filename=[^&]+\.(pdf|docx?|wps)/i, /\/(download|attachment)\b.*\.(pdf|docx?|wps)/i];
/** Anchor texts of pagination controls; their hrefs are pagination, never content. */
export const PAGER_TEXT = /^(下一页|下页|后页|尾页|末页|最后一页|上一页|上页|前页|首页|第一页|>|>>|»|›|下一页>|\d{1,4})$/;
export const NEXT_TEXT = /^(下一页|下页|后页|下一页\s*>+|>|›|»)$/;
export const LAST_TEXT = /^(尾页|末页|最后一页|>>)$/;

/**
 * Anchors whose href is `javascript:…`, `#` or missing but whose target sits in an onclick handler or a data
 * attribute (`onclick="window.open('/art/2022/…html')"`, `data-url="…"`): list widgets of several CMS write rows
 * this way. The URL must look like a page or a document, so analytics and UI handlers are not followed.
 */
export const SCRIPT_LINK_ATTRS: readonly string[] = ['data-href', 'data-url', 'data-link'];
export const ONCLICK_URL = /(?:window\.open|location(?:\.href)?\s*=|location\.(?:assign|replace)|\b\w*open\w*)\s*\(?\s*['"]([^'"\s]+?\.(?:s?html?|jsp|aspx?|php|pdf|docx?|wps)(?:\?[^'"\s]*)?)['"]/i;
