// Generic main-content finder for pages no CMS rule knows, in one linear pass. Each paragraph (a block whose
// own text is long and punctuated) votes for its block and the levels above; the winner is the block with
// the most votes after discounting its link-text share. That is the text-density / punctuation / link-density
// idea of GeneralNewsExtractor, trafilatura and Readability. Every text chunk also gets a value (prose
// positive, link text and short scraps negative) summed up the tree, used when no paragraph exists.
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

// Inline text shorter than this is a label or a link, not a paragraph.
const MIN_PARAGRAPH = 25;
const LEVEL_WEIGHT = [1, 1, 0.5];

interface Acc extends NodeStats {
  /** Inline text not yet valued: it is valued as one chunk by the nearest enclosing block. */
  iText: number;
  iLink: number;
  iPunct: number;
}

export interface ScoredTree {
  best: Element | null;
  stats: Map<Element, NodeStats>;
  /** Paragraph votes per block (see above). */
  votes: Map<Element, number>;
}

export function scoreTree(root: AnyNode): ScoredTree {
  const stats = new Map<Element, NodeStats>();
  const votes = new Map<Element, number>();
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
    if (n.type === 'root') {
      for (const c of (n as unknown as Element).children) visit(c, inLink, inTable);
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
      const own = s.iText - s.iLink;
      s.value += chunkValue(own, s.iPunct, false, table) + chunkValue(s.iLink, 0, true, table);
      if (own >= MIN_PARAGRAPH && s.iPunct > 0) {
        // A paragraph votes for the block that holds it and, less, for the two levels above.
        const vote = 1 + s.iPunct + Math.min(own / 100, 3);
        let p: AnyNode | null = n;
        for (let level = 0; p && level < 3; level++, p = p.parent) {
          if (!isElement(p)) break;
          votes.set(p, (votes.get(p) ?? 0) + vote * LEVEL_WEIGHT[level]!);
        }
      }
      s.iText = s.iLink = s.iPunct = 0;
    }
    stats.set(n, s);
    return s;
  };
  visit(root, false, false);
  // Candidates: the most voted-for blocks, discounted by their share of link text (navigation next to the
  // body collects no votes but drags a container's link density up).
  for (const [el, v] of votes) {
    if (!CANDIDATE.has(el.name)) continue;
    const st = stats.get(el);
    const ld = st && st.text ? st.link / st.text : 0;
    const score = v * (1 - ld);
    if (score > bestValue) {
      bestValue = score;
      best = el;
    }
  }
  // No paragraph anywhere (a page of short lines): fall back to the subtree with the highest text value.
  if (!best) {
    for (const [el, st] of stats) {
      if (CANDIDATE.has(el.name) && st.value > bestValue) {
        bestValue = st.value;
        best = el;
      }
    }
  }
  return { best, stats, votes };
}

/** The best-scoring candidate block inside `within` (itself included). */
export function bestWithin(within: Element, t: ScoredTree): Element | null {
  let best: Element | null = null;
  let bestValue = -Infinity;
  for (const [el, v] of t.votes) {
    if (!CANDIDATE.has(el.name)) continue;
    let inside = false;
    for (let p: AnyNode | null = el; p; p = p.parent) if (p === within) { inside = true; break; }
    if (!inside) continue;
    const st = t.stats.get(el);
    const score = v * (1 - (st && st.text ? st.link / st.text : 0));
    if (score > bestValue) {
      bestValue = score;
      best = el;
    }
  }
  return best;
}
