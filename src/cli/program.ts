import { Command } from 'commander';
import { ENGINE_VERSION } from '../engine';
import { registerBudgetCommand } from './commands/budget';
import { registerCheckCommand } from './commands/check';
import { registerExportCommand } from './commands/export';
import { registerInitCommand } from './commands/init';
import { registerLedgerCommand } from './commands/ledger';
import { registerReportCommand } from './commands/report';
import { registerSprintCommand } from './commands/sprint';
import { registerScanCommand } from './commands/scan';
import { registerSyncCommand } from './commands/sync';

/** The `paydown` command line: one sub-command per file under commands/. */
export function buildProgram(): Command {
  const program = new Command('paydown')
    .description('Technical debt, tagged in code, budgeted per sprint, measured over time.')
    .version(ENGINE_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // One line per usage error, with the way to learn more on the same line.
      outputError: (text, write) => write(`${text.trimEnd().replace(/^error: /, 'paydown: ')} (see paydown --help)\n`),
    });
  registerScanCommand(program);
  registerInitCommand(program);
  registerLedgerCommand(program);
  registerBudgetCommand(program);
  registerSprintCommand(program);
  registerExportCommand(program);
  registerReportCommand(program);
  registerCheckCommand(program);
  registerSyncCommand(program);
  return program;
}
