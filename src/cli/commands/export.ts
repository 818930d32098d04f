import type { Command } from 'commander';

/** `paydown export`: being written (issue 5). */
export function registerExportCommand(program: Command): void {
  program.command('export').description('(coming soon)').action(() => {
    process.stderr.write('paydown: export is not available yet\n');
    process.exitCode = 2;
  });
}
