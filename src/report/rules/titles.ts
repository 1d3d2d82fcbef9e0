// Title rules as data: what an OGI annual-report title looks like and which look-alikes share its vocabulary.
// Matched on compact text (NFKC, no whitespace). Order of NEGATIVES matters only for the reason reported.

/** The report phrase: 信息公开 + (工作) + 年度报告 / 年报 / 年度工作报告 / 工作…年度报告, in the orders seen. */
export const REPORT_PHRASE: RegExp[] = [
  /(?:政府|政务)?信息公开(?:工作)?(?:的)?(?:年度)?(?:工作)?(?:年度报告|年报|工作报告)/,
  /(?:政府|政务)?信息公开工作(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年?度?报告/,
  /(?:政府|政务)信息公开.{0,6}?年度报告/,
  /政务公开(?:工作)?年度报告/,
  // The letter form some bodies use for the same report: “…关于2022年度政府信息公开工作情况的报告”.
  /政府信息公开工作(?:开展)?情况的?报告/,
];

/** Why a title is, or is not, a report: a code the rest of the parser tests, never the sentence. */
export type NotReportCode =
  | 'interpretation' | 'notice' | 'format' | 'plan_or_summary' | 'sub_annual' | 'website_statistics' | 'assessment'
  | 'budget' | 'statistical_communique' | 'government_work_report' | 'not_government' | 'enterprise' | 'meeting'
  | 'news' | 'column' | 'note_about_report' | 'rules';
export type TitleCode = 'title_pattern' | 'empty' | 'no_phrase' | 'no_year' | NotReportCode;

/** Look-alikes. Each is a reason a title that contains the report phrase is still not a report. */
export const NEGATIVES: Array<{ code: NotReportCode; re: RegExp; reason: string }> = [
  // The rules on reports (“…年度报告制度”, “…年报编制发布办法”) are not a report.
  { code: 'rules', re: /(?:年度报告|年报)(?:编制|发布|公开|报送|审核)*(?:工作)?(?:制度|办法|规定|规范|细则|规程)$/, reason: 'rules on compiling or publishing reports (制度/办法)' },
  { code: 'interpretation', re: /解读|一图读懂|图解|图说|读懂|问答/, reason: 'interpretation of a report (解读)' },
  { code: 'notice', re: /(?:关于|做好|认真|开展|报送|编制|编写|发布).{0,40}(?:通知|函)$|通知$|通知[(（【]|的函$/, reason: 'notice about compiling or publishing reports (通知)' },
  { code: 'format', re: /格式(?:\(试行\))?$|报告格式|年度报告有关事项/, reason: 'the prescribed report format or its notice' },
  { code: 'plan_or_summary', re: /工作总结|工作要点|工作计划|实施方案|工作方案|总结$/, reason: 'work summary, plan or key-points document' },
  { code: 'sub_annual', re: /上半年|下半年|第[一二三四1-4]季度|季度|[1-9]-[1-9]?\d?月|月度|月报/, reason: 'sub-annual statistics' },
  { code: 'website_statistics', re: /网站.{0,8}(?:年度)?报表|网站.{0,6}年度(?:工作)?报告|政务新媒体.{0,6}报表/, reason: 'government website annual statistics (网站年度报表)' },
  { code: 'assessment', re: /绩效(?:评价|自评|考评|管理|目标)|自查报告|自评报告|评估报告|考核结果|测评|排名|通报|检查情况|督查/, reason: 'assessment, inspection or performance document' },
  { code: 'budget', re: /预算|决算|三公经费/, reason: 'budget or final accounts (预算/决算)' },
  { code: 'statistical_communique', re: /统计公报|国民经济和社会发展/, reason: 'statistical communiqué (统计公报)' },
  { code: 'government_work_report', re: /(?<!信息公开)(?<!政务公开)政府工作报告/, reason: 'government work report (政府工作报告)' },
  { code: 'not_government', re: /(?:大学|学院|学校|职业技术|医院|卫生院|中学|小学|幼儿园|公司|集团|银行|供电|燃气|水务有限)(?:20\d{2}|[^政]{0,20})信息公开/, reason: 'not a government body (高校/公共企事业单位)' },
  { code: 'enterprise', re: /企业年度报告|年报公示|企业.{0,10}环境信息|环境信息公开/, reason: 'enterprise annual report or environmental disclosure' },
  { code: 'meeting', re: /征求意见|意见稿|座谈会|培训|会议/, reason: 'meeting, training or consultation item' },
  // News about a report: “我市发布2022年政府信息公开工作年度报告”, “某区公布…年度报告”.
  { code: 'news', re: /^我(?:市|区|县|省|州|旗|盟|乡|镇)|(?:发布|公布|出炉|亮相)了?(?:19|20)\d{2}年?度?.{0,30}(?:年度报告|年报|工作报告)$/, reason: 'news item about a report' },
  // A page gathering many reports (Beijing's 集中公开专题页面, a 专栏, a 汇编) is a column, not one report.
  { code: 'column', re: /(?:专题|专栏)(?:页面)?$|汇编$|(?:年度报告|年报)(?:目录|列表|汇总)$/, reason: 'a column or compilation of reports, not one report' },
  // A note about a report (why it is late, what was corrected) names the report and ends in 说明/启事; a corrected
  // report itself (“…年度报告（更正版）”) does not.
  { code: 'note_about_report', re: /(?:报告|年报)[》」”"]?(?:的|之)?(?:有关|相关)?(?:情况|事项)?(?:的)?(?:补充|更正|勘误)?(?:说明|声明|启事)$|(?:更正|勘误)(?:说明|声明|启事|公告)$/, reason: 'a note about a report (说明/更正启事), not the report' },
];

/** A report title names a year; a bare "政府信息公开年报" is a column or menu label. */
export const YEAR = /((?:19|20)\d{2})(?:年度|年)?|([〇零一二三四五六七八九]{4})年/g;

/** Pieces at the ends of an agency string that are not part of the name. */
export const AGENCY_TRIM_HEAD = /^(?:关于|印发|公布|发布|转发|\[[^\]]*\]|【[^】]*】|\d{4}[-./]\d{1,2}[-./]\d{1,2})+/;
export const AGENCY_TRIM_TAIL = /(?:关于|的|之|及|暨|、|,|:|——|-|_)+$/;

/** Link texts and title attributes carry site suffixes: "…年度报告_XX市人民政府门户网站". */
export const TITLE_PART_SEPARATORS = /[_|｜]|\s[-—–]\s|——/;

const PHRASES = REPORT_PHRASE.map((r) => r.source).join('|');
const YEAR_SRC = '(?:19|20)\\d{2}年?度?|[〇零一二三四五六七八九]{4}年度?';
/**
 * The one title rule of the project (the extractor uses it to pick the title line of flattened text and the part of
 * a <title> that names the document; the classifier uses the same phrases): a year, then within 40 characters the
 * report phrase, or the phrase directly followed by a year. Matched on compact text.
 */
export const REPORT_TITLE_RE = new RegExp(`(?:${YEAR_SRC}).{0,40}?(?:${PHRASES})|(?:${PHRASES}).{0,4}?(?:${YEAR_SRC})|关于(?:19|20)\\d{2}年.{0,20}信息公开.{0,10}报告`);

/** Breadcrumb and accessibility residue before a title on the same line: “首页 > 政务公开 > …”, “当前页面:首页»…”. */
export const BREADCRUMB = /^.*(?:[»›>]|＞|->)\s*/;
