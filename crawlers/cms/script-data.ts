// Generic idiom: list rows kept as data in an inline script and drawn by it (docs/domain.md, "Portal idioms", script data
// lists: `var itemObj = [{"aT": title, "aPd": date, "aU": url}]`, server-rendered state of Vue pages). Reading the
// data saves a browser render; the field names differ per site, so a row is any flat object literal holding a
// page-like URL and a title-like string.
import { elements } from '../html-scan.ts';
import type { CmsIdiom, FoundLink } from './types.ts';

/** A flat object literal (no nested braces): one row. */
const OBJECT = /\{[^{}]{8,4000}\}/g;
/** `key: "value"` / `"key": 'value'` pairs. */
const STRING_PROP = /["']?([\w$]+)["']?\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')/g;
const URLISH = /^(?:https?:\/\/|\/|\.{1,2}\/)[^\s<>"']*?(?:\.(?:s?html?|jsp|aspx?|php|pdf|docx?|wps)(?:[?#][^\s<>"']*)?|\?[^\s<>"']*\bid=\d+[^\s<>"']*)$/i;
const CJK = /[\u3400-\u9fff]/g;
// A guard against pathological scripts, far above any real list page (gkmlpt-style “all on page 1” columns hold a few thousand).
const MAX_ROWS = 20_000;

/** A JS string literal's content with its escapes (\uXXXX, \xXX, \/, \", \') resolved. */
function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
  });
}

export const scriptData: CmsIdiom = {
  name: 'script-data',
  discover(page) {
    if (page.task.kind !== 'list' || !page.body.includes('<script')) return null;
    const links: FoundLink[] = [];
    for (const s of elements(page.body, ['script'])) {
      // External scripts carry no rows; the Hanweb datastore (type="text/xml") is read by its own idiom.
      if (/\bsrc\s*=/i.test(s.attrs) || /text\/xml/i.test(s.attrs)) continue;
      const code = s.body;
      if (!code.includes('{')) continue;
      for (const o of code.matchAll(OBJECT)) {
        let url: string | null = null;
        let title = '';
        for (const p of o[0].matchAll(STRING_PROP)) {
          const value = unescape((p[2] ?? p[3] ?? '').trim());
          if (!url && URLISH.test(value)) url = value;
          else if ((value.match(CJK)?.length ?? 0) >= 4 && value.length > title.length && value.length <= 200) title = value;
        }
        if (url && title) links.push({ url, text: title });
        if (links.length >= MAX_ROWS) return { links, next: [] };
      }
    }
    return links.length ? { links, next: [] } : null;
  },
};
