// A replica portal whose only report is a scan: its annual-report column lists one PDF that has no text layer (a
// page of a real report rasterised by test/fixtures/pdf-scan/make.ts), so a crawl reads it only through OCR.
// Kept out of the main replica portals (crawlers/replica/config.ts): OCR takes seconds a page, and the other crawl
// tests need not pay for it. Served under /scan/ by the behaviour below; its site files live in ./site.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Behaviour } from '../behaviours.ts';

export const SCAN_PORTAL_ROOT = path.join(import.meta.dirname, 'site');
const PREFIX = '/scan/';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.pdf': 'application/pdf' };

export const scanPortalSite: Behaviour = async ({ url }) => {
  if (!url.pathname.startsWith(PREFIX)) return null;
  const rel = decodeURIComponent(url.pathname.slice(PREFIX.length));
  const parts = rel.split('/');
  if (parts.some((s) => s === '..')) return null;
  const file = path.join(SCAN_PORTAL_ROOT, ...parts, rel === '' || rel.endsWith('/') ? 'index.html' : '');
  const body = await readFile(file).catch(() => null);
  if (!body) return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
  return { status: 200, headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }, body };
};

/** The portal entry (for a PortalsFile's `portals`) and what its crawl must yield. */
export function scanPortal(baseUrl: string) {
  const u = (p: string) => new URL(p, baseUrl).toString();
  return {
    portal: {
      id: 'replica-scan', name: '淮安市（扫描件年报）', agency: '淮安市人民政府', start_urls: [u('/scan/xxgk/ndbg/index.html')],
      allowed_hosts: [new URL(baseUrl).host], max_pages: 10,
    },
    reports: [u('/scan/xxgk/ndbg/files/P020250124000000000001.pdf')],
  };
}
