// Free-text rules for pre-2019 reports: how a figure is phrased, how its absence is phrased ("未发生…" = 0), and
// which clauses talk about cumulative totals since 2008 rather than the report year.

/** A clause with these words reports a cumulative or as-of total, not the year's figure. */
export const CUMULATIVE = /以来|历年|截至|截止|至今|累计至|总计至/;

/** Channel words: counts qualified by them are per-channel request counts (summed when no total is printed). */
export const CHANNEL = /当面|现场|网上|网络|在线|信函|邮寄|传真|电子邮件|邮件|电话|纸质|书面|快件/;
/** Outcome words: counts qualified by them are answers, not requests. */
export const OUTCOME = /办结|答复|同意|予以公开|不予|部分公开|延期|延时|按时|转办|告知|信息不存在|非本机关|不属于|其中/;
/** Total words: counts qualified by them are the year's total requests. */
export const TOTAL = /共|合计|总计|收到|受理|接到|接收|办理/;
export const REQUEST_TOPIC = /依申请|信息公开申请|公开申请/;
export const COUNT = /(\d+)(?:件|起|宗|条|份|个|次)(?!\d)/g;

export const PROACTIVE = /主动公开(?:各类|各项|了)?(?:政府)?(?:信息|文件)?(?:数量?)?(?:的)?(?:有|共有)?(?:共|总计|合计|累计|为|达)?(?:计)?(\d+(?:\.\d+)?)(万)?(余)?(?:条|件|份|篇)/;

export const RECON_COUNT: RegExp[] = [
  /行政复议(?:案件|申请)?(?:共|总计|合计|为)?(\d+)(?:件|起|宗|次)/,
  /(\d+)(?:件|起|宗)(?:[^,，。；]{0,12})?行政复议/,
];
export const LITIG_COUNT: RegExp[] = [
  /行政诉讼(?:案件)?(?:共|总计|合计|为)?(\d+)(?:件|起|宗|次)/,
  /(\d+)(?:件|起|宗)(?:[^,，。；]{0,12})?行政诉讼/,
];
/** "未发生/没有/未收到 … 行政复议(、行政诉讼)": zero for whichever remedies the clause names. */
export const REMEDY_NONE = /(?:未|没有|无|均未|不存在)(?:发生|收到|接到|出现|受理|产生|提起)?[^。；]{0,40}?(?:行政复议|行政诉讼|复议[、和及与或]诉讼)/;
/** The words that name each remedy; “行政复议、诉讼” names both. */
export const RECON_WORD = /行政复议/;
export const LITIG_WORD = /行政诉讼|复议[、和及与或]诉讼/;
export const REQUEST_NONE = /(?:(?:未|没有|无)(?:收到|受理|接到|发生)|没有|未有)[^。；,，]{0,20}?(?:信息公开申请|依申请公开|公开申请)/;

export const FEE_NONE = /(?:未|没有|无|均未|不)(?:收取|收费|实行收费|产生)|免费|零收费|费用为0|收费(?:为)?0元/;
export const FEE_TOPIC = /费/;
export const FEE_AMOUNT = /收取[^。；,，]{0,12}?费(?:用)?(?:共|合计|总计)?(\d+(?:\.\d+)?)(万)?元/;

/**
 * Replies to requests in prose (“已答复58件，其中同意公开41件，同意部分公开5件，不予公开3件”). Keys are the statistics
 * table's, so prose fills in where no table is attached. Only read inside the request part of a report (the clause
 * or its section names 依申请/申请), never from consultation counts.
 */
export const REPLY_COUNTS: Record<string, RegExp> = {
  replies_total: /(?:答复|办结)(?:了)?(?:各类)?(?:申请)?(?:共|总计|合计|总数)?(?:为)?(\d+)(?:件|条|宗)/,
  replies_granted: /(?:同意(?:全部)?公开|(?<![不否])予以公开|全部公开)(?:的)?(?:答复|申请)?(?:共|为)?(\d+)(?:件|条|宗)/,
  replies_partial: /部分公开(?:的)?(?:答复|申请)?(?:共|为)?(\d+)(?:件|条|宗)/,
  replies_denied: /(?:不予(?:以)?公开|不同意公开|否决公开)(?:的)?(?:答复|申请)?(?:共|为)?(\d+)(?:件|条|宗)/,
};
/** Consultation (咨询) is not a request: its answers are counted apart (人次, 件). */
export const CONSULTATION = /咨询/;

/** A section heading line (“三、依申请公开政府信息情况”, “（二）…”, “五是…”): it gives the clauses below it their topic. */
export const SECTION_HEADING = /^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+是)/;
/** Digits grouped by thousands (“3,456条”). */
export const THOUSANDS = /(?<!\d)(\d{1,3})((?:,\d{3})+)(?![\d,])/g;
