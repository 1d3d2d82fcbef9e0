// Harmonised measures: one column per quantity across the report formats, so a 2008–2025 panel needs no
// per-format branching. Rules as data: each format file names the flat columns a measure is read from in its
// reports; a measure with several sources is their sum (empty when every source is empty). A format without a
// source leaves the measure empty: it did not report that quantity.
import { formatsOldestFirst } from '../report/formats/index.ts';
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

/** The measures; which columns each is read from is declared per format (`measures` in src/report/formats/<format>.ts). */
const DEFINITIONS: ReadonlyArray<Omit<Measure, 'sources'>> = [
  {
    name: 'requests_received', zh: '本年新收政府信息公开申请数', en: 'information requests received in the year',
    note: '2019+: 表三 一、本年新收 (总计 column). pre-2019: 收到/受理申请数 as printed in the prose or statistics table (some reports count 受理 = accepted, not 收到 = received; when only the channels 当面/网络/信函 are printed, their sum).',
  },
  {
    name: 'requests_carried_over', zh: '上年结转申请数', en: 'requests carried over from the previous year',
    note: '2019+ only (表三 二、上年结转); pre-2019 reports have no such figure.',
  },
  {
    name: 'requests_granted', zh: '予以公开', en: 'requests granted in full',
    note: '2019+: 表三 （一）予以公开, per request. pre-2019: 同意公开答复数, per reply (a request may get several replies).',
  },
  {
    name: 'requests_partly_granted', zh: '部分公开', en: 'requests granted in part',
    note: '2019+: 表三 （二）部分公开. pre-2019: 同意部分公开答复数 (per reply).',
  },
  {
    name: 'requests_denied', zh: '不予公开', en: 'requests denied',
    note: '2019+: sum of the eight 表三 （三）不予公开 rows. pre-2019: 不予公开答复数 (per reply); before 2019 “information does not exist / not held” replies were often counted here, after 2019 they are （四）无法提供.',
  },
  {
    name: 'requests_unable', zh: '无法提供', en: 'requests that could not be answered (not held, would need creating, unclear)',
    note: '2019+ only: sum of the three 表三 （四）无法提供 rows. pre-2019 reports put these among 不予公开 or 其他 replies.',
  },
  {
    name: 'requests_not_processed', zh: '不予处理', en: 'requests not processed (petitions, repeats, publications, …)',
    note: '2019+ only: sum of the five 表三 （五）不予处理 rows.',
  },
  {
    name: 'requests_other_handling', zh: '其他处理', en: 'requests handled otherwise',
    note: '2019: the single （六）其他处理 row. 2021: sum of its three rows (逾期不补正, 逾期未缴费, 其他). pre-2019: 其他类型答复数 (per reply), a broader residual.',
  },
  {
    name: 'requests_handled', zh: '办理结果总计', en: 'requests handled in the year (total of outcomes)',
    note: '2019+: 表三 （七）总计 as printed (not recomputed). pre-2019: 对申请的答复总数 (replies).',
  },
  {
    name: 'requests_carried_forward', zh: '结转下年度继续办理', en: 'requests carried forward to the next year',
    note: '2019+ only (表三 四、结转下年度继续办理).',
  },
  {
    name: 'reconsiderations', zh: '行政复议', en: 'administrative reconsiderations concerning information disclosure',
    note: '2019+: 表四 行政复议 总计 (cases by outcome, including pending). pre-2019: 因政府信息公开申请行政复议数 (“未发生” read as 0).',
  },
  {
    name: 'lawsuits', zh: '行政诉讼', en: 'administrative lawsuits concerning information disclosure',
    note: '2019+: 表四 未经复议直接起诉 总计 + 复议后起诉 总计. pre-2019: 因政府信息公开申请提起行政诉讼数 (“未发生” read as 0).',
  },
  {
    name: 'regulations_issued', zh: '本年制发规章件数', en: 'regulations (规章) made in the year',
    note: '2019: 表二 规章 本年新制作数量; 2021: 规章 本年制发件数. Not reported before 2019.',
  },
  {
    name: 'normative_documents_issued', zh: '本年制发规范性文件件数', en: 'normative documents made in the year',
    note: '2019: 表二 规范性文件 本年新制作数量; 2021: 行政规范性文件 本年制发件数 (the 2021 format counts only 行政规范性文件). pre-2019 reports print 主动公开规范性文件数 instead (fig_proactive_normative), a count of documents published, not made.',
  },
  {
    name: 'licensing_decisions', zh: '行政许可处理决定数', en: 'administrative licensing decisions',
    note: '2019: 表二 行政许可 处理决定数量; 2021: 本年处理决定数量. Not reported before 2019.',
  },
  {
    name: 'penalty_decisions', zh: '行政处罚处理决定数', en: 'administrative penalty decisions',
    note: 'As licensing_decisions, for 行政处罚.',
  },
  {
    name: 'coercive_decisions', zh: '行政强制处理决定数', en: 'administrative coercive measure decisions',
    note: 'As licensing_decisions, for 行政强制.',
  },
];

const FORMAT_LIST = formatsOldestFirst('src/schema/measures.ts');
for (const f of FORMAT_LIST) {
  const unknown = Object.keys(f.measures).filter((name) => !DEFINITIONS.some((d) => d.name === name));
  if (unknown.length) throw new Error(`report format ${f.id}: measures ${unknown.join(', ')} are not defined in src/schema/measures.ts`);
}

export const MEASURES: readonly Measure[] = DEFINITIONS.map(({ name, zh, en, note }) => ({
  name, zh, en,
  sources: Object.fromEntries(FORMAT_LIST.filter((f) => f.measures[name]).map((f) => [f.id, f.measures[name]!])),
  note,
}));
