import { Option, type Command } from 'commander';
import type { Workspace } from '../../engine';
import { resolveToday } from '../today';
import { cliSignal } from '../interrupt';
import { budgetToText } from '../reporters/budgetText';
import { toJsonDocument } from '../reporters/jsonDocument';
import { budgetJson } from '../reporters/planningJson';
import { styleFor } from '../reporters/style';
import { emit } from '../output';
import { clockOn, openCliWorkspace, type WorkspaceFlags } from '../workspace';

/** Options every planning command shares. */
export interface PlanningFlags extends WorkspaceFlags {
  today?: string;
  squad?: string;
}

/** `--today`, `--squad`, `--root`, `--no-cache`, `--cache-dir`: the options every planning command takes. */
export function withPlanningFlags(command: Command): Command {
  return command
    .option('--squad <squad>', 'the squad whose current sprint `current` means')
    .option('--today <date>', 'plan as of this day, YYYY-MM-DD (default: $PAYDOWN_TODAY, else today in UTC)')
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives');
}

export const formatOption = (): Option => new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text');

/** A workspace opened for planning as of `--today` (history is stamped on that day). */
export interface Planning {
  workspace: Workspace;
  today: string;
  /** What every planning use case takes: the day, the squad, Ctrl-C. */
  day: { today: string; squad: string | null; signal: AbortSignal };
}

/** Opens the workspace of a planning command; `scans: false` for commands that read no code. */
export async function openPlanning(flags: PlanningFlags, options: { scans?: boolean } = {}): Promise<Planning> {
  const today = resolveToday(flags.today);
  const workspace = await openCliWorkspace({ ...flags, cache: options.scans !== false && flags.cache !== false }, [], { clock: clockOn(today) });
  return { workspace, today, day: { today, squad: flags.squad ?? null, signal: cliSignal() } };
}

/** `paydown budget`: a sprint's protected debt budget, allocated, paid, remaining, warnings, items. */
export function registerBudgetCommand(program: Command): void {
  withPlanningFlags(
    program
      .command('budget')
      .description("a sprint's protected debt budget: allocated, paid down, remaining, warnings and items")
      .option('-s, --sprint <name>', 'the sprint, by name or "current"', 'current')
      .addOption(formatOption())
      .addHelpText('after', '\nNumbers are story points. An ended sprint is shown as it stood at its end.\nExit codes: 0 shown (whatever the warnings), 2 unknown sprint, bad option or unreadable config.'),
  ).action(async (options: PlanningFlags & { sprint: string; format: 'text' | 'json' }) => {
    const { workspace, today, day } = await openPlanning(options);
    const { budget } = await workspace.budget(options.sprint, day);
    if (options.format === 'json') {
      const { items } = await workspace.items(day);
      await emit(toJsonDocument('budget', budgetJson(budget, today, { items, outcomes: workspace.config.outcomes })));
    } else await emit(budgetToText(budget, today, styleFor(process.stdout)));
  });
}
