import type { Command } from 'commander';

/** `paydown check`: being written (issue 5). */
export function registerCheckCommand(program: Command): void {
  program.command('check').description('(coming soon)').action(() => {
    process.stderr.write('paydown: check is not available yet\n');
    process.exitCode = 2;
  });
}
