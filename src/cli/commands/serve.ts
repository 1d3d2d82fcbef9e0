import type { Command } from 'commander';

// Placeholder: the command is registered so `ogi --help` lists it; its issue implements it.
export function register(program: Command): void {
  program.command('serve').description('(not implemented yet)').action(() => {
    throw new Error('ogi serve is not implemented yet');
  });
}
