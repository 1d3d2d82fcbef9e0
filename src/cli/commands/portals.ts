import type { Command } from 'commander';
import { DEFAULT_CONFIG } from '../../config/paths.ts';
import { renderTable } from '../table.ts';

export function register(program: Command): void {
  const portals = program.command('portals').description('check and list the portal seeds in the config');
  portals
    .command('validate')
    .description('validate a portals file (YAML) against the schema; errors name the file, the portal and the field')
    .argument('[file]', 'portals file', DEFAULT_CONFIG)
    .action(async (file: string) => {
      const { loadPortalsFile } = await import('../../config/load.ts');
      const cfg = await loadPortalsFile(file);
      process.stdout.write(`${file}: ok, ${cfg.portals.length} portals (${cfg.portals.filter((p) => p.enabled).length} enabled)\n`);
    });
  portals
    .command('list')
    .description('list the portals of a config file')
    .option('-c, --config <file>', 'portals file', DEFAULT_CONFIG)
    .option('--json', 'print JSON')
    .action(async (opts: { config: string; json?: boolean }) => {
      const { loadPortalsFile, allowedHosts } = await import('../../config/load.ts');
      const cfg = await loadPortalsFile(opts.config);
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
