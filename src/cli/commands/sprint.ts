import type { Command } from 'commander';

/** `paydown sprint`: being written (issue 5). */
export function registerSprintCommand(program: Command): void {
  program.command('sprint').description('(coming soon)').action(() => {
    process.stderr.write('paydown: sprint is not available yet\n');
    process.exitCode = 2;
  });
}
