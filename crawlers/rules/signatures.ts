// Anti-bot challenge signatures and soft-404 markers, as data (docs/domain.md, "Blocking and what needs a browser"). The crawler only *detects*
// these — a challenged portal is reported `blocked` with the matching evidence; nothing here tries to solve one.

export interface ChallengeSignature {
  name: string;
  /** HTTP statuses the signature occurs with; empty = any. */
  statuses: number[];
  /** Body pattern (checked on the first 8 KB), or null when the status alone is enough with `tinyScriptBody`. */
  body: RegExp | null;
  /** Cookie name in Set-Cookie that marks the challenge. */
  cookie?: RegExp;
}

export const CHALLENGE_SIGNATURES: readonly ChallengeSignature[] = [
  { name: 'ruishu-412', statuses: [412], body: /\$_ts\s*=|\$_ts\./ },
  { name: 'ruishu-412-bare', statuses: [412], body: null },
  { name: 'jiasule-521', statuses: [521], body: /__jsl_clearance|document\.cookie/ },
  { name: 'jiasule-cookie', statuses: [], body: /__jsl_clearance(_s)?\s*=/ },
  { name: 'aliyun-acw', statuses: [], body: /acw_sc__v2|arg1\s*=\s*['"][0-9A-F]{30,}/, cookie: /acw_sc__v2/ },
  { name: 'cookie-bootstrap', statuses: [200, 202, 403, 503], body: /^\s*(<html>\s*)?<script[^>]*>[^<]{0,4000}document\.cookie\s*=[^<]*(location\.(reload|href|replace)|window\.location)/i },
  { name: 'waf-block-page', statuses: [403, 405, 418, 429, 503], body: /(访问被拒绝|您的访问被阻断|网站防火墙|安全狗|云锁|疑似黑客攻击|WAF拦截|当前访问疑似)/ },
];

/** A 2xx body this small whose visible text is empty but which carries a script is treated as a challenge shell. */
export const TINY_SCRIPT_BODY = { maxBytes: 2048, script: /<script/i };

/** Soft 404: a 200 page that says the page does not exist (checked on the visible text of short pages). */
export const SOFT_404_MARKERS: readonly RegExp[] = [
  /页面不存在/, /找不到(该|您要访问的|您所访问的|相关)?页面/, /页面(已被)?删除/, /您(所)?访问的(页面|信息|文章|内容)(不存在|已(被)?删除|已过期)/,
  /信息(不存在|已删除|已撤销)/, /文章不存在/, /404\s*(Not Found|错误|页面)/i, /访问的页面走丢了/, /抱歉[，,]?(您|你)访问的/,
];
/** Pages longer than this (visible characters) are never called soft 404s: real reports may quote such words. */
export const SOFT_404_MAX_TEXT = 600;
