// Response verdicts that do not depend on the portal: anti-bot challenge, soft 404, script-built empty page.
import { tagAttr, visibleText } from './links.ts';
import { elements, lowerAscii, tags } from './html-scan.ts';
import { CHALLENGE_SIGNATURES, SOFT_404_MARKERS, SOFT_404_MAX_TEXT, TINY_SCRIPT_BODY } from './rules/signatures.ts';
import { META_REFRESH, REDIRECT_MAX_TEXT, SCRIPT_REDIRECT } from './rules/redirects.ts';

export interface Challenge { signature: string; snippet: string }

export function detectChallenge(status: number, headers: Record<string, string>, bytes: Buffer): Challenge | null {
  const head = bytes.subarray(0, 8192).toString('utf8');
  const cookies = headers['set-cookie'] ?? '';
  for (const sig of CHALLENGE_SIGNATURES) {
    if (sig.statuses.length && !sig.statuses.includes(status)) continue;
    const m = sig.body ? head.match(sig.body) : null;
    const cookieHit = sig.cookie?.test(cookies) ?? false;
    if (m || cookieHit || (!sig.body && (bytes.length <= TINY_SCRIPT_BODY.maxBytes * 4 && TINY_SCRIPT_BODY.script.test(head)))) {
      const at = m?.index ?? 0;
      return { signature: sig.name, snippet: head.slice(Math.max(0, at - 80), at + 160).replace(/\s+/g, ' ') };
    }
  }
  // A tiny 2xx page with a script and no visible text: a JS cookie/redirect shell, not content. A script that only
  // forwards to a literal address (no cookie) is a plain client redirect, which the crawler follows.
  // The forwarding test comes last: this runs on every page, and only tiny script shells get that far.
  const forwardsOnly = () => !/document\.cookie/.test(head) && clientRedirect(head) !== null;
  if (status < 300 && bytes.length <= TINY_SCRIPT_BODY.maxBytes && TINY_SCRIPT_BODY.script.test(head) && /document\.cookie|location\s*[.=]/.test(head) && visibleText(head).length < 20 && !forwardsOnly()) {
    return { signature: 'tiny-script-body', snippet: head.slice(0, 240).replace(/\s+/g, ' ') };
  }
  return null;
}

/** 200 with "页面不存在"-style text on a short page. Returns the matched marker. */
export function detectSoft404(text: string): string | null {
  if (text.length > SOFT_404_MAX_TEXT) return null;
  for (const re of SOFT_404_MARKERS) {
    const m = text.match(re);
    if (m) return m[0];
  }
  return null;
}

const BUILDS_DOM = /(innerHTML|appendChild|insertAdjacentHTML|document\.write|createElement|\.append\(|\.html\(|v-for|ms-repeat|ng-repeat|new Vue|createApp|ReactDOM|\$\.(ajax|get|getJSON|post)|fetch\(|XMLHttpRequest|axios)/;

/**
 * Does this page look like a shell whose content a script builds? Only asked when plain HTTP found nothing
 * useful on a page, so a false positive costs one browser render, a false negative a missed column.
 */
export function looksScriptBuilt(html: string): boolean {
  const scripts = elements(html, ['script']);
  if (!scripts.length) return false;
  const inline = scripts.map((m) => m.body).join('\n');
  const external = scripts.filter((m) => /\bsrc=/.test(m.attrs)).length;
  return BUILDS_DOM.test(inline) || external >= 2 && /id=["'](app|root|list|content|main)["']/.test(html);
}

/**
 * Where a forwarding page sends the browser (meta refresh, or a script assigning a literal address), when the page
 * itself says next to nothing. Null for pages with content.
 */
export function clientRedirect(html: string): string | null {
  const lower = lowerAscii(html);
  for (const t of tags(html, ['meta'], lower)) {
    if (!META_REFRESH.httpEquiv.test(tagAttr(t.attrs, 'http-equiv') ?? '')) continue;
    const m = META_REFRESH.content.exec(tagAttr(t.attrs, 'content') ?? '');
    if (m) return visibleText(html).length <= REDIRECT_MAX_TEXT ? m[1]! : null;
  }
  const scripts = elements(html, ['script'], lower).map((m) => m.body).join('\n');
  const m = SCRIPT_REDIRECT.exec(scripts);
  if (!m) return null;
  return visibleText(html).length <= REDIRECT_MAX_TEXT ? (m[1] ?? m[2])! : null;
}
