// Site chrome seen on government portals (docs/domain.md, "Page chrome"). Data only: the cleaners in ../text and ../html
// interpret these tables. Adding a new idiom means adding one entry here, never touching the algorithms.

/** A chrome rule for one flattened line of text. */
export interface LineRule {
  kind: string;
  /** Matches the whole (trimmed) line or a characteristic part of it. */
  re: RegExp;
  /**
   * Lines longer than this are report prose that merely mentions the phrase, so the rule does not fire.
   * Chrome bars are short; a report sentence quoting “版权所有” is not.
   */
  maxLen: number;
  /** The line opens a block of links (相关文章 …): the short lines after it go too. */
  opensList?: boolean;
  /** The line starts the page footer: it and everything after it go. */
  opensFooter?: boolean;
}

export const LINE_RULES: LineRule[] = [
  // QR-code prompts: the phone-view code next to every article.
  { kind: 'qr', re: /扫一扫(在手机(上)?)?(打开|浏览|阅读)(当前|本)?页|扫(描)?二维码|扫码关注|手机(扫|打开)|用手机扫描|微信扫一扫|^扫一扫$/, maxLen: 40 },
  { kind: 'font-size', re: /字号[:：]?\s*[\[【〔(（]?\s*(大|T)\s*\|?\s*(中|T)?\s*\|?\s*(小|T)?|【?字体[:：]?\s*[\[【]?\s*(大\s*中\s*小)?|^(大|中|小)(\s+(大|中|小)){2}$|默认\s*大\s*中\s*小|字号[:：]\s*T\s*\|\s*T/, maxLen: 80 },
  // Toolbar words count only as standalone tokens: “打印机3台” in a report table is not a print button.
  { kind: 'toolbar', re: /(^|[\s【\[|])(打印(本页|文本|此页|页面|正文|文章)?|关闭(本页|窗口|页面)?|保存(本页|文章)?|收藏(本页)?|加入收藏|分享到?|我要纠错|纠错|听全文|全文朗读|语音朗读|点击收听.*|视力保护色|微信|微博|QQ空间|QQ好友|今日头条|手机版|移动版|文字版)(?=[】\]\s|:：]|$)/, maxLen: 60 },
  // “已被阅读178次”, “【浏览：1234次】”: the counter with the count in front of 次.
  { kind: 'views', re: /(浏览|阅读|点击|访问)(次数|量|数|人次)[:：]?\s*(\[?\d*\]?)|累计(访问|浏览)(次数|量)?|访问量[:：]|点击数[:：]|已?被(浏览|阅读|点击|访问)\s*\d+\s*次|[\[【(（](浏览|阅读|点击)[:：]?\s*\d+\s*次?[\]】)）]/, maxLen: 60 },
  // Expander and teaser controls: the text they reveal or link to is kept (a report behind “展开全文” is still
  // the report), only the control itself goes.
  { kind: 'expander', re: /^[\[【(（]?\s*(展开全文|阅读全文|查看全文|显示全文|点击(查看|阅读)全文|展开阅读全文|收起全文|展开|收起)\s*[\]】)）]?\s*(>>|»|>|↓|∨|⌄)?$/, maxLen: 12 },
  // Blog-engine trackback lines (WordPress, MT): “本文通告引用(Trackback)链接: /wp-trackback.php?p=1700”.
  { kind: 'trackback', re: /trackback|引用通告|通告引用/i, maxLen: 100 },
  { kind: 'breadcrumb', re: /^(当前位置|您的位置|你的位置|您现在的位置|你现在的位置|当前所在位置|所在位置|位置)[:：]/, maxLen: 200 },
  { kind: 'prev-next', re: /^(上一篇|下一篇|上一条|下一条|前一篇|后一篇)[:：]?/, maxLen: 120 },
  { kind: 'related', re: /^【?(相关(文章|推荐|链接|稿件|阅读|新闻|信息|文件|政策|解读|资讯|报道)|推荐阅读|热点推荐|猜你喜欢|延伸阅读|更多(新闻|推荐)|热门(文章|新闻|推荐))】?\s*[:：]?$/, maxLen: 20, opensList: true },
  // The same label with its links run into one line (“相关链接：某某市人民政府 某某省人民政府”): short, no sentence.
  { kind: 'related', re: /^【?(相关(文章|推荐|链接|稿件|阅读|新闻|信息|文件|政策|解读|资讯|报道)|推荐阅读|热点推荐|延伸阅读)】?\s*[:：][^。；！？]{0,60}$/, maxLen: 70 },
  { kind: 'pager', re: /^(第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|共\s*\d+\s*页)|(<<|«)\s*上一页|下一页\s*(>>|»)|^(上一页|下一页|首页|尾页|末页)$/, maxLen: 60 },
  { kind: 'back-to-top', re: /^[\[【(（]?\s*(返回顶部|回到顶部|TOP|顶部|返回首页|返回上一页|返回列表|返回)\s*[\]】)）]?$/i, maxLen: 12 },
  { kind: 'a11y-mode', re: /无障碍(浏览|阅读)?|长者模式|关怀版|适老化|(退出|进入)老年人?模式|繁体版?|简体版?|English|^(登录|注册)$/, maxLen: 40 },
  { kind: 'attachment-label', re: /^(附件下载|相关附件|附件)[:：]?$/, maxLen: 8 },
  { kind: 'site-links', re: /网站地图|联系我们|网站声明|隐私声明|帮助中心|^网站导航$/, maxLen: 60 },
  { kind: 'footer', re: /主办单位|承办单位|协办单位|技术支持|网站标识码|ICP备|ICP证|公网安备|版权所有|Copyright|©|网站维护|建议使用.*浏览器|分辨率|Produced\s+By/i, maxLen: 200, opensFooter: true },
  // Residue of other tools' page dumps: a decorated separator before the body (everything above it is the dump's
  // header, see ../text/clean-lines.ts), the saved page's address, and header fields left empty (“文号:”).
  { kind: 'dump-separator', re: /^[=\-_*#~—]{3,}\s*(正\s*文|内\s*容|全\s*文)?\s*[=\-_*#~—]{3,}$/, maxLen: 80 },
  { kind: 'dump-source', re: /^(原文链接|原文地址|原始链接|来源链接)\s*[:：]?\s*\S+/, maxLen: 300 },
  { kind: 'column-field', re: /^(栏目|所属栏目|所在栏目|栏目名称)\s*[:：]/, maxLen: 40 },
  { kind: 'empty-field', re: /^(文号|发文字号|发布机构|发布单位|栏目|所属栏目|作者|标题)\s*[:：]\s*$/, maxLen: 10 },
  { kind: 'editor', re: /^[\[【(（]?\s*(责任编辑|编辑|审核|审核人|审校|校对|终审|责编|初审|复审)[:：]/, maxLen: 60 },
];

/**
 * class/id fragments of page furniture. Matched case-insensitively against `class` and `id` as whole words or
 * word parts; an element so marked is dropped before the main content is chosen (unless it holds the body itself,
 * which the caller checks by text length).
 */
export const CHROME_ATTR_RE =
  /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|weizhi|footer|foot|bottom|copyright|banquan|share|fenxiang|bdshare|social|print|dayin|qrcode|ewm|erweima|related|xgwz|xgxx|relate|recommend|tuijian|prev|next|prevnext|sxy|sxp|pagination|pager|toolbar|tools|fontsize|zihao|zh_size|sidebar|side|aside|comment|comments|pinglun|login|search|topbar|header|head|logo|ad|ads|advert|guanggao|float|piao|jiucuo|wza|accessib)([\s_-]|\d|$)/i;

/**
 * class/id fragments of reader-comment blocks (WordPress `ol.commentlist` / `li#comment-12`, `#comments`,
 * news sites' `pinglun` boxes). Unlike other furniture a comment can be long, punctuated prose (readers paste
 * whole articles), so the “looks like a body” guard does not save it; only the chosen body, or a block holding
 * most of the page's text, is spared.
 */
export const COMMENT_ATTR_RE = /(^|[\s_-])(comments?|comment_?(list|box|area|wrap|body|content|item)s?|commentlist|pinglun|pl_?(list|box))([\s_-]|\d|$)/i;

/** Tags that never carry report text. */
export const DROP_TAGS = ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'form', 'button', 'select', 'input', 'textarea', 'nav', 'header', 'footer', 'aside', 'link', 'meta'];
