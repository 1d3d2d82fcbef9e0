// Shared shapes of the crawl: frontier tasks, fetched pages, anchors.

export type TaskKind = 'list' | 'api' | 'report' | 'attachment';

/** One unit of work in the frontier. `key` identifies it (method + canonical URL + body). */
export interface Task {
  key: string;
  url: string;
  /** The URL as written where it was found (keeps a `#catid` fragment idioms may need). */
  rawUrl: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  kind: TaskKind;
  /** Idiom that produced an `api` task and parses its answer. */
  idiom?: string;
  /** Idiom state carried to the next page (e.g. Hanweb record counters, gkmlpt SID). */
  data?: Record<string, string>;
  via: string | null;
  linkText: string | null;
  depth: number;
  browser?: boolean;
}

export interface Anchor {
  href: string;
  /** Resolved, canonical URL (null for javascript:, mailto: …). */
  url: string | null;
  text: string;
  title: string;
}

/** A fetched list page or API answer, as idioms see it. */
export interface Page {
  task: Task;
  url: string;
  body: string;
  contentType: string;
  anchors(): Anchor[];
}

export const taskKey = (method: string, url: string, body?: string) => `${method} ${url}${body ? ` ${body}` : ''}`;
