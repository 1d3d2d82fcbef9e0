// The title of a report in flattened text when nothing else gave one: it is not always the first line. Accessibility
// and breadcrumb residue (无障碍/关怀版/当前位置), metadata rows and the site name come first on real pages, and long
// titles are broken over two lines (“天津市红桥区人民政府2024年” / “政府信息公开年度报告”).
import { classifyTitle, type Classification } from '../classify.ts';
import { compact } from '../normalize.ts';
import { SENTENCE, TITLE_SCAN_LINES, TITLE_MAX_CHARS } from '../rules/identity.ts';

export interface FoundTitle { title: string; cls: Classification; line: number }

/** A line that can be (part of) a title: short, and not a sentence. */
function titleShaped(c: string): boolean {
  return c.length >= 2 && c.length <= TITLE_MAX_CHARS && !SENTENCE.test(c);
}

/**
 * The first title-shaped line (or pair of adjacent lines) among the opening lines that carries the report phrase
 * with a year, or that is a look-alike's title (a notice, news, 解读…). A look-alike title is returned too: the page
 * is that document, not a report.
 */
export function findTitle(text: string): FoundTitle | null {
  const lines: string[] = [];
  for (const l of text.split('\n')) {
    const c = compact(l);
    if (c) lines.push(c);
    if (lines.length >= TITLE_SCAN_LINES) break;
  }
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i]!;
    if (!titleShaped(cur)) continue;
    const next = lines[i + 1];
    const candidates = [cur];
    // Two lines are one title only when the second is no title by itself ("…2024年" / "政府信息公开年度报告"), and the
    // first is no metadata row ("发布机构:").
    if (next && titleShaped(next) && !/[:：]/.test(cur) && cur.length + next.length <= TITLE_MAX_CHARS && !classifyTitle(next).is_report) candidates.push(cur + next);
    for (const cand of candidates) {
      const cls = classifyTitle(cand);
      if (cls.is_report || (cls.code !== 'no_phrase' && cls.code !== 'no_year' && cls.code !== 'empty')) return { title: cand, cls, line: i };
    }
  }
  return null;
}
