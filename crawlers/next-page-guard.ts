// A further page of a list lives beside the page (same directory or below it, or the same path with another
// query). Pager idioms read hrefs and script variables that can be wrong (a stray `\` href resolves to `/`; a 尾页
// anchor in a shared template points at another column), so the crawl checks every list next page here: never the
// site root, never an ancestor of the page or of a start URL, never another column.

const dirOf = (pathname: string) => pathname.slice(0, pathname.lastIndexOf('/') + 1);

/**
 * Why `candidate` cannot be the next page of the list at `pageUrl`, or null when it can. A form posted back to the
 * page itself (ASP.NET `__doPostBack` pagers) carries its page number in the body, so there the same URL is the next page.
 */
export function notANextPage(candidate: string, pageUrl: string, startUrls: readonly string[], opts: { postBack?: boolean } = {}): string | null {
  let c: URL, p: URL;
  try {
    c = new URL(candidate);
    p = new URL(pageUrl);
  } catch {
    return 'not a URL';
  }
  if (c.host !== p.host) return 'another host';
  if (c.pathname === p.pathname) return c.search === p.search && !opts.postBack ? 'the page itself' : null;
  const starts = startUrls.map((s) => { try { return new URL(s); } catch { return null; } }).filter((u): u is URL => u !== null && u.host === c.host);
  if (c.pathname === '/' && !starts.some((s) => s.pathname === '/')) return 'the site root';
  // An ancestor directory (or its index page) of the page or of a start URL is a column above this list.
  const cDir = dirOf(c.pathname);
  const below = (dir: string, of: string) => of.startsWith(dir) && of !== dir;
  if ([p, ...starts].some((u) => below(cDir, dirOf(u.pathname)))) return 'an ancestor column';
  if (!cDir.startsWith(dirOf(p.pathname))) return 'another column';
  return null;
}
