/** The text of `paydown budget` and `paydown sprint …` (their JSON: planningJson.ts). */
import type { AssignOutcome, AutoFillProposal, BudgetItem, BudgetWarning, Sprint, SprintBudget, SprintOrigin, TrackerSprintsStatus } from '../../engine';
import { daysBetween, docsLink, formatNumber as num, itemPlace, NOT_PLANNED_NOTE, percent, plural, points as formatPoints, TRACKER_NAMES } from '../../engine';
import type { Style } from './style';
import { columnWidths, safeText } from './terminal';
import { readAtText } from './trackerSprintsText';

const BAR_WIDTH = 24;

/** `Debt 13/20 pts  [██████▓▓▓▓▓░░░░░]`: paid █, allocated but not paid ▓, room ░. */
export function budgetBar(b: SprintBudget, style: Style): string {
  const scale = Math.max(b.budget, b.allocated, 1e-9);
  const cells = (points: number): number => Math.round((Math.max(0, points) / scale) * BAR_WIDTH);
  const paid = cells(b.paid);
  const allocated = Math.max(paid, cells(b.allocated));
  const bar = style.green('█'.repeat(paid)) + style.cyan('▓'.repeat(allocated - paid)) + style.dim('░'.repeat(Math.max(0, BAR_WIDTH - allocated)));
  const over = b.allocated > b.budget ? style.red(` over by ${formatPoints(b.allocated - b.budget)}`) : '';
  return `Debt ${num(b.allocated)}/${formatPoints(b.budget)}  [${bar}]${over}`;
}

/** The readable budget table of `paydown budget`. */
export function budgetToText(b: SprintBudget, today: string, style: Style, options: { items?: boolean } = {}): string {
  const lines = [header(b, today, style), budgetBar(b, style), ''];
  if (!b.planned) lines.splice(2, 0, style.cyan(`i ${NOT_PLANNED_NOTE}`));
  const share = b.capacity > 0 ? ` (${percent(b.budget / b.capacity)} of ${formatPoints(b.capacity)} capacity)` : '';
  const rows: [string, string][] = [
    ['budget', `${formatPoints(b.budget)}${share}`],
    ['allocated', formatPoints(b.allocated)],
    ['paid', `${formatPoints(b.paid)}${b.kept === null ? '' : ` (${percent(b.kept)} of the budget)`}`],
    ['remaining', formatPoints(b.remaining)],
    ['unallocated', b.unallocated < 0 ? style.red(formatPoints(b.unallocated)) : formatPoints(b.unallocated)],
    ['paid unplanned', formatPoints(b.paidUnplanned)],
  ];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(15)}${value}`);
  if (b.warnings.length > 0) {
    lines.push('', style.bold('Warnings'));
    for (const w of b.warnings) lines.push(`  ${warningMark(w, style)} ${safeText(w.message)} ${style.dim(`[${w.code}]`)}`);
  }
  if (options.items !== false) {
    lines.push('', style.bold(`Items (${b.items.length})`));
    if (b.items.length === 0) lines.push(style.dim('  none allocated: `paydown sprint plan --auto-fill` proposes some'));
    for (const row of itemRows(b.items, style)) lines.push(row);
    if (b.unplanned.length > 0) {
      lines.push('', style.bold(`Paid down without being planned (${b.unplanned.length})`));
      for (const row of itemRows(b.unplanned, style)) lines.push(row);
    }
  }
  return `${lines.join('\n')}\n`;
}

function header(b: SprintBudget, today: string, style: Style): string {
  const length = daysBetween(b.start, b.end) + 1;
  const when =
    b.phase === 'active' ? `day ${daysBetween(b.start, today) + 1} of ${length}` : b.phase === 'planned' ? `starts in ${plural(daysBetween(today, b.start), 'day')}` : 'ended';
  return `${style.bold(safeText(b.sprint))}${b.squad ? ` (squad ${safeText(b.squad)})` : ''}  ${b.start} → ${b.end}  ${style.dim(when)}`;
}

function warningMark(w: BudgetWarning, style: Style): string {
  return w.severity === 'warning' ? style.yellow('!') : style.cyan('i');
}

function itemRows(items: readonly BudgetItem[], style: Style): string[] {
  const table = items.map((i) =>
    [
      i.id,
      i.status,
      i.effort === null ? '? pts' : `${formatPoints(i.effort)}${i.effortSource === 'default' ? '*' : ''}`,
      i.impact ?? '–',
      i.resolvedAt ? `resolved ${i.resolvedAt}${i.paid ? '' : ' (outside the sprint)'}` : '',
      itemPlace(i),
      i.title,
    ].map(safeText),
  );
  const widths = columnWidths(table, 5);
  const columns = [0, 1, 2, 3, 4].filter((c) => widths[c]! > 0);
  const rows = table.map((r) => `  ${columns.map((c) => r[c]!.padEnd(widths[c]!)).join('  ')}  ${style.dim(r[5]!)}  ${r[6]}`.trimEnd());
  if (items.some((i) => i.effortSource === 'default')) rows.push(style.dim('  * the default estimate (planning.defaultEstimate)'));
  return rows;
}

/** Unestimated items listed by name under "Left out"; the rest are counted. */
const LEFT_OUT_UNESTIMATED_ROWS = 5;

/** An auto-fill proposal with an explanation per pick and what was left out. */
export function proposalToText(p: AutoFillProposal, style: Style, accepted: boolean): string {
  const lines = [style.bold(`Auto-fill for ${safeText(p.sprint)}: ${plural(p.picked.length, 'item')}, ${formatPoints(p.effort)} of ${formatPoints(p.room)} room, value ${num(p.value)}`)];
  for (const c of p.picked) {
    lines.push(`  ${style.green('+')} ${safeText(c.id)}  ${formatPoints(c.effort).padEnd(7)} ${safeText(c.title)}`);
    lines.push(`      ${style.dim(safeText(c.explanation))}`);
  }
  if (p.picked.length === 0) lines.push(style.dim('  nothing to propose'));
  if (p.leftOut.length > 0) {
    lines.push('', style.bold('Left out'));
    // A team that has estimated nothing yet would get its whole backlog, one line each, for one reason.
    const unestimated = p.leftOut.filter((l) => l.reason === 'unestimated');
    const shown = unestimated.length > LEFT_OUT_UNESTIMATED_ROWS ? new Set(unestimated.slice(LEFT_OUT_UNESTIMATED_ROWS)) : undefined;
    for (const l of p.leftOut) {
      if (!shown?.has(l)) lines.push(`  ${style.dim('-')} ${safeText(l.id)}  ${safeText(l.title)}  ${style.dim(`— ${safeText(l.message)}`)}`);
    }
    if (shown) lines.push(style.dim(`  … and ${plural(shown.size, 'more item')} without an estimate (every one: --format json)`));
  }
  for (const note of p.notes) lines.push(`${style.cyan('i')} ${safeText(note)}`);
  if (!accepted && p.picked.length > 0) lines.push('', style.dim('Accept with --accept (drop items with --exclude ID), or assign by hand with `paydown sprint assign ID… --sprint NAME`.'));
  return `${lines.join('\n')}\n`;
}

/** One line per id of `sprint assign` / `unassign` / `plan --accept`. */
export function assignedToText(outcomes: readonly AssignOutcome[], style: Style): string {
  const lines = outcomes.map((o) => {
    if (o.result === 'skipped') return `  ${style.yellow('!')} ${safeText(o.id)} skipped: ${safeText(o.reason ?? '')}`;
    if (o.result === 'unchanged') return `  ${style.dim('=')} ${safeText(o.id)} already ${o.to ? `in ${safeText(o.to)}` : 'in no sprint'}`;
    const move = o.result === 'assigned' ? `→ ${o.to}${o.from ? ` (was in ${o.from})` : ''}` : `taken out of ${o.from}`;
    const caution = o.reason ? style.yellow(` (note: ${safeText(o.reason)})`) : '';
    return `  ${style.green(o.result === 'assigned' ? '+' : '-')} ${safeText(o.id)} ${safeText(move)}, now ${o.item.status}${caution}  ${style.dim(safeText(o.item.title))}`;
  });
  return `${lines.join('\n')}\n`;
}

/** What `sprint plan --accept` did: how many were assigned, then one line per item, then the budget bar after it. */
export function acceptedToText(outcomes: readonly AssignOutcome[], sprint: string, after: SprintBudget, style: Style): string {
  const assigned = outcomes.filter((o) => o.result === 'assigned').length;
  return `\n${style.bold(`Accepted: ${plural(assigned, 'item')} assigned to ${safeText(sprint)}`)}\n${assignedToText(outcomes, style)}${style.dim('Now:')} ${budgetBar(after, style)}\n`;
}

/** Where a sprint comes from, as `sprint list` says it: `config`, `cadence`, `Jira`. */
export function sprintOriginText(source: SprintOrigin): string {
  return source === 'config' || source === 'cadence' ? source : TRACKER_NAMES[source];
}

/** `paydown sprint list`: every sprint with its dates, budget figures and where it comes from; with a tracker, when it was read. */
export function sprintListToText(rows: readonly { sprint: Sprint; budget: SprintBudget; current: boolean }[], style: Style, tracker: TrackerSprintsStatus | null = null): string {
  const unmatched = tracker?.unmatched.length
    ? `${style.yellow(`sprints.sprints names ${tracker.unmatched.map((n) => `"${safeText(n)}"`).join(', ')} without dates, and ${TRACKER_NAMES[tracker.tracker]} ${safeText(tracker.scope)} has no sprint of that name: nothing overridden.`)}\n`
    : '';
  const trackerLine =
    tracker === null
      ? ''
      : tracker.problem
        ? `${style.yellow(safeText(tracker.problem.message))}\n`
        : `${style.dim(`Sprints from ${TRACKER_NAMES[tracker.tracker]} ${safeText(tracker.scope)}, read ${tracker.fetchedAt ? readAtText(tracker.fetchedAt) : '?'}; \`paydown sync\` refreshes them.`)}\n${unmatched}`;
  if (rows.length === 0) return tracker ? trackerLine : `No sprints. Add \`sprints\` or a \`cadence\` to .paydown/config.jsonc (see ${docsLink('sprints.md')}).\n`;
  const table = rows.map(({ sprint, budget, current }) => [
    `${current ? '▸ ' : '  '}${safeText(sprint.name)}`,
    safeText(sprint.squad ?? ''),
    `${sprint.start} → ${sprint.end}`,
    budget.phase,
    num(budget.budget),
    num(budget.allocated),
    num(budget.paid),
    !budget.planned ? 'not planned' : budget.kept === null || budget.phase === 'planned' ? '–' : percent(budget.kept),
    sprintOriginText(sprint.source),
  ]);
  const head = ['  sprint', 'squad', 'dates', 'phase', 'budget', 'allocated', 'paid', 'kept', 'from'];
  const widths = columnWidths(table, head.length, head.map((h) => h.length));
  const right = new Set([4, 5, 6, 7]);
  const format = (r: string[]): string => r.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return `${[style.bold(format(head)), ...table.map(format)].join('\n')}\n${style.dim('Points; kept = paid ÷ budget; ▸ the current sprint.')}\n${trackerLine}`;
}
