import type { Command } from 'commander';
import { DEFAULT_CONFIG } from '../../config/paths.ts';
import { renderTable } from '../../render/table.ts';
import { UsageError } from '../../errors.ts';
import type { PortalsFile } from '../../schema/config.ts';

// Modules are loaded when a subcommand runs, not when the CLI starts: `--help` and the other commands stay quick.
const loadConfig = () => import('../../config/load.ts');

/** Crawl settings (user agent, rate, robots, timeout) from the config file, or the schema's defaults without one. */
async function crawlSettings(file: string, explicit: boolean): Promise<Omit<PortalsFile, 'portals'>> {
  const [{ loadPortalsFile }, { PortalsFile }] = await Promise.all([loadConfig(), import('../../schema/config.ts')]);
  try {
    return await loadPortalsFile(file);
  } catch (e) {
    if (explicit) throw e;
    return PortalsFile.parse({ portals: [{ id: 'defaults', name: 'defaults', start_urls: ['http://example.invalid/'] }] });
  }
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer (got ${v})`);
  return n;
};

export function register(program: Command): void {
  const portals = program.command('portals').description('check and list the portal seeds in the config');
  portals
    .command('validate')
    .description('validate a portals file (YAML) against the schema; errors name the file, the portal and the field')
    .argument('[file]', 'portals file', DEFAULT_CONFIG)
    .action(async (file: string) => {
      const { loadPortalsFile } = await loadConfig();
      const cfg = await loadPortalsFile(file);
      process.stdout.write(`${file}: ok, ${cfg.portals.length} portals (${cfg.portals.filter((p) => p.enabled).length} enabled)\n`);
    });
  portals
    .command('list')
    .description('list the portals of a config file')
    .option('-c, --config <file>', 'portals file', DEFAULT_CONFIG)
    .option('--json', 'print JSON')
    .option('--by <what>', 'count instead of listing: `province` (portals per province and level, every province shown)')
    .action(async (opts: { config: string; json?: boolean; by?: string }) => {
      const [{ loadPortalsFile, allowedHosts }, { spreadByProvince, SPREAD_LEVELS }] = await Promise.all([loadConfig(), import('../../config/regions.ts')]);
      const cfg = await loadPortalsFile(opts.config);
      if (opts.by !== undefined) {
        if (opts.by !== 'province') throw new UsageError(`--by ${opts.by}: only --by province is supported`);
        const rows = spreadByProvince(cfg.portals);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        const levels = SPREAD_LEVELS.filter((l) => rows.some((r) => r.levels[l] > 0));
        const empty = rows.filter((r) => r.key !== 'central' && r.total === 0).map((r) => r.name);
        process.stdout.write(`${renderTable(
          ['code', 'province', 'portals', ...levels],
          rows.map((r) => [r.key, r.name, r.total, ...levels.map((l) => r.levels[l] || '')]),
        )}\n${cfg.portals.length} portals; ${empty.length ? `no portal in ${empty.join(' ')}` : 'every province has a portal'}\n`);
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(cfg.portals.map((p) => ({ ...p, allowed_hosts: allowedHosts(p) })), null, 2)}\n`);
        return;
      }
      process.stdout.write(`${renderTable(
        ['id', 'level', 'region', 'render', 'enabled', 'name', 'start url'],
        cfg.portals.map((p) => [p.id, p.admin_level ?? '', p.region_code ?? '', p.render, p.enabled ? 'yes' : 'no', p.name, p.start_urls[0]]),
      )}\n`);
    });
  portals
    .command('discover')
    .description('from a portal home page (or its 政府信息公开 page) follow 信息公开 → 政府信息公开年报 to the annual-report column and propose a portal entry (YAML); polite (robots, rate) and bounded (pages, depth, bytes)')
    .argument('<url>', 'home page or 政府信息公开 page of the portal')
    .option('-c, --config <file>', 'portals file whose user_agent, rate and respect_robots to use', DEFAULT_CONFIG)
    .option('--max-pages <n>', 'pages to fetch at most', positiveInt('--max-pages'), 15)
    .option('--depth <n>', 'link depth from the start page', positiveInt('--depth'), 3)
    .option('--json', 'print JSON')
    .action(async (url: string, opts: { config: string; maxPages: number; depth: number; json?: boolean }, cmd: Command) => {
      const [{ stringify }, { discoverColumn, discoverOptionsFrom, DiscoveryError }] = await Promise.all([import('yaml'), import('../../../crawlers/discover-column.ts')]);
      if (!/^https?:\/\//i.test(url)) throw new UsageError(`${url}: must be an http(s) URL`);
      const settings = await crawlSettings(opts.config, cmd.getOptionValueSource('config') === 'cli');
      let p;
      try {
        p = await discoverColumn(url, discoverOptionsFrom(settings, settings.rate, { maxPages: opts.maxPages, maxDepth: opts.depth }));
      } catch (e) {
        if (e instanceof DiscoveryError) {
          process.stderr.write(`${e.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
        return;
      }
      const comments = [
        `# proposed by \`ogi portals discover ${url}\` (${p.pages_fetched} pages fetched)`,
        `# path: ${p.path.join(' ⇒ ')}`,
        `# idiom: ${p.idiom}; reports on the first list page: ${p.reports_on_first_page}${p.years.length ? ` (years ${p.years.join(', ')})` : ''}`,
        ...p.alternatives.slice(0, 5).map((a) => `# also seen: ${a.text || '(start page)'} ${a.url} (${a.reports} reports)`),
        '# evidence: crawler (found by discover); check with `ogi portals check <id>` after adding it',
      ];
      process.stdout.write(`${comments.join('\n')}\n${stringify([p.entry])}`);
    });
  portals
    .command('check')
    .description('dry run: fetch the start pages of the given portals politely and print what a crawl would take (report links with years, list pages, look-alikes left out and why); writes nothing')
    .argument('<ids...>', 'portal ids')
    .option('-c, --config <file>', 'portals file', DEFAULT_CONFIG)
    .option('--json', 'print JSON')
    .action(async (ids: string[], opts: { config: string; json?: boolean }) => {
      const [{ loadPortalsFile }, { checkPortal, renderCheck }] = await Promise.all([loadConfig(), import('../../../crawlers/check-portal.ts')]);
      const cfg = await loadPortalsFile(opts.config);
      const unknown = ids.filter((id) => !cfg.portals.some((p) => p.id === id));
      if (unknown.length) throw new UsageError(`${opts.config}: no portal with id ${unknown.map((u) => `"${u}"`).join(', ')}`);
      const results = [];
      for (const id of ids) {
        const r = await checkPortal(cfg.portals.find((p) => p.id === id)!, cfg);
        results.push(r);
        if (!opts.json) process.stdout.write(`${renderCheck(r)}\n`);
        if (r.column?.error || r.start_pages.some((s) => s.error)) process.exitCode = 1;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    });
}
