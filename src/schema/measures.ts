// Harmonised measures: one column per quantity across the three report formats, so a 2008–2025 panel needs no
// per-format branching. Rules as data: each measure names the flat columns it is read from per format; a
// measure with several sources is their sum (empty when every source is empty). A format without a source
// leaves the measure empty: it did not report that quantity.
import type { Format } from './record.ts';

export interface Measure {
  name: string;
  zh: string;
  en: string;
  /** Flat codebook columns summed, per format; absent = the format does not report it. */
  sources: Partial<Record<Format, readonly string[]>>;
  /** Where the formats' definitions differ. */
  note: string;
}

const T3_DENIED = ['state_secret', 'law_forbidden', 'three_safeties', 'third_party', 'internal_affairs', 'process_info', 'enforcement_files', 'admin_query'].map((r) => `t3_denied_${r}_total`);
const T3_UNABLE = ['not_held', 'needs_creation', 'unclear'].map((r) => `t3_unable_${r}_total`);
const T3_UNPROCESSED = ['petition', 'repeat', 'publication', 'massive', 'confirmation'].map((r) => `t3_unprocessed_${r}_total`);
const both = (cols: readonly string[]) => ({ '2019': cols, '2021': cols });

export const MEASURES: readonly Measure[] = [
  {
    name: 'requests_received', zh: '本年新收政府信息公开申请数', en: 'information requests received in the year',
    sources: { ...both(['t3_new_received_total']), pre2019: ['fig_requests_received'] },
    note: '2019+: 表三 一、本年新收 (总计 column). pre-2019: 收到/受理申请数 as printed in the prose or statistics table (some reports count 受理 = accepted, not 收到 = received; when only the channels 当面/网络/信函 are printed, their sum).',
  },
  {
    name: 'requests_carried_over', zh: '上年结转申请数', en: 'requests carried over from the previous year',
    sources: both(['t3_carried_over_total']),
    note: '2019+ only (表三 二、上年结转); pre-2019 reports have no such figure.',
  },
  {
    name: 'requests_granted', zh: '予以公开', en: 'requests granted in full',
    sources: { ...both(['t3_granted_total']), pre2019: ['fig_replies_granted'] },
    note: '2019+: 表三 （一）予以公开, per request. pre-2019: 同意公开答复数, per reply (a request may get several replies).',
  },
  {
    name: 'requests_partly_granted', zh: '部分公开', en: 'requests granted in part',
    sources: { ...both(['t3_partially_granted_total']), pre2019: ['fig_replies_partial'] },
    note: '2019+: 表三 （二）部分公开. pre-2019: 同意部分公开答复数 (per reply).',
  },
  {
    name: 'requests_denied', zh: '不予公开', en: 'requests denied',
    sources: { ...both(T3_DENIED), pre2019: ['fig_replies_denied'] },
    note: '2019+: sum of the eight 表三 （三）不予公开 rows. pre-2019: 不予公开答复数 (per reply); before 2019 “information does not exist / not held” replies were often counted here, after 2019 they are （四）无法提供.',
  },
  {
    name: 'requests_unable', zh: '无法提供', en: 'requests that could not be answered (not held, would need creating, unclear)',
    sources: both(T3_UNABLE),
    note: '2019+ only: sum of the three 表三 （四）无法提供 rows. pre-2019 reports put these among 不予公开 or 其他 replies.',
  },
  {
    name: 'requests_not_processed', zh: '不予处理', en: 'requests not processed (petitions, repeats, publications, …)',
    sources: both(T3_UNPROCESSED),
    note: '2019+ only: sum of the five 表三 （五）不予处理 rows.',
  },
  {
    name: 'requests_other_handling', zh: '其他处理', en: 'requests handled otherwise',
    sources: { '2019': ['t3_other_total'], '2021': ['t3_other_overdue_correction_total', 't3_other_overdue_fee_total', 't3_other_other_total'], pre2019: ['fig_replies_other'] },
    note: '2019: the single （六）其他处理 row. 2021: sum of its three rows (逾期不补正, 逾期未缴费, 其他). pre-2019: 其他类型答复数 (per reply), a broader residual.',
  },
  {
    name: 'requests_handled', zh: '办理结果总计', en: 'requests handled in the year (total of outcomes)',
    sources: { ...both(['t3_total_total']), pre2019: ['fig_replies_total'] },
    note: '2019+: 表三 （七）总计 as printed (not recomputed). pre-2019: 对申请的答复总数 (replies).',
  },
  {
    name: 'requests_carried_forward', zh: '结转下年度继续办理', en: 'requests carried forward to the next year',
    sources: both(['t3_carried_forward_total']),
    note: '2019+ only (表三 四、结转下年度继续办理).',
  },
  {
    name: 'reconsiderations', zh: '行政复议', en: 'administrative reconsiderations concerning information disclosure',
    sources: { ...both(['t4_reconsideration_total']), pre2019: ['fig_reconsideration_total'] },
    note: '2019+: 表四 行政复议 总计 (cases by outcome, including pending). pre-2019: 因政府信息公开申请行政复议数 (“未发生” read as 0).',
  },
  {
    name: 'lawsuits', zh: '行政诉讼', en: 'administrative lawsuits concerning information disclosure',
    sources: { ...both(['t4_litigation_direct_total', 't4_litigation_after_reconsideration_total']), pre2019: ['fig_litigation_total'] },
    note: '2019+: 表四 未经复议直接起诉 总计 + 复议后起诉 总计. pre-2019: 因政府信息公开申请提起行政诉讼数 (“未发生” read as 0).',
  },
  {
    name: 'regulations_issued', zh: '本年制发规章件数', en: 'regulations (规章) made in the year',
    sources: { '2019': ['t2_2019_regulations_new_made'], '2021': ['t2_2021_regulations_issued'] },
    note: '2019: 表二 规章 本年新制作数量; 2021: 规章 本年制发件数. Not reported before 2019.',
  },
  {
    name: 'normative_documents_issued', zh: '本年制发规范性文件件数', en: 'normative documents made in the year',
    sources: { '2019': ['t2_2019_normative_documents_new_made'], '2021': ['t2_2021_normative_documents_issued'] },
    note: '2019: 表二 规范性文件 本年新制作数量; 2021: 行政规范性文件 本年制发件数 (the 2021 format counts only 行政规范性文件). pre-2019 reports print 主动公开规范性文件数 instead (fig_proactive_normative), a count of documents published, not made.',
  },
  {
    name: 'licensing_decisions', zh: '行政许可处理决定数', en: 'administrative licensing decisions',
    sources: { '2019': ['t2_2019_licensing_decisions'], '2021': ['t2_2021_licensing_decisions'] },
    note: '2019: 表二 行政许可 处理决定数量; 2021: 本年处理决定数量. Not reported before 2019.',
  },
  {
    name: 'penalty_decisions', zh: '行政处罚处理决定数', en: 'administrative penalty decisions',
    sources: { '2019': ['t2_2019_penalties_decisions'], '2021': ['t2_2021_penalties_decisions'] },
    note: 'As licensing_decisions, for 行政处罚.',
  },
  {
    name: 'coercive_decisions', zh: '行政强制处理决定数', en: 'administrative coercive measure decisions',
    sources: { '2019': ['t2_2019_coercive_measures_decisions'], '2021': ['t2_2021_coercive_measures_decisions'] },
    note: 'As licensing_decisions, for 行政强制.',
  },
];
