import * as vscode from 'vscode';
import { plural } from '../../engine';
import { ItemCommands } from '../commands/itemCommands';
import { TreeCommands } from '../commands/treeCommands';
import { Disposable } from '../lifecycle';
import type { Sessions, SessionsState } from '../sessions';
import { onDidChangeSettings } from '../settings';
import { DebtDragAndDrop } from './dragAndDrop';
import { DebtTreeProvider, type TreeNode } from './debtTree';
import type { LazyTree } from './lazyTree';
import { DEBT_VIEW_ID } from './viewIds';

/**
 * The Debt tree behind the view activation registered (container `paydown`, view
 * `paydown.debt`): its provider, drag and drop, badge and description, scan progress, and the
 * tree's and items' commands.
 */
export class DebtView extends Disposable {
  /** What the view was last told: each of these is a message to the window, and restarts its refresh debounce. */
  private shown: { badge?: number; badgeTooltip?: string; description?: string; message?: string } = {};

  constructor(
    private readonly view: vscode.TreeView<TreeNode>,
    lazy: LazyTree,
    state: vscode.Memento,
    sessions: Sessions,
    log: vscode.LogOutputChannel,
  ) {
    super();
    const provider = this.register(new DebtTreeProvider(sessions, state));
    lazy.attach({ provider, dragAndDrop: new DebtDragAndDrop(sessions, log) });
    this.decorate(provider);
    this.register(provider.onDidRebuild(() => this.decorate(provider)));
    this.register(new ScanProgress(sessions));
    this.register(onDidChangeSettings(() => void provider.settingsChanged()));
    this.register(vscode.commands.registerCommand('paydown.dismissLedgerHint', () => provider.dismissLedgerHint()));
    this.register(new TreeCommands(sessions, provider, log));
    this.register(new ItemCommands(sessions, log));
  }

  /** Badge, description and message: set only what changed. */
  private decorate(provider: DebtTreeProvider): void {
    const view = this.view;
    const { total, shown: count } = provider.tree;
    const filter = provider.filterDescription();
    const next = {
      badge: count > 0 ? count : undefined,
      badgeTooltip: `${plural(count, 'debt item')}${filter ? ' (filtered)' : ''}`,
      description: filter ? `${filter} · ${count} of ${total}` : undefined,
      // A single view's description is hidden in its container's title: the message says it too.
      message: filter && count > 0 ? `Filtered: ${filter} · ${count} of ${total}` : undefined,
    };
    const shown = this.shown;
    if (next.badge !== shown.badge || next.badgeTooltip !== shown.badgeTooltip) view.badge = next.badge ? { value: next.badge, tooltip: next.badgeTooltip } : undefined;
    if (next.description !== shown.description) view.description = next.description;
    if (next.message !== shown.message) view.message = next.message;
    this.shown = next;
  }
}

/** The view's progress bar while a scan runs (its rows fill in meanwhile). */
class ScanProgress extends Disposable {
  private done: (() => void) | undefined;

  constructor(sessions: Sessions) {
    super();
    this.register({ dispose: () => this.done?.() });
    this.follow(sessions.state);
    this.register(sessions.onDidChangeState((state) => this.follow(state)));
  }

  private follow(state: SessionsState): void {
    if (state.kind === 'scanning') {
      if (this.done) return;
      void vscode.window.withProgress({ location: { viewId: DEBT_VIEW_ID } }, () => new Promise<void>((resolve) => (this.done = resolve)));
    } else {
      this.done?.();
      this.done = undefined;
    }
  }
}
