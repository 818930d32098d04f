import { Option, type Command } from 'commander';
import { LedgerStore, overlayLive, scanWorkspace, type Clock, type ListedItem } from '../../engine';
import { resolveToday } from '../today';
import { computeBudget, findSprint, resolveSprints, type Sprint } from '../../engine/sprints';
import { cliSignal } from '../interrupt';
import { budgetToText } from '../reporters/budgetText';
import { toJsonDocument } from '../reporters/jsonDocument';
import { budgetJson } from '../reporters/planningJson';
import { styleFor } from '../reporters/style';
import { emit, warn } from '../output';
import { cacheDirFor, openWorkspace, type CliWorkspace, type WorkspaceFlags } from '../workspace';

/** Options every planning command shares. */
export interface PlanningFlags extends WorkspaceFlags {
  today?: string;
  squad?: string;
}

/** A workspace opened for planning: its sprints as of `today`, and every ledger item with live positions. */
export interface PlanningContext extends CliWorkspace {
  today: string;
  sprints: Sprint[];
  items: ListedItem[];
  /** History events are stamped on `today` (at the current time of day) so `--today` runs stay consistent. */
  clock: Clock;
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

/**
 * Opens the workspace, resolves its sprints and (unless `items: false`) reads the ledger with live
 * positions and due dates from a cached scan.
 */
export async function openPlanning(flags: PlanningFlags, options: { items?: boolean } = {}): Promise<PlanningContext> {
  const today = resolveToday(flags.today);
  const workspace = await openWorkspace({ ...flags, cache: flags.cache !== false });
  const { root, config } = workspace;
  const clock: Clock = { now: () => new Date(`${today}T${new Date().toISOString().slice(11)}`) };
  const sprints = resolveSprints(config, today);
  if (options.items === false) return { ...workspace, today, sprints, items: [], clock };
  const snapshot = await LedgerStore.open(root).load();
  for (const error of snapshot.errors) warn(error.message);
  const scanned = await scanWorkspace({ root, config, cacheDir: cacheDirFor(root, { ...flags, cache: flags.cache !== false }), signal: cliSignal() });
  return { ...workspace, today, sprints, items: overlayLive(snapshot, scanned), clock };
}

/** The sprint `--sprint` names (default: current). */
export function pickSprint(ctx: PlanningContext, name: string | undefined, squad: string | undefined): Sprint {
  return findSprint(ctx.sprints, name, ctx.today, { squad: squad ?? null });
}

/** `paydown budget`: a sprint's protected debt budget, allocated, paid, remaining, warnings, items. */
export function registerBudgetCommand(program: Command): void {
  withPlanningFlags(
    program
      .command('budget')
      .description("a sprint's protected debt budget: allocated, paid down, remaining, warnings and items")
      .option('-s, --sprint <name>', 'the sprint, by name or "current"', 'current')
      .addOption(formatOption())
      .addHelpText('after', '\nNumbers are story points. Exit codes: 0 shown (whatever the warnings), 2 unknown sprint, bad option or unreadable config.'),
  ).action(async (options: PlanningFlags & { sprint: string; format: 'text' | 'json' }) => {
    const ctx = await openPlanning(options);
    const sprint = pickSprint(ctx, options.sprint, options.squad);
    const budget = computeBudget(sprint, ctx.items, ctx.config, ctx.today);
    if (options.format === 'json') await emit(toJsonDocument('budget', budgetJson(budget, ctx.today, { items: ctx.items, outcomes: ctx.config.outcomes })));
    else await emit(budgetToText(budget, ctx.today, styleFor(process.stdout)));
  });
}
