import { Option, type Command } from 'commander';
import {
  byInterest,
  filterItems,
  IMPACTS,
  ITEM_STATUSES,
  itemDisplayPath,
  listedItem,
  normaliseItemId,
  OUTCOME_NAME,
  parseEffort,
  PaydownError,
  type Impact,
  type ItemFilter,
  type ItemPatch,
  type ItemStatus,
  type Workspace,
} from '../../engine';
import { collect } from '../options';
import { cliSignal } from '../interrupt';
import { changeSetToText, doctorToText, itemToText, listToText } from '../reporters/ledgerText';
import { toJsonDocument } from '../reporters/jsonDocument';
import { doctorJson, itemWithHistoryJson, ledgerListJson, syncJson } from '../reporters/ledgerJson';
import { styleFor } from '../reporters/style';
import { backfillJson, backfillToText, progressBar } from '../reporters/backfill';
import { hasControlCharacters, safeText } from '../reporters/terminal';
import { resolveToday } from '../today';
import { emit, warn } from '../output';
import { openCliWorkspace, type WorkspaceFlags } from '../workspace';
import { parseStatus, splitList } from '../lists';
import { EXIT_FOUND } from '../exitCodes';

interface FormatFlag {
  format: 'text' | 'json';
}

const formatOption = (): Option => new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text');

/** Adds the options every ledger verb shares. */
function withWorkspaceFlags(command: Command): Command {
  return command
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives');
}

export function registerLedgerCommand(program: Command): void {
  const ledger = program
    .command('ledger')
    .description('the ledger in .paydown/ledger/: what Paydown remembers about each item (ids, status, sprint, history)');

  withWorkspaceFlags(
    ledger
      .command('sync')
      .description('scan, match comments with ledger items, and write the changes')
      .option('-n, --dry-run', 'show what would change; write nothing')
      .addOption(formatOption()),
  ).action(async (options: WorkspaceFlags & FormatFlag & { dryRun?: boolean }) => {
    const workspace = await openCliWorkspace(options);
    const { changes } = await workspace.sync({ dryRun: options.dryRun === true, signal: cliSignal() });
    if (options.format === 'json') await emit(toJsonDocument('ledger-sync', syncJson(changes, workspace.config.outcomes)));
    else await emit(changeSetToText(changes, styleFor(process.stdout)));
    for (const problem of changes.problems) warn(problem.message);
  });

  withWorkspaceFlags(
    ledger
      .command('backfill')
      .description("replay the branch's first-parent history: record when each item was first seen and resolved, and removed debt as resolved items")
      .option('--since <date|ref>', 'only history from this date (YYYY-MM-DD) or after this commit')
      .option('-n, --dry-run', 'show what would change; write nothing')
      .addOption(formatOption()),
  ).action(async (options: WorkspaceFlags & FormatFlag & { dryRun?: boolean; since?: string }) => {
    const workspace = await openCliWorkspace(options);
    const bar = progressBar(process.stderr);
    let result;
    try {
      result = await workspace.backfill({ since: options.since ?? null, dryRun: options.dryRun === true, signal: cliSignal(), onProgress: (done, total) => bar.update(done, total) });
    } finally {
      bar.end();
    }
    if (options.format === 'json') await emit(toJsonDocument('ledger-backfill', backfillJson(result)));
    else await emit(backfillToText(result, styleFor(process.stdout)));
  });

  withWorkspaceFlags(
    ledger
      .command('list')
      .description('list ledger items with their live positions')
      .option('-s, --status <status>', `only these statuses (${ITEM_STATUSES.join(', ')}; repeatable or comma-separated)`, collect, [])
      .option('-t, --tag <tag>', 'only these tags', collect, [])
      .option('-o, --owner <owner>', 'only items of these owners', collect, [])
      .option('-l, --label <label>', 'only items with these labels', collect, [])
      .option('--sprint <sprint>', 'only items in these sprints', collect, [])
      .option('--outcome <outcome>', 'only items for these outcomes', collect, [])
      .addOption(new Option('--sort <order>', 'id (the ledger\'s order) or interest (most changed files first)').choices(['id', 'interest']).default('id'))
      .addOption(formatOption()),
  ).action(async (options: WorkspaceFlags & FormatFlag & Record<'status' | 'tag' | 'owner' | 'label' | 'sprint' | 'outcome', string[]> & { sort: 'id' | 'interest' }) => {
    const filter: ItemFilter = {
      status: splitList(options.status).map(parseStatus),
      tag: splitList(options.tag),
      owner: splitList(options.owner).map((o) => o.replace(/^@/, '')),
      label: splitList(options.label).map((l) => l.replace(/^#/, '')),
      sprint: splitList(options.sprint),
      outcome: splitList(options.outcome),
    };
    const workspace = await openCliWorkspace(options);
    const filtered = filterItems((await workspace.items({ signal: cliSignal() })).items, filter);
    const interest = options.sort === 'interest' ? await workspace.interest({ today: resolveToday(undefined), signal: cliSignal() }) : undefined;
    const listed = interest ? byInterest(filtered, interest) : filtered;
    if (options.format === 'json') await emit(toJsonDocument('ledger-list', ledgerListJson(listed, workspace.config.outcomes, interest)));
    else await emit(listToText(listed, styleFor(process.stdout), interest));
  });

  withWorkspaceFlags(ledger.command('show').description('everything the ledger knows about one item').argument('<id>', 'the item id, e.g. PD-7Q2K9A').addOption(formatOption())).action(
    async (id: string, options: WorkspaceFlags & FormatFlag) => {
      const wanted = parseId(id);
      const workspace = await openCliWorkspace(options);
      const { config } = workspace;
      const { items, unreadable: errors } = await workspace.items({ signal: cliSignal() });
      const listed = items.find((l) => l.item.id === wanted);
      if (!listed) {
        // Its file is there but unreadable: say so, where, and what repairs it; "no item" would be wrong.
        const unreadable = errors.find((e) => e.details[0]?.startsWith(`${itemDisplayPath(wanted)}:`));
        if (unreadable) throw new PaydownError(unreadable.reason, `${wanted} cannot be read: ${unreadable.message}`, 'run `paydown ledger doctor` to repair what is safely repairable; it says what needs a human', { details: unreadable.details });
        throw new PaydownError('ledger-not-found', `no item ${wanted} in the ledger`, 'list the ids with `paydown ledger list`');
      }
      if (options.format === 'json') await emit(toJsonDocument('ledger-show', itemWithHistoryJson(listed, config.outcomes)));
      else await emit(itemToText(listed, styleFor(process.stdout)));
    },
  );

  ledger
    .command('set')
    .description('edit an item: status, effort, impact, sprint, outcome (edits win over the comment until the comment changes)')
    .argument('<id>', 'the item id')
    .addOption(new Option('--status <status>', 'new status').choices([...ITEM_STATUSES]))
    .option('--effort <effort>', 'effort in points, or 2h / 1d (converted by config); "none" clears')
    .addOption(new Option('--impact <impact>', 'impact; "none" clears').choices([...IMPACTS, 'none']))
    .option('--sprint <sprint>', 'assign to a sprint; "none" takes it out')
    .option('--outcome <outcome>', 'the business outcome it serves; "none" clears')
    .option('--root <dir>', 'the workspace root')
    .addOption(formatOption())
    .action(async (id: string, options: FormatFlag & { root?: string; status?: ItemStatus; effort?: string; impact?: string; sprint?: string; outcome?: string }) => {
      const workspace = await openCliWorkspace({ root: options.root, cache: false });
      const { config } = workspace;
      const patch: ItemPatch = {};
      if (options.status) patch.status = options.status;
      if (options.effort !== undefined) {
        if (isNone(options.effort)) patch.effort = null;
        else {
          const effort = parseEffort(options.effort, config.annotations);
          if (!effort) throw new PaydownError('usage', `--effort "${options.effort}" is not an effort`, 'use --effort 3 (points), --effort 2h or --effort 1d');
          patch.effort = effort.points;
        }
      }
      if (options.impact !== undefined) patch.impact = isNone(options.impact) ? null : (options.impact as Impact);
      if (options.sprint !== undefined) patch.sprint = isNone(options.sprint) ? null : knownSprint(options.sprint, workspace);
      if (options.outcome !== undefined) patch.outcome = isNone(options.outcome) ? null : validOutcome(options.outcome, config);
      if (Object.keys(patch).length === 0) throw new PaydownError('usage', 'nothing to set', 'give at least one of --status, --effort, --impact, --sprint, --outcome');
      const { item } = await workspace.edit(parseId(id), patch);
      const edited = listedItem(item, null);
      if (options.format === 'json') await emit(toJsonDocument('ledger-set', itemWithHistoryJson(edited, config.outcomes)));
      else await emit(itemToText(edited, styleFor(process.stdout)));
    });

  ledger
    .command('doctor')
    .description('validate every ledger file and repair what is safely repairable (merge conflicts, interrupted writes, stale locks, old formats)')
    .option('-n, --dry-run', 'report only; change nothing')
    .option('--root <dir>', 'the workspace root')
    .addOption(formatOption())
    .addHelpText('after', '\nExit codes: 0 healthy (after repairs), 1 something needs a human, 2 error.')
    .action(async (options: FormatFlag & { dryRun?: boolean; root?: string }) => {
      const workspace = await openCliWorkspace({ root: options.root, cache: false });
      const report = await workspace.doctor({ dryRun: options.dryRun === true });
      if (options.format === 'json') await emit(toJsonDocument('ledger-doctor', doctorJson(report, options.dryRun === true)));
      else await emit(doctorToText(report, options.dryRun === true, styleFor(process.stdout)));
      if (report.needsHuman > 0) process.exitCode = EXIT_FOUND;
    });
}

function parseId(text: string): string {
  const id = normaliseItemId(text);
  if (!id) throw new PaydownError('usage', `"${text}" is not an item id`, 'ids look like PD-7Q2K9A');
  return id;
}

/** The sprint `--sprint` names, as configured (or generated by the cadence); `current` works too. */
function knownSprint(value: string, workspace: Workspace): string {
  rejectControlCharacters('--sprint', value);
  const found = workspace.sprints({ today: resolveToday(undefined) }).find(value);
  if (found.problem) throw new PaydownError('usage', found.problem.message, found.problem.hint);
  return found.sprint.name;
}

/** A configured outcome (as configured) when there are any, else a name `outcome:NAME` could carry. */
function validOutcome(value: string, config: Workspace['config']): string {
  rejectControlCharacters('--outcome', value);
  if (config.outcomes.length > 0) {
    const known = config.outcomes.find((o) => o.name.toLowerCase() === value.trim().toLowerCase());
    if (!known) throw new PaydownError('usage', `--outcome "${value}" is not a configured outcome`, `use one of ${config.outcomes.map((o) => o.name).join(', ')}, or add it to \`outcomes\` in .paydown/config.jsonc`);
    return known.name;
  }
  if (!OUTCOME_NAME.test(value)) throw new PaydownError('usage', `--outcome "${value}" is not an outcome name`, 'use letters, digits, "_", "-" and "." (as in outcome:reliability), starting with a letter, digit or "_"');
  return value;
}

function rejectControlCharacters(option: string, value: string): void {
  if (hasControlCharacters(value)) throw new PaydownError('usage', `${option} "${safeText(value)}" holds control characters or line breaks`, `give ${option} a plain name`);
}

function isNone(value: string): boolean {
  return value === '' || value.toLowerCase() === 'none';
}
