import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { isInside, type ScanResult } from '../../engine';
import { splitList } from '../lists';
import { openCliWorkspace, type WorkspaceFlags } from '../workspace';
import { formatProblem } from '../reporters/problems';
import { scanToJson, scanToNdjson } from '../reporters/scanJson';
import { scanToText } from '../reporters/scanText';
import { styleFor } from '../reporters/style';
import { emit } from '../output';
import { collect } from '../options';
import { cliSignal } from '../interrupt';

interface ScanCommandOptions extends WorkspaceFlags {
  format: 'text' | 'json' | 'ndjson';
  tag: string[];
  include: string[];
  exclude: string[];
  ignoreCase?: boolean;
  quiet?: boolean;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('find the debt annotations in comments and print them')
    .argument('[paths...]', 'files or folders to scan (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'ndjson']).default('text'))
    .option('-t, --tag <tags>', 'only these tags, e.g. --tag TODO,FIXME (repeatable; default: the configured tags)', collect, [])
    .option('-i, --include <glob>', 'scan only files matching the glob (repeatable; root-relative)', collect, [])
    .option('-e, --exclude <glob>', 'skip files and folders matching the glob (repeatable; root-relative)', collect, [])
    .option('--ignore-case', 'match tags in any case (todo, Todo)')
    .option('--no-cache', 'ignore and do not update the incremental cache')
    .option('--cache-dir <dir>', 'where the incremental cache lives (default: the user cache folder)')
    .option('--root <dir>', 'the workspace root item paths are relative to (default: nearest folder with .paydown/ or .git)')
    .option('-q, --quiet', 'do not print problems on stderr')
    .addHelpText(
      'after',
      `
Examples:
  paydown scan                       all debt under the current folder
  paydown scan src --tag FIXME,HACK  only FIXME and HACK under src/
  paydown scan --format json > debt.json

Exit codes: 0 scanned (whatever was found), 2 bad usage or unreadable path.`,
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      const result = await runScan(paths, options);
      await writeResult(result, options);
    });
}

async function runScan(paths: string[], options: ScanCommandOptions): Promise<ScanResult> {
  const cwd = process.cwd();
  const targets = paths.map((p) => path.resolve(cwd, p));
  const workspace = await openCliWorkspace(options, targets);
  // Command-line flags win over the config file.
  return workspace.scan({
    // The folder it runs in, when that is part of the workspace; else (`--root` elsewhere) all of it.
    paths: targets.length ? targets : workspace.root === cwd || !isInside(workspace.root, cwd) ? undefined : [cwd],
    tags: splitList(options.tag),
    ignoreCase: options.ignoreCase === true,
    include: options.include,
    exclude: options.exclude,
    signal: cliSignal(),
  });
}

async function writeResult(result: ScanResult, options: ScanCommandOptions): Promise<void> {
  if (!options.quiet && result.problems.length) {
    const errStyle = styleFor(process.stderr);
    process.stderr.write(result.problems.map((p) => formatProblem(p, errStyle)).join('\n') + '\n');
  }
  switch (options.format) {
    case 'json':
      await emit(scanToJson(result));
      break;
    case 'ndjson':
      await emit(scanToNdjson(result));
      break;
    default:
      await emit(
        scanToText(result, { style: styleFor(process.stdout), width: process.stdout.isTTY ? process.stdout.columns : undefined }),
      );
  }
}
