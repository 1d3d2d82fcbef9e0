import type { Command } from 'commander';
import { loadPortalsFile, allowedHosts } from '../../config/load.ts';
import { DEFAULT_CONFIG } from '../../config/paths.ts';
import { renderTable } from '../table.ts';
import { spreadByProvince, SPREAD_LEVELS } from '../../config/regions.ts';
import { UsageError } from '../errors.ts';

export function register(program: Command): void {
  const portals = program.command('portals').description('check and list the portal seeds in the config');
  portals
    .command('validate')
    .description('validate a portals file (YAML) against the schema; errors name the file, the portal and the field')
    .argument('[file]', 'portals file', DEFAULT_CONFIG)
    .action(async (file: string) => {
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
}
