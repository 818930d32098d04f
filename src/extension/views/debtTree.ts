import * as vscode from 'vscode';
import { todayOf } from '../../engine/sprints';
import { GROUPINGS, readSettings, type Grouping } from '../settings';
import type { Sessions } from '../sessions';
import { buildTree, describeFilter, isEmptyFilter, type DebtFilter, type DebtNode, type DebtTree, type FolderItems, type GroupNode, type ItemNode } from './debtModel';
import { groupContextValue, groupDescription, groupTooltip, itemContextValue, itemDescription, itemIcon, itemLabel, itemTooltip } from './labels';
import { visibleSprints } from './sprintInfo';

/** The Debt view's id (and its container's: `paydown`). */
export const DEBT_VIEW_ID = 'paydown.debt';
/** What items carry while dragged inside the Debt tree. */
export const DEBT_MIME = 'application/vnd.code.tree.paydown.debt';

const GROUPING_KEY = 'paydown.tree.groupBy';
const FILTER_KEY = 'paydown.tree.filter';
/** Keystrokes already arrive debounced by the sessions; this folds several folders' changes into one refresh. */
const REFRESH_DEBOUNCE_MS = 15;
/** Above this many groups they start collapsed: a long list of open groups hides the structure. */
const EXPAND_LIMIT = 30;

/** Which welcome text the empty view shows (context key `paydown.debt.state`). */
type ViewState = 'scanning' | 'noFolder' | 'empty' | 'filteredOut' | 'failed' | 'items';

/**
 * The Debt tree: a projection of the sessions' items, built once per change (no file I/O here),
 * grouped and filtered as the user chose (remembered per workspace).
 */
export class DebtTreeProvider implements vscode.TreeDataProvider<DebtNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DebtNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly treeChanged = new vscode.EventEmitter<DebtTree>();
  /** Fires after the model was rebuilt (the view updates its badge and description). */
  readonly onDidRebuild = this.treeChanged.event;

  private model: DebtTree = { roots: [], total: 0, shown: 0, unrecorded: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private groupingValue: Grouping;
  private filterValue: DebtFilter;

  constructor(
    private readonly sessions: Sessions,
    private readonly state: vscode.Memento,
  ) {
    this.groupingValue = this.storedGrouping();
    this.filterValue = state.get<DebtFilter>(FILTER_KEY) ?? {};
    this.disposables.push(
      sessions.onDidChange(() => this.schedule()),
      sessions.onDidChangeState(() => this.schedule()),
    );
    this.rebuild();
  }

  get tree(): DebtTree {
    return this.model;
  }

  get grouping(): Grouping {
    return this.groupingValue;
  }

  get filter(): DebtFilter {
    return this.filterValue;
  }

  /** Groups by `grouping` from now on, remembered for this workspace. */
  async setGrouping(grouping: Grouping): Promise<void> {
    this.groupingValue = grouping;
    await this.state.update(GROUPING_KEY, grouping);
    this.rebuild();
  }

  /** The setting changed: it wins over what was remembered. */
  async settingsChanged(): Promise<void> {
    const fromSetting = readSettings().treeGroupBy;
    if (fromSetting === this.groupingValue) return;
    await this.state.update(GROUPING_KEY, undefined);
    this.groupingValue = fromSetting;
    this.rebuild();
  }

  async setFilter(filter: DebtFilter): Promise<void> {
    this.filterValue = isEmptyFilter(filter) ? {} : filter;
    await this.state.update(FILTER_KEY, isEmptyFilter(filter) ? undefined : filter);
    this.rebuild();
  }

  /** The filter in words for the view's description, or undefined when there is none. */
  filterDescription(): string | undefined {
    return isEmptyFilter(this.filterValue) ? undefined : describeFilter(this.filterValue);
  }

  getTreeItem(node: DebtNode): vscode.TreeItem {
    return node.kind === 'item' ? this.itemRow(node) : this.groupRow(node);
  }

  getChildren(node?: DebtNode): DebtNode[] {
    if (!node) return this.model.roots;
    return node.kind === 'group' ? node.children : [];
  }

  getParent(node: DebtNode): DebtNode | undefined {
    return node.parent;
  }

  /** The item node of `folderKey`'s item `key` (its first place in the tree), for reveal. */
  findItem(folderKey: string, key: string): ItemNode | undefined {
    const walk = (nodes: readonly DebtNode[]): ItemNode | undefined => {
      for (const n of nodes) {
        if (n.kind === 'item') {
          if (n.folder.key === folderKey && n.item.key === key) return n;
        } else if (n.folder.key === folderKey || n.groupKind !== 'folder') {
          const found = walk(n.children);
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(this.model.roots);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
    this.changed.dispose();
    this.treeChanged.dispose();
  }

  /** Refreshes soon, once for a burst of changes. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild();
    }, REFRESH_DEBOUNCE_MS);
  }

  private rebuild(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const today = todayOf(new Date());
    const folders: FolderItems[] = this.sessions.all().map(({ folder, session }) => ({
      folder: { key: folder.uri.toString(), name: folder.name },
      items: session.items(),
      sprints: this.groupingValue === 'sprint' ? safeSprints(() => visibleSprints(session.settings, today)) : [],
    }));
    this.model = buildTree(folders, { grouping: this.groupingValue, filter: this.filterValue });
    void vscode.commands.executeCommand('setContext', 'paydown.debt.state', this.viewState());
    void vscode.commands.executeCommand('setContext', 'paydown.debt.filtered', !isEmptyFilter(this.filterValue));
    void vscode.commands.executeCommand('setContext', 'paydown.debt.groupBy', this.groupingValue);
    void vscode.commands.executeCommand('setContext', 'paydown.debt.unrecorded', this.model.unrecorded > 0);
    this.changed.fire(undefined);
    this.treeChanged.fire(this.model);
  }

  private viewState(): ViewState {
    const state = this.sessions.state;
    if ((vscode.workspace.workspaceFolders ?? []).length === 0) return 'noFolder';
    if (this.model.total > 0) return this.model.shown > 0 ? 'items' : 'filteredOut';
    if (state.kind === 'failed') return 'failed';
    return state.kind === 'done' ? 'empty' : 'scanning';
  }

  private storedGrouping(): Grouping {
    const stored = this.state.get<string>(GROUPING_KEY);
    return stored && (GROUPINGS as readonly string[]).includes(stored) ? (stored as Grouping) : readSettings().treeGroupBy;
  }

  private groupRow(node: GroupNode): vscode.TreeItem {
    const expand = node.groupKind === 'folder' || this.groupCount(node) <= EXPAND_LIMIT;
    const state = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const row = new vscode.TreeItem(node.label, state);
    row.id = node.id;
    row.description = groupDescription(node);
    row.contextValue = groupContextValue(node);
    if (node.groupKind === 'file' && node.value) {
      row.resourceUri = vscode.Uri.joinPath(vscode.Uri.parse(node.folder.key), node.value);
      row.iconPath = vscode.ThemeIcon.File;
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
    row.description = itemDescription(item, this.groupingValue);
    const tooltip = new vscode.MarkdownString(itemTooltip(item), true);
    tooltip.isTrusted = false;
    row.tooltip = tooltip;
    const icon = itemIcon(item);
    row.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    row.contextValue = itemContextValue(item);
    row.command = { command: 'paydown.openItem', title: 'Open', arguments: [node] };
    return row;
  }

  private groupCount(node: GroupNode): number {
    const siblings = node.parent ? node.parent.children : this.model.roots;
    return siblings.length;
  }
}

const GROUP_ICONS: Record<Grouping | 'folder', string> = {
  folder: 'root-folder',
  file: 'file',
  tag: 'tag',
  sprint: 'milestone',
  owner: 'person',
  label: 'symbol-key',
  outcome: 'target',
  tracker: 'issues',
};

/** A config whose cadence cannot be resolved must not take the tree down with it. */
function safeSprints<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}
