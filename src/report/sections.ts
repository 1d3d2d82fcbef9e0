// The report's numbered parts ("一、总体情况" …). Headings must count up one by one, which keeps table row labels
// ("一、本年新收…", "三、本年度办理结果") and sub-headings out; flattened one-line texts are handled the same way.

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const HEADING = /(?:^|\n|(?<=[。；;!！?？\s|]))\s*(十[一二]?|[一二三四五六七八九])\s*[、.．]\s*/g;
/** Table row labels that look like headings. */
const NOT_HEADING = /^(?:本年新收|上年结转|本年度办理结果|结转下年度|本年|上年)/;

export interface Section { heading: string; text: string }

export function splitSections(text: string): Section[] {
  const found: Array<{ at: number; bodyAt: number; n: number }> = [];
  let expect = 0;
  for (const m of text.matchAll(HEADING)) {
    const n = NUMERALS.indexOf(m[1]!);
    const after = m.index! + m[0].length;
    if (NOT_HEADING.test(text.slice(after, after + 8))) continue;
    if (n === expect) {
      found.push({ at: m.index! + m[0].search(/\S/), bodyAt: after, n });
      expect = n + 1;
    }
  }
  if (!found.length) return [];
  return found.map((f, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.at : text.length;
    const chunk = text.slice(f.at, end).trim();
    // Heading = the line, or for run-on text the words up to the first sentence break (at most 40 characters).
    const nl = chunk.indexOf('\n');
    let heading = nl >= 0 && nl <= 60 ? chunk.slice(0, nl) : (/^.{2,38}?(?:情况|概述|措施|事项|附表|统计表|问题)/.exec(chunk)?.[0] ?? chunk.slice(0, 40));
    const stop = heading.search(/[。；;:：]/);
    if (stop > 0) heading = heading.slice(0, stop);
    return { heading: heading.trim(), text: chunk.slice(heading.length).trim() };
  });
}
