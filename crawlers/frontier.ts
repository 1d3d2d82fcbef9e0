// The crawl frontier of one portal run, persisted as an append-only log
// `<dataDir>/crawlee/<portal_id>/<run_id>/frontier.jsonl` (`{"a":task}` when a task is queued, `{"d":key,"c":{…}}`
// when it is finished, with the counters it moved, `{"claim":{key,url}}` when a redirect target is taken). A killed
// job retried with the same run id replays the log: finished tasks are not fetched again, queued ones are, and the
// report counters continue where they stopped.
// One small append per event — crawlee's one-JSON-file-per-request storage was the bottleneck.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Task } from './types.ts';

export type Counters = Record<string, number>;

export class Frontier {
  readonly file: string;
  readonly resumed: boolean;
  /** Counters summed from the finished tasks of an interrupted run. */
  readonly replayed: Counters = {};
  /** Tasks queued so far by kind, replayed ones included: what the crawl budgets count. */
  readonly added: Record<Task['kind'], number> = { list: 0, api: 0, report: 0, attachment: 0 };
  private known = new Set<string>();
  private urls = new Set<string>();
  private lists: Task[] = [];
  private others: Task[] = [];
  private browser: Task[] = [];
  private fd: number;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, 'frontier.jsonl');
    const pending = new Map<string, Task>();
    this.resumed = existsSync(this.file);
    if (this.resumed) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line) continue;
        let ev: { a?: Task; d?: string; c?: Counters; claim?: { key: string; url: string } };
        try {
          ev = JSON.parse(line);
        } catch {
          continue; // torn last line of a killed process
        }
        if (ev.a) {
          this.added[ev.a.kind]++;
          this.known.add(ev.a.key);
          this.urls.add(ev.a.url);
          pending.set(ev.a.key, ev.a);
        } else if (ev.claim) {
          this.known.add(ev.claim.key);
          this.urls.add(ev.claim.url);
        } else if (ev.d) {
          pending.delete(ev.d);
          for (const [k, v] of Object.entries(ev.c ?? {})) this.replayed[k] = (this.replayed[k] ?? 0) + v;
        }
      }
    }
    this.fd = openSync(this.file, 'a');
    for (const t of pending.values()) this.queue(t);
  }

  private queue(t: Task) {
    (t.browser ? this.browser : t.kind === 'list' || t.kind === 'api' ? this.lists : this.others).push(t);
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  /** Any task (any method) for this URL queued before? Used to tell new links from repeats. */
  seenUrl(url: string): boolean {
    return this.urls.has(url);
  }

  add(t: Task): boolean {
    if (this.known.has(t.key)) return false;
    this.known.add(t.key);
    this.urls.add(t.url);
    this.added[t.kind]++;
    appendFileSync(this.fd, JSON.stringify({ a: t }) + '\n');
    this.queue(t);
    return true;
  }

  /**
   * Mark `key` as taken without queueing it: a redirect landed there, so a link to it found later must not fetch and
   * emit the same document again — in this attempt or in a resumed one (the claim is logged).
   */
  claim(key: string, url: string): boolean {
    if (this.known.has(key)) return false;
    this.known.add(key);
    this.urls.add(url);
    appendFileSync(this.fd, JSON.stringify({ claim: { key, url } }) + '\n');
    return true;
  }

  /** Lists first (breadth-first over the column), then report pages and attachments. */
  next(): Task | undefined {
    return this.lists.shift() ?? this.others.shift();
  }

  /** Tasks queued and not taken yet (what a crawl that stops now leaves for a retried job). */
  pendingTasks(): Task[] {
    return [...this.lists, ...this.others, ...this.browser];
  }

  takeBrowserBatch(): Task[] {
    return this.browser.splice(0);
  }

  get pending(): number {
    return this.lists.length + this.others.length + this.browser.length;
  }

  done(key: string, counters: Counters = {}): void {
    const c = Object.fromEntries(Object.entries(counters).filter(([, v]) => v));
    appendFileSync(this.fd, JSON.stringify(Object.keys(c).length ? { d: key, c } : { d: key }) + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }
}
