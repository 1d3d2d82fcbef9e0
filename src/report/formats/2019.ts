// Format B: 《中华人民共和国政府信息公开工作年度报告格式（试行）》(国办公开办函〔2019〕60号), report years 2019–2020.
import { SHARED_TABLE_MEASURES } from './shared.ts';
import type { FormatSpec } from './types.ts';

const items = { key: 'prev_items', zh: '上一年项目数量', en: 'items last year' };
const change = { key: 'change', zh: '本年增/减', en: 'change this year' };
const decisions = { key: 'decisions', zh: '处理决定数量 / 本年处理决定数量', en: 'decisions' };
const documents = [
  { key: 'new_made', zh: '本年新制作数量', en: 'newly made this year' },
  { key: 'new_published', zh: '本年新公开数量', en: 'newly published this year' },
  { key: 'total_published', zh: '对外公开总数量', en: 'total published' },
];

export const format2019 = {
  id: '2019' as const,
  name: { zh: '2019年格式', en: '2019 format', short: '2019' },
  years: [2019, 2020],
  detection: 'labels',
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
    header: /本年新制作数量|新制作数量|处理决定数量/,
    rows: [
      { key: 'regulations', re: /规章/, zh: '规章', en: 'regulations (规章)', fields: documents },
      { key: 'normative_documents', re: /规范性文件/, zh: '规范性文件 / 行政规范性文件', en: 'normative documents', fields: documents },
      { key: 'licensing', re: /行政许可/, zh: '行政许可', en: 'administrative licensing', fields: [items, change, decisions] },
      { key: 'other_services', re: /对外管理服务事项/, zh: '其他对外管理服务事项', en: 'other external management services', fields: [items, change, decisions] },
      { key: 'penalties', re: /行政处罚/, zh: '行政处罚', en: 'administrative penalties', fields: [items, change, decisions] },
      { key: 'coercive_measures', re: /行政强制/, zh: '行政强制', en: 'administrative coercive measures', fields: [items, change, decisions] },
      { key: 'fees', re: /行政事业性收费/, zh: '行政事业性收费', en: 'administrative fees', fields: [items, change] },
      {
        key: 'procurement', re: /政府集中采购/, zh: '政府集中采购', en: 'centralised government procurement',
        fields: [{ key: 'projects', zh: '采购项目数量', en: 'procurement projects' }, { key: 'amount_yuan', zh: '采购总金额', en: 'procurement amount (yuan as printed)', unit: 'yuan' }],
      },
    ],
  },
  // 2019 prescribes a single (六)其他处理 row.
  t3: { sixth: [{ key: 'other', re: /其他处理/, zh: '（六）其他处理 (2019 format, one row)', en: 'other handling (2019 format)' }] },
  t4: true,
  checks: ['T3', 'T4', 'V-1'],
  // 2019 表二 prints no stock (现行有效) of documents, so only 表三's carry-over is checked across years.
  crossYear: { carriedOver: true, stock: null },
  measures: {
    ...SHARED_TABLE_MEASURES,
    requests_other_handling: ['t3_other_total'],
    regulations_issued: ['t2_2019_regulations_new_made'],
    normative_documents_issued: ['t2_2019_normative_documents_new_made'],
    licensing_decisions: ['t2_2019_licensing_decisions'],
    penalty_decisions: ['t2_2019_penalties_decisions'],
    coercive_decisions: ['t2_2019_coercive_measures_decisions'],
  },
  // 2019 Regulation (国务院令第711号, Art. 49): 县级以上 departments by 31 January, the government's own report by 31 March.
  deadline: { government: '03-31', department: '01-31' },
} satisfies FormatSpec;
