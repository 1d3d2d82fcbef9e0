import { z } from 'zod';
import { AdminLevel } from '../../schema/config.ts';
import { Format } from '../../schema/record.ts';
import { regionPrefix } from '../regions.ts';

/** `/api/reports` query string. An empty field (as a form sends it) means "any". */
const opt = <T extends z.ZodTypeAny>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());

export const SearchQuery = z
  .object({
    q: opt(z.string().trim().max(100, 'at most 100 characters')),
    region: opt(z.string().regex(/^\d{2,12}$/, 'a GB/T 2260 code or prefix (2–12 digits)').transform((c) => regionPrefix(c)!)),
    level: opt(AdminLevel),
    year: opt(z.coerce.number().int().min(1990).max(2100)),
    format: opt(Format),
    check: opt(z.enum(['PASS', 'FAIL', 'NOT_ASSESSABLE'])),
    page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(1)),
    per_page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100).default(20)),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Parses a query string object; the message names the field and what it takes. */
export function parseSearchQuery(query: unknown): { ok: true; value: SearchQuery } | { ok: false; error: string } {
  const r = SearchQuery.safeParse(query);
  if (r.success) return { ok: true, value: { ...r.data, q: r.data.q || undefined } };
  const i = r.error.issues[0]!;
  const field = i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? 'query' : 'query');
  return { ok: false, error: `${field}: ${i.message}` };
}
