import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { normaliseItemId, PaydownError, type OutcomeConfig } from '../../engine';
import { assignItems, autoFill, computeBudget, findSprint } from '../../engine/sprints';
import { collect } from '../options';
import { acceptedToText, assignedToText, budgetToText, proposalToText, sprintListToText } from '../reporters/budgetText';
import { toJsonDocument } from '../reporters/jsonDocument';
import { assignResultsJson, sprintListJson, sprintPlanJson } from '../reporters/planningJson';
import { styleFor } from '../reporters/style';
import { safeText } from '../reporters/terminal';
import { emit } from '../output';
import { formatOption, openPlanning, pickSprint, withPlanningFlags, type PlanningFlags } from './budget';

type Format = { format: 'text' | 'json' };

/** `paydown sprint plan | assign | unassign | list`. */
export function registerSprintCommand(program: Command): void {
  const sprint = program.command('sprint').description('plan sprints: auto-fill the debt budget, assign and unassign items, list sprints');

  withPlanningFlags(
    sprint
      .command('plan')
      .description("show a sprint's budget and, with --auto-fill, the best set of open items that fits what is left of it")
      .option('-s, --sprint <name>', 'the sprint, by name or "current"', 'current')
      .option('--auto-fill', 'propose the most valuable open items that fit the unallocated budget')
      .option('--accept', 'assign the proposed items to the sprint (implies --auto-fill)')
      .option('-x, --exclude <id>', 'leave this item out of the proposal (repeatable or comma-separated)', collect, [])
      .addOption(formatOption()),
  ).action(async (options: PlanningFlags & Format & { sprint: string; autoFill?: boolean; accept?: boolean; exclude: string[] }) => {
    const ctx = await openPlanning(options);
    const target = pickSprint(ctx, options.sprint, options.squad);
    const style = styleFor(process.stdout);
    const budget = computeBudget(target, ctx.items, ctx.config, ctx.today);
    const wantProposal = options.autoFill === true || options.accept === true;
    const proposal = wantProposal ? autoFill(target, ctx.items, ctx.config, ctx.today, { budget, exclude: parseIds(options.exclude, false) }) : null;
    const outcomes = proposal && options.accept && proposal.picked.length > 0
      ? await assignItems(ctx.root, proposal.picked.map((c) => c.id), target.name, { clock: ctx.clock, by: currentUser(), onlyIfUnplanned: true })
      : null;
    const changed = new Map(outcomes?.map((o) => [o.id, o.item]));
    const after = outcomes ? computeBudget(target, ctx.items.map((l) => ({ ...l, item: changed.get(l.item.id) ?? l.item })), ctx.config, ctx.today) : budget;
    if (options.format === 'json') {
      await emit(toJsonDocument('sprint-plan', sprintPlanJson({ budget: after, proposal, accepted: outcomes }, ctx.today, { items: ctx.items, outcomes: ctx.config.outcomes })));
      return;
    }
    await emit(budgetToText(budget, ctx.today, style, { items: !proposal }));
    if (proposal) await emit(`\n${proposalToText(proposal, style, outcomes !== null)}`);
    if (outcomes) await emit(acceptedToText(outcomes, target.name, after, style));
  });

  withPlanningFlags(
    sprint
      .command('assign')
      .description('allocate items to a sprint (scheduling open ones); the ledger records it in their history')
      .argument('<ids...>', 'item ids, e.g. PD-7Q2K9A')
      .option('-s, --sprint <name>', 'the sprint, by name or "current"', 'current')
      .addOption(formatOption()),
  ).action(async (ids: string[], options: PlanningFlags & Format & { sprint: string }) => {
    const wanted = parseIds(ids, true);
    const ctx = await openPlanning(options, { items: false });
    const target = findSprint(ctx.sprints, options.sprint, ctx.today, { squad: options.squad ?? null });
    const outcomes = await assignItems(ctx.root, wanted, target.name, { clock: ctx.clock, by: currentUser() });
    await writeOutcomes(outcomes, options.format, `Assigned to ${target.name}:`, ctx.config.outcomes, target.name);
  });

  sprint
    .command('unassign')
    .description('take items out of their sprint (scheduled ones open again); the ledger records it')
    .argument('<ids...>', 'item ids')
    .option('--today <date>', 'stamp the history on this day, YYYY-MM-DD')
    .option('--root <dir>', 'the workspace root')
    .addOption(formatOption())
    .action(async (ids: string[], options: PlanningFlags & Format) => {
      const wanted = parseIds(ids, true);
      const ctx = await openPlanning(options, { items: false });
      const outcomes = await assignItems(ctx.root, wanted, null, { clock: ctx.clock, by: currentUser() });
      await writeOutcomes(outcomes, options.format, 'Taken out of their sprint:', ctx.config.outcomes, null);
    });

  withPlanningFlags(sprint.command('list').description('every sprint with its dates, budget, allocated, paid and the share of the budget kept').addOption(formatOption())).action(
    async (options: PlanningFlags & Format) => {
      const ctx = await openPlanning(options);
      let current: string | null = null;
      try {
        current = findSprint(ctx.sprints, 'current', ctx.today, { squad: options.squad ?? null }).name;
      } catch (err) {
        if (!PaydownError.is(err, 'usage')) throw err;
      }
      const sprints = options.squad ? ctx.sprints.filter((s) => s.squad === options.squad || s.squad === null) : ctx.sprints;
      const rows = [...sprints]
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
        .map((s) => ({ sprint: s, budget: computeBudget(s, ctx.items, ctx.config, ctx.today), current: s.name === current }));
      if (options.format === 'json') await emit(toJsonDocument('sprint-list', sprintListJson(rows, ctx.today, current)));
      else await emit(sprintListToText(rows, styleFor(process.stdout)));
    },
  );
}

async function writeOutcomes(outcomes: Awaited<ReturnType<typeof assignItems>>, format: 'text' | 'json', title: string, outcomesConfig: readonly OutcomeConfig[], sprint: string | null): Promise<void> {
  if (format === 'json') {
    const results = assignResultsJson(outcomes, outcomesConfig);
    await emit(sprint === null ? toJsonDocument('sprint-unassign', { results }) : toJsonDocument('sprint-assign', { sprint, results }));
    return;
  }
  const style = styleFor(process.stdout);
  await emit(`${style.bold(safeText(title))}\n${assignedToText(outcomes, style)}`);
}

/** Ids from arguments (repeatable, comma-separated), normalised; a malformed one is a usage error. */
function parseIds(values: readonly string[], required: boolean): string[] {
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (required && ids.length === 0) throw new PaydownError('usage', 'no item ids given', 'pass ids like PD-7Q2K9A (see `paydown ledger list`)');
  return ids.map((text) => {
    const id = normaliseItemId(text);
    if (!id) throw new PaydownError('usage', `"${text}" is not an item id`, 'ids look like PD-7Q2K9A (see `paydown ledger list`)');
    return id;
  });
}

/** The user recorded in history events (as `paydown ledger set` does). */
function currentUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}
