// A report format that exists only in tests: it proves that a format is one file. Nothing else in the repo names
// it; test/report/format-registry.test.ts registers it and finds it in the record schema, the codebook, the flat
// files and the checks. Its labels are invented (试行 = trial) so that no real report matches them.
import { SHARED_TABLE_MEASURES } from '../../src/report/formats/shared.ts';
import type { FormatSpec } from '../../src/report/formats/types.ts';

const documents = [
  { key: 'trialled', zh: '本年试行件数', en: 'put on trial this year' },
  { key: 'stopped', zh: '本年停止件数', en: 'stopped this year' },
  { key: 'on_trial', zh: '试行有效件数', en: 'on trial' },
];

export const formatTrial: FormatSpec = {
  id: 'trial',
  name: { zh: '试行格式', en: 'trial format', short: 'trial' },
  years: [2031, null],
  detection: 'labels',
  fingerprints: [
    { label: '本年试行件数', re: /本年试行件数/ },
    { label: '本年停止件数', re: /本年停止件数/ },
    { label: '试行有效件数', re: /试行有效件数/ },
  ],
  t2: {
    header: /本年试行件数/,
    rows: [
      { key: 'regulations', re: /规章/, zh: '规章', en: 'regulations', fields: documents },
      { key: 'normative_documents', re: /规范性文件/, zh: '规范性文件', en: 'normative documents', fields: documents },
    ],
  },
  t3: {
    sixth: [
      { key: 'other_suspended', re: /试行中止/, ord: '1', zh: '（六）其他处理 1.试行中止', en: 'other: trial suspended' },
      { key: 'other_trial_other', re: /2[.、．]试行其他/, ord: '2', zh: '（六）其他处理 2.试行其他', en: 'other: trial, other' },
    ],
  },
  t4: true,
  checks: ['T3', 'T4', 'V-1'],
  crossYear: { carriedOver: true, stock: { blocks: ['regulations', 'normative_documents'], stock: 'on_trial', added: 'trialled', removed: 'stopped' } },
  measures: { ...SHARED_TABLE_MEASURES, regulations_issued: ['t2_trial_regulations_trialled'], requests_other_handling: ['t3_other_suspended_total', 't3_other_trial_other_total'] },
  deadline: { government: '03-31', department: '02-28' },
};
