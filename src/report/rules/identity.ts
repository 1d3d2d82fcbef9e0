// Identity rules as data: where a report names itself, its year and its body when the title does not.

/** How many non-empty opening lines may hold the title (residue, metadata rows and site names come first). */
export const TITLE_SCAN_LINES = 14;
/** A title is short; longer lines are paragraphs. */
export const TITLE_MAX_CHARS = 70;
/**
 * The label of the metadata table's title row, with the cell separators after it (matched on compact text). 称/题 alone
 * is the tail of a spaced two-character label (名　称, 标　题) whose first character fell on the line above.
 */
export const TITLE_ROW_LABEL = /^(?:标题|题名|文件名称|名称|称|题)[|｜:：]+/;
/** Sentence marks and sentence openings: a line with them is prose, never a title. */
export const SENTENCE = /[。；;!！?？]|^(?:根据|依据|按照|本年度|本报告|现将|现公布|为|我|各|经|在)|[,，].{12,}/;

/** The opening says the text is the report itself (a report cut off early, or with its title lost). */
export const REPORT_OPENING: RegExp[] = [
  /编制(?:了)?本(?:年度)?(?:政府信息公开)?(?:工作)?(?:年度)?报告/,
  /本(?:年度)?(?:政府信息公开)?(?:工作)?(?:年度)?报告(?:是|系)?(?:根据|依据|依照|按照|由)/,
  /本(?:年度)?报告(?:中)?(?:所列|使用)(?:的)?数据/,
  // 公开 is a publishing verb too: “现向社会公开《沙依巴克区人民政府2022年度…年度报告》”.
  /现(?:向社会|予以?)?(?:公布|发布|公开)[《〈]?.{0,50}?(?:年度报告|年报|工作报告)/,
  /现将.{0,60}?(?:年度报告|年报|工作报告)[》〉]?(?:予以)?(?:向社会)?(?:公布|发布|如下)/,
  // The report named with its year as what was compiled: “编制《辽中区2020年度政府信息公开工作报告》并向社会公开发布”,
  // “编制我单位2021年政府信息公开工作年度报告”.
  /编制(?:了)?[《〈]?[^。；;《》〈〉]{0,30}?(?:19|20)\d{2}年度?(?:政府|政务)?信息公开(?:工作)?(?:年度报告|年报|工作报告)/,
];
/** How far into the text the opening is read. */
export const OPENING_CHARS = 900;

/**
 * Sentences naming the body that issued the report, strongest first. Group 1 is the name. Names carry no
 * punctuation; the year and the report phrase, or a verb of compiling, close them.
 */
const NAME = '([^,，。；;、“”"《》〈〉()（）\\s:：]{2,40}?)';
const YEAR = '(?:(?:19|20)\\d{2}年度?)';
/** “(以下简称区政府办公室)” between a name and what follows it. */
const ALIAS = '(?:[(（]以下简称[^()（）]{1,16}[)）])?';
export const AGENCY_SENTENCES: RegExp[] = [
  new RegExp(`现(?:将|向社会|予以?)?(?:公布|发布|公开)?[《〈]?${NAME}${ALIAS}${YEAR}(?:政府|政务)?信息公开`),
  // “编制《辽中区2020年度政府信息公开工作报告》”, “我局编制了吉林市民政局2018年度…年度报告”: the compiled report's own name.
  new RegExp(`编制(?:了)?[《〈]?${NAME}${ALIAS}${YEAR}(?:政府|政务)?信息公开`),
  // 结合 closes the name too: “由万年县人民政府办公室结合有关统计数据编制”.
  new RegExp(`本(?:年度)?报告(?:是|系)?由${NAME}${ALIAS}(?:根据|依据|依照|按照|负责|编制|编写|汇总|综合|结合|在)`),
  // “…的要求,由杭州市人民政府办公厅综合各区…编制而成”, “由北京市东城区信息化工作办公室编制的”.
  // “在2017年各市政府、省直有关部门政府信息公开年度报告基础上,由山西省人民政府办公厅编制”.
  new RegExp(`(?:要求|规定|部署|精神|办法|基础上)[,，]?由${NAME}${ALIAS}(?:负责|牵头)?(?:编制|编写|综合|汇总|结合|根据|在)`),
  new RegExp(`^${NAME}${YEAR}(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度报告|年报|工作报告)`, 'm'),
];
const BODY_END = '(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|管理委员会|委员会|管委会|办事处|局|委|署|厅|办|院|中心|街道|镇|乡|市|县|区|旗|州|盟|省)';
const ACTS = '(?:始终|坚持|认真|深入|全面|以|围绕|紧扣|紧紧|锚定|持续|高度|进一步|聚焦|立足|严格|按照|在|把|继续|积极|扎实|牢牢|不断|着力|切实|强化|大力|秉持|贯彻)';
/** “2022年,国家新闻出版署坚持…”: the opening of 总体情况 names the body; it must end like a body's name. */
export const AGENCY_OPENING_YEAR = new RegExp(`(?:^|\\n)\\s*(?:19|20)\\d{2}年(?:以来|度)?[,，]\\s*([^,，。；;、“”"《》()（）\\s:：]{2,30}?${BODY_END})${ACTS}`);
/** A paragraph that opens with the body's name and a verb (“区统计局坚持…”), used when the text calls itself 我局/我委…. */
export const AGENCY_OPENING_NAME = new RegExp(`(?:^|\\n)\\s*([^,，。；;、“”"《》()（）\\s:：]{2,30}?${BODY_END})${ACTS}`, 'gm');
export const SELF_REFERENCE = /我(局|委|办|署|厅|镇|乡|街道|中心|院)/;
/** “如对本报告有疑问,请与寒亭镇人民政府联系”: the contact is the body or its office — the weakest text evidence. */
export const AGENCY_CONTACT = new RegExp(`请(?:与|向)${NAME}(?:联系|咨询)`);
/** Not a name: what is left of a sentence, or a reference to the body itself. */
export const NOT_A_NAME = /^(?:本|我|全|各|该|其|上级|有关|相关|市政府|县政府|区政府|区政府办公室|县政府办公室|市政府办公室|县委|市委|区委|党委|省委)|工作$|要求$|^园区$|^单位$|^机关$/;
/** A name with the report's own words in it is a sentence fragment, unless it ends like an office (…信息公开工作领导小组办公室). */
export const FRAGMENT = /政府信息公开|信息公开工作/;
export const OFFICE_END = /(?:办公室|小组|中心|办)$/;
/** A title broken after the body's name: a line that is only a name (no year, no report phrase) ending like a body. */
export const NAME_LINE = new RegExp(`^[^,，。；;、:：\\d]{2,40}${BODY_END}$`);

/** Year evidence in the text, strongest first (statistics period, then the sentence that publishes the report). */
export const YEAR_SENTENCES: RegExp[] = [
  /统计(?:期限|时限|时间|区间|数据时限|数据期限|周期)?(?:为|是)?(?:从|自)?\s*((?:19|20)\d{2})年\s*1月\s*1日/,
  /((?:19|20)\d{2})年\s*1月\s*1日(?:起)?\s*(?:至|到|-|—|~)\s*(?:\1年)?\s*12月\s*31日/,
  /现(?:将|向社会|予以?)?(?:公布|发布|公开)?[《〈]?.{0,40}?((?:19|20)\d{2})年度?(?:政府|政务)?信息公开/,
  // The sentence that says what the text reports on: “汇报我镇2023年政府信息公开工作”, “现将我局2022年开展政府信息公开
  // 工作的有关情况报告如下”, “编制《辽中区2020年度政府信息公开工作报告》”.
  /(?:汇报|现将|编制(?:了)?)[《〈]?[^。；;《》〈〉]{0,20}?((?:19|20)\d{2})年度?(?:开展(?:的)?)?(?:政府|政务)?信息公开工作/,
];
/** Weaker: the opening year of 总体情况, or a year counting the proactive disclosures of the pre-2019 prose. */
export const YEAR_WEAK: RegExp[] = [
  /(?:^|\n|。)\s*((?:19|20)\d{2})年(?:以来|度)?[,，]/,
  /((?:19|20)\d{2})年(?:度)?(?:全年)?(?:共|新增|累计)?主动公开/,
];
/** A report phrase inside 《》 is a cited report (often last year's), not this one. */
export const QUOTED_REPORT = /[《〈][^》〉]{0,60}?(?:年度报告|年报|工作报告)[》〉]/g;

/**
 * A page of a report without its opening (page 2 of a long report): the numbered standard parts of the report with
 * the year's count of proactive disclosures.
 */
export const REPORT_PART_HEADING = /(?:^|\n)\s*[一二三四五六七八]\s*[、.．]\s*(?:主动公开政府信息|依申请公开政府信息|政府信息公开的收费|因政府信息公开申请|收到和处理政府信息公开申请|政府信息公开行政复议)/g;
export const PROACTIVE_COUNT = /(?:19|20)\d{2}年(?:度)?[^。；\n]{0,10}主动公开(?:政府)?信息\d+条/;

/** The 2019 and 2021 formats' own structure: 总体情况 opening with its 主动公开 and 依申请公开 parts. */
export const OVERVIEW_PARTS = /一\s*[、.．]\s*总体情况[\s\S]{0,600}?[(（]一[)）]\s*主动公开[\s\S]{0,900}?[(（]二[)）]\s*依申请公开/;
/**
 * A line that is only the report phrase without a year: a menu or column label (“政府信息公开年报”) that every page of
 * a disclosure portal prints — guides, catalogues and rules pages as much as reports — so no evidence of a report.
 */
export const MENU_LABEL_LINE = /^(?:政府|政务)?信息公开(?:工作)?(?:年度报告|年报)(?:专栏)?$/;
/** How much of the text identity and classification read (title, opening, 总体情况). */
export const IDENTITY_CHARS = 8000;
/** The opening of a news item (not of a report): a day, 近日/日前, a reporter, a wire. */
export const NEWS_OPENING = /(?:^|\n)\s*(?:\d{1,2}日[,，]|近日[,，]?|日前[,，]?|本报讯|新华社|记者)|记者[^\n]{0,12}(?:获悉|了解到|从)/;
/** A notice's opening: the bodies it is addressed to on a line of their own, or the words that hand a document down. */
export const NOTICE_OPENING = /(?:^|\n)\s*第[一二三四五六七八九十]{1,3}条\s|(?:^|\n)\s*各[^\n。]{2,60}[:：]\s*(?:\n|$)|印发给你们|现印发给|请认真贯彻(?:执行|落实)|请遵照执行/;
