import type { Command } from 'commander';
import { UsageError } from '../../errors.ts';

// `ogi classify TITLE…`: is each title an OGI annual report, for which year and agency.
export function register(program: Command): void {
  program
    .command('classify')
    .description('classify report titles (link texts): is it a 政府信息公开工作年度报告, for which year and agency')
    .argument('<title...>', 'one or more titles (quote each one)')
    .option('--json', 'print JSON ({"is_report", "year", "agency", "reason"}; one object per title, one per line)')
    .action(async (titles: string[], opts: { json?: boolean }) => {
      const { classifyTitle } = await import('../../report/index.ts');
      const list = titles.map((t) => t.trim()).filter((t) => t.length > 0);
      if (!list.length) throw new UsageError('classify: give at least one non-empty title');
      for (const t of list) {
        const c = classifyTitle(t);
        if (opts.json) process.stdout.write(`${JSON.stringify({ is_report: c.is_report, year: c.year, agency: c.agency, reason: c.reason })}\n`);
        else process.stdout.write(`${c.is_report ? 'report' : 'not a report'}\tyear=${c.year ?? '-'}\tagency=${c.agency ?? '-'}\t${c.reason}\t${t}\n`);
      }
    });
}
