// Documents (PDF, DOC, DOCX) open with their title, often wrapped over two or three lines; lift it out.
import { isReportTitle } from '../text/clean-text.ts';

export function liftTitle(lines: string[]): { title: string | null; rest: string[] } {
  for (let n = 1; n <= 3 && n <= lines.length; n++) {
    const head = lines.slice(0, n);
    if (head.some((l) => l.includes(' | ') || l.length > 60)) break;
    // PDF items put stray spaces between a year and the following character (“2024 年”).
    const joined = head.join('').replace(/(?<=[\u3400-\u9fff\d])\s+(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])\s+(?=\d)/g, '');
    if (isReportTitle(joined)) return { title: joined, rest: lines.slice(n) };
  }
  return { title: null, rest: lines };
}
