import type { Page, TaskKind } from '../types.ts';

/** A further page of the same list: another HTML page or an API request whose answer the idiom parses. */
export interface NextPage {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  kind: Extract<TaskKind, 'list' | 'api'>;
  /** For `api` pages: the idiom that reads the answer. */
  idiom?: string;
  data?: Record<string, string>;
}

/** A content link the idiom found outside ordinary anchors (datastore CDATA, JSON rows). */
export interface FoundLink { url: string; text: string; title?: string }

export interface IdiomOutput { links: FoundLink[]; next: NextPage[] }

/**
 * One pagination / list-data idiom of a CMS family. `discover` sees every list page (and the `api` answers it
 * asked for itself) and returns null when the page is not its kind. Idioms never fetch: the crawler does, with
 * its politeness, robots and block rules.
 */
export interface CmsIdiom {
  name: string;
  discover(page: Page, ctx: { maxPages: number }): IdiomOutput | null;
}
