// Client-side redirects (docs/domain.md, "Blocking and what needs a browser"): portal entry pages and moved articles often forward with
// <meta http-equiv="refresh"> or a one-line script. Data only; crawlers/detect.ts applies it.

/** `<meta http-equiv="refresh" content="0; url=/xxgk/">`: the http-equiv value, and the target in the content value. */
export const META_REFRESH = { httpEquiv: /^\s*refresh\s*$/i, content: /^\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)/i };
/** A script that sends the browser to a literal address: `location.href = "…"`, `window.location.replace('…')`. */
export const SCRIPT_REDIRECT = /(?:window\.|self\.|top\.|document\.)?location(?:\.href)?\s*=\s*["']([^"'\n]{1,2000})["']|location\.(?:replace|assign)\(\s*["']([^"'\n]{1,2000})["']\s*\)/i;
/** A page with more visible text than this is content that happens to carry a script, not a forwarding shell. */
export const REDIRECT_MAX_TEXT = 200;
