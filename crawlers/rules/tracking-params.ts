// Query parameters that never select a different document: share/campaign trackers added by WeChat, Weibo,
// analytics and CMS preview links. Canonicalisation drops them so one report is fetched once. Matching is on the
// lower-cased parameter name; entries ending in `*` are prefixes.
export const TRACKING_PARAMS: readonly string[] = [
  'utm_*', 'from', 'isappinstalled', 'scene', 'clicktime', 'enterid', 'share_token', 'sharer_*', 'spm', 'spm_id_from',
  'wfr', 'timestamp', 'ts', '_t', 't', 'random', 'rnd', '_', 'jsessionid', 'phpsessid',
  'sessionid', 'sid_ref', 'mpshare', 'srcid', 'sharesource', 'fbclid', 'gclid', 'yclid', 'bd_vid', 'wxfrom', 'nsukey',
];
