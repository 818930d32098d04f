import * as vscode from 'vscode';
import { plural } from '../../engine';
import { registerItemCommands } from '../commands/itemCommands';
import { registerTreeCommands } from '../commands/treeCommands';
import type { Sessions, SessionsState } from '../sessions';
import { onDidChangeSettings } from '../settings';
import { DebtDragAndDrop } from './dragAndDrop';
import { DEBT_VIEW_ID, DebtTreeProvider } from './debtTree';

/**
 * Registers the Debt tree (container `paydown`, view `paydown.debt`), its drag and drop, the
 * search quick pick and the tree's and items' commands.
 */
export function registerViews(context: vscode.ExtensionContext, sessions: Sessions, log: vscode.LogOutputChannel): void {
  const provider = new DebtTreeProvider(sessions, context.workspaceState);
  const view = vscode.window.createTreeView(DEBT_VIEW_ID, {
    treeDataProvider: provider,
    dragAndDropController: new DebtDragAndDrop(sessions, log),
    showCollapseAll: true,
    canSelectMany: true,
  });

  // Each of these is a message to the window, and a message restarts the view's refresh
  // debounce: set only what changed.
  let shown: { badge?: number; badgeTooltip?: string; description?: string; message?: string } = {};
  const decorate = (): void => {
    const { total, shown: count } = provider.tree;
    const filter = provider.filterDescription();
    const next = {
      badge: count > 0 ? count : undefined,
      badgeTooltip: `${plural(count, 'debt item')}${filter ? ' (filtered)' : ''}`,
      description: filter ? `${filter} · ${count} of ${total}` : undefined,
      // A single view's description is hidden in its container's title: the message says it too.
      message: filter && count > 0 ? `Filtered: ${filter} · ${count} of ${total}` : undefined,
    };
    if (next.badge !== shown.badge || next.badgeTooltip !== shown.badgeTooltip) view.badge = next.badge ? { value: next.badge, tooltip: next.badgeTooltip } : undefined;
    if (next.description !== shown.description) view.description = next.description;
    if (next.message !== shown.message) view.message = next.message;
    shown = next;
  };
  decorate();

  context.subscriptions.push(
    provider,
    view,
    provider.onDidRebuild(decorate),
    showScanProgress(sessions),
    onDidChangeSettings(() => void provider.settingsChanged()),
    vscode.commands.registerCommand('paydown.dismissLedgerHint', () => provider.dismissLedgerHint()),
    registerTreeCommands(sessions, provider, log),
    registerItemCommands(sessions, log),
  );
}

/** The view's progress bar while a scan runs (its rows fill in meanwhile). */
function showScanProgress(sessions: Sessions): vscode.Disposable {
  let done: (() => void) | undefined;
  const follow = (state: SessionsState): void => {
    if (state.kind === 'scanning') {
      if (done) return;
      void vscode.window.withProgress({ location: { viewId: DEBT_VIEW_ID } }, () => new Promise<void>((resolve) => (done = resolve)));
    } else {
      done?.();
      done = undefined;
    }
  };
  follow(sessions.state);
  const listener = sessions.onDidChangeState(follow);
  return new vscode.Disposable(() => {
    listener.dispose();
    done?.();
  });
}
