// The title of a report in flattened text when nothing else gave one: it is not always the first line. Accessibility
// and breadcrumb residue (无障碍/关怀版/当前位置), metadata rows and the site name come first on real pages, and long
// titles are broken over two lines (“天津市红桥区人民政府2024年” / “政府信息公开年度报告”).
import { classifyTitle, type Classification } from '../classify.ts';
import { compact } from '../normalize.ts';
import { META_FIELDS } from '../../extract/rules/meta-fields.ts';
import { NAME_LINE, SENTENCE, TITLE_ROW_LABEL, TITLE_SCAN_LINES, TITLE_MAX_CHARS } from '../rules/identity.ts';

export interface FoundTitle { title: string; cls: Classification; line: number }

/**
 * A row of the 政府信息公开 metadata table printed without colons (“索引号 1132…/2023-00047 组配分类 政府信息公开工作年度报告”):
 * it starts with a field label and its value may be the report's column name, so it is never a title. The 标题/名称
 * row is the exception: its value is the title.
 */
const META_ROW = new RegExp(`^(?:${META_FIELDS.filter((f) => f.key !== '标题').flatMap((f) => f.labels).map((l) => l.replace(/\s/g, '')).sort((a, b) => b.length - a.length).join('|')})`);

/** A line that can be (part of) a title: short, not a sentence and not a metadata row. */
function titleShaped(c: string): boolean {
  return c.length >= 2 && c.length <= TITLE_MAX_CHARS && !SENTENCE.test(c) && !META_ROW.test(c);
}

/**
 * The first title-shaped line (or pair of adjacent lines) among the opening lines that carries the report phrase
 * with a year, or that is a look-alike's title (a notice, news, 解读…). A look-alike title is returned too: the page
 * is that document, not a report.
 */
export function findTitle(text: string): FoundTitle | null {
  const lines: string[] = [];
  for (const l of text.split('\n')) {
    // The metadata table's 标题 row (“标题 | 万年县2023年…年度报告 | | |”) carries the title after its label.
    const c = compact(l).replace(TITLE_ROW_LABEL, '').replace(/[|｜]+$/, '');
    if (c) lines.push(c);
    if (lines.length >= TITLE_SCAN_LINES) break;
  }
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i]!;
    if (!titleShaped(cur)) continue;
    const next = lines[i + 1];
    const candidates = [cur];
    // Two lines are one title when the second is no title by itself ("…2024年" / "政府信息公开年度报告") and the
    // first is no metadata row ("发布机构:"). A line that is only the body's name over a title without one
    // ("遂宁市安居区人民政府" / "2020年政府信息公开工作年度报告") is the other way a title breaks.
    // Only a line without the report phrase is the first half of a title; neither half is a metadata row.
    if (next && titleShaped(next) && !/[:：]/.test(cur + next) && cur.length + next.length <= TITLE_MAX_CHARS && classifyTitle(cur).code === 'no_phrase') {
      const alone = classifyTitle(next);
      if (!alone.is_report || (alone.agency === null && NAME_LINE.test(cur))) candidates.unshift(cur + next);
    }
    for (const cand of candidates) {
      const cls = classifyTitle(cand);
      if (cls.is_report || (cls.code !== 'no_phrase' && cls.code !== 'no_year' && cls.code !== 'empty')) return { title: cand, cls, line: i };
    }
  }
  return null;
}
