// Run by pathological.test.ts in a child process: builds 2–8 MB pathological pages and runs every scan the crawler
// makes on raw page text over each, printing one JSON line per page with the time it took (for the log; the test
// asserts only that all of them finish).
import { detectChallenge, detectSoft404, looksScriptBuilt, clientRedirect } from '../../crawlers/detect.ts';
import { anchorsOf, framesOf, visibleText, htmlTitle } from '../../crawlers/links.ts';
import { emptyVerdict } from '../../crawlers/documents.ts';
import { IDIOMS } from '../../crawlers/cms/index.ts';
import { decode } from '../../src/extract/index.ts';
import type { Task } from '../../crawlers/types.ts';

export const PAGE_BYTES = 8 * 1024 * 1024;
/** Full-size pages for the unclosed openings the issue found; the other shapes at 2 MB keep the test short. */
const FULL_SIZE = new Set(['unclosed <script', 'open <script> without </script>', 'unclosed <!--', 'unclosed <a href="', 'unclosed <title', 'unclosed <style>']);

/** Units repeated to fill a page: openings that never close, the shapes that make backtracking regexes rescan. */
export const UNITS: Record<string, string> = {
  'unclosed <script': '<script',
  'open <script> without </script>': '<script>x',
  'unclosed <a href="': '<a href="x"',
  '<a> without </a>': '<a href=/r.html>t',
  'unclosed <!--': '<!--',
  'unclosed <title': '<title',
  'unclosed <meta refresh': '<meta http-equiv=refresh content="0;url=x" ',
  'unclosed <iframe': '<iframe src="x"',
  'unclosed <style>': '<style>',
  'script assigning location': '<script>location.href="x',
  'createPageHTML( calls': "createPageHTML('",
  'hanweb records without ]]>': '<datastore><record><![CDATA[<a href=/a.html>x',
  'lone <': '<',
  'quotes': '"\'',
  'ASP.NET inputs': '<input type="hidden" name="__VIEWSTATE" value="',
  'object literals': '{a:"/x.html",t:"政府信息公开工作年度报告"',
  'whitespace': ' \t\n',
};

const task: Task = { key: 'GET http://127.0.0.1/', url: 'http://127.0.0.1/', rawUrl: 'http://127.0.0.1/', method: 'GET', kind: 'list', via: null, linkText: null, depth: 0 };

export function scanAll(html: string): void {
  const bytes = Buffer.from(html);
  decode(bytes, { 'content-type': 'text/html' });
  detectChallenge(200, {}, bytes);
  detectSoft404(visibleText(html));
  looksScriptBuilt(html);
  clientRedirect(html);
  framesOf(html, task.url);
  htmlTitle(html);
  emptyVerdict(bytes.length, 'text/html', html);
  let anchors: ReturnType<typeof anchorsOf> | null = null;
  const page = { task, url: task.url, body: html, contentType: 'text/html', anchors: () => (anchors ??= anchorsOf(html, task.url)) };
  page.anchors();
  for (const idiom of IDIOMS) idiom.discover(page, { maxPages: 500 });
}

if (process.argv[2] === 'run') {
  const only = process.argv.slice(3);
  for (const [name, unit] of Object.entries(UNITS)) {
    if (only.length && !only.includes(name)) continue;
    const html = `<html><head><meta charset="utf-8"></head><body>${unit.repeat(Math.ceil((FULL_SIZE.has(name) ? PAGE_BYTES : PAGE_BYTES / 4) / Buffer.byteLength(unit)))}`;
    process.stdout.write(`${JSON.stringify({ start: name })}\n`);
    const t0 = performance.now();
    scanAll(html);
    process.stdout.write(`${JSON.stringify({ done: name, ms: Math.round(performance.now() - t0) })}\n`);
  }
}
