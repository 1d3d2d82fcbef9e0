// Cuts the page chrome off the ends of a run-on line (see ../rules/run-on.ts). Everything cut is reported.
import type { Removed } from '../../schema/document.ts';
import { BODY_STARTS, HEADER_MAX, HEADER_OPENERS, RUN_ON_MIN, TRAILING_CHROME } from '../rules/run-on.ts';

export function trimRunOn(line: string, removed: Removed[]): string {
  if (line.length < RUN_ON_MIN) return line;
  let out = line;
  if (HEADER_OPENERS.test(out)) {
    const start = BODY_STARTS.exec(out.slice(0, HEADER_MAX));
    if (start && start.index > 0) {
      removed.push({ kind: 'run-on-header', text: out.slice(0, start.index).trim() });
      out = out.slice(start.index);
    }
  }
  const tail = TRAILING_CHROME.exec(out);
  if (tail && tail[0].trim()) {
    removed.push({ kind: 'run-on-trailer', text: tail[0].trim() });
    out = out.slice(0, tail.index);
  }
  return out;
}
