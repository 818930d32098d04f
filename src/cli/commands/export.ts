import * as path from 'node:path';
import type { Command } from 'commander';
import { CLOSED_STATUSES, docsLink, EXPORT_FORMATS, ITEM_STATUSES, PaydownError, exportJsonText } from '../../engine';
import { resolveToday } from '../today';
import { collect } from '../options';
import { cliSignal } from '../interrupt';
import { parseStatus, splitList } from '../lists';
import { writeOutput } from '../output';
import { exportedToText } from '../reporters/exportText';
import { openCliWorkspace, type WorkspaceFlags } from '../workspace';

interface ExportFlags extends WorkspaceFlags {
  format?: string;
  sprint?: string;
  status: string[];
  output?: string;
  bom?: boolean;
}

/** `paydown export`: the ledger's items with live positions as CSV, Markdown, JSON or SARIF. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export ledger items with their live positions: csv (Jira, spreadsheets), md (a planning doc), json, sarif (code scanning)')
    .option('-f, --format <format>', `${EXPORT_FORMATS.join(' | ')} (required)`)
    .option('--sprint <name>', 'only the items of this sprint (an ended one: those it held at its end); "current" for the sprint containing today')
    .option('-s, --status <status>', `only these statuses (${ITEM_STATUSES.join(', ')}; repeatable or comma-separated; default: all but ${CLOSED_STATUSES.join(' and ')})`, collect, [])
    .option('-o, --output <file>', 'write to this file instead of stdout ("-": stdout); a regular file is replaced atomically')
    .option('--bom', 'csv: start with a UTF-8 byte order mark, for Excel')
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives')
    .addHelpText('after', `\nSee ${docsLink('exports.md')} for each format, the Jira CSV mapping and the SARIF levels.\nExit codes: 0 exported, 2 bad usage (unknown format, status or sprint) or an error.`)
    .action(async (options: ExportFlags) => {
      if (!options.format) throw new PaydownError('usage', 'no export format given', `pass --format ${EXPORT_FORMATS.join('|')}`);
      const status = splitList(options.status).map(parseStatus);
      const workspace = await openCliWorkspace(options);
      const exported = await workspace.export({ format: options.format, status, sprint: options.sprint ?? null, bom: options.bom === true, today: resolveToday(undefined), signal: cliSignal() });
      const { count, format, sprint, items, listed, generatedAt } = exported;
      const text = exported.text ?? exportJsonText(items, listed, { generatedAt, status: exported.status, sprint, outcomes: workspace.config.outcomes, interest: exported.interest });
      await writeOutput(options.output, text);
      if (options.output === undefined || options.output === '-') return;
      const file = path.resolve(options.output);
      process.stderr.write(exportedToText({ count, format, file: path.relative(process.cwd(), file) || file, sprint, root: workspace.root }));
    });
}
