import type { Command } from 'commander';

/** `paydown report`: being written (issue 5). */
export function registerReportCommand(program: Command): void {
  program.command('report').description('(coming soon)').action(() => {
    process.stderr.write('paydown: report is not available yet\n');
    process.exitCode = 2;
  });
}
