// Labels of the 政府信息公开 metadata table and of the date/source bars above articles (docs/domain.md, "Page chrome").
// Each entry maps the printed label variants to one key in Extracted.meta. Data only; ../text/meta-line.ts
// reads it. Order matters only where one label is a prefix of another (longer first).

export interface MetaField {
  key: string;
  labels: string[];
  /** Candidate for published_at, ranked: lower wins. Undefined = not a date. */
  dateRank?: number;
}

export const META_FIELDS: MetaField[] = [
  { key: '索引号', labels: ['索引号', '索 引 号', '索引编号', '信息索引号'] },
  { key: '主题分类', labels: ['主题分类', '主题分类名称', '信息分类', '体裁分类', '组配分类', '分类', '所属类别', '信息类别', '类别'] },
  { key: '发布机构', labels: ['发布机构', '发布单位', '发文机关', '发文单位', '发文机构', '公开主体', '信息提供单位', '生成机构'] },
  { key: '文号', labels: ['发文字号', '文号', '文件编号', '发文编号'] },
  { key: '成文日期', labels: ['成文日期', '发文日期', '生成日期', '成文时间', '制发日期', '签发日期'], dateRank: 2 },
  { key: '发布日期', labels: ['发布日期', '发布时间', '公开日期', '公开时间', '发表时间', '发表日期', '更新时间', '更新日期', '日期', '时间'], dateRank: 1 },
  { key: '来源', labels: ['信息来源', '文章来源', '稿件来源', '来源'] },
  { key: '作者', labels: ['作者', '撰稿', '撰稿人'] },
  { key: '有效性', labels: ['有效性', '时效性', '时效', '有效期'] },
  { key: '公开方式', labels: ['公开方式', '公开形式'] },
  { key: '公开范围', labels: ['公开范围'] },
  { key: '关键词', labels: ['主题词', '关键词', '关键字'] },
  { key: '责任编辑', labels: ['责任编辑', '编辑', '审核人', '审核'] },
  { key: '标题', labels: ['标题', '名称', '文件名称'] },
  { key: '浏览次数', labels: ['浏览次数', '阅读次数', '点击次数', '访问次数', '访问量', '浏览量', '阅读量', '点击数', '点击量'] },
  { key: '字号', labels: ['字号', '字体'] },
];

/** <meta name=…> names (lower-cased) that carry the title, date or source, in order of trust. */
export const META_TAG_TITLE = ['articletitle', 'og:title', 'title', 'dc.title'];
export const META_TAG_DATE = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'dc.date', 'dc.date.issued', 'publish_time', 'publishtime', 'date'];
export const META_TAG_SOURCE = ['contentsource', 'source', 'author'];
/** Parts of a <title> that name the site rather than the document. */
export const SITE_NAME_RE = /(人民政府|政府网|门户网站|网站|政务网|政府信息公开|信息公开|政务公开|首页|平台|专栏|目录|gov\.cn)$/;

/**
 * A 来源 that names where a text was reposted from, not the body that issued it: a WeChat 公众号 or other
 * social account, a news outlet, a 转载/转自 note. Such a value is kept as 转载来源 and never as 来源, so it is not
 * read as the report's agency (a bar saying `来源：江西统计 公众号` on a 统计局 page).
 */
export const REPOST_SOURCE = /(公众号|微信|微博|头条号|抖音|客户端|转载|转自|网易|新浪|搜狐|腾讯|新华社|新华网|人民网|央视|中新网|澎湃|日报|晚报|商报|都市报|电视台|广播电台|融媒)/;
