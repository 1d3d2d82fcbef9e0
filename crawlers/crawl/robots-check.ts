// The robots.txt question every task and attachment asks before its request, with what robots.txt said of the
// origin (unreachable, cut, absent) recorded with the first task it decides.
import type { CrawlContext } from './context.ts';
import type { Tally } from './ledger.ts';

export async function allowedByRobots(ctx: CrawlContext, url: string, t: Tally): Promise<boolean> {
  const allowed = await ctx.politeness.allows(url);
  for (const n of ctx.ledger.robotsNotes.splice(0)) t.fail(n.url, n.kind, n.message);
  if (!allowed) t.robotsDisallowed(url);
  return allowed;
}
