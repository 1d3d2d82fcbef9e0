import type { Command } from 'commander';

// Placeholder: the command is registered so `ogi --help` lists it; its issue implements it.
export function register(program: Command): void {
  program.command('extract').description('(not implemented yet)').action(() => {
    throw new Error('ogi extract is not implemented yet');
  });
}
