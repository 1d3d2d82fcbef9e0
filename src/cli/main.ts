import { Command, CommanderError } from 'commander';
import { EXIT_RUN_FAILED, EXIT_USAGE } from '../errors.ts';
import { commands } from './commands/index.ts';
import { StoppedError } from './stop-signals.ts';

// `ogi … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command();
program
  .name('ogi')
  .description('ogi-harvest: crawl, clean, parse and publish Chinese government information-disclosure annual reports (政府信息公开工作年度报告).')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    const e = err as Error & { exitCode?: number };
    process.stderr.write(`ogi: ${e.message}\n`);
    if (process.env.OGI_DEBUG && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = e.exitCode ?? EXIT_RUN_FAILED;
    // Stopped by a signal: what is left running (browser, extraction threads, sockets) must not keep the process alive.
    if (err instanceof StoppedError) process.exit();
  }
}
