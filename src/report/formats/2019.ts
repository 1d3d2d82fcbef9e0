// Format B: 《中华人民共和国政府信息公开工作年度报告格式（试行）》(国办公开办函〔2019〕60号), report years 2019–2020.
import type { FormatSpec } from './types.ts';

export const format2019: FormatSpec = {
  id: '2019',
  years: [2019, 2020],
  fingerprints: [
    { label: '本年新制作数量', re: /本年新制作|新制作数量/ },
    { label: '本年新公开数量', re: /本年新公开|新公开数量/ },
    { label: '对外公开总数量', re: /对外公开总数量/ },
    { label: '上一年项目数量', re: /上一年项目数量/ },
    { label: '本年增/减', re: /本年增\/减|本年增减/ },
    { label: '其他对外管理服务事项', re: /其他对外管理服务事项/ },
    { label: '采购项目数量', re: /采购项目数量/ },
    { label: '第二十条第(九)项', re: /第二十条第?\(九\)项/ },
  ],
  t2: {
    rows: [
      { key: 'regulations', re: /规章/, fields: ['new_made', 'new_published', 'total_published'] },
      { key: 'normative_documents', re: /规范性文件/, fields: ['new_made', 'new_published', 'total_published'] },
      { key: 'licensing', re: /行政许可/, fields: ['prev_items', 'change', 'decisions'] },
      { key: 'other_services', re: /对外管理服务事项/, fields: ['prev_items', 'change', 'decisions'] },
      { key: 'penalties', re: /行政处罚/, fields: ['prev_items', 'change', 'decisions'] },
      { key: 'coercive_measures', re: /行政强制/, fields: ['prev_items', 'change', 'decisions'] },
      { key: 'fees', re: /行政事业性收费/, fields: ['prev_items', 'change'] },
      { key: 'procurement', re: /政府集中采购/, fields: ['projects', 'amount_yuan'] },
    ],
  },
  // 2019 prescribes a single (六)其他处理 row.
  t3: { sixth: [{ key: 'other', re: /其他处理/ }] },
  t4: true,
};
