import * as vscode from 'vscode';
import { registerItemCommands } from '../commands/itemCommands';
import { registerTreeCommands } from '../commands/treeCommands';
import type { Sessions } from '../sessions';
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

  const decorate = (): void => {
    const { total, shown, unrecorded } = provider.tree;
    const filter = provider.filterDescription();
    view.badge = shown > 0 ? { value: shown, tooltip: `${shown} debt ${shown === 1 ? 'item' : 'items'}${filter ? ' (filtered)' : ''}` } : undefined;
    view.description = filter ? `${filter} · ${shown} of ${total}` : undefined;
    const nothingRecorded = total > 0 && unrecorded === total && sessions.all().every(({ session }) => session.ledgerSnapshot.items.length === 0);
    // A single view's description is hidden in its container's title: the message says it too.
    view.message = filter && shown > 0
      ? `Filtered: ${filter} · ${shown} of ${total}`
      : nothingRecorded
        ? 'None of this debt is in the ledger yet. "Record Debt in Ledger" (title bar) gives each item an id, so it can get a sprint and an estimate.'
        : undefined;
  };
  decorate();

  context.subscriptions.push(
    provider,
    view,
    provider.onDidRebuild(decorate),
    onDidChangeSettings(() => void provider.settingsChanged()),
    registerTreeCommands(sessions, provider, log),
    registerItemCommands(sessions, log),
  );
}
