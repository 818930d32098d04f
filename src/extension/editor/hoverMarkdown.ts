/**
 * The hover of an annotation as Markdown: what the ledger knows of the item (id, status, sprint,
 * effort, impact, age, outcome, interest, tracker state, owners, labels) and command links to act on it.
 * Points and ages come from the presenter (src/engine/present), as in the tree's tooltip.
 * Pure; the provider wraps it in a trusted `MarkdownString` that enables only {@link HOVER_COMMANDS}.
 */
import type { Interest, ItemStatus } from '../../engine';
import type { SessionItem } from '../../engine';
import { describeInterest, escapeMarkdown as escape, points, relativeDay, shortDate } from '../../engine';
import { defaultImpact, statedImpact } from '../views/debtModel';
import { EDITOR_COMMANDS } from './commandIds';

/** The commands hover links may run (the `MarkdownString`'s `enabledCommands`). */
export const HOVER_COMMANDS: readonly string[] = [
  EDITOR_COMMANDS.assignItemToSprint,
  EDITOR_COMMANDS.resolveItem,
  EDITOR_COMMANDS.markWontFix,
  EDITOR_COMMANDS.reopenItem,
  EDITOR_COMMANDS.recordInLedger,
];

/** How statuses read in the UI. */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  open: 'Open',
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  resolved: 'Resolved',
  'wont-fix': "Won't fix",
};

/** What the hover needs besides the item. */
export interface HoverContext {
  now: Date;
  /** Dates of the item's sprint, when it is a known one. */
  sprintDates?: { start: string; end: string } | null;
  /** How often the item's file changed lately; shown only when it changed in the window. */
  interest?: Interest | null;
}

/** The hover's Markdown for `item`. */
export function hoverMarkdown(item: SessionItem, context: HoverContext): string {
  const { debt, ledger } = item;
  const out: string[] = [];
  // Only what someone wrote or decided: an item nobody recorded is not told so on every hover
  // (the "Record in ledger" link below offers it once per hover, as an action).
  const head = [`**${escape(debt.tag)}**`];
  if (ledger) head.push(`\`${ledger.id}\``, `*${STATUS_LABELS[ledger.status]}*`);
  else if (debt.id) head.push(`\`${debt.id}\``);
  out.push(head.join(' · '));
  if (debt.title) out.push('', escape(debt.title));

  const facts: string[] = [];
  const sprint = ledger ? ledger.sprint : debt.sprint;
  if (sprint) {
    const dates = context.sprintDates ? ` (${shortDate(context.sprintDates.start)} – ${shortDate(context.sprintDates.end)})` : '';
    facts.push(`Sprint **${escape(sprint)}**${dates}`);
  }
  const effort = ledger?.effort.value ?? debt.effort;
  const impact = statedImpact(item);
  const byDefault = defaultImpact(item);
  const estimates: string[] = [];
  // "Not estimated" matters once an item is planned (in the ledger); before, it is noise.
  if (effort !== null) estimates.push(`Effort **${points(effort)}**${ledger?.effort.source === 'ui' ? ' (edited)' : ''}`);
  else if (ledger) estimates.push('Effort *not estimated*');
  if (impact) estimates.push(`Impact **${impact}**${ledger?.impact.source === 'ui' ? ' (edited)' : ''}`);
  else if (ledger && byDefault) estimates.push(`Impact *${byDefault} (${escape(debt.tag)} default)*`);
  if (estimates.length > 0) facts.push(estimates.join(' · '));
  if (item.outcome) facts.push(`Outcome **${escape(item.outcome)}**`);
  if (debt.due) facts.push(`Due ${debt.due} (${relativeDay(debt.due, context.now)})`);
  if (ledger) {
    const seen = `First seen ${relativeDay(ledger.firstSeen.at, context.now)} (${ledger.firstSeen.at.slice(0, 10)})`;
    facts.push(ledger.resolved ? `${seen} · resolved ${relativeDay(ledger.resolved.at, context.now)}` : seen);
  }
  // A file nobody touched in the window costs little: saying so on every hover would be noise.
  if (context.interest && context.interest.commits > 0) facts.push(`Interest: ${escape(describeInterest(context.interest))}`);
  const people: string[] = [];
  if (debt.owners.length > 0) people.push(`Owners ${debt.owners.map((o) => escape(`@${o}`)).join(', ')}`);
  if (debt.labels.length > 0) people.push(`Labels ${debt.labels.map((l) => escape(`#${l}`)).join(', ')}`);
  if (people.length > 0) facts.push(people.join(' · '));
  for (const link of ledger?.trackers ?? []) {
    const name = link.url ? `[${escape(link.key)}](${link.url})` : escape(link.key);
    const reason = link.stateReason ? `, ${escape(link.stateReason.replace(/_/g, ' '))}` : '';
    const state = link.state ? ` — ${escape(link.state)}${reason}${link.stateAt ? ` (since ${relativeDay(link.stateAt, context.now)})` : ''}` : ' — state not pulled yet';
    const upstream = link.state === 'closed' && ledger && ledger.status !== 'resolved' && ledger.status !== 'wont-fix' ? ' · *closed upstream, the debt is still in the code*' : '';
    facts.push(`Ticket ${name}${state}${upstream}`);
  }
  const linked = new Set((ledger?.trackers ?? []).flatMap((t) => [t.key, t.reference ?? t.key]));
  const refs = debt.issueRefs.filter((r) => !linked.has(r.text));
  if (refs.length > 0) facts.push(`Issues ${refs.map((r) => (r.kind === 'url' ? `[${escape(shortUrl(r.text))}](${r.text})` : escape(r.text))).join(', ')}`);
  if (item.unsaved && ledger) facts.push('*Unsaved: save the file to record changes in the ledger.*');
  if (facts.length > 0) out.push('', facts.join('  \n'));

  const links: string[] = [];
  const link = (title: string, command: string): string => `[${title}](${commandUri(command, ledger ? { id: ledger.id } : undefined)})`;
  if (!ledger) {
    links.push(link('$(add) Record in ledger', EDITOR_COMMANDS.recordInLedger));
  } else if (ledger.status === 'resolved' || ledger.status === 'wont-fix') {
    links.push(link('$(history) Reopen', EDITOR_COMMANDS.reopenItem));
  } else {
    links.push(link(`$(calendar) ${ledger.sprint ? 'Move to sprint…' : 'Assign to sprint…'}`, EDITOR_COMMANDS.assignItemToSprint));
    links.push(link('$(check) Resolve', EDITOR_COMMANDS.resolveItem));
    links.push(link("$(circle-slash) Won't fix", EDITOR_COMMANDS.markWontFix));
  }
  const ticket = ledger?.trackers.find((t) => t.url) ?? null;
  if (ticket?.url) links.push(`[$(link-external) Open ticket](${ticket.url})`);
  out.push('', '---', '', links.join(' &nbsp;·&nbsp; '));
  return out.join('\n');
}

/** `command:id?args` (or `command:id` without arguments) with the arguments JSON-encoded as VS Code expects. */
export function commandUri(command: string, args?: unknown): string {
  return args === undefined ? `command:${command}` : `command:${command}?${encodeURIComponent(JSON.stringify([args]))}`;
}

function shortUrl(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, '');
}
