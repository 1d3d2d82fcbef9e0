// Query parameters that never select a different document: share and campaign tags that WeChat, Weibo, Baidu,
// Google, Facebook and analytics add to a link someone passed on. Canonicalisation drops them so one report is
// fetched once; every other parameter is kept byte for byte (a `t`, `from`, `_` or `timestamp` can be the very
// thing a CMS reads: `from=xxgk` picks a template, `t=2` a tab, `_=` is required by some JSONP endpoints).
// Matching is on the lower-cased name; a name ending in `*` is a prefix; `values`, when given, limits the rule to
// those values (lower-cased), for names that are also ordinary parameters.
export interface TrackingParam { name: string; values?: readonly string[] }

export const TRACKING_PARAMS: readonly TrackingParam[] = [
  { name: 'utm_*' }, // Google Analytics campaign tags
  { name: 'spm' }, { name: 'spm_id_from' }, // Alibaba / Bilibili position tags
  // WeChat share tags: `from=timeline|singlemessage|groupmessage&isappinstalled=0` is appended when a reader
  // shares to Moments, a chat or a group; `from` with any other value is left alone.
  { name: 'from', values: ['timeline', 'singlemessage', 'groupmessage'] },
  { name: 'isappinstalled' }, { name: 'clicktime' }, { name: 'enterid' }, { name: 'sharer_*' }, { name: 'share_token' },
  { name: 'mpshare' }, { name: 'wxfrom' }, { name: 'nsukey' }, { name: 'sharesource' }, { name: 'wfr' },
  { name: 'fbclid' }, { name: 'gclid' }, { name: 'yclid' }, { name: 'bd_vid' }, // ad-click identifiers
];
