// Client-side redirects (docs/domain.md, "Blocking and what needs a browser"): portal entry pages and moved articles often forward with
// <meta http-equiv="refresh"> or a one-line script. Data only; crawlers/detect.ts applies it.

/** `<meta http-equiv="refresh" content="0; url=/xxgk/">`, attributes in either order. */
export const META_REFRESH: readonly RegExp[] = [
  /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)/i,
  /<meta\b[^>]*content\s*=\s*["']\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)[^>]*http-equiv\s*=\s*["']?refresh/i,
];
/** A script that sends the browser to a literal address: `location.href = "…"`, `window.location.replace('…')`. */
export const SCRIPT_REDIRECT = /(?:window\.|self\.|top\.|document\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']|location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)/i;
/** A page with more visible text than this is content that happens to carry a script, not a forwarding shell. */
export const REDIRECT_MAX_TEXT = 200;
