// When the page's own rules look to have missed the body, a second extractor (Readability) is asked and the
// better of the two kept (../html/second-opinion.ts). These are the signs of a poor first result, and the bar the
// second one must clear. Decided on test/fixtures/html-dev, where none of them fires on a page our rules get
// right; see bench/extract.ts for how often they fire.

/** Lines of a site-wide notice box (版权与免责声明, 联系我们, 主办单位 …): a body made mostly of these is the wrong box. */
export const BOILERPLATE_LINE = /(版权|免责|声明|转载|授权|不代表本[网站]|仅供参考|联系我们|主办单位|承办单位|技术支持|ICP备|公网安备|网站标识码|Copyright|©)/i;
/** Share of the body's characters in such lines from which the body counts as a boilerplate box. */
export const BOILERPLATE_SHARE = 0.5;

/** Markup of a page drawn by a client-side framework and saved after (or before) rendering. */
export const SPA_SHELL = /\bng-(?:app|controller|view|repeat|bind)\b|\sv-(?:for|if|bind|html)=|\sdata-v-[0-9a-f]{6,}|\{\{[^{}\n]{1,80}\}\}/;

/** A body shorter than this (characters, spaces ignored) on a page with text is empty. */
export const EMPTY_BODY = 50;
/** “Little text”: a body under this many characters and under this share of the page's visible text. */
export const LITTLE_BODY = 200;
export const LITTLE_SHARE = 0.1;
/** On a script-built page, a body under this share of the visible text is suspect. */
export const SPA_SHARE = 0.3;

/** The second result wins only when it is at least this much longer (and not itself a boilerplate box). */
export const WIN_FACTOR = 1.5;
export const WIN_MARGIN = 100;

/**
 * Pages longer than this (characters of decoded HTML) are not handed to the second extractor: it builds a full
 * DOM, which on a malformed page of megabytes costs seconds. Report pages are well under it.
 */
export const MAX_SECOND_OPINION_BYTES = 512 * 1024;

/** Above this share of control characters a page is binary junk, not markup: no second opinion is asked. */
export const MAX_CONTROL_SHARE = 0.005;
