// Format A: reports under the 2007 Regulation (国务院令第492号), report years 2008–2018. Free text, often with an
// attached statistics table (指标名称 | 计量单位 | 本年 | 历年累计, or the 2014 national 统计指标 | 单位 | 统计数).
// Row patterns match label fragments seen in the 2009 local templates and the 2014 national table.
import type { FormatSpec } from './types.ts';

export const formatPre2019: FormatSpec = {
  id: 'pre2019',
  years: [2008, 2018],
  fingerprints: [
    { label: '指标名称/统计指标', re: /指标名称|统计指标/ },
    { label: '历年累计', re: /历年累计/ },
    { label: '回应解读情况', re: /回应解读情况/ },
    { label: '举报投诉数量', re: /举报投诉数量/ },
    { label: '机构建设和保障经费情况', re: /机构建设和保障经费/ },
    { label: '收费及减免', re: /收费及减免/ },
    { label: '对申请的答复总数', re: /对申请的答复总数|申请答复数/ },
    { label: '同意部分公开答复数', re: /同意部分公开/ },
  ],
  // Statistics-table rows. Order-free: local templates print them in different orders.
  stats: [
    { key: 'proactive_total', re: /主动公开(?:政府信息|文件|信息)(?:总?数|条数)/ },
    { key: 'proactive_normative', re: /主动公开规范性文件数/ },
    // 2009 local templates print “其中：网站公开” and “政府公报公开”.
    { key: 'proactive_web', re: /政府网站(?:公开数)?|网站公开(?:数)?/, ord: '1' },
    { key: 'proactive_gazette', re: /政府公报(?:公开数)?|公报公开(?:数)?/, ord: '2' },
    { key: 'requests_received', re: /受理(?:依申请公开信息|政府信息公开申请|申请)总数|收到申请数|申请总数/ },
    { key: 'requests_in_person', re: /当面申请数?/, ord: '1' },
    { key: 'requests_online', re: /(?:网络|网上)申请数?/, ord: '2' },
    { key: 'requests_letter', re: /信函(?:、传真)?申请数?/, ord: '3' },
    // Six-channel request tables of the 2009 templates: 当面/网络/信函/电报/传真/电子邮件.
    { key: 'requests_telegram', re: /电报申请数?/, ord: '4' },
    { key: 'requests_fax', re: /(?<!、)传真申请数?/, ord: '5' },
    { key: 'requests_email', re: /电子邮件申请数?/, ord: '6' },
    { key: 'replies_total', re: /对申请的答复总数|申请答复数/ },
    { key: 'replies_granted', re: /同意公开答复数/, ord: '1' },
    { key: 'replies_partial', re: /同意部分公开答复数/, ord: '2' },
    { key: 'replies_denied', re: /不予公开答复数|不同意公开答复数|否决公开答复/, ord: '3' },
    { key: 'replies_other', re: /其他类型答复数/, ord: '4' },
    { key: 'complaints_total', re: /申诉、举报数|举报数|申诉数|举报投诉数量/ },
    { key: 'reconsideration_total', re: /行政复议数/ },
    { key: 'litigation_total', re: /行政诉讼数(?!、)/ },
    { key: 'fees_yuan', re: /收取的费用|收费金额|收取费用/, unit: 'yuan' },
  ],
};

/**
 * Parent = sum of children, per column, inside the statistics table (used to split run-together digits). The third
 * list holds children only some templates print (the six-channel tables): added when present.
 */
export const STATS_IDENTITIES: Array<[string, string[], string[]?]> = [
  ['proactive_total', ['proactive_web', 'proactive_gazette']],
  ['requests_received', ['requests_in_person', 'requests_online', 'requests_letter'], ['requests_telegram', 'requests_fax', 'requests_email']],
  ['replies_total', ['replies_granted', 'replies_partial', 'replies_denied', 'replies_other']],
];
