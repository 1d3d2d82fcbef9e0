// Run-on texts: other tools' crawls often flatten a whole page into one line, so the breadcrumb, the source/time
// bar and the share buttons sit in front of the report's first sentence and 附件下载 after its last. Line rules
// cannot see them there. Data only; ../text/run-on.ts applies it.

/** A line at least this long is a flattened page (or page part), not a line of the page. */
export const RUN_ON_MIN = 300;
/** Markers that only page chrome opens with; a run-on line that starts with one has a chrome header. */
export const HEADER_OPENERS = /^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|当前所在位置|所在位置)\s*[:：]/;
/** Where the report's own prose starts: the statutory opening sentence, or the first numbered part. */
export const BODY_STARTS = /根据《|按照《|依据《|依照《|为(?:深入)?贯彻落实《|本(?:年度)?报告(?:是|根据|依据|由|按照)|一、|（一）/;
/** How far into the line the body may start: a header is a breadcrumb, a bar and some buttons, not a page. */
export const HEADER_MAX = 600;
/** Chrome words a flattened page ends with, after the report's last sentence. */
export const TRAILING_CHROME = /[\s　]*(?:【?(?:附件下载|相关附件|打印本页|打印|关闭窗口|关闭|返回顶部|返回|分享到?|扫一扫在手机打开当前页)】?[\s　]*)+$/;
