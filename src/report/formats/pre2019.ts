// Format A: reports under the 2007 Regulation (国务院令第492号), report years 2008–2018. Free text, often with an
// attached statistics table (指标名称 | 计量单位 | 本年 | 历年累计, or the 2014 national 统计指标 | 单位 | 统计数).
// Row patterns match label fragments seen in the 2009 local templates and the 2014 national table.
import type { FormatSpec } from './types.ts';

export const formatPre2019 = {
  id: 'pre2019' as const,
  name: { zh: '2019年前格式', en: 'pre-2019', short: 'pre-2019' },
  years: [2008, 2018],
  detection: 'era',
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
    { key: 'proactive_total', re: /主动公开(?:政府信息|文件|信息)(?:总?数|条数)/, zh: '主动公开政府信息数', en: 'items proactively disclosed' },
    { key: 'proactive_normative', re: /主动公开规范性文件数/, zh: '其中：主动公开规范性文件数', en: 'of which normative documents' },
    // 2009 local templates print “其中：网站公开” and “政府公报公开”.
    { key: 'proactive_web', re: /政府网站(?:公开数)?|网站公开(?:数)?/, ord: '1', zh: '其中：政府网站公开数', en: 'of which via the government website' },
    { key: 'proactive_gazette', re: /政府公报(?:公开数)?|公报公开(?:数)?/, ord: '2', zh: '其中：政府公报公开数', en: 'of which via the government gazette' },
    { key: 'requests_received', re: /受理(?:依申请公开信息|政府信息公开申请|申请)总数|收到申请数|申请总数/, zh: '收到/受理依申请公开数（只印分渠道数时为其和，derived）', en: 'requests received (sum of channels when only those are printed)' },
    { key: 'requests_in_person', re: /当面申请数?/, ord: '1', zh: '其中：当面申请数', en: 'requests in person' },
    { key: 'requests_online', re: /(?:网络|网上)申请数?/, ord: '2', zh: '其中：网络/网上申请数', en: 'requests online' },
    { key: 'requests_letter', re: /信函(?:、传真)?申请数?/, ord: '3', zh: '其中：信函（传真）申请数', en: 'requests by letter/fax' },
    // Six-channel request tables of the 2009 templates: 当面/网络/信函/电报/传真/电子邮件.
    { key: 'requests_telegram', re: /电报申请数?/, ord: '4', zh: '其中：电报申请数（六渠道表）', en: 'requests by telegram (six-channel tables)' },
    { key: 'requests_fax', re: /(?<!、)传真申请数?/, ord: '5', zh: '其中：传真申请数（六渠道表）', en: 'requests by fax (six-channel tables)' },
    { key: 'requests_email', re: /电子邮件申请数?/, ord: '6', zh: '其中：电子邮件申请数（六渠道表）', en: 'requests by e-mail (six-channel tables)' },
    { key: 'replies_total', re: /对申请的答复总数|申请答复数/, zh: '对申请的答复总数', en: 'replies to requests' },
    { key: 'replies_granted', re: /同意公开答复数/, ord: '1', zh: '其中：同意公开答复数', en: 'replies granting disclosure' },
    { key: 'replies_partial', re: /同意部分公开答复数/, ord: '2', zh: '其中：同意部分公开答复数', en: 'replies granting partial disclosure' },
    { key: 'replies_denied', re: /不予公开答复数|不同意公开答复数|否决公开答复/, ord: '3', zh: '其中：不予公开答复数', en: 'replies denying disclosure' },
    { key: 'replies_other', re: /其他类型答复数/, ord: '4', zh: '其中：其他类型答复数', en: 'other replies' },
    { key: 'complaints_total', re: /申诉、举报数|举报数|申诉数|举报投诉数量/, zh: '行政申诉、举报数', en: 'complaints/reports (申诉、举报)' },
    { key: 'reconsideration_total', re: /行政复议数/, zh: '行政复议数（“未发生”记为0）', en: 'administrative reconsiderations ("none occurred" = 0)' },
    { key: 'litigation_total', re: /行政诉讼数(?!、)/, zh: '行政诉讼数（“未发生”记为0）', en: 'administrative lawsuits ("none occurred" = 0)' },
    { key: 'fees_yuan', re: /收取的费用|收费金额|收取费用/, unit: 'yuan', zh: '收取费用（元；万元已换算）', en: 'fees collected (yuan; 万元 converted)' },
  ],
  // No prescribed table to check: figures are read from the prose and the statistics table.
  checks: [],
  crossYear: { carriedOver: false, stock: null },
  // Figures as printed: replies (答复) where later formats count requests; see the notes in src/schema/measures.ts.
  measures: {
    requests_received: ['fig_requests_received'],
    requests_granted: ['fig_replies_granted'],
    requests_partly_granted: ['fig_replies_partial'],
    requests_denied: ['fig_replies_denied'],
    requests_other_handling: ['fig_replies_other'],
    requests_handled: ['fig_replies_total'],
    reconsiderations: ['fig_reconsideration_total'],
    lawsuits: ['fig_litigation_total'],
  },
  // 2007 Regulation (国务院令第492号): every agency by 31 March of the next year.
  deadline: { government: '03-31', department: '03-31' },
} satisfies FormatSpec;

/**
 * Parent = sum of children, per column, inside the statistics table (used to split run-together digits). The third
 * list holds children only some templates print (the six-channel tables): added when present.
 */
export const STATS_IDENTITIES: Array<[string, string[], string[]?]> = [
  ['proactive_total', ['proactive_web', 'proactive_gazette']],
  ['requests_received', ['requests_in_person', 'requests_online', 'requests_letter'], ['requests_telegram', 'requests_fax', 'requests_email']],
  ['replies_total', ['replies_granted', 'replies_partial', 'replies_denied', 'replies_other']],
];
