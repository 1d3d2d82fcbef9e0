// Labels common to the 2019 (国办公开办函〔2019〕60号) and 2021 (〔2021〕30号) formats: 表三 is identical except for the
// (六)其他处理 row(s), and 表四 did not change. Each pattern matches a distinctive fragment of the printed label so that
// wrapped labels, typos ("其他法律行政止公开"), Hubei-style parenthetical suffixes and half/full-width brackets
// still match after normalisation (NFKC + CJK whitespace removal).
import type { Label, T3Row } from './types.ts';

/** 表三 rows before (六), in printed order. */
export const T3_HEAD: readonly T3Row[] = [
  { key: 'new_received', re: /本年新收|新收政府信息公开申请/ , zh: '一、本年新收政府信息公开申请数量', en: 'new requests received this year' },
  { key: 'carried_over', re: /上年结转/ , zh: '二、上年结转政府信息公开申请数量', en: 'requests carried over from last year' },
  { key: 'granted', re: /予以公开/ , zh: '（一）予以公开', en: 'granted in full' },
  { key: 'partially_granted', re: /部分公开/ , zh: '（二）部分公开', en: 'granted in part' },
  { key: 'denied_state_secret', re: /国家秘密/, ord: '1' , zh: '（三）不予公开 1.属于国家秘密', en: 'denied: state secret' },
  { key: 'denied_law_forbidden', re: /其他法律|法规禁止公开/, ord: '2' , zh: '（三）不予公开 2.其他法律行政法规禁止公开', en: 'denied: forbidden by other laws' },
  { key: 'denied_three_safeties', re: /三安全|一稳定/, ord: '3' , zh: '（三）不予公开 3.危及“三安全一稳定”', en: 'denied: endangers security/stability' },
  { key: 'denied_third_party', re: /第三方/, ord: '4' , zh: '（三）不予公开 4.保护第三方合法权益', en: 'denied: third-party rights' },
  { key: 'denied_internal_affairs', re: /内部事务/, ord: '5' , zh: '（三）不予公开 5.属于三类内部事务信息', en: 'denied: internal affairs' },
  { key: 'denied_process_info', re: /过程性/, ord: '6' , zh: '（三）不予公开 6.属于四类过程性信息', en: 'denied: process information' },
  { key: 'denied_enforcement_files', re: /执法案卷/, ord: '7' , zh: '（三）不予公开 7.属于行政执法案卷', en: 'denied: enforcement case files' },
  { key: 'denied_admin_query', re: /行政查询/, ord: '8' , zh: '（三）不予公开 8.属于行政查询事项', en: 'denied: administrative query matter' },
  { key: 'unable_not_held', re: /不掌握/, ord: '1' , zh: '（四）无法提供 1.本机关不掌握相关政府信息', en: 'unable: not held by this agency' },
  { key: 'unable_needs_creation', re: /另行制作|没有现成/, ord: '2' , zh: '（四）无法提供 2.没有现成信息需要另行制作', en: 'unable: would need to be created' },
  { key: 'unable_unclear', re: /仍不明确|补正后申请/, ord: '3' , zh: '（四）无法提供 3.补正后申请内容仍不明确', en: 'unable: still unclear after correction' },
  { key: 'unprocessed_petition', re: /信访|举报投诉类/, ord: '1' , zh: '（五）不予处理 1.信访举报投诉类申请', en: 'not processed: petition/complaint' },
  { key: 'unprocessed_repeat', re: /重复申请/, ord: '2' , zh: '（五）不予处理 2.重复申请', en: 'not processed: repeated request' },
  { key: 'unprocessed_publication', re: /出版物/, ord: '3' , zh: '（五）不予处理 3.要求提供公开出版物', en: 'not processed: asks for publications' },
  { key: 'unprocessed_massive', re: /大量反复/, ord: '4' , zh: '（五）不予处理 4.无正当理由大量反复申请', en: 'not processed: massive repeated requests' },
  { key: 'unprocessed_confirmation', re: /重新出具|确认或/, ord: '5' , zh: '（五）不予处理 5.要求行政机关确认或重新出具已获取信息', en: 'not processed: asks to confirm/reissue' },
];

/** The (六)其他处理 group label; its sub-rows (if any) come from the format file. */
export const T3_SIXTH_GROUP = /其他处理/;

/** 表三 rows after (六). */
export const T3_TAIL: readonly T3Row[] = [
  { key: 'total', re: /\(七\)总计|总计/ , zh: '（七）总计', en: 'total handled' },
  { key: 'carried_forward', re: /结转下年度|下年度继续/ , zh: '四、结转下年度继续办理', en: 'carried forward to next year' },
];

/** 表三 applicant columns, in printed order, with their codebook labels. */
export const T3_COLUMN_LABELS = {
  natural_person: { zh: '自然人', en: 'natural persons' },
  commercial: { zh: '商业企业', en: 'commercial enterprises' },
  research: { zh: '科研机构', en: 'research institutions' },
  social_org: { zh: '社会公益组织', en: 'public-interest organisations' },
  legal_service: { zh: '法律服务机构', en: 'legal service providers' },
  other_org: { zh: '其他', en: 'other legal persons/organisations' },
  total: { zh: '总计', en: 'total' },
} as const satisfies Record<string, Label>;

/** 表三 labels that every format with a 表三 prints: with enough 表三 rows they show a 2019+ report whose 表二 is missing. */
export const T3_SHARED = /本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|结转下年度继续办理/;
/** How many 表三 rows must be seen besides T3_SHARED to take a text for a 2019+ report. */
export const T3_MIN_ROWS = 6;

/** Where 表三 starts and where it certainly ended. */
export const T3_START = /本年新收|收到和处理政府信息公开申请情况|申请人情况/;
export const T3_END = /政府信息公开行政复议、行政诉讼|行政复议、行政诉讼情况|被申请行政复议|五、存在的主要问题|存在的主要问题及改进/;

/** 表四: header words (the data row follows the last of them) and the region heading. */
export const T4_START = /行政复议、行政诉讼情况|行政复议、提起行政诉讼|行政复议和行政诉讼情况|行政复议行政诉讼|行政复议\s*\|?\s*行政诉讼/;
export const T4_HEADER = /结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉|行政复议|行政诉讼|维持|纠正|审结/;
export const T4_END = /五、|存在的主要问题|主要问题及改进|六、|其他需要报告/;

/** 表四 groups (行政复议, 行政诉讼 ×2) and their outcome columns, in printed order, with their codebook labels. */
export const T4_GROUP_LABELS = {
  reconsideration: { zh: '行政复议', en: 'administrative reconsideration' },
  litigation_direct: { zh: '行政诉讼 未经复议直接起诉', en: 'litigation without prior reconsideration' },
  litigation_after_reconsideration: { zh: '行政诉讼 复议后起诉', en: 'litigation after reconsideration' },
} as const satisfies Record<string, Label>;
export const T4_OUTCOME_LABELS = {
  upheld: { zh: '结果维持', en: 'upheld' },
  corrected: { zh: '结果纠正', en: 'corrected' },
  other: { zh: '其他结果', en: 'other outcome' },
  pending: { zh: '尚未审结', en: 'pending' },
  total: { zh: '总计', en: 'total' },
} as const satisfies Record<string, Label>;

/** Where 表二 starts (the first 第二十条 block) and ends (表三). */
export const T2_START = /第二十条第?\([一二三四五六七八九]\)项|信息内容/;
/**
 * The column word every 表二 block header prints (信息内容); each format adds its own header labels (`t2.header`).
 * What follows a header, and not a sentence citing the article (“按照第二十条第(一)项…公开规范性文件5件”).
 */
export const T2_HEADER_WORD = /信息内容/;
export const T2_END = /收到和处理政府信息公开申请|本年新收|申请人情况/;

/** Harmonised measures read from the shared 表三/表四 (every format with those tables; its (六) rows are its own). */
const t3Total = (rows: readonly string[]) => rows.map((r) => `t3_${r}_total`);
export const SHARED_TABLE_MEASURES: Readonly<Record<string, readonly string[]>> = {
  requests_received: ['t3_new_received_total'],
  requests_carried_over: ['t3_carried_over_total'],
  requests_granted: ['t3_granted_total'],
  requests_partly_granted: ['t3_partially_granted_total'],
  requests_denied: t3Total(T3_HEAD.filter((r) => r.key.startsWith('denied_')).map((r) => r.key)),
  requests_unable: t3Total(T3_HEAD.filter((r) => r.key.startsWith('unable_')).map((r) => r.key)),
  requests_not_processed: t3Total(T3_HEAD.filter((r) => r.key.startsWith('unprocessed_')).map((r) => r.key)),
  requests_handled: ['t3_total_total'],
  requests_carried_forward: ['t3_carried_forward_total'],
  reconsiderations: ['t4_reconsideration_total'],
  lawsuits: ['t4_litigation_direct_total', 't4_litigation_after_reconsideration_total'],
};
