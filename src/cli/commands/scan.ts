import { statSync } from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import {
  findWorkspaceRoot,
  isInside,
  loadConfig,
  PaydownError,
  scan,
  type PaydownConfig,
  type ScanResult,
  type TagDefinition,
} from '../../engine';
import { defaultCacheDir } from '../../engine/scanner/scan';
import { formatProblem } from '../reporters/problems';
import { scanToJson, scanToNdjson } from '../reporters/scanJson';
import { scanToText } from '../reporters/scanText';
import { styleFor } from '../reporters/style';
import { collect, interruptSignal } from '../options';

interface ScanCommandOptions {
  format: 'text' | 'json' | 'ndjson';
  tag: string[];
  include: string[];
  exclude: string[];
  cache: boolean;
  cacheDir?: string;
  root?: string;
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
      writeResult(result, options);
    });
}

async function runScan(paths: string[], options: ScanCommandOptions): Promise<ScanResult> {
  const cwd = process.cwd();
  const targets = paths.map((p) => path.resolve(cwd, p));
  for (const target of targets) assertReadable(target);
  const root = path.resolve(options.root ?? workspaceRootFor(cwd, targets));
  for (const target of targets) {
    if (!isInside(root, target)) {
      throw new PaydownError('usage', `${target} is outside the workspace ${root}`, 'scan paths of one workspace at a time, or pass --root');
    }
  }
  const { config } = await loadConfig(root);
  applyOverrides(config, options);
  return scan({
    root,
    paths: targets.length ? targets : root === cwd ? undefined : [cwd],
    annotations: config.annotations,
    include: config.scan.include,
    exclude: config.scan.exclude,
    maxFileSize: config.scan.maxFileSize,
    cacheDir: options.cache ? path.resolve(options.cacheDir ?? defaultCacheDir(root)) : undefined,
    signal: interruptSignal(),
  });
}

function assertReadable(target: string): void {
  try {
    statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new PaydownError('path-unreadable', `cannot read ${target}: ${why}`);
  }
}

/** The current folder's workspace, unless the paths lie elsewhere: then the first path's. */
function workspaceRootFor(cwd: string, targets: string[]): string {
  const here = findWorkspaceRoot(cwd);
  if (targets.every((t) => isInside(here, t))) return here;
  return findWorkspaceRoot(nearestFolder(targets[0]!));
}

function nearestFolder(target: string): string {
  try {
    return statSync(target).isDirectory() ? target : path.dirname(target);
  } catch {
    return path.dirname(target);
  }
}

/** Command-line flags win over the config file. */
function applyOverrides(config: PaydownConfig, options: ScanCommandOptions): void {
  const wanted = options.tag.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  if (wanted.length) {
    const known = new Map(config.annotations.tags.map((t) => [t.name.toUpperCase(), t]));
    config.annotations.tags = wanted.map((name): TagDefinition => known.get(name.toUpperCase()) ?? { name });
  }
  if (options.ignoreCase) config.annotations.caseSensitive = false;
  config.scan.include = [...config.scan.include, ...options.include];
  config.scan.exclude = [...config.scan.exclude, ...options.exclude];
}

function writeResult(result: ScanResult, options: ScanCommandOptions): void {
  if (!options.quiet && result.problems.length) {
    const errStyle = styleFor(process.stderr);
    process.stderr.write(result.problems.map((p) => formatProblem(p, errStyle)).join('\n') + '\n');
  }
  switch (options.format) {
    case 'json':
      process.stdout.write(scanToJson(result));
      break;
    case 'ndjson':
      process.stdout.write(scanToNdjson(result));
      break;
    default:
      process.stdout.write(
        scanToText(result, { style: styleFor(process.stdout), width: process.stdout.isTTY ? process.stdout.columns : undefined }),
      );
  }
}
