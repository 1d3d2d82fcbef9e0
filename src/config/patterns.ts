// Regular expressions from the portals file (list_patterns, report_patterns). JavaScript regexes backtrack, and a
// pattern like `(a+)+$` takes time exponential in the input: one long link would hold the crawl thread for minutes
// and lose the job's lock. Two bounds: at validate time a pattern with nested or too many quantifiers is refused
// (safe-regex2's star-height check), and at run time a pattern only ever sees the first MAX_PATTERN_INPUT
// characters of a URL.
import { createRequire } from 'node:module';

// CommonJS with an `export =` typing that NodeNext resolution cannot call as a default import; load it plainly.
const safeRegex = createRequire(import.meta.url)('safe-regex2') as (re: string | RegExp, opts?: { limit?: number }) => boolean;

/** Longer than any real report or list URL (browsers' practical limit is about 2,000). */
export const MAX_PATTERN_INPUT = 2048;

/** Why a config pattern is refused, or null when it is fine. */
export function patternProblem(source: string): string | null {
  try {
    new RegExp(source);
  } catch (e) {
    return `invalid regular expression (${(e as Error).message})`;
  }
  if (!safeRegex(source)) {
    return `regular expression ${JSON.stringify(source)} can backtrack catastrophically (a quantified group inside another quantifier, or more than 25 quantifiers); rewrite it without nesting, e.g. (a+)+ as a+`;
  }
  return null;
}

/** A RegExp whose every match (test, exec, match …) reads at most MAX_PATTERN_INPUT characters of its input. */
class BoundedRegExp extends RegExp {
  override exec(s: string): RegExpExecArray | null {
    return super.exec(s.length > MAX_PATTERN_INPUT ? s.slice(0, MAX_PATTERN_INPUT) : s);
  }
}

/** Compiles a pattern that passed `patternProblem`. */
export function compilePattern(source: string): RegExp {
  return new BoundedRegExp(source);
}
