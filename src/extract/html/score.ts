// Generic main-content finder for pages no CMS rule knows. Every text chunk gets a value: prose (long, with
// Chinese punctuation) is positive, link text and short unpunctuated scraps are negative. Values add up the
// tree, and the element whose subtree sums highest is the body: climbing above it only adds navigation, link
// lists and scraps, which cost more than they bring. This is the text-density / link-density idea behind
// GeneralNewsExtractor and trafilatura, reduced to one linear pass.
import { BLOCK_TAGS, isElement, isText, type AnyNode, type Element } from './dom.ts';
import { countPunct } from '../text/normalize.ts';

export interface NodeStats {
  value: number;
  text: number;
  link: number;
  punct: number;
}

const CANDIDATE = new Set(['div', 'td', 'article', 'section', 'main', 'body', 'font', 'span', 'center', 'table', 'tbody', 'tr', 'ul', 'dd', 'blockquote', 'form']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'select', 'option', 'textarea', 'button', 'iframe']);

function chunkValue(len: number, punct: number, inLink: boolean, inTable: boolean): number {
  if (len <= 0) return 0;
  if (inLink) return -2 * len;
  // Short scraps without punctuation (“首页”, “字号 大 中 小”, “2022-02-08”) are chrome more often than text,
  // except inside tables, where short numeric cells are the report's data.
  if (len <= 10 && punct === 0 && !inTable) return -0.5 * len;
  return len + 3 * punct;
}

interface Acc extends NodeStats {
  /** Inline text not yet valued: it is valued as one chunk by the nearest enclosing block. */
  iText: number;
  iLink: number;
  iPunct: number;
}

export function scoreTree(root: AnyNode): { best: Element | null; stats: Map<Element, NodeStats> } {
  const stats = new Map<Element, NodeStats>();
  let best: Element | null = null;
  let bestValue = -Infinity;

  const visit = (n: AnyNode, inLink: boolean, inTable: boolean): Acc => {
    const s: Acc = { value: 0, text: 0, link: 0, punct: 0, iText: 0, iLink: 0, iPunct: 0 };
    if (isText(n)) {
      const t = n.data.replace(/[\s\u00a0\u3000]+/g, '');
      if (!t) return s;
      const p = countPunct(t);
      s.text = s.iText = t.length;
      s.punct = s.iPunct = p;
      if (inLink) s.link = s.iLink = t.length;
      return s;
    }
    if (!isElement(n) || SKIP.has(n.name)) return s;
    const link = inLink || (n.name === 'a' && !!n.attribs.href);
    const table = inTable || n.name === 'table';
    for (const c of n.children) {
      const cs = visit(c, link, table);
      s.value += cs.value;
      s.text += cs.text;
      s.link += cs.link;
      s.punct += cs.punct;
      s.iText += cs.iText;
      s.iLink += cs.iLink;
      s.iPunct += cs.iPunct;
    }
    if (BLOCK_TAGS.has(n.name)) {
      s.value += chunkValue(s.iText - s.iLink, s.iPunct, false, table) + chunkValue(s.iLink, 0, true, table);
      s.iText = s.iLink = s.iPunct = 0;
    }
    stats.set(n, s);
    if (CANDIDATE.has(n.name) && s.value > bestValue) {
      bestValue = s.value;
      best = n;
    }
    return s;
  };
  visit(root, false, false);
  return { best, stats };
}
