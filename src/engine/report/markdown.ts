/**
 * The sprint review as one page of Markdown, for the team's lessons-learned meeting. Every name,
 * title and path goes through the presenter's Markdown escaper; points, shares, counts and days
 * read as everywhere else.
 */
import type { DurationStats, SprintMetrics } from '../metrics';
import { agree, escapeMarkdown, formatNumber, itemPlace, markdownCode, percent, plural, points as pts } from '../present';
import { budgetPoints, NOT_PLANNED_NOTE } from '../sprints';
import { NO_OUTCOME, type ReviewItem, type SprintReview } from './review';

/** Renders `review` as Markdown. Deterministic: the same review gives the same bytes. */
export function reviewToMarkdown(review: SprintReview, options: { workspace?: string } = {}): string {
  const { sprint, metrics: m } = review;
  const out: string[] = [];
  const when = review.phase === 'ended' ? `measured at the end of the sprint, ${review.measuredOn}` : review.phase === 'active' ? `sprint running, measured on ${review.measuredOn}` : `not started yet (starts ${sprint.start})`;
  out.push(`# Debt review: ${escapeMarkdown(sprint.name)}`);
  out.push('');
  out.push(`${options.workspace ? `${escapeMarkdown(options.workspace)} · ` : ''}${sprint.start} – ${sprint.end}${sprint.squad ? ` · squad ${escapeMarkdown(sprint.squad)}` : ''} · ${when}`);
  out.push('');

  // Budget
  const share = 'share' in sprint.debtBudget ? ` (${percent(sprint.debtBudget.share)} of ${pts(sprint.capacity)} capacity)` : ` (of ${pts(sprint.capacity)} capacity)`;
  const verdict = !review.planned ? 'not planned' : review.phase === 'planned' ? 'not started' : review.kept ? `**kept** (${percent(m.budgetKept)})` : review.phase === 'active' ? `not kept yet (${percent(m.budgetKept)} so far)` : `**not kept** (${percent(m.budgetKept)})`;
  out.push(`## Budget: ${verdict}`);
  out.push('');
  if (!review.planned) {
    out.push(`${NOT_PLANNED_NOTE}${review.planningBegan ? ` (the first assignment is from ${review.planningBegan})` : ''}.`);
    out.push('');
  }
  out.push('| | |');
  out.push('| --- | --- |');
  out.push(`| Protected budget | ${pts(budgetPoints(sprint.debtBudget, sprint.capacity))}${share} |`);
  out.push(`| Allocated | ${pts(m.allocated.points)} in ${plural(m.allocated.count, 'item')}${m.allocated.unestimated > 0 ? `, ${m.allocated.unestimated} unestimated (counted ${pts(review.defaultEstimate ?? 0)} each)` : ''} |`);
  out.push(`| Paid down | ${pts(m.paid.points)} in ${plural(m.paid.count, 'item')} |`);
  out.push(review.planned ? `| Kept | ${percent(m.budgetKept)} of the budget |` : '| Kept | not planned |');
  out.push(`| Not done | ${pts(sum(review.notDone, review.defaultEstimate))} in ${plural(review.notDone.length, 'item')} |`);
  out.push(`| Fixed outside the plan | ${pts(sum(review.unplanned))} in ${plural(review.unplanned.length, 'item')} |`);
  out.push('');

  out.push(`## Paid down (${plural(review.paid.length, 'item')}, ${pts(sum(review.paid))})`);
  out.push('');
  out.push(itemTable(review.paid, 'Days open', 'Nothing was paid down from the budget.'));
  if (review.unplanned.length > 0) {
    out.push('Also resolved, outside the plan:');
    out.push('');
    out.push(itemTable(review.unplanned, 'Days open'));
  }
  if (review.notDone.length > 0) {
    out.push('Planned and not done:');
    out.push('');
    out.push(itemTable(review.notDone, 'Age (days)'));
  }

  out.push(`## Added (${plural(review.added.length, 'item')}, ${pts(sum(review.added))})`);
  out.push('');
  out.push(itemTable(review.added, null, 'No new debt appeared.'));
  if (review.reopened.length > 0) {
    out.push(`Came back after being resolved: ${review.reopened.map((i) => `${escapeMarkdown(i.id)} (${escapeMarkdown(i.title)})`).join(', ')}.`);
    out.push('');
  }

  out.push(`## Oldest open debt`);
  out.push('');
  if (review.oldestOpen.length === 0) out.push('No open debt.\n');
  else {
    out.push('| Item | Tag | Title | Where | Age (days) | Effort | Sprint |');
    out.push('| --- | --- | --- | --- | ---: | ---: | --- |');
    for (const a of review.oldestOpen) {
      out.push(`| ${escapeMarkdown(a.id)} | ${escapeMarkdown(a.tag)} | ${escapeMarkdown(a.title)} | ${markdownCode(a.file, { inTable: true })} | ${formatNumber(Math.floor(a.ageDays))} | ${effort(a.effort)} | ${a.sprint ? escapeMarkdown(a.sprint) : '–'} |`);
    }
    out.push('');
  }
  out.push(`Open now: ${plural(review.open.count, 'item')}, ${pts(review.open.points)}${review.open.unestimated > 0 ? ` (${review.open.unestimated} unestimated)` : ''}.`);
  out.push('');

  out.push(`## Flow against the last ${review.previous.length === 1 ? 'sprint' : plural(review.previous.length, 'sprint')}`);
  out.push('');
  out.push('| Sprint | Budget | Allocated | Paid | Kept | Added | Resolved | Lead time (median / p85) | Cycle time (median / p85) |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of [...review.previous, m]) out.push(flowRow(s, s === m));
  out.push('');
  const history = [...review.previous, m].filter((s) => !s.planned).map((s) => escapeMarkdown(s.sprint));
  const fromHistory = history.length > 0 ? ` ${history.join(', ')} ended before planning began: ${agree(history.length, 'its', 'their')} budget figures come from history and are no verdict.` : '';
  out.push(`Lead time = first seen → resolved; cycle time = first scheduled → resolved; in days, over the items resolved in each sprint.${fromHistory}${trend(review)}`);
  out.push('');

  out.push('## By outcome');
  out.push('');
  if (review.outcomes.length === 0) out.push('No outcomes are configured (add `outcomes` to .paydown/config.jsonc to argue debt work in their terms).\n');
  else {
    out.push('| Outcome | Open | Added | Paid down | Resolved |');
    out.push('| --- | ---: | ---: | ---: | ---: |');
    for (const o of review.outcomes) {
      const name = o.name === NO_OUTCOME ? `_${o.name}_` : !o.configured ? `${escapeMarkdown(o.name)} _(not a configured outcome)_` : `**${escapeMarkdown(o.name)}**${o.description ? ` – ${escapeMarkdown(o.description)}` : ''}`;
      out.push(`| ${name} | ${o.open.count} (${pts(o.open.points)}) | ${o.added} | ${o.paid.count} (${pts(o.paid.points)}) | ${o.resolved} |`);
    }
    out.push('');
  }

  out.push(`## Unestimated (${plural(review.unestimated.length, 'item')})`);
  out.push('');
  if (review.unestimated.length === 0) out.push('Every open item has an estimate.\n');
  else {
    for (const i of review.unestimated) out.push(`- ${escapeMarkdown(i.id)} ${escapeMarkdown(i.tag)} ${escapeMarkdown(i.title)} (${markdownCode(itemPlace(i))})`);
    out.push('');
  }

  out.push('## Discussion prompts');
  out.push('');
  for (const p of review.prompts) out.push(`- ${escapeMarkdown(p)}`);
  out.push('');
  out.push(`<sub>Generated by Paydown on ${review.today} from the ledger in .paydown/.</sub>`);
  return `${out.join('\n')}\n`;
}

function itemTable(list: readonly ReviewItem[], daysHeading: string | null, empty = ''): string {
  if (list.length === 0) return `${empty}\n`;
  const head = ['Item', 'Tag', 'Title', 'Where', 'Effort', 'Outcome', ...(daysHeading ? [daysHeading] : [])];
  const rows = list.map((i) => [
    escapeMarkdown(i.id),
    escapeMarkdown(i.tag),
    escapeMarkdown(i.title),
    markdownCode(itemPlace(i), { inTable: true }),
    effort(i.effort),
    i.outcome ? escapeMarkdown(i.outcome) : '–',
    ...(daysHeading ? [formatNumber(i.days, 1)] : []),
  ]);
  const align = head.map((h) => (h === 'Effort' || h === daysHeading ? '---:' : '---'));
  return `${[`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')}\n`;
}

function flowRow(s: SprintMetrics, current: boolean): string {
  const name = current ? `**${escapeMarkdown(s.sprint)}**` : escapeMarkdown(s.sprint);
  return `| ${name} | ${pts(s.budget)} | ${pts(s.allocated.points)} | ${pts(s.paid.points)} | ${s.planned ? percent(s.budgetKept) : 'not planned'} | ${formatNumber(s.added.count)} | ${formatNumber(s.resolved.count)} | ${duration(s.leadTime)} | ${duration(s.cycleTime)} |`;
}

function duration(d: DurationStats): string {
  return d.medianDays === null ? '–' : `${formatNumber(d.medianDays)} / ${formatNumber(d.p85Days ?? 0)}`;
}

/** One sentence comparing this sprint's median lead time and budget kept with the previous sprints'. */
function trend(review: SprintReview): string {
  const prev = review.previous.filter((s) => s.leadTime.medianDays !== null);
  const lead = review.metrics.leadTime.medianDays;
  const parts: string[] = [];
  if (lead !== null && prev.length > 0) {
    const avg = Math.round((prev.reduce((t, s) => t + s.leadTime.medianDays!, 0) / prev.length) * 10) / 10;
    parts.push(`median lead time ${plural(lead, 'day')} against ${formatNumber(avg, 1)} on average before (${lead > avg ? 'slower' : lead < avg ? 'faster' : 'the same'})`);
  }
  const kept = review.previous.filter((s) => s.budgetKept !== null);
  if (kept.length > 0 && review.metrics.budgetKept !== null) {
    const avg = kept.reduce((t, s) => t + s.budgetKept!, 0) / kept.length;
    parts.push(`${percent(review.metrics.budgetKept)} of the budget kept against ${percent(avg)} on average before`);
  }
  return parts.length > 0 ? ` This sprint: ${parts.join('; ')}.` : '';
}

function sum(list: readonly ReviewItem[], defaultEstimate: number | null = null): number {
  return Math.round(list.reduce((t, i) => t + (i.effort ?? defaultEstimate ?? 0), 0) * 1e6) / 1e6;
}

function effort(n: number | null): string {
  return n === null ? '–' : pts(n);
}
