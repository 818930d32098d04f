/**
 * The Debt tree's view model, free of `vscode` so it is unit-tested: groups built once per change
 * from the sessions' items, filtered, counted, with which groups open expanded. The tree provider
 * only maps these nodes to `TreeItem`s.
 *
 * Folder grouping is a tree of folders and files like the Explorer's: a folder whose only child is
 * a folder shows as one row (`src/engine/scanner`), folders before files, both by name. In every
 * grouping, groups open only as many levels as fit {@link ROW_BUDGET} rows, so the view starts
 * readable and a regroup sends a screenful of rows, not thousands.
 */
import type { Impact, Interest, InterestIndex } from '../../engine';
import { ownerKey, ownerName, type SessionItem } from '../../engine';
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
  /** How often each file changed lately (interest grouping); null or absent: not read yet. */
  interest?: InterestIndex | null;
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
  /**
   * `root` for a workspace folder's node in multi-root workspaces; `folder` for a folder of the
   * folder tree (whose files are `file` nodes).
   */
  groupKind: Grouping | 'root';
  /** The grouping value (file or folder path, tag, sprint name, …), or null for "No sprint" and the like. */
  value: string | null;
  label: string;
  folder: FolderRef;
  /** For sprint groups: the sprint's dates and where it stands. */
  sprint?: SprintRef;
  /** Items under it (counted once even when they appear in two sub-groups). */
  count: number;
  /** Files with items under it (folder tree only; 0 elsewhere). */
  files: number;
  children: DebtNode[];
  parent: GroupNode | undefined;
  /** Whether the row starts expanded (the user's own expanding and collapsing wins after that). */
  expanded: boolean;
}

export interface ItemNode {
  kind: 'item';
  id: string;
  folder: FolderRef;
  item: SessionItem;
  parent: GroupNode | undefined;
  /** In interest grouping: the interest of the item's file. */
  interest?: Interest;
}

export type DebtNode = GroupNode | ItemNode;

export interface DebtTree {
  roots: DebtNode[];
  /** The grouping the tree was built with. */
  grouping: Grouping;
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

/**
 * The impact someone decided (set in the editor) or wrote (a comment's `impact:`), or null. A
 * comment's impact equal to its tag's default is the default: the scanner fills it in for every
 * item of the tag, so showing it would claim a judgement nobody made. Budget math may still use
 * the default; where it is shown, it is labelled as one ({@link defaultImpact}).
 */
export function statedImpact(item: SessionItem): Impact | null {
  const { ledger, debt } = item;
  if (ledger?.impact.source === 'ui') return ledger.impact.value;
  return debt.impact !== null && debt.impact !== item.tagImpact ? debt.impact : null;
}

/** The tag's default impact when nobody stated one, else null. */
export function defaultImpact(item: SessionItem): Impact | null {
  return statedImpact(item) === null ? item.tagImpact : null;
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
  const owners = filter.owners?.length ? new Set(filter.owners.map(ownerKey)) : null;
  return (item) => {
    if (tags && !tags.has(item.debt.tag.toUpperCase())) return false;
    if (statuses && !statuses.has(statusOf(item))) return false;
    if (owners) {
      const own = item.debt.owners.length > 0 ? item.debt.owners : (item.ledger?.owners ?? []);
      if (own.length === 0 ? !owners.has('') : !own.some((o) => owners.has(ownerKey(o)))) return false;
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
  folder: '(no folder)',
  file: '(no file)',
  tag: '(no tag)',
  sprint: 'No sprint',
  owner: 'No owner',
  label: 'No label',
  outcome: 'No outcome',
  tracker: 'No ticket',
  interest: 'Interest not read yet',
};

/**
 * The interest groups, hottest first: the top tenth of the repository's files by changes in the
 * window, the other files changed in it, the files not changed in it.
 */
export const INTEREST_GROUPS = ['top', 'changed', 'quiet'] as const;
export type InterestGroup = (typeof INTEREST_GROUPS)[number];

/** A file in the top tenth of the repository's files by commits counts as most changed. */
export const TOP_INTEREST_SHARE = 0.1;

/** Which interest group an item's file falls in. */
export function interestGroup(interest: Interest): InterestGroup {
  if (interest.commits === 0) return 'quiet';
  return interest.topShare <= TOP_INTEREST_SHARE ? 'top' : 'changed';
}

/**
 * The groups an item belongs to (several for several owners or labels; null: the "none" group).
 * Interest grouping needs `interest`; without it every item is in the "not read yet" group.
 */
export function groupValues(item: SessionItem, grouping: Grouping, interest?: InterestIndex | null): (string | null)[] {
  const { debt, ledger } = item;
  switch (grouping) {
    case 'folder':
    case 'file':
      return [debt.file];
    case 'tag':
      return [debt.tag];
    case 'sprint':
      return [sprintOf(item)];
    case 'owner': {
      const owners = debt.owners.length > 0 ? debt.owners : (ledger?.owners ?? []);
      if (owners.length === 0) return [null];
      // One group per person, however the item spells the handle: the first spelling names it.
      const byKey = new Map<string, string>();
      for (const o of owners) if (!byKey.has(ownerKey(o))) byKey.set(ownerKey(o), ownerName(o));
      return [...byKey.values()];
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
    case 'interest':
      return [interest ? interestGroup(interest.of(debt.file)) : null];
  }
}

/** How a group is labelled: `@alice`, `#perf`, the file's name, `Changed in the last 90 days`, … */
export function groupLabel(grouping: Grouping, value: string | null, interest?: InterestIndex | null): string {
  if (value === null) return NONE_LABEL[grouping];
  switch (grouping) {
    case 'interest': {
      const days = interest?.history.days ?? 0;
      if (value === 'top') return `Top ${Math.round(TOP_INTEREST_SHARE * 100)}% most changed`;
      return value === 'changed' ? `Changed in the last ${days} days` : `Not changed in ${days} days`;
    }
    case 'folder':
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
  /**
   * The tree this one replaces: a file's node whose items are the very same objects is taken
   * over as it is (the sessions rebuild a file's items only when the file changed), so a
   * keystroke rebuilds one file's rows, and {@link carryOver} skips the rest at once.
   */
  previous?: DebtTree;
}

/** Groups open level by level while the rows shown stay within this many. */
export const ROW_BUDGET = 40;
/** A lone row opens even past the budget (one row alone says nothing), up to this many children. */
export const LONE_ROW_LIMIT = 200;
/** `auto` grouping shows the folder tree when more files than this hold debt. */
export const AUTO_FOLDER_FILES = 40;

/** The grouping `auto` stands for: the folder tree when many files hold debt, else by file. */
export function autoGrouping(folders: readonly FolderItems[]): Grouping {
  let files = 0;
  for (const { items } of folders) {
    let last: string | undefined;
    for (const item of items) {
      // Items come sorted by file: count changes of file.
      if (item.debt.file === last) continue;
      last = item.debt.file;
      if (++files > AUTO_FOLDER_FILES) return 'folder';
    }
  }
  return 'file';
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
  const reusable = options.previous?.grouping === options.grouping ? fileNodes(options.previous) : undefined;
  for (const entry of folders) {
    total += entry.items.length;
    const items = filtering ? entry.items.filter(keep) : entry.items;
    shown += items.length;
    for (const item of entry.items) if (!item.ledger) unrecorded++;
    const folderNode: GroupNode | undefined = multiRoot
      ? { kind: 'group', id: `f:${entry.folder.key}`, groupKind: 'root', value: entry.folder.key, label: entry.folder.name, folder: entry.folder, count: items.length, files: 0, children: [], parent: undefined, expanded: true }
      : undefined;
    const groups = options.grouping === 'folder' ? buildFolderTree(entry.folder, items, folderNode, reusable) : buildGroups(entry, items, options.grouping, folderNode, filtering, reusable);
    if (folderNode) {
      folderNode.children = groups;
      folderNode.files = groups.reduce((n, g) => n + g.files, 0);
      roots.push(folderNode);
    } else roots.push(...groups);
    // Only what fits opens: a tag group of 1,500 items opened at once is 1,500 rows to send.
    // A flat list opens all its groups or none, so they read alike; a folder tree opens as deep
    // as it can, folder by folder.
    expandWithin(groups, ROW_BUDGET, options.grouping === 'folder');
  }
  return { roots, grouping: options.grouping, total, shown, unrecorded };
}

/** A folder of the folder tree while it is built. */
interface DirDraft {
  path: string;
  dirs: Map<string, DirDraft>;
  files: Map<string, SessionItem[]>;
}

/** Folders and files of `items` (sorted by file) under `parent`, compacted like the Explorer's. */
function buildFolderTree(folder: FolderRef, items: readonly SessionItem[], parent: GroupNode | undefined, reusable: Map<string, GroupNode> | undefined): GroupNode[] {
  const top: DirDraft = { path: '', dirs: new Map(), files: new Map() };
  let dir = top;
  let dirPath = '';
  for (const item of items) {
    const file = item.debt.file;
    const slash = file.lastIndexOf('/');
    const itemDir = slash < 0 ? '' : file.slice(0, slash);
    // Items of one file, and files of one folder, come together: look the folder up once per run.
    if (itemDir !== dirPath) {
      dirPath = itemDir;
      dir = top;
      if (itemDir !== '') {
        let at = 0;
        for (;;) {
          const next = itemDir.indexOf('/', at);
          const name = itemDir.slice(at, next < 0 ? undefined : next);
          let child = dir.dirs.get(name);
          if (!child) dir.dirs.set(name, (child = { path: next < 0 ? itemDir : itemDir.slice(0, next), dirs: new Map(), files: new Map() }));
          dir = child;
          if (next < 0) break;
          at = next + 1;
        }
      }
    }
    const list = dir.files.get(file);
    if (list) list.push(item);
    else dir.files.set(file, [item]);
  }
  return folderChildren(folder, top, parent, reusable);
}

function folderChildren(folder: FolderRef, dir: DirDraft, parent: GroupNode | undefined, reusable: Map<string, GroupNode> | undefined): GroupNode[] {
  const out: GroupNode[] = [];
  for (const name of [...dir.dirs.keys()].sort(byName)) {
    let sub = dir.dirs.get(name)!;
    let label = name;
    // A folder whose only child is a folder is one row, as in the Explorer's compact folders.
    while (sub.files.size === 0 && sub.dirs.size === 1) {
      const [childName, child] = sub.dirs.entries().next().value!;
      label += `/${childName}`;
      sub = child;
    }
    const node: GroupNode = { kind: 'group', id: `g:${folder.key}|folder|d:${sub.path}`, groupKind: 'folder', value: sub.path, label, folder, count: 0, files: 0, children: [], parent, expanded: false };
    node.children = folderChildren(folder, sub, node, reusable);
    for (const child of node.children as GroupNode[]) {
      node.count += child.count;
      node.files += child.files;
    }
    out.push(node);
  }
  for (const file of [...dir.files.keys()].sort((a, b) => byName(baseName(a), baseName(b)))) {
    const items = dir.files.get(file)!;
    const id = `g:${folder.key}|folder|f:${file}`;
    const same = reusedFile(reusable, id, items, parent);
    if (same) {
      out.push(same);
      continue;
    }
    const node: GroupNode = { kind: 'group', id, groupKind: 'file', value: file, label: baseName(file), folder, count: items.length, files: 1, children: [], parent, expanded: false };
    node.children = items.map((item) => ({ kind: 'item', id: `${node.id}|${item.key}`, folder, item, parent: node }));
    out.push(node);
  }
  return out;
}

/** The file nodes of a tree by id. */
function fileNodes(tree: DebtTree): Map<string, GroupNode> {
  const out = new Map<string, GroupNode>();
  const walk = (nodes: readonly DebtNode[]): void => {
    for (const n of nodes) {
      if (n.kind !== 'group') continue;
      if (n.groupKind === 'file') out.set(n.id, n);
      else walk(n.children);
    }
  };
  walk(tree.roots);
  return out;
}

/** The previous node of file `id` when it holds exactly `items` (the same objects), moved under `parent`. */
function reusedFile(reusable: Map<string, GroupNode> | undefined, id: string, items: readonly SessionItem[], parent: GroupNode | undefined): GroupNode | undefined {
  const node = reusable?.get(id);
  if (!node || node.children.length !== items.length) return undefined;
  for (let i = 0; i < items.length; i++) if ((node.children[i] as ItemNode).item !== items[i]) return undefined;
  node.parent = parent;
  return node;
}

/**
 * Expands groups level by level (breadth first) while the rows shown stay within `budget`; a
 * lone row is expanded past it (up to {@link LONE_ROW_LIMIT} children), since one row alone says
 * nothing.
 */
function expandWithin(roots: readonly GroupNode[], budget: number, oneByOne: boolean): void {
  let rows = roots.length;
  let level: GroupNode[] = [...roots];
  while (level.length > 0) {
    if (!oneByOne) {
      const extra = level.reduce((n, g) => n + g.children.length, 0);
      const lone = rows === 1 && extra <= LONE_ROW_LIMIT;
      if (rows + extra > budget && !lone) return;
    }
    const next: GroupNode[] = [];
    for (const node of level) {
      const extra = node.children.length;
      if (extra === 0 || (rows + extra > budget && (rows > 1 || extra > LONE_ROW_LIMIT))) continue;
      node.expanded = true;
      rows += extra;
      for (const child of node.children) if (child.kind === 'group') next.push(child);
    }
    level = next;
  }
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** The Explorer's order of names: numbers by value (`f2` before `f10`), case and accents aside. */
const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** By name as the Explorer sorts, then by code point, so equal-looking names still have one order. */
function byName(a: string, b: string): number {
  return names.compare(a, b) || compare(a, b);
}

function buildGroups(entry: FolderItems, items: readonly SessionItem[], grouping: Grouping, parent: GroupNode | undefined, filtering: boolean, reusable: Map<string, GroupNode> | undefined): GroupNode[] {
  const { folder } = entry;
  const groups = new Map<string | null, GroupNode>();
  const group = (value: string | null): GroupNode => {
    // Owners in any case are one group, named by the first spelling met.
    const key = grouping === 'owner' && value !== null ? ownerKey(value) : value;
    let node = groups.get(key);
    if (!node) {
      node = {
        kind: 'group',
        id: `g:${folder.key}|${grouping}|${key ?? '\u0000'}`,
        groupKind: grouping,
        value,
        label: groupLabel(grouping, value, entry.interest),
        folder,
        count: 0,
        files: 0,
        children: [],
        parent,
        expanded: false,
      };
      groups.set(key, node);
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
  const sprintByName = new Map(entry.sprints.map((s) => [s.name, s]));
  const interest = grouping === 'interest' ? (entry.interest ?? null) : null;
  for (const item of items) {
    for (const value of groupValues(item, grouping, interest)) {
      const node = group(value);
      if (grouping === 'sprint' && value !== null) node.sprint ??= sprintByName.get(value);
      node.count++;
      const child: ItemNode = { kind: 'item', id: `${node.id}|${item.key}`, folder, item, parent: node };
      if (interest) child.interest = interest.of(item.debt.file);
      node.children.push(child);
    }
  }
  if (interest) {
    // Most changed files first; a stable sort keeps file order among equals.
    for (const node of groups.values()) node.children.sort((a, b) => ((b as ItemNode).interest?.commits ?? 0) - ((a as ItemNode).interest?.commits ?? 0));
  }
  if (grouping === 'file' && reusable) {
    // Files whose items did not change keep their node (see BuildOptions.previous).
    for (const [value, node] of groups) {
      const same = reusedFile(reusable, node.id, node.children.map((c) => (c as ItemNode).item), parent);
      if (same) groups.set(value, same);
    }
  }
  const rank = (node: GroupNode): number => {
    if (node.value === null) return Number.MAX_SAFE_INTEGER;
    return sprintOrder.get(node.value) ?? sprintOrder.size;
  };
  return [...groups.values()].sort((a, b) => {
    if (grouping === 'sprint') return rank(a) - rank(b) || compare(a.value, b.value);
    if (grouping === 'interest') return interestRank(a.value) - interestRank(b.value);
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return byName(a.value, b.value);
  });
}

/** Hottest group first, "not read yet" last. */
function interestRank(value: string | null): number {
  const i = (INTEREST_GROUPS as readonly (string | null)[]).indexOf(value);
  return i < 0 ? INTEREST_GROUPS.length : i;
}

function compare(a: string | null, b: string | null): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What a tree view must refresh after {@link carryOver}: everything, or these nodes (and what is under them). */
export type Refresh = 'all' | DebtNode[];

/**
 * Carries `next` over onto `previous`: every node of `next` whose id was in `previous` is
 * replaced by the previous object, updated in place, so the tree view (which knows nodes by
 * object) can refresh just what changed instead of everything. Returns the tree to show and what
 * to refresh: groups whose row or children changed, items whose row reads differently
 * (`itemSignature`, asked only for items whose session item is a new object), or `all` when the
 * top-level rows changed. A keystroke in one file then refreshes that file's rows, and the folders
 * above it only when its count changed.
 */
export function carryOver(previous: DebtTree, next: DebtTree, itemSignature: (node: ItemNode) => string): { tree: DebtTree; refresh: Refresh } {
  // Groups by id; an item is looked up among its old group's items (its id starts with the group's).
  const old = new Map<string, GroupNode>();
  const index = (nodes: readonly DebtNode[]): void => {
    for (const n of nodes) {
      if (n.kind !== 'group') continue;
      old.set(n.id, n);
      index(n.children);
    }
  };
  index(previous.roots);
  const changed: DebtNode[] = [];
  const adopt = (node: DebtNode, parent: GroupNode | undefined, oldItems?: Map<string, DebtNode>): DebtNode => {
    const was: DebtNode | undefined = node.kind === 'group' ? old.get(node.id) : oldItems?.get(node.id);
    // Taken over whole by buildTree (`previous`): nothing under it changed.
    if (was === node) {
      node.parent = parent;
      return node;
    }
    if (!was || was.kind !== node.kind) {
      node.parent = parent;
      if (node.kind === 'group') for (let i = 0; i < node.children.length; i++) node.children[i] = adopt(node.children[i]!, node);
      return node;
    }
    if (was.kind === 'item') {
      const fresh = node as ItemNode;
      // Views of a file are rebuilt only when the file changed: the same item object reads the same
      // (its interest aside, which comes from the history, not the file).
      if (was.item !== fresh.item && itemSignature(was) !== itemSignature(fresh)) changed.push(was);
      else if (was.interest?.commits !== fresh.interest?.commits) changed.push(was);
      was.item = fresh.item;
      was.interest = fresh.interest;
      was.parent = parent;
      return was;
    }
    const fresh = node as GroupNode;
    const rowChanged = groupRowChanged(was, fresh);
    const children = fresh.children;
    let sameChildren = children.length === was.children.length;
    const items = new Map<string, DebtNode>();
    for (const c of was.children) if (c.kind === 'item') items.set(c.id, c);
    for (let i = 0; i < children.length; i++) {
      const child = adopt(children[i]!, was, items);
      children[i] = child;
      if (sameChildren && child !== was.children[i]) sameChildren = false;
    }
    was.label = fresh.label;
    was.value = fresh.value;
    was.sprint = fresh.sprint;
    was.count = fresh.count;
    was.files = fresh.files;
    was.expanded = fresh.expanded;
    was.parent = parent;
    was.children = children;
    if (rowChanged || !sameChildren) changed.push(was);
    return was;
  };
  const roots = next.roots.map((r) => adopt(r, undefined));
  const sameRoots = roots.length === previous.roots.length && roots.every((r, i) => r === previous.roots[i]);
  return { tree: { ...next, roots }, refresh: sameRoots ? changed : 'all' };
}

/** Whether a group's row reads differently (labels.ts builds it from these, and a lone item's text). */
function groupRowChanged(a: GroupNode, b: GroupNode): boolean {
  const lone = (n: GroupNode): SessionItem | undefined => (n.children.length === 1 && n.children[0]!.kind === 'item' ? n.children[0]!.item : undefined);
  return (
    a.label !== b.label ||
    a.count !== b.count ||
    a.files !== b.files ||
    a.value !== b.value ||
    a.sprint?.when !== b.sprint?.when ||
    a.sprint?.start !== b.sprint?.start ||
    a.sprint?.end !== b.sprint?.end ||
    (a.children.length === 0) !== (b.children.length === 0) ||
    lone(a) !== lone(b)
  );
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
