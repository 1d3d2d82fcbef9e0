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

/** Pages of a list the idiom knows of but did not return because of the page budget (`maxPages`). */
export interface BudgetCut {
  /** The first page left out. */
  next: NextPage;
  /** How many pages were left out, when the list says (a declared page count or record total); null when unknown. */
  remaining: number | null;
}

export interface IdiomOutput {
  links: FoundLink[];
  next: NextPage[];
  /** Set when `maxPages` stopped the idiom short of the list's end, so the crawl report can say the column was cut. */
  cut?: BudgetCut;
}

/**
 * One pagination / list-data idiom of a CMS family. `discover` sees every list page (and the `api` answers it
 * asked for itself) and returns null when the page is not its kind. Idioms never fetch: the crawler does, with
 * its politeness, robots and block rules.
 */
export interface CmsIdiom {
  name: string;
  discover(page: Page, ctx: { maxPages: number }): IdiomOutput | null;
}
