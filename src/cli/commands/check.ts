import { Option, type Command } from 'commander';
import { docsLink } from '../../engine';
import { EXIT_FOUND, EXIT_OK } from '../exitCodes';
import { cliSignal } from '../interrupt';
import { resolveToday } from '../today';
import { checkToGithub } from '../reporters/checkGithub';
import { checkToText } from '../reporters/checkText';
import { checkJson } from '../reporters/checkJson';
import { toJsonDocument } from '../reporters/jsonDocument';
import { styleFor } from '../reporters/style';
import { emit } from '../output';
import { openCliWorkspace, type WorkspaceFlags } from '../workspace';

interface CheckFlags extends WorkspaceFlags {
  base?: string;
  format: 'text' | 'github' | 'json';
  today?: string;
}

/** `paydown check`: fails CI on untracked debt, missing fields, malformed metadata and a broken budget rule. */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('fail (exit 1) on debt not in the ledger, missing required fields, malformed metadata, unknown outcomes or a broken sprint budget rule')
    .option('--base <ref>', 'only debt added since this git revision counts for the annotation rules (e.g. origin/main)')
    .addOption(new Option('-f, --format <format>', 'output format: text, github (Actions annotations) or json').choices(['text', 'github', 'json']).default('text'))
    .option('--today <date>', 'the day to check the sprint budget on, YYYY-MM-DD (default: PAYDOWN_TODAY, else today)')
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives')
    .addHelpText('after', `\nExit codes: 0 no findings, 1 findings, 2 usage or runtime error.\nCI setup: ${docsLink('ci.md')}`)
    .action(async (flags: CheckFlags) => {
      const today = resolveToday(flags.today);
      const workspace = await openCliWorkspace(flags);
      const { result, repoPrefix } = await workspace.check({ base: flags.base ?? null, today, signal: cliSignal() });
      if (flags.format === 'json') await emit(toJsonDocument('check', checkJson(result, today)));
      else if (flags.format === 'github') await emit(checkToGithub(result, repoPrefix));
      else await emit(checkToText(result, styleFor(process.stdout)));
      process.exitCode = result.findings.length > 0 ? EXIT_FOUND : EXIT_OK;
    });
}
