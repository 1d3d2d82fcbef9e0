// Pages whose content a script builds are rendered in Chromium through crawlee's PlaywrightCrawler (Debian's
// /usr/bin/chromium; playwright downloads nothing). Used only where plain HTTP found nothing (render: auto) or
// where the portal says so (render: browser). Its crawlee storage is private to the run
// (`<dataDir>/crawlee/<portal>/<run>/browser`), in memory, so purgeOnStart cannot wipe anything shared.
import path from 'node:path';
import { Configuration, log, LogLevel } from '@crawlee/core';
import { PlaywrightCrawler } from '@crawlee/playwright';
import type { Task } from './types.ts';

export const CHROMIUM = process.env.OGI_CHROMIUM ?? '/usr/bin/chromium';

export interface Rendered { task: Task; html: string; status: number; finalUrl: string; headers: Record<string, string> }

export interface BrowserOptions {
  storageDir: string;
  userAgent: string;
  timeoutSecs: number;
  concurrency: number;
  /** Checked before every navigation (robots, abort). */
  allow: (task: Task) => Promise<boolean>;
  onRendered: (r: Rendered) => Promise<void>;
  onFailed: (task: Task, message: string) => void;
}

export async function renderTasks(tasks: Task[], o: BrowserOptions): Promise<void> {
  if (!tasks.length) return;
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const config = new Configuration({
    persistStorage: false,
    purgeOnStart: false,
    storageClientOptions: { localDataDirectory: path.join(o.storageDir, 'browser') },
  });
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // crawlee's INFO lines would interleave with the CLI's progress line; keep warnings and errors.
  const quiet = log.child({ prefix: 'ogi-browser' });
  quiet.setLevel(LogLevel.WARNING);
  const crawler = new PlaywrightCrawler(
    {
      log: quiet,
      launchContext: { launchOptions: { executablePath: CHROMIUM, args, headless: true }, userAgent: o.userAgent },
      browserPoolOptions: { useFingerprints: false },
      minConcurrency: 1,
      maxConcurrency: o.concurrency,
      maxRequestRetries: 1,
      navigationTimeoutSecs: o.timeoutSecs,
      requestHandlerTimeoutSecs: o.timeoutSecs * 2,
      preNavigationHooks: [
        async (_ctx, gotoOptions) => {
          if (gotoOptions) gotoOptions.waitUntil = 'networkidle';
        },
      ],
      requestHandler: async ({ request, page, response }) => {
        const task = byKey.get(request.uniqueKey);
        if (!task) return;
        const html = await page.content();
        const headers = (await response?.allHeaders()) ?? {};
        await o.onRendered({ task, html, status: response?.status() ?? 200, finalUrl: page.url(), headers });
      },
      failedRequestHandler: async ({ request }, error) => {
        const task = byKey.get(request.uniqueKey);
        if (task) o.onFailed(task, error.message);
      },
    },
    config,
  );
  const allowed: Task[] = [];
  for (const t of tasks) if (await o.allow(t)) allowed.push(t);
  await crawler.run(allowed.map((t) => ({ url: t.url, uniqueKey: t.key })));
  await crawler.teardown();
}
