// What a person follows from a portal's home page to its annual-report column, as data (crawlers/discover-column.ts
// applies it): first the disclosure hub (政府信息公开 / 政务公开 / 信息公开目录), then the column itself
// (政府信息公开年报 / 政府信息公开工作年度报告 / 工作年报). Scores rank the links of one page against each other;
// only their order matters.

export interface TextRule { re: RegExp; score: number; what: string }

/** Anchor texts naming the annual-report column. The site-wide column outranks per-department or per-year ones. */
export const COLUMN_LINK_TEXT: readonly TextRule[] = [
  { re: /^(政府)?信息公开(工作)?(年度报告|年报)(专栏|专题|栏目)?$/, score: 100, what: '政府信息公开年报' },
  { re: /^政务公开(工作)?(年度报告|年报)$/, score: 90, what: '政务公开年报' },
  { re: /^(政府信息公开)?工作年报$/, score: 85, what: '工作年报' },
  { re: /^(年度报告|年报)(专栏|专题|栏目)?$/, score: 80, what: '年度报告' },
  { re: /^(本级|市本级|县本级|区本级|本机关)(政府信息公开)?(年度报告|年报)$/, score: 75, what: '本级年报' },
  { re: /^(历年|往年)(政府信息公开)?(年度报告|年报)$/, score: 60, what: '历年年报' },
  { re: /^(部门|县直|区直|市直|乡镇|街道|镇街|单位)(政府)?(信息公开)?(年度报告|年报)$/, score: 40, what: '部门/乡镇年报' },
];

/** Anchor texts leading to the disclosure hub, where the column link usually is. */
export const HUB_LINK_TEXT: readonly TextRule[] = [
  { re: /^政府信息公开(专栏|平台|目录)?$/, score: 30, what: '政府信息公开' },
  { re: /^(信息公开|政务公开)(专栏|目录|平台)?$/, score: 25, what: '信息公开/政务公开' },
  { re: /^(法定)?主动公开(内容|目录)?$/, score: 10, what: '主动公开' },
];

/** Link URLs that look like a column or a hub add to the text score (a column named only by its icon still counts). */
export const COLUMN_URL_HINT = /\/(zfxxgknb|xxgknb|gknb|zfxxgkndbg|xxgkndbg|ndbg|zfxxgkgzndbg|nianbao|annualreport|OpennessAnnualReport|XxgkAnnualReport)\b/i;
export const HUB_URL_HINT = /\/(zfxxgk|xxgk|zwgk|gkml|gkmlpt|openness|public)\b/i;
export const COLUMN_URL_BONUS = 15;
export const HUB_URL_BONUS = 5;

/** Texts that mention reports but lead elsewhere (guides, notices, statistics): never followed. */
export const NOT_A_COLUMN_TEXT = /(指南|制度|通知|解读|图解|读懂|申请|报表|统计|预算|决算|公报|政府工作报告|法治政府)/;

/** CMS families, recognised from URL shapes of the column and its report links (docs/domain.md, Portal idioms). */
export const CMS_FAMILIES: ReadonlyArray<{ name: string; column?: RegExp; report?: RegExp }> = [
  { name: 'gkmlpt', column: /\/gkmlpt\//, report: /\/gkmlpt\/content\/.*post_\d+\.html$/ },
  { name: 'hanweb', column: /\/col\/col\d+\//, report: /\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_\d+_\d+\.html$|\/module\/xxgk\/xxgkAnnualReport\.jsp/ },
  { name: 'trs', report: /\/t\d{8}_\d+(_\d+)?\.s?html?$/ },
  { name: 'anhui-openness', report: /\/(OpennessAnnualReport|XxgkAnnualReport)\/show\/\d+\.html$/ },
];

/** Host labels that say nothing about the portal, left out of a proposed id. */
export const GENERIC_HOST_LABELS = new Set(['www', 'gov', 'cn', 'com', 'org', 'net', 'zwgk', 'xxgk', 'gk', 'public', 'http', 'https']);

/** Labels that make an anchor worth listing as a rejected look-alike in a dry run. */
export const LOOKALIKE_TEXT = /(年报|年度报告|工作报告)/;
