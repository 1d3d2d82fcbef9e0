import { z } from 'zod';

/** Admin levels as the dataset uses them (docs/domain.md, "Admin level"). */
export const AdminLevel = z.enum(['central', 'province', 'prefecture', 'county', 'township']);
export type AdminLevel = z.infer<typeof AdminLevel>;

export const RenderMode = z.enum(['auto', 'http', 'browser']);

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) URL' });

/** `host` or `host:port`, lower case, no scheme or path. */
const hostSpec = z
  .string()
  .regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, { message: 'must be host or host:port, without scheme or path' });

const Schedule = z
  .object({
    cron: z.string().min(1).describe('cron pattern; a 6-field pattern has seconds first'),
    tz: z.string().default('Asia/Shanghai'),
  })
  .strict();

export const Portal = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, { message: 'lower-case letters, digits, - and _ (2–64 chars)' }),
    name: z.string().min(1),
    agency: z.string().min(1).optional().describe('机关全称 of the body whose reports the column holds'),
    region_code: z.string().regex(/^\d{6}(\d{3})?$/, { message: 'GB/T 2260 code: 6 digits (or 9 for townships)' }).optional(),
    admin_level: AdminLevel.optional(),
    start_urls: z.array(httpUrl).min(1),
    discover_column: z.boolean().default(false).describe('start_urls[0] is the portal\'s home or 政府信息公开 page, not its annual-report column: each crawl first finds the column from it (as `ogi portals discover` does) and crawls that'),
    allowed_hosts: z.array(hostSpec).optional(),
    list_patterns: z.array(z.string()).optional().describe('regular expressions; a URL matching one is a list page'),
    report_patterns: z.array(z.string()).optional().describe('regular expressions; a URL matching one is a report page'),
    render: RenderMode.default('auto'),
    // Budgets, each counted on its own (see crawlers/budget.ts): a crawl cut by one is marked truncated and says which.
    max_pages: z.number().int().positive().max(100_000).default(500).describe('list pages (and list API answers) per crawl'),
    max_report_pages: z.number().int().positive().max(1_000_000).default(10_000).describe('report pages per crawl'),
    max_attachments: z.number().int().positive().max(1_000_000).default(10_000).describe('attachment files per crawl (report files and the attachments of report pages)'),
    max_minutes: z.number().positive().max(7 * 24 * 60).default(360).describe('wall time of one crawl of the portal, in minutes'),
    rate: z.number().positive().max(100).optional().describe('requests per second per host'),
    years: z
      .object({ from: z.number().int().min(2008).optional(), to: z.number().int().max(2100).optional() })
      .strict()
      .optional(),
    schedule: Schedule.optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type Portal = z.infer<typeof Portal>;

export const PortalsFile = z
  .object({
    schedule: Schedule.default({ cron: '0 0 2 * * *', tz: 'Asia/Shanghai' }),
    user_agent: z.string().default('ogi-harvest/0.1 (+https://github.com/ogi-harvest/ogi-harvest; open dataset of OGI annual reports)'),
    contact_url: z.string().url().optional(),
    rate: z.number().positive().max(100).default(1),
    respect_robots: z.boolean().default(true),
    request_timeout_secs: z.number().int().positive().max(600).default(30),
    portals: z.array(Portal).min(1),
  })
  .strict();
export type PortalsFile = z.infer<typeof PortalsFile>;
