// Scoring shared by bench/extract.ts and the quality floor test (test/extract/quality.test.ts): the page sets with
// gold text, character-bigram P/R/F1 against the gold, and the chrome strings a clean body must not hold.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldPage { id: string; set: string; bytes: Uint8Array; gold: string; url?: string }

/**
 * The sets. `html-dev` is the tuning set: the extraction rules were written and tuned on these pages. `html-check`
 * is kept aside for checking: no rule may be decided on it (add pages there only with their source, see its
 * README). `reports` are hand-built report pages with portal chrome: they check wiring (CMS containers,
 * tables, metadata), not quality, and their perfect score says nothing about real pages.
 */
export const SETS = [
  { name: 'html-dev', dir: 'html-dev', gold: 'ground-truth.jsonl', role: 'tuning' },
  { name: 'html-check', dir: 'html-check', gold: 'ground-truth.jsonl', role: 'check' },
  { name: 'reports', dir: join('extract', 'pages'), gold: 'gold.jsonl', role: 'wiring' },
] as const;

const root = join(import.meta.dirname, '..', 'test', 'fixtures');
export function loadSet(name: (typeof SETS)[number]['name']): GoldPage[] {
  const s = SETS.find((x) => x.name === name)!;
  const p = join(root, s.dir, s.gold);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => {
    const g = JSON.parse(l) as { id: string; file: string; gt_text: string; url?: string | null };
    return { id: g.id, set: name, bytes: new Uint8Array(readFileSync(join(root, s.dir, g.file))), gold: g.gt_text, url: g.url ?? undefined };
  });
}

// Chrome strings from docs/domain.md (Page chrome); a page leaks when its output holds one that the
// gold text does not.
export const CHROME = ['扫一扫', '相关推荐', '相关文章', '相关链接', '返回顶部', '责任编辑', '字号', '打印本页', '关闭窗口', '分享到', '上一篇', '下一篇',
  '版权所有', '网站标识码', 'ICP备', '公网安备', '主办单位', '技术支持', '当前位置', '浏览次数', '网站地图', '联系我们', '我要纠错'];

const norm = (s: string) => s.normalize('NFKC').replace(/[\s|]+/g, '');
function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}
export function prf(out: string, gold: string) {
  const a = bigrams(norm(out));
  const b = bigrams(norm(gold));
  let hit = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [k, v] of a) hit += Math.min(v, b.get(k) ?? 0);
  const p = na ? hit / na : 0;
  const r = nb ? hit / nb : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
export const leaks = (out: string, gold: string) => CHROME.filter((c) => out.includes(c) && !gold.includes(c));
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};
