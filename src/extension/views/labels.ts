/**
 * How items, groups and budgets read in the tree, the quick pick and the status bar: plain
 * strings (Markdown for tooltips), free of `vscode`, so unit tests pin the wording. Points, ages,
 * counts and Markdown escaping come from the presenter (src/engine/present), as in the hover and
 * the CLI, so no two surfaces say one item's age or effort differently.
 */
import type { Interest, SessionItem } from '../../engine';
import type { BudgetWarning, SprintBudget } from '../../engine';
import { ageInWords, cellPlace, escapeMarkdown, itemPlace, formatNumber, ownerName, plural, points } from '../../engine';
import type { Grouping } from '../settings';
import { defaultImpact, sprintOf, statedImpact, statusOf, type GroupNode } from './debtModel';

/** The row's label: the title, or what kind of note it is when it has none. */
export function itemLabel(item: SessionItem): string {
  return item.debt.title.trim() || `(untitled ${item.debt.tag})`;
}

/** `path/to/file.ts:42` (`explore.ipynb, cell 3, line 2` in a notebook), with the folder's name first in multi-root workspaces. */
export function location(item: SessionItem, folderName?: string): string {
  return `${folderName ? `${folderName}/` : ''}${itemPlace(item.debt)}`;
}

/**
 * The row's description: `TAG · file:line` (just `TAG · line 42`, or `TAG · cell 3, line 2`, under a file group), then the
 * facts worth seeing at a glance: sprint (unless grouped by it), effort, a status other than
 * open/scheduled, and `unsaved` for comments only in an editor buffer. Grouped by interest, how
 * often its file changed (`41× in 90 days`) comes right after the location.
 */
export function itemDescription(item: SessionItem, grouping: Grouping, interest?: Interest): string {
  const underFile = grouping === 'file' || grouping === 'folder';
  const { cell, line } = item.debt;
  const parts = [item.debt.tag, underFile ? (cell ? cellPlace(cell) : `line ${line}`) : location(item)];
  if (grouping === 'interest' && interest && interest.commits > 0) parts.push(`${interest.commits}× in ${interest.days} days`);
  const sprint = sprintOf(item);
  if (sprint && grouping !== 'sprint') parts.push(sprint);
  const effort = item.ledger?.effort.value ?? item.debt.effort;
  if (effort !== null) parts.push(points(effort));
  const status = statusOf(item);
  if (status === 'in-progress' || status === 'resolved' || status === 'wont-fix') parts.push(status === 'wont-fix' ? "won't fix" : status);
  if (item.unsaved) parts.push('unsaved');
  return parts.join(' · ');
}

/**
 * `item:ledger:open`, `item:ledger:resolved:unsaved`, `item:new`: menus' `when` clauses match on
 * it (`viewItem =~ /^item:ledger/` for ledger-only actions).
 */
export function itemContextValue(item: SessionItem): string {
  const parts = ['item', item.ledger ? `ledger:${item.ledger.status}` : 'new'];
  if (item.unsaved) parts.push('unsaved');
  return parts.join(':');
}

/** `group:sprint`, `group:file`, `group:folder`, …: sprint groups accept dropped items. */
export function groupContextValue(node: GroupNode): string {
  return `group:${node.groupKind}`;
}

/** A codicon name and a theme colour id for an item's row. */
export interface IconSpec {
  id: string;
  color: string | undefined;
}

const TAG_ICONS: Record<string, string> = {
  TODO: 'checklist',
  FIXME: 'bug',
  HACK: 'tools',
  XXX: 'warning',
  DEBT: 'credit-card',
  BUG: 'bug',
  OPTIMIZE: 'rocket',
  REFACTOR: 'wand',
};

const IMPACT_COLORS: Record<string, string> = {
  critical: 'list.errorForeground',
  high: 'list.warningForeground',
  medium: 'charts.yellow',
  low: 'charts.blue',
};

/**
 * The tag's icon coloured by the impact someone stated (a tag's default colours nothing); done
 * items show a check, unsaved ones a pencil in the editor's "modified" colour, so they stand
 * apart from what is on disk.
 */
export function itemIcon(item: SessionItem): IconSpec {
  const status = statusOf(item);
  if (status === 'resolved') return { id: 'pass', color: 'testing.iconPassed' };
  if (status === 'wont-fix') return { id: 'circle-slash', color: 'disabledForeground' };
  if (item.unsaved) return { id: 'edit', color: 'editorGutter.modifiedBackground' };
  const impact = statedImpact(item);
  return { id: TAG_ICONS[item.debt.tag.toUpperCase()] ?? 'note', color: impact ? IMPACT_COLORS[impact] : undefined };
}

/** `low (TODO default)`: a tag's default impact, labelled so it does not read as someone's judgement. */
export function defaultImpactText(item: SessionItem): string | null {
  const impact = defaultImpact(item);
  return impact ? `${impact} (${item.debt.tag} default)` : null;
}

/**
 * The row's tooltip: title, tag and place, the body of the comment, then a table of what is
 * known: what the comment says and the ledger holds (id, status, sprint, effort, impact, outcome,
 * owners, labels, age, tickets). Nothing is shown as unknown or missing: an item nobody planned
 * has a short tooltip.
 */
export function itemTooltip(item: SessionItem, now: Date = new Date()): string {
  const { debt, ledger } = item;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(itemLabel(item))}**`, '');
  lines.push(`\`${debt.tag}\` · ${escapeMarkdown(location(item))}${item.unsaved ? ' · *unsaved*' : ''}`, '');
  if (debt.body.trim()) lines.push(debt.body.split('\n').map((l) => `> ${escapeMarkdown(l)}`).join('\n'), '');
  const rows: [string, string][] = [];
  const status = statusOf(item);
  if (ledger) rows.push(['Id', `\`${ledger.id}\``], ['Status', status === 'wont-fix' ? "won't fix" : status]);
  const sprint = sprintOf(item);
  if (sprint) rows.push(['Sprint', escapeMarkdown(sprint)]);
  const effort = ledger?.effort.value ?? debt.effort;
  if (effort !== null) rows.push(['Effort', points(effort)]);
  const impact = statedImpact(item);
  const byDefault = defaultImpactText(item);
  if (impact) rows.push(['Impact', impact]);
  else if (byDefault) rows.push(['Impact', `*${byDefault}*`]);
  if (item.outcome) rows.push(['Outcome', escapeMarkdown(item.outcome)]);
  if (debt.owners.length > 0) rows.push(['Owners', debt.owners.map((o) => escapeMarkdown(`@${ownerName(o)}`)).join(', ')]);
  if (debt.labels.length > 0) rows.push(['Labels', debt.labels.map((l) => escapeMarkdown(`#${l.replace(/^#/, '')}`)).join(', ')]);
  if (debt.due) rows.push(['Due', debt.due]);
  if (ledger) rows.push(['Age', `${ageInWords(ledger.firstSeen.at, now)} (first seen ${ledger.firstSeen.at.slice(0, 10)})`]);
  for (const t of ledger?.trackers ?? []) {
    const key = escapeMarkdown(t.key);
    rows.push([`Ticket (${t.tracker})`, `${t.url ? `[${key}](${t.url})` : key}${t.state ? ` · ${escapeMarkdown(t.state)}` : ''}`]);
  }
  if (rows.length > 0) lines.push('| | |', '|:--|:--|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`));
  return lines.join('\n').trimEnd();
}

/** Folder rows longer than this are shortened in the middle, so their count stays on screen. */
export const FOLDER_LABEL_MAX = 28;

/**
 * A group row's label: a folder tree's long folder rows (package names, compact chains such as
 * `babel-helper-module-transforms/src`) are shortened in the middle, keeping the last folder
 * whole where it fits, so the count after them stays visible in a default-width side bar; the
 * tooltip has the whole path.
 */
export function groupRowLabel(node: GroupNode): string {
  const { label } = node;
  if (node.groupKind !== 'folder' || label.length <= FOLDER_LABEL_MAX) return label;
  const slash = label.lastIndexOf('/');
  const last = slash < 0 ? '' : label.slice(slash);
  if (last.length > 0 && last.length <= FOLDER_LABEL_MAX / 2) return `${label.slice(0, FOLDER_LABEL_MAX - last.length - 1)}…${last}`;
  const head = Math.ceil((FOLDER_LABEL_MAX - 1) / 2);
  return `${label.slice(0, head)}…${label.slice(label.length - (FOLDER_LABEL_MAX - 1 - head))}`;
}

/**
 * A group row's description, its count first so a narrow side bar never cuts it off: then a
 * file's folder (when files are not already in a folder tree), a sprint's current/next, and for a
 * file with a single item that item's tag and title (`1 · TODO: retry the upload`), so the text
 * shows without expanding.
 */
export function groupDescription(node: GroupNode, grouping: Grouping): string {
  const parts = [String(node.count)];
  if (node.groupKind === 'file' && node.value) {
    const dir = node.value.includes('/') ? node.value.slice(0, node.value.lastIndexOf('/')) : '';
    if (dir && grouping !== 'folder') parts.push(dir);
    const only = node.children.length === 1 && node.children[0]!.kind === 'item' ? node.children[0]!.item : undefined;
    if (only) parts.push(`${only.debt.tag}: ${itemLabel(only)}`);
  }
  // Dates go in the tooltip.
  if (node.sprint && (node.sprint.when === 'current' || node.sprint.when === 'next')) parts.push(node.sprint.when);
  return parts.join(' · ');
}

/** One row of "Paydown: Search Debt". */
export interface SearchEntry {
  label: string;
  description: string;
  detail: string;
}

/** Title; `TAG · file:line`; owners, labels, id, sprint (what the fuzzy match also looks at). */
export function searchEntry(item: SessionItem, folderName?: string): SearchEntry {
  const { debt, ledger } = item;
  const detail = [
    ...debt.owners.map((o) => `@${ownerName(o)}`),
    ...debt.labels.map((l) => `#${l.replace(/^#/, '')}`),
    ledger?.id ?? (item.unsaved ? 'unsaved' : ''),
    sprintOf(item) ? `sprint ${sprintOf(item)}` : '',
    ledger && ledger.status !== 'open' ? ledger.status : '',
  ].filter((p) => p !== '');
  return { label: itemLabel(item), description: `${debt.tag} · ${location(item, folderName)}`, detail: detail.join('  ·  ') };
}

/** Budget warnings that colour the status bar. */
const ALARMING: ReadonlySet<BudgetWarning['code']> = new Set(['over-allocated', 'under-allocated']);

/** What the status bar shows for a sprint's budget. */
export interface BudgetStatus {
  /** `$(shield) Debt 13/20 pts`. */
  text: string;
  /** True when under- or over-allocated: the entry takes the warning background. */
  warning: boolean;
  /** Markdown. */
  tooltip: string;
}

/** The status bar's words for one budget (the folder name is given in multi-root workspaces). */
export function budgetStatus(budget: SprintBudget, others: readonly { folder: string; budget: SprintBudget }[] = [], folderName?: string): BudgetStatus {
  const warning = budget.warnings.some((w) => ALARMING.has(w.code));
  // In a multi-root workspace the text says whose budget it is.
  const text = `$(shield) Debt ${formatNumber(budget.allocated)}/${points(budget.budget)}${folderName ? ` · ${folderName}` : ''}`;
  const lines = [budgetTable(budget, folderName)];
  for (const other of others) lines.push(budgetTable(other.budget, other.folder));
  lines.push('Click to open the debt budget.');
  return { text, warning, tooltip: lines.join('\n\n---\n\n') };
}

function budgetTable(b: SprintBudget, folderName?: string): string {
  const head = `**${escapeMarkdown(b.sprint)}**${folderName ? ` (${escapeMarkdown(folderName)})` : ''} · ${b.phase === 'active' ? 'current sprint' : b.phase} · ${b.start} → ${b.end}`;
  const rows = [
    ['Debt budget', points(b.budget)],
    ['Allocated', points(b.allocated)],
    ['Paid down', points(b.paid)],
    ['Remaining', points(b.remaining)],
    ['Unallocated', points(b.unallocated)],
  ];
  const table = ['| | |', '|:--|--:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  const warnings = b.warnings.map((w) => `${w.severity === 'warning' ? '$(warning)' : '$(info)'} ${escapeMarkdown(w.message)}`);
  return [head, table, ...warnings].join('\n\n');
}

/** A group row's tooltip: what it is, its count, and for sprints their dates and the drop hint. */
export function groupTooltip(node: GroupNode): string {
  const n = plural(node.count, 'debt item');
  if (node.groupKind === 'file' && node.value) return `${node.value} · ${n}`;
  if (node.groupKind === 'folder' && node.value !== null) return `${node.value}/ · ${n} in ${plural(node.files, 'file')}`;
  if (node.groupKind !== 'sprint') return `${node.label} · ${n}`;
  const dates = node.sprint ? ` · ${node.sprint.when === 'current' || node.sprint.when === 'next' ? `${node.sprint.when}, ` : ''}${node.sprint.start} → ${node.sprint.end}` : '';
  return `${node.label}${dates} · ${n}\nDrop items here to ${node.value === null ? 'take them out of their sprint' : 'allocate them to this sprint'}.`;
}
