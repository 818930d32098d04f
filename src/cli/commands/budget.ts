import type { Command } from 'commander';

/** `paydown budget`: being written (issue 5). */
export function registerBudgetCommand(program: Command): void {
  program.command('budget').description('(coming soon)').action(() => {
    process.stderr.write('paydown: budget is not available yet\n');
    process.exitCode = 2;
  });
}
