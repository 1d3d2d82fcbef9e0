// Format C: 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号), report year 2021 onward.
import type { FormatSpec } from './types.ts';

export const format2021: FormatSpec = {
  id: '2021',
  years: [2021, 2100],
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
    rows: [
      { key: 'regulations', re: /规章/, fields: ['issued', 'repealed', 'in_force'] },
      { key: 'normative_documents', re: /规范性文件/, fields: ['issued', 'repealed', 'in_force'] },
      { key: 'licensing', re: /行政许可/, fields: ['decisions'] },
      { key: 'penalties', re: /行政处罚/, fields: ['decisions'] },
      { key: 'coercive_measures', re: /行政强制/, fields: ['decisions'] },
      { key: 'fees', re: /行政事业性收费/, fields: ['amount_10k_yuan'] },
    ],
  },
  // 2021 splits (六)其他处理 into three sub-rows.
  t3: {
    sixth: [
      { key: 'other_overdue_correction', re: /逾期不补正|无正当理由逾期/, ord: '1' },
      { key: 'other_overdue_fee', re: /缴纳费用|收费通知/, ord: '2' },
      { key: 'other_other', re: /3[.、．]其他(?!处理|法律|结果|对外)/ },
    ],
  },
  t4: true,
};
