import type { Command } from 'commander';
import { docsLink, mondayOf, toWorkspacePath, writeStarterConfig } from '../../engine';
import { resolveToday } from '../today';
import { styleFor } from '../reporters/style';
import { emit } from '../output';
import { resolveRoot, type WorkspaceFlags } from '../workspace';

interface InitFlags extends WorkspaceFlags {
  today?: string;
}

/** `paydown init`: the starter config the budget panel offers, for a workspace without sprints. */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a starter .paydown/config.jsonc: a two-week sprint cadence from this week, 40 points, 20% protected for debt')
    .option('--today <date>', 'start the cadence on the Monday of this day’s week, YYYY-MM-DD (default: $PAYDOWN_TODAY, else today in UTC)')
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .addHelpText('after', '\nAn existing config is never replaced.\nExit codes: 0 written, 2 a config exists already, or bad usage.')
    .action(async (flags: InitFlags) => {
      const today = resolveToday(flags.today);
      const root = resolveRoot(flags);
      const file = toWorkspacePath(root, await writeStarterConfig(root, today));
      const style = styleFor(process.stdout);
      await emit(
        [
          `${style.bold(`Wrote ${file}`)}: a sprint every two weeks from ${mondayOf(today)} (S1, S2, …), 40 points each, 20% of them protected for paying down debt.`,
          `Edit it to match your team’s sprints and outcomes (${docsLink('sprints.md')}), then:`,
          `  ${style.cyan('paydown ledger backfill')}          record the debt in the code in the ledger (.paydown/ledger/), dated from git history`,
          `  ${style.cyan('paydown budget')}                   the current sprint’s debt budget`,
          `  ${style.cyan('paydown sprint plan --auto-fill')}  what to pay down this sprint`,
          '',
        ].join('\n'),
      );
    });
}
