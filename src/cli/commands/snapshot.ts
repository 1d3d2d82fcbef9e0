import type { Command } from 'commander';

// Placeholder: the command is registered so `ogi --help` lists it; its issue implements it.
export function register(program: Command): void {
  program.command('snapshot').description('(not implemented yet)').action(() => {
    throw new Error('ogi snapshot is not implemented yet');
  });
}
