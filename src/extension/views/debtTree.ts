import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { GROUPINGS, readSettings, type Grouping, type GroupingSetting } from '../settings';
import type { Sessions } from '../sessions';
import { autoGrouping, buildTree, carryOver, describeFilter, isEmptyFilter, type DebtFilter, type DebtNode, type DebtTree, type FolderItems, type GroupNode, type ItemNode } from './debtModel';
import { groupContextValue, groupDescription, groupRowLabel, groupTooltip, itemContextValue, itemDescription, itemIcon, itemLabel, itemTooltip } from './labels';
import { RefreshPacer } from './refreshPacer';
import { currentDay, visibleSprints } from './sprintInfo';

const GROUPING_KEY = 'paydown.tree.groupBy';
/** Set once `auto` chose the folder tree here, so the view does not flip back and forth around the threshold. */
const AUTO_FOLDER_KEY = 'paydown.tree.autoFolder';
const FILTER_KEY = 'paydown.tree.filter';
const HINT_DISMISSED_KEY = 'paydown.tree.ledgerHintDismissed';
/**
 * Grouped by interest, the sessions are asked whether HEAD moved at most this often (one `git
 * rev-parse` each): a commit or checkout regroups within it, typing does not spawn git per key.
 */
const INTEREST_CHECK_MS = 5_000;

/** Which welcome text the empty view shows (context key `paydown.debt.state`). */
type ViewState = 'scanning' | 'noFolder' | 'empty' | 'filteredOut' | 'failed' | 'items';

/** The one-time note above the tree that nothing is in the ledger yet; dismissed for good per workspace. */
export interface HintNode {
  kind: 'hint';
  id: string;
}

/** A row of the Debt view. */
export type TreeNode = DebtNode | HintNode;

const LEDGER_HINT: HintNode = { kind: 'hint', id: 'hint:ledger' };

/**
 * The Debt tree: a projection of the sessions' items, built once per change (no file I/O here),
 * grouped and filtered as the user chose (remembered per workspace). Rows carry no tooltip until
 * hovered (`resolveTreeItem`): a refresh of thousands of rows builds labels only.
 */
export class DebtTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly treeChanged = this.register(new vscode.EventEmitter<DebtTree>());
  /** Fires after the model was rebuilt (the view updates its badge and description). */
  readonly onDidRebuild = this.treeChanged.event;

  private model: DebtTree = { roots: [], grouping: 'file', total: 0, shown: 0, unrecorded: 0 };
  /** Whether the ledger note headed the rows the view was last given. */
  private hinted = false;
  /** When a change is shown: see refreshPacer.ts for the host's debounce it works around. */
  private readonly pacer = new RefreshPacer(() => this.rebuild());
  private choice: GroupingSetting;
  private filterValue: DebtFilter;
  private readonly contexts = new Map<string, unknown>();
  private interestChecked = 0;

  constructor(
    private readonly sessions: Sessions,
    private readonly state: vscode.Memento,
  ) {
    super();
    this.choice = this.storedChoice();
    this.filterValue = state.get<DebtFilter>(FILTER_KEY) ?? {};
    this.register({ dispose: () => this.pacer.cancel() });
    this.register(sessions.onDidChange(() => this.pacer.changed()));
    this.register(sessions.onDidChangeState(() => this.pacer.changed()));
    this.rebuild();
  }

  get tree(): DebtTree {
    return this.model;
  }

  /** The grouping shown now (what `auto` stands for, when it is the choice). */
  get grouping(): Grouping {
    return this.model.grouping;
  }

  get filter(): DebtFilter {
    return this.filterValue;
  }

  /** True while the note that nothing is in the ledger yet shows above the tree. */
  get showsLedgerHint(): boolean {
    return this.hintShown();
  }

  /** Groups by `grouping` from now on, remembered for this workspace. */
  async setGrouping(grouping: Grouping): Promise<void> {
    this.choice = grouping;
    // The rows first: remembering the choice is a round trip to the workbench's storage.
    this.rebuild();
    await this.state.update(GROUPING_KEY, grouping);
  }

  /** The setting changed: it wins over what was remembered. */
  async settingsChanged(): Promise<void> {
    const fromSetting = readSettings().treeGroupBy;
    if (fromSetting === this.choice) return;
    await this.state.update(GROUPING_KEY, undefined);
    this.choice = fromSetting;
    this.rebuild();
  }

  async setFilter(filter: DebtFilter): Promise<void> {
    this.filterValue = isEmptyFilter(filter) ? {} : filter;
    this.rebuild();
    await this.state.update(FILTER_KEY, isEmptyFilter(filter) ? undefined : filter);
  }

  /** Hides the note that nothing is in the ledger yet, for good in this workspace. */
  async dismissLedgerHint(): Promise<void> {
    await this.state.update(HINT_DISMISSED_KEY, true);
    this.rebuild();
  }

  /** The filter in words for the view's description, or undefined when there is none. */
  filterDescription(): string | undefined {
    return isEmptyFilter(this.filterValue) ? undefined : describeFilter(this.filterValue);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'hint') return hintRow();
    return node.kind === 'item' ? this.itemRow(node) : this.groupRow(node);
  }

  /** Tooltips are built when a row is hovered, not for every row of every refresh. */
  resolveTreeItem(row: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'item') {
      const tooltip = new vscode.MarkdownString(itemTooltip(node.item), true);
      tooltip.isTrusted = false;
      row.tooltip = tooltip;
    }
    return row;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.hintShown() ? [LEDGER_HINT, ...this.model.roots] : this.model.roots;
    return node.kind === 'group' ? node.children : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'hint' ? undefined : node.parent;
  }

  /** The item node of `folderKey`'s item `key` (its first place in the tree), for reveal. */
  findItem(folderKey: string, key: string): ItemNode | undefined {
    const walk = (nodes: readonly DebtNode[]): ItemNode | undefined => {
      for (const n of nodes) {
        if (n.kind === 'item') {
          if (n.folder.key === folderKey && n.item.key === key) return n;
        } else if (n.folder.key === folderKey || n.groupKind !== 'root') {
          const found = walk(n.children);
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(this.model.roots);
  }

  private rebuild(): void {
    this.pacer.cancel();
    const today = currentDay();
    const folders: FolderItems[] = this.sessions.all().map(({ folder, session }) => ({
      folder: { key: folder.uri.toString(), name: folder.name },
      items: session.items(),
      sprints: [],
    }));
    const grouping = this.effectiveGrouping(folders);
    if (grouping === 'sprint') {
      const all = this.sessions.all();
      folders.forEach((f, i) => (f.sprints = safeSprints(() => visibleSprints(all[i]!.session.settings, today))));
    }
    if (grouping === 'interest') {
      const all = this.sessions.all();
      // The last reading now; a new one (first read, HEAD moved) is a session change, and regroups.
      folders.forEach((f, i) => (f.interest = all[i]!.session.latestInterest));
      if (Date.now() - this.interestChecked >= INTEREST_CHECK_MS) {
        this.interestChecked = Date.now();
        for (const { session } of all) void session.interest().catch(() => undefined);
      }
    }
    const next = buildTree(folders, { grouping, filter: this.filterValue, previous: this.model });
    // The view knows rows by object: carried over, only the rows that changed are sent again.
    const { tree, refresh } = carryOver(this.model, next, (node) => this.itemSignature(node));
    this.model = tree;
    const hinted = this.hintShown();
    const all = refresh === 'all' || hinted !== this.hinted;
    this.hinted = hinted;
    this.setContext('paydown.debt.state', this.viewState());
    this.setContext('paydown.debt.filtered', !isEmptyFilter(this.filterValue));
    this.setContext('paydown.debt.groupBy', grouping);
    this.setContext('paydown.debt.unrecorded', this.model.unrecorded > 0);
    if (all || refresh.length > 0) {
      this.pacer.sent();
      this.changed.fire(all ? undefined : refresh);
    }
    this.treeChanged.fire(this.model);
  }

  /** What an item's row shows, as one string: rows that read the same are not sent again. */
  private itemSignature(node: ItemNode): string {
    const { item } = node;
    const icon = itemIcon(item);
    return `${itemLabel(item)}\0${itemDescription(item, this.model.grouping, node.interest)}\0${icon.id}\0${icon.color ?? ''}\0${itemContextValue(item)}`;
  }

  /** The choice, with `auto` resolved: the folder tree once many files hold debt (and from then on). */
  private effectiveGrouping(folders: readonly FolderItems[]): Grouping {
    if (this.choice !== 'auto') return this.choice;
    if (this.state.get<boolean>(AUTO_FOLDER_KEY)) return 'folder';
    const grouping = autoGrouping(folders);
    if (grouping === 'folder') void this.state.update(AUTO_FOLDER_KEY, true);
    return grouping;
  }

  /** Context keys are a round trip to the window each: set only what changed. */
  private setContext(key: string, value: unknown): void {
    if (this.contexts.has(key) && this.contexts.get(key) === value) return;
    this.contexts.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  /** Nothing of the shown debt is in any folder's ledger, and the note was not dismissed here. */
  private hintShown(): boolean {
    const { total, unrecorded } = this.model;
    if (total === 0 || unrecorded < total || this.state.get<boolean>(HINT_DISMISSED_KEY)) return false;
    return this.sessions.all().every(({ session }) => session.ledgerSnapshot.items.length === 0);
  }

  private viewState(): ViewState {
    const state = this.sessions.state;
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) return 'noFolder';
    if (this.model.total > 0) return this.model.shown > 0 ? 'items' : 'filteredOut';
    if (state.kind === 'failed') return 'failed';
    return state.kind === 'done' ? 'empty' : 'scanning';
  }

  private storedChoice(): GroupingSetting {
    const stored = this.state.get<string>(GROUPING_KEY);
    return stored && (GROUPINGS as readonly string[]).includes(stored) ? (stored as Grouping) : readSettings().treeGroupBy;
  }

  private groupRow(node: GroupNode): vscode.TreeItem {
    const state = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const row = new vscode.TreeItem(groupRowLabel(node), state);
    row.id = node.id;
    row.description = groupDescription(node, this.model.grouping);
    row.contextValue = groupContextValue(node);
    if ((node.groupKind === 'file' || node.groupKind === 'folder') && node.value) {
      // The file icon theme's icons, as in the Explorer.
      row.resourceUri = vscode.Uri.joinPath(folderUri(node.folder.key), node.value);
      row.iconPath = node.groupKind === 'file' ? vscode.ThemeIcon.File : vscode.ThemeIcon.Folder;
    } else {
      row.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.groupKind], node.sprint?.when === 'current' ? new vscode.ThemeColor('charts.green') : undefined);
    }
    row.tooltip = groupTooltip(node);
    return row;
  }

  private itemRow(node: ItemNode): vscode.TreeItem {
    const { item } = node;
    const row = new vscode.TreeItem(itemLabel(item), vscode.TreeItemCollapsibleState.None);
    row.id = node.id;
    row.description = itemDescription(item, this.model.grouping, node.interest);
    const icon = itemIcon(item);
    row.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    row.contextValue = itemContextValue(item);
    row.command = { command: 'paydown.openItem', title: 'Open', arguments: [node] };
    return row;
  }
}

/** The note's row: what the ledger is for, with Record and Dismiss as its inline actions. */
function hintRow(): vscode.TreeItem {
  const row = new vscode.TreeItem('Not in the ledger yet', vscode.TreeItemCollapsibleState.None);
  row.id = LEDGER_HINT.id;
  row.description = 'record it to plan sprints';
  row.iconPath = new vscode.ThemeIcon('info');
  row.contextValue = 'hint:ledger';
  row.tooltip = new vscode.MarkdownString(
    'Paydown lists every `TODO`, `FIXME`, `HACK`, `XXX` and `DEBT` comment without a ledger. **Record Debt in Ledger** gives each an id, so it can get a sprint and an estimate and be tracked over time (the ledger is committed in `.paydown/`).\n\nOnly want the list? Dismiss this note (×): it will not come back in this workspace.',
  );
  return row;
}

const folderUris = new Map<string, vscode.Uri>();

/** The folder's URI from its key, parsed once. */
function folderUri(key: string): vscode.Uri {
  let uri = folderUris.get(key);
  if (!uri) folderUris.set(key, (uri = vscode.Uri.parse(key)));
  return uri;
}

const GROUP_ICONS: Record<Grouping | 'root', string> = {
  root: 'root-folder',
  folder: 'folder',
  file: 'file',
  tag: 'tag',
  sprint: 'milestone',
  owner: 'person',
  label: 'symbol-key',
  outcome: 'target',
  tracker: 'issues',
  interest: 'flame',
};

/** A config whose cadence cannot be resolved must not take the tree down with it. */
function safeSprints<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}
