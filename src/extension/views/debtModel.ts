/**
 * The Debt tree's view model, free of `vscode` so it is unit-tested: groups built once per change
 * from the sessions' items, filtered, counted. The tree provider only maps these nodes to
 * `TreeItem`s.
 */
import type { SessionItem } from '../../engine/session/session';
import type { Grouping } from '../settings';

/** A workspace folder as the view model sees it. */
export interface FolderRef {
  /** `folder.uri.toString()`: unique per folder. */
  key: string;
  name: string;
}

/** A sprint the tree shows a node for, even when nothing is allocated to it. */
export interface SprintRef {
  name: string;
  start: string;
  end: string;
  /** Where it stands today; `next` is the first one to start after today. */
  when: 'current' | 'next' | 'planned' | 'ended';
}

/** One folder's items and the sprints its config knows. */
export interface FolderItems {
  folder: FolderRef;
  items: readonly SessionItem[];
  /** Sprints to show as nodes in sprint grouping (configured, current and next), in order. */
  sprints: readonly SprintRef[];
}

/** Statuses a filter can ask for: the ledger's, plus `new` for items not in the ledger yet. */
export type FilterStatus = 'new' | 'open' | 'scheduled' | 'in-progress' | 'resolved' | 'wont-fix';

/** What the tree shows; an empty filter shows everything. */
export interface DebtFilter {
  /** Words that must all appear in the title, file, tag, owners, labels or id (any case). */
  text?: string;
  tags?: string[];
  statuses?: FilterStatus[];
  /** Owner names without `@`; `""` means items without an owner. */
  owners?: string[];
}

export interface GroupNode {
  kind: 'group';
  id: string;
  /** `folder` for a workspace folder's node in multi-root workspaces. */
  groupKind: Grouping | 'folder';
  /** The grouping value (file path, tag, sprint name, …), or null for "No sprint" and the like. */
  value: string | null;
  label: string;
  folder: FolderRef;
  /** For sprint groups: the sprint's dates and where it stands. */
  sprint?: SprintRef;
  /** Items under it (counted once even when they appear in two sub-groups). */
  count: number;
  children: DebtNode[];
  parent: GroupNode | undefined;
}

export interface ItemNode {
  kind: 'item';
  id: string;
  folder: FolderRef;
  item: SessionItem;
  parent: GroupNode | undefined;
}

export type DebtNode = GroupNode | ItemNode;

export interface DebtTree {
  roots: DebtNode[];
  /** Items before filtering, over all folders. */
  total: number;
  /** Items the filter lets through. */
  shown: number;
  /** Items not in the ledger yet (before filtering). */
  unrecorded: number;
}

/** The item's status as filters and menus see it: its ledger status, or `new`. */
export function statusOf(item: SessionItem): FilterStatus {
  return item.ledger?.status ?? 'new';
}

/** The sprint an item is allocated to: the ledger's, else what the comment says. */
export function sprintOf(item: SessionItem): string | null {
  return item.ledger ? item.ledger.sprint : item.debt.sprint;
}

/** True when no part of the filter is set. */
export function isEmptyFilter(filter: DebtFilter): boolean {
  return !filter.text?.trim() && !filter.tags?.length && !filter.statuses?.length && !filter.owners?.length;
}

/** `"cache" · TODO, FIXME · open · @alice`: the filter in a few words, for the view's description. */
export function describeFilter(filter: DebtFilter): string {
  const parts: string[] = [];
  const text = filter.text?.trim();
  if (text) parts.push(`"${text}"`);
  if (filter.tags?.length) parts.push(filter.tags.join(', '));
  if (filter.statuses?.length) parts.push(filter.statuses.join(', '));
  if (filter.owners?.length) parts.push(filter.owners.map((o) => (o === '' ? 'no owner' : `@${o}`)).join(', '));
  return parts.join(' · ');
}

/** A predicate for `filter`, prepared once for many items. */
export function itemFilter(filter: DebtFilter): (item: SessionItem) => boolean {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
  const tags = filter.tags?.length ? new Set(filter.tags.map((t) => t.toUpperCase())) : null;
  const statuses = filter.statuses?.length ? new Set<string>(filter.statuses) : null;
  const owners = filter.owners?.length ? new Set(filter.owners.map((o) => o.replace(/^@/, '').toLowerCase())) : null;
  return (item) => {
    if (tags && !tags.has(item.debt.tag.toUpperCase())) return false;
    if (statuses && !statuses.has(statusOf(item))) return false;
    if (owners) {
      const own = item.debt.owners.length > 0 ? item.debt.owners : (item.ledger?.owners ?? []);
      if (own.length === 0 ? !owners.has('') : !own.some((o) => owners.has(o.replace(/^@/, '').toLowerCase()))) return false;
    }
    if (words.length > 0) {
      const haystack = searchText(item);
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };
}

/** Everything text search looks at, lower-cased. */
function searchText(item: SessionItem): string {
  const { debt, ledger } = item;
  return [debt.title, debt.file, debt.tag, ...debt.owners.map((o) => `@${o}`), ...debt.labels.map((l) => `#${l}`), ledger?.id ?? debt.id ?? '', sprintOf(item) ?? '', item.outcome ?? '']
    .join('\n')
    .toLowerCase();
}

/** Label of the group of items with no value for a grouping. */
const NONE_LABEL: Record<Grouping, string> = {
  file: '(no file)',
  tag: '(no tag)',
  sprint: 'No sprint',
  owner: 'No owner',
  label: 'No label',
  outcome: 'No outcome',
  tracker: 'No ticket',
};

/** The groups an item belongs to (several for several owners or labels; null: the "none" group). */
export function groupValues(item: SessionItem, grouping: Grouping): (string | null)[] {
  const { debt, ledger } = item;
  switch (grouping) {
    case 'file':
      return [debt.file];
    case 'tag':
      return [debt.tag];
    case 'sprint':
      return [sprintOf(item)];
    case 'owner': {
      const owners = debt.owners.length > 0 ? debt.owners : (ledger?.owners ?? []);
      return owners.length > 0 ? unique(owners.map((o) => o.replace(/^@/, ''))) : [null];
    }
    case 'label': {
      const labels = debt.labels.length > 0 ? debt.labels : (ledger?.labels ?? []);
      return labels.length > 0 ? unique(labels.map((l) => l.replace(/^#/, ''))) : [null];
    }
    case 'outcome':
      return [item.outcome];
    case 'tracker': {
      const trackers = ledger?.trackers ?? [];
      return trackers.length > 0 ? unique(trackers.map((t) => t.state ?? 'state unknown')) : [null];
    }
  }
}

/** How a group is labelled: `@alice`, `#perf`, the file's name, … */
export function groupLabel(grouping: Grouping, value: string | null): string {
  if (value === null) return NONE_LABEL[grouping];
  switch (grouping) {
    case 'file':
      return value.slice(value.lastIndexOf('/') + 1);
    case 'owner':
      return `@${value}`;
    case 'label':
      return `#${value}`;
    default:
      return value;
  }
}

export interface BuildOptions {
  grouping: Grouping;
  filter: DebtFilter;
}

/**
 * The tree for `folders`: folder nodes on top when there is more than one folder, then one group
 * per value of `grouping` (sprint grouping also shows the folder's sprints with nothing in them, so
 * items can be dropped on them), then the items in file order. Empty groups other than sprints
 * are left out; groups are sorted by name with the "none" group last (sprints in their order).
 */
export function buildTree(folders: readonly FolderItems[], options: BuildOptions): DebtTree {
  const keep = itemFilter(options.filter);
  const filtering = !isEmptyFilter(options.filter);
  const multiRoot = folders.length > 1;
  let total = 0;
  let shown = 0;
  let unrecorded = 0;
  const roots: DebtNode[] = [];
  for (const entry of folders) {
    total += entry.items.length;
    const items = filtering ? entry.items.filter(keep) : entry.items;
    shown += items.length;
    for (const item of entry.items) if (!item.ledger) unrecorded++;
    const folderNode: GroupNode | undefined = multiRoot
      ? { kind: 'group', id: `f:${entry.folder.key}`, groupKind: 'folder', value: entry.folder.key, label: entry.folder.name, folder: entry.folder, count: items.length, children: [], parent: undefined }
      : undefined;
    const groups = buildGroups(entry, items, options.grouping, folderNode, filtering);
    if (folderNode) {
      folderNode.children = groups;
      roots.push(folderNode);
    } else for (const group of groups) roots.push(group);
  }
  return { roots, total, shown, unrecorded };
}

function buildGroups(entry: FolderItems, items: readonly SessionItem[], grouping: Grouping, parent: GroupNode | undefined, filtering: boolean): GroupNode[] {
  const { folder } = entry;
  const groups = new Map<string | null, GroupNode>();
  const group = (value: string | null): GroupNode => {
    let node = groups.get(value);
    if (!node) {
      node = {
        kind: 'group',
        id: `g:${folder.key}|${grouping}|${value ?? '\u0000'}`,
        groupKind: grouping,
        value,
        label: groupLabel(grouping, value),
        folder,
        count: 0,
        children: [],
        parent,
      };
      groups.set(value, node);
    }
    return node;
  };
  const sprintOrder = new Map<string, number>();
  if (grouping === 'sprint') {
    entry.sprints.forEach((s, i) => sprintOrder.set(s.name, i));
    // Sprint nodes exist even when empty: they are where items are dropped. Not while a filter
    // hides items, though: an empty node then says nothing (and hides the "no match" text).
    if (!filtering) {
      for (const sprint of entry.sprints) group(sprint.name).sprint = sprint;
      group(null);
    }
  }
  const byName = new Map(entry.sprints.map((s) => [s.name, s]));
  for (const item of items) {
    for (const value of groupValues(item, grouping)) {
      const node = group(value);
      if (grouping === 'sprint' && value !== null) node.sprint ??= byName.get(value);
      node.count++;
      node.children.push({ kind: 'item', id: `${node.id}|${item.key}`, folder, item, parent: node });
    }
  }
  const rank = (node: GroupNode): number => {
    if (node.value === null) return Number.MAX_SAFE_INTEGER;
    return sprintOrder.get(node.value) ?? sprintOrder.size;
  };
  return [...groups.values()].sort((a, b) => {
    if (grouping === 'sprint') return rank(a) - rank(b) || compare(a.value, b.value);
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return compare(a.value.toLowerCase(), b.value.toLowerCase()) || compare(a.value, b.value);
  });
}

function compare(a: string | null, b: string | null): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Every item node under `node` (or `node` itself), each item once. */
export function itemsUnder(node: DebtNode): ItemNode[] {
  if (node.kind === 'item') return [node];
  const out: ItemNode[] = [];
  const seen = new Set<string>();
  const walk = (n: DebtNode): void => {
    if (n.kind === 'item') {
      const key = `${n.folder.key}|${n.item.key}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(n);
      }
    } else n.children.forEach(walk);
  };
  walk(node);
  return out;
}
