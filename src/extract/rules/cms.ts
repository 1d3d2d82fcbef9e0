// Body containers of the CMS families that run government portals (docs/domain.md, "Portal idioms"). One entry per idiom;
// the selector is a CSS selector understood by cheerio. Adding a CMS = adding an entry here.

export interface CmsRule {
  cms: string;
  selector: string;
  /** Cheap test on the raw HTML before running the selector: most pages match no rule at all. */
  hint: RegExp;
  /** Containers so generic that they sometimes wrap the whole page: accepted only if link density is low. */
  loose?: boolean;
}

/** A body delimited by a pair of HTML comments rather than by an element. */
export interface CmsMarker {
  cms: string;
  begin: string;
  end: string;
}

export const CMS_MARKERS: CmsMarker[] = [
  // Hanweb/大汉 JCMS article pages print the body between these comments (inside #zoom, #ivs_content or a bare
  // cell), with <meta name="ContentStart"/"ContentEnd"> just inside; GitHub crawlers of wenzhou, jiangsu and
  // 建德 pages cut the body at exactly these markers. Tried before the selectors: it is the exact body.
  { cms: 'hanweb', begin: 'ZJEG_RSS.content.begin', end: 'ZJEG_RSS.content.end' },
];

export const CMS_RULES: CmsRule[] = [
  // www.gov.cn and other 开普云/UCAP sites wrap the TRS body in #UCAP-CONTENT; the outer one also holds
  // attachment links, so it is listed first and wins when it contains the inner one.
  { cms: 'ucap', selector: '#UCAP-CONTENT, ucapcontent', hint: /ucap-?content/i },
  { cms: 'trs', selector: '.TRS_Editor, .trs_editor_view, .TRS_UEDITOR, .trs_paper_default, .TRS_PreAppend', hint: /trs_(editor|ueditor|paper|preappend)/i },
  { cms: 'gov.cn', selector: '.pages_content, #pages_content', hint: /pages_content/ },
  // Hanweb/大汉 JCMS article pages: #zoom (font-size widget target), their content-begin comment wrapper,
  // and the 信息公开 module's detail cell.
  { cms: 'hanweb', selector: '#zoom, #Zoom, .zoom, #zoomcon, .bt-article, .main-txt, #barrierfree_container .article', hint: /zoom|bt-article|main-txt|barrierfree_container/i },
  // VSB/博达: the article sits in div.v_news_content inside the #vsb_content… box of the _newscontent_fromname
  // form (GitHub crawlers of VSB school/county sites select `#vsb_content .v_news_content`, `#vsb_content_2`,
  // `#vsb_content_502`). The outer id is listed too for templates without the inner class.
  { cms: 'vsb', selector: '.v_news_content, #vsb_content, #vsb_content_2, [id^="vsb_content"]', hint: /vsb_content|v_news_content/ },
  { cms: 'gkmlpt', selector: '.article-content, .content-box .content, .article_con', hint: /article-content|content-box|article_con/ },
  { cms: 'generic-article', selector: '#fontzoom, #fontZoom, .fontzoom, #zoomtext, #ivs_content, #Content, #detailContent, .detail-content, .art_con, .article-con, .artical-content, #article_content, .article_content, .wzcon, .zwnr, #zwnr, .con_txt, .news_content, .xxgk_content, #xxgk_content, .TRS_Editor_Body', loose: true,
    hint: /fontzoom|zoomtext|ivs_content|id=["']?(content|detailcontent|article_content|zwnr|xxgk_content)\b|detail-content|art_con|article-con|artical-content|article_content|wzcon|zwnr|con_txt|news_content|xxgk_content|TRS_Editor_Body/i },
];
