// Labels common to the 2019 (国办公开办函〔2019〕60号) and 2021 (〔2021〕30号) formats: 表三 is identical except for the
// (六)其他处理 row(s), and 表四 did not change. Each pattern matches a distinctive fragment of the printed label so that
// wrapped labels, typos ("其他法律行政止公开"), Hubei-style parenthetical suffixes and half/full-width brackets
// still match after normalisation (NFKC + CJK whitespace removal).
import type { RowDef } from '../tables/rowreader.ts';

/** 表三 rows before (六), in printed order. */
export const T3_HEAD: RowDef[] = [
  { key: 'new_received', re: /本年新收|新收政府信息公开申请/ },
  { key: 'carried_over', re: /上年结转/ },
  { key: 'granted', re: /予以公开/ },
  { key: 'partially_granted', re: /部分公开/ },
  { key: 'denied_state_secret', re: /国家秘密/, ord: '1' },
  { key: 'denied_law_forbidden', re: /其他法律|法规禁止公开/, ord: '2' },
  { key: 'denied_three_safeties', re: /三安全|一稳定/, ord: '3' },
  { key: 'denied_third_party', re: /第三方/, ord: '4' },
  { key: 'denied_internal_affairs', re: /内部事务/, ord: '5' },
  { key: 'denied_process_info', re: /过程性/, ord: '6' },
  { key: 'denied_enforcement_files', re: /执法案卷/, ord: '7' },
  { key: 'denied_admin_query', re: /行政查询/, ord: '8' },
  { key: 'unable_not_held', re: /不掌握/, ord: '1' },
  { key: 'unable_needs_creation', re: /另行制作|没有现成/, ord: '2' },
  { key: 'unable_unclear', re: /仍不明确|补正后申请/, ord: '3' },
  { key: 'unprocessed_petition', re: /信访|举报投诉类/, ord: '1' },
  { key: 'unprocessed_repeat', re: /重复申请/, ord: '2' },
  { key: 'unprocessed_publication', re: /出版物/, ord: '3' },
  { key: 'unprocessed_massive', re: /大量反复/, ord: '4' },
  { key: 'unprocessed_confirmation', re: /重新出具|确认或/, ord: '5' },
];

/** The (六)其他处理 group label; its sub-rows (if any) come from the format file. */
export const T3_SIXTH_GROUP = /其他处理/;

/** 表三 rows after (六). */
export const T3_TAIL: RowDef[] = [
  { key: 'total', re: /\(七\)总计|总计/ },
  { key: 'carried_forward', re: /结转下年度|下年度继续/ },
];

/** Where 表三 starts and where it certainly ended. */
export const T3_START = /本年新收|收到和处理政府信息公开申请情况|申请人情况/;
export const T3_END = /政府信息公开行政复议、行政诉讼|行政复议、行政诉讼情况|被申请行政复议|五、存在的主要问题|存在的主要问题及改进/;

/** 表四: header words (the data row follows the last of them) and the region heading. */
export const T4_START = /行政复议、行政诉讼情况|行政复议、提起行政诉讼|行政复议和行政诉讼情况|行政复议行政诉讼|行政复议\s*\|?\s*行政诉讼/;
export const T4_HEADER = /结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉|行政复议|行政诉讼|维持|纠正|审结/;
export const T4_END = /五、|存在的主要问题|主要问题及改进|六、|其他需要报告/;

/** Where 表二 starts (the first 第二十条 block) and ends (表三). */
export const T2_START = /第二十条第?\([一二三四五六七八九]\)项|信息内容/;
/** What follows a 表二 header and not a sentence citing the article (“按照第二十条第(一)项…公开规范性文件5件”). */
export const T2_HEADER_NEXT = /^.{0,40}?(?:信息内容|本年制发件数|本年新制作数量|制发件数|新制作数量|处理决定数量|本年收费金额)/s;
export const T2_END = /收到和处理政府信息公开申请|本年新收|申请人情况/;
