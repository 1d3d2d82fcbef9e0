// Pages whose content a script builds are rendered in Chromium (Debian's /usr/bin/chromium; playwright downloads
// nothing). Used only where plain HTTP found nothing (render: auto) or where the portal says so (render: browser).
//
// Playwright is driven directly, not through crawlee's PlaywrightCrawler: loading crawlee's browser pool starts a
// forward proxy (proxy-chain, no auth) on every interface, and the browser's traffic goes through it. Playwright
// talks to Chromium over a pipe (no debugging port), so rendering opens no listening socket. Playwright itself is
// imported only when a batch has pages to render, so a process that never renders never loads it.
//
// Every request a page makes (navigations, frames, scripts, XHR/fetch, images, fonts, WebSockets) passes one gate:
// a request outside the portal is aborted and reported with the task. Requests inside the portal are made with
// redirects off and each hop is checked the same way, because Playwright's routing sees only the first URL of a
// redirect chain. Images, fonts and media inside the portal are not fetched either: the text needs none of them.
import type { BrowserContext, Page, Request, Route } from 'playwright';
import type { Task } from './types.ts';

export const CHROMIUM = process.env.OGI_CHROMIUM ?? '/usr/bin/chromium';

/** A request of a rendered page that was not let through. */
export interface BlockedRequest {
  url: string;
  /** Playwright's resource type: document, script, xhr, fetch, image, font, websocket … */
  type: string;
  /** Why: the URL is outside the portal, a hop of a redirect is, or the response is over the byte cap. */
  reason: 'offsite' | 'offsite_redirect' | 'too_large';
  /** For a redirect: the URL that redirected. */
  from?: string;
}

export interface Rendered { task: Task; html: string; status: number; finalUrl: string; headers: Record<string, string>; blocked: BlockedRequest[] }

export interface BrowserOptions {
  userAgent: string;
  timeoutSecs: number;
  concurrency: number;
  /** The portal's host check (allowed_hosts, ports included); applied to every request and every redirect hop. */
  allowUrl: (url: string) => boolean;
  /** Byte cap of one response a page loads. */
  maxBytes: number;
  /** Checked before every navigation (robots, abort). */
  allow: (task: Task) => Promise<boolean>;
  /** The crawl's host gate: a slot on the page's host is held while the page loads (interval, crawl-delay, concurrency). */
  acquire: (url: string) => Promise<() => void>;
  onRendered: (r: Rendered) => Promise<void>;
  onFailed: (task: Task, message: string, blocked: BlockedRequest[]) => void;
}

/** Resource types a text crawl has no use for, so they are never fetched, even from the portal. */
const NOT_FETCHED = new Set(['image', 'media', 'font', 'texttrack', 'manifest']);

const ARGS = [
  '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-dev-shm-usage', '--disable-domain-reliability', '--no-pings',
  // WebRTC can open UDP to any address, outside the request routing; with no proxy this switches that off.
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
];

export async function renderTasks(tasks: Task[], o: BrowserOptions): Promise<void> {
  const allowed: Task[] = [];
  for (const t of tasks) if (await o.allow(t)) allowed.push(t);
  if (!allowed.length) return;
  const { chromium } = await import('playwright');
  const args = [...ARGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args, headless: true });
  try {
    const context = await browser.newContext({ userAgent: o.userAgent, serviceWorkers: 'block', acceptDownloads: false, locale: 'zh-CN' });
    const gate = new RequestGate(o);
    await context.route('**/*', (route, request) => gate.handle(route, request));
    await context.routeWebSocket(() => true, (ws) => {
      if (o.allowUrl(ws.url())) return ws.connectToServer();
      gate.note(null, { url: ws.url(), type: 'websocket', reason: 'offsite' });
      return ws.close();
    });
    let next = 0;
    const worker = async () => {
      for (let t = allowed[next++]; t; t = allowed[next++]) await renderOne(context, gate, t, o);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, allowed.length)) }, worker));
    await context.close();
  } finally {
    await browser.close();
  }
}

/** One page: navigation retried once on failure, like the HTTP path's retries; the handler runs once. */
async function renderOne(context: BrowserContext, gate: RequestGate, task: Task, o: BrowserOptions): Promise<void> {
  let message = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const page = await context.newPage();
    gate.own(page, task);
    // A window a script opens is not the page being read; its requests went through the gate all the same.
    page.on('popup', (popup) => void popup.close().catch(() => {}));
    let out: Omit<Rendered, 'task' | 'blocked'> | null = null;
    const release = await o.acquire(task.url);
    try {
      const response = await page.goto(task.url, { waitUntil: 'networkidle', timeout: o.timeoutSecs * 1000 });
      const finalUrl = page.url();
      // The gate refuses off-portal navigations; a page that still ends elsewhere is never used as the portal's.
      if (!o.allowUrl(finalUrl)) throw new Error(`the page ended at ${finalUrl}, outside the portal`);
      out = { html: await page.content(), status: response?.status() ?? 200, finalUrl, headers: (await response?.allHeaders()) ?? {} };
    } catch (err) {
      message = (err as Error).message.split('\n')[0]!;
    } finally {
      release();
      await page.close().catch(() => {});
    }
    if (out) return o.onRendered({ task, ...out, blocked: gate.take(task) });
  }
  o.onFailed(task, message, gate.take(task));
}

class RequestGate {
  private owners = new WeakMap<Page, Task>();
  private blocked = new Map<string, BlockedRequest[]>();
  private orphans: BlockedRequest[] = [];
  constructor(private readonly o: BrowserOptions) {}

  own(page: Page, task: Task) {
    this.owners.set(page, task);
  }

  /** Blocked requests of a task (and those no page could be named for), handed over once. */
  take(task: Task): BlockedRequest[] {
    const out = [...this.orphans, ...(this.blocked.get(task.key) ?? [])];
    this.orphans = [];
    this.blocked.delete(task.key);
    return out;
  }

  note(task: Task | null, b: BlockedRequest) {
    if (!task) return void this.orphans.push(b);
    const list = this.blocked.get(task.key) ?? [];
    list.push(b);
    this.blocked.set(task.key, list);
  }

  private taskOf(request: Request): Task | null {
    try {
      return this.owners.get(request.frame().page()) ?? null;
    } catch {
      return null; // a worker's request has no frame
    }
  }

  /**
   * An aborted navigation replaces the page with Chromium's error page, losing what the portal's page had built. A
   * navigation is answered 204 No Content instead, which leaves the frame as it was; nothing reaches the network.
   */
  private refuse(route: Route, request: Request): Promise<void> {
    return request.isNavigationRequest() ? route.fulfill({ status: 204, body: '' }) : route.abort('blockedbyclient');
  }

  async handle(route: Route, request: Request): Promise<void> {
    const url = request.url();
    const type = request.resourceType();
    if (!/^https?:/i.test(url)) return route.continue();
    if (!this.o.allowUrl(url)) {
      this.note(this.taskOf(request), { url, type, reason: 'offsite' });
      return this.refuse(route, request);
    }
    if (NOT_FETCHED.has(type)) return route.abort('blockedbyclient');
    let res;
    try {
      res = await route.fetch({ maxRedirects: 0, timeout: this.o.timeoutSecs * 1000 });
    } catch {
      return route.abort('failed').catch(() => {});
    }
    const location = res.status() >= 300 && res.status() < 400 ? res.headers()['location'] : undefined;
    if (location) {
      let target: string;
      try {
        target = new URL(location, url).toString();
      } catch {
        return route.abort('failed');
      }
      if (!this.o.allowUrl(target)) {
        await res.dispose();
        this.note(this.taskOf(request), { url: target, type, reason: 'offsite_redirect', from: url });
        return this.refuse(route, request);
      }
      // Chromium follows the redirect with a new request, which comes through here again.
      return route.fulfill({ response: res });
    }
    const declared = Number(res.headers()['content-length']);
    if (declared > this.o.maxBytes || (await res.body()).length > this.o.maxBytes) {
      await res.dispose();
      this.note(this.taskOf(request), { url, type, reason: 'too_large' });
      return route.abort('failed');
    }
    return route.fulfill({ response: res });
  }
}
