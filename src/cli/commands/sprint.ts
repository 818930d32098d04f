import type { Command } from 'commander';
import { normaliseItemId, PaydownError, type AssignOutcome, type OutcomeConfig } from '../../engine';
import { collect } from '../options';
import { acceptedToText, assignedToText, budgetToText, proposalToText, sprintListToText } from '../reporters/budgetText';
import { toJsonDocument } from '../reporters/jsonDocument';
import { assignResultsJson, sprintListJson, sprintPlanJson } from '../reporters/planningJson';
import { styleFor } from '../reporters/style';
import { safeText } from '../reporters/terminal';
import { emit } from '../output';
import { formatOption, openPlanning, withPlanningFlags, type PlanningFlags } from './budget';

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
    const { workspace, today, day } = await openPlanning(options);
    const style = styleFor(process.stdout);
    const { sprint: target, budget, proposal, accepted: outcomes, after } = await workspace.plan(options.sprint, { ...day, autoFill: options.autoFill === true, accept: options.accept === true, exclude: parseIds(options.exclude, false) });
    if (options.format === 'json') {
      const { items } = await workspace.items(day);
      await emit(toJsonDocument('sprint-plan', sprintPlanJson({ budget: after, proposal, accepted: outcomes }, today, { items, outcomes: workspace.config.outcomes })));
      return;
    }
    await emit(budgetToText(budget, today, style, { items: !proposal }));
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
    const { workspace, day } = await openPlanning(options, { scans: false });
    const { sprint: target, outcomes } = await workspace.assign(wanted, options.sprint, day);
    await writeOutcomes(outcomes, options.format, `Assigned to ${target}:`, workspace.config.outcomes, target);
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
      const { workspace, day } = await openPlanning(options, { scans: false });
      const { outcomes } = await workspace.assign(wanted, null, day);
      await writeOutcomes(outcomes, options.format, 'Taken out of their sprint:', workspace.config.outcomes, null);
    });

  withPlanningFlags(sprint.command('list').description('every sprint with its dates, budget, allocated, paid and the share of the budget kept').addOption(formatOption())).action(
    async (options: PlanningFlags & Format) => {
      const { workspace, day } = await openPlanning(options);
      const { today, current, rows, tracker } = await workspace.sprintList(day);
      if (options.format === 'json') await emit(toJsonDocument('sprint-list', sprintListJson(rows, today, current, tracker)));
      else await emit(sprintListToText(rows, styleFor(process.stdout), tracker));
    },
  );
}

async function writeOutcomes(outcomes: readonly AssignOutcome[], format: 'text' | 'json', title: string, outcomesConfig: readonly OutcomeConfig[], sprint: string | null): Promise<void> {
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
