// Format C: 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号), report year 2021 onward.
import { SHARED_TABLE_MEASURES } from './shared.ts';
import type { FormatSpec } from './types.ts';

const documents = [
  { key: 'issued', zh: '本年制发件数', en: 'issued this year' },
  { key: 'repealed', zh: '本年废止件数', en: 'repealed this year' },
  { key: 'in_force', zh: '现行有效件数', en: 'in force' },
];
const decisions = [{ key: 'decisions', zh: '处理决定数量 / 本年处理决定数量', en: 'decisions' }];

export const format2021 = {
  id: '2021' as const,
  name: { zh: '2021年格式', en: '2021 format', short: '2021' },
  years: [2021, null],
  detection: 'labels',
  fingerprints: [
    { label: '本年制发件数', re: /本年制发件数|制发件数/ },
    { label: '本年废止件数', re: /本年废止件数|废止件数/ },
    { label: '现行有效件数', re: /现行有效件数/ },
    { label: '本年收费金额(单位:万元)', re: /本年收费金额/ },
    { label: '本年处理决定数量', re: /本年处理决定数量/ },
    { label: '逾期不补正', re: /逾期不补正/ },
    { label: '逾期未按收费通知要求缴纳费用', re: /逾期未按收费通知|缴纳费用/ },
  ],
  t2: {
    header: /本年制发件数|制发件数|处理决定数量|本年收费金额/,
    rows: [
      { key: 'regulations', re: /规章/, zh: '规章', en: 'regulations (规章)', fields: documents },
      { key: 'normative_documents', re: /规范性文件/, zh: '规范性文件 / 行政规范性文件', en: 'normative documents', fields: documents },
      { key: 'licensing', re: /行政许可/, zh: '行政许可', en: 'administrative licensing', fields: decisions },
      { key: 'penalties', re: /行政处罚/, zh: '行政处罚', en: 'administrative penalties', fields: decisions },
      { key: 'coercive_measures', re: /行政强制/, zh: '行政强制', en: 'administrative coercive measures', fields: decisions },
      {
        key: 'fees', re: /行政事业性收费/, zh: '行政事业性收费', en: 'administrative fees',
        fields: [{ key: 'amount_10k_yuan', zh: '本年收费金额（单位：万元）', en: 'fees collected (10,000 yuan)', unit: '10k_yuan' }],
      },
    ],
  },
  // 2021 splits (六)其他处理 into three sub-rows.
  t3: {
    sixth: [
      { key: 'other_overdue_correction', re: /逾期不补正|无正当理由逾期/, ord: '1', zh: '（六）其他处理 1.申请人无正当理由逾期不补正', en: 'other: applicant did not correct in time (2021)' },
      { key: 'other_overdue_fee', re: /缴纳费用|收费通知/, ord: '2', zh: '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用', en: 'other: applicant did not pay fee in time (2021)' },
      { key: 'other_other', re: /3[.、．]其他(?!处理|法律|结果|对外)/, zh: '（六）其他处理 3.其他', en: 'other: other (2021)' },
    ],
  },
  t4: true,
  checks: ['T3', 'T4', 'V-1'],
  // 现行有效件数 is a stock: this year's = last year's + 本年制发件数 − 本年废止件数.
  crossYear: { carriedOver: true, stock: { blocks: ['regulations', 'normative_documents'], stock: 'in_force', added: 'issued', removed: 'repealed' } },
  measures: {
    ...SHARED_TABLE_MEASURES,
    requests_other_handling: ['t3_other_overdue_correction_total', 't3_other_overdue_fee_total', 't3_other_other_total'],
    regulations_issued: ['t2_2021_regulations_issued'],
    normative_documents_issued: ['t2_2021_normative_documents_issued'],
    licensing_decisions: ['t2_2021_licensing_decisions'],
    penalty_decisions: ['t2_2021_penalties_decisions'],
    coercive_decisions: ['t2_2021_coercive_measures_decisions'],
  },
  // 2019 Regulation (国务院令第711号, Art. 49): 县级以上 departments by 31 January, the government's own report by 31 March.
  deadline: { government: '03-31', department: '01-31' },
} satisfies FormatSpec;
