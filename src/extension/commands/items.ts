import * as vscode from 'vscode';
import type { ItemPatch } from '../../engine';
import type { LedgerItem } from '../../engine';
import type { SessionItem, WorkspaceSession } from '../../engine';
import { openAt } from '../editor/openAt';
import { showError } from '../errors';
import type { Sessions } from '../sessions';
import type { ItemNode } from '../views/debtModel';
import { itemLabel, searchEntry } from '../views/labels';
import { DEBT_VIEW_ID } from '../views/viewIds';

/** One item an action applies to, with the session of its folder. */
export interface ItemTarget {
  folder: vscode.WorkspaceFolder;
  session: WorkspaceSession;
  item: SessionItem;
}

/**
 * What item commands accept as their argument, besides none (then they ask with a quick pick):
 * a Debt tree node (menus pass the clicked node, and the selection as second argument), a ledger
 * id (`{ id: 'PD-7Q2K…' }`, e.g. from a hover's command link), or a place in a document
 * (`{ uri, line }`, line 1-based: the annotation on or nearest above that line).
 */
export type ItemArg = ItemNode | { id: string } | { uri: string | vscode.Uri; line: number };

/** The items a command was invoked on; asks with a quick pick when it was given none. */
export async function targetsOf(sessions: Sessions, arg: unknown, selection: unknown, placeholder: string): Promise<ItemTarget[]> {
  const args = Array.isArray(selection) && selection.length > 0 ? selection : arg === undefined ? [] : [arg];
  const out: ItemTarget[] = [];
  const seen = new Set<string>();
  for (const a of args) {
    const target = findTarget(sessions, a);
    if (!target) continue;
    const key = `${target.folder.uri.toString()}|${target.item.key}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(target);
    }
  }
  if (out.length > 0 || args.length > 0) return out;
  const picked = await pickItem(sessions, placeholder);
  return picked ? [picked] : [];
}

function findTarget(sessions: Sessions, arg: unknown): ItemTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const all = sessions.all();
  if ('kind' in arg && (arg as ItemNode).kind === 'item') {
    const node = arg as ItemNode;
    const entry = all.find((e) => e.folder.uri.toString() === node.folder.key);
    return entry ? { ...entry, item: node.item } : undefined;
  }
  if ('id' in arg && typeof arg.id === 'string') {
    for (const entry of all) {
      const item = entry.session.items().find((i) => i.ledger?.id === arg.id);
      if (item) return { ...entry, item };
    }
    return undefined;
  }
  if ('uri' in arg && 'line' in arg && typeof arg.line === 'number') {
    const uri = typeof arg.uri === 'string' ? vscode.Uri.parse(arg.uri) : (arg.uri as vscode.Uri);
    const entry = all.find((e) => e.session === sessions.forUri(uri));
    if (!entry) return undefined;
    const line = arg.line;
    const items = entry.session.itemsInFile(uri.fsPath).filter((i) => i.debt.line <= line);
    const item = items.find((i) => i.debt.line <= line && line < Math.max(i.debt.end.line, i.debt.line + 1)) ?? items[items.length - 1];
    return item ? { ...entry, item } : undefined;
  }
  return undefined;
}

/** A quick pick over every folder's items (the same rows as "Search Debt"). */
export async function pickItem(sessions: Sessions, placeholder: string): Promise<ItemTarget | undefined> {
  const multiRoot = sessions.all().length > 1;
  type Row = vscode.QuickPickItem & { target: ItemTarget };
  const rows: Row[] = [];
  for (const entry of sessions.all()) {
    for (const item of entry.session.items()) rows.push({ ...searchEntry(item, multiRoot ? entry.folder.name : undefined), target: { ...entry, item } });
  }
  if (rows.length === 0) {
    void vscode.window.showInformationMessage('Paydown found no debt in this workspace. Write a comment such as `// TODO: …` or `// DEBT: …` to add some.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(rows, { placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true });
  return picked?.target;
}

/**
 * The ledger ids of `targets`, recording the folder's debt in the ledger first when some are not
 * in it yet (one sync per folder). Items only in unsaved buffers cannot be recorded: they are
 * left out with a message asking to save.
 */
export async function ensureRecorded(targets: readonly ItemTarget[]): Promise<{ target: ItemTarget; id: string }[]> {
  const out: { target: ItemTarget; id: string }[] = [];
  const missing = targets.filter((t) => !t.item.ledger);
  const unsaved = missing.filter((t) => t.item.unsaved);
  if (unsaved.length > 0) {
    void vscode.window.showWarningMessage(`Paydown: save ${unsaved.length === 1 ? `"${itemLabel(unsaved[0]!.item)}"'s file` : `the files of ${unsaved.length} items`} first: only saved debt is recorded in the ledger.`);
  }
  const toSync = [...new Set(missing.filter((t) => !t.item.unsaved).map((t) => t.session))];
  if (toSync.length > 0) {
    await vscode.window.withProgress({ location: { viewId: DEBT_VIEW_ID }, title: 'Recording debt in the ledger' }, async () => {
      for (const session of toSync) await session.sync();
    });
  }
  for (const target of targets) {
    if (target.item.ledger) {
      out.push({ target, id: target.item.ledger.id });
      continue;
    }
    if (target.item.unsaved) continue;
    const { debt } = target.item;
    const now = target.session.itemsInFile(debt.file).find((i) => i.debt.line === debt.line && i.debt.column === debt.column && i.ledger);
    if (now?.ledger) out.push({ target: { ...target, item: now }, id: now.ledger.id });
  }
  return out;
}

/** Applies `patch` to every target (recording new ones first); returns the edited items. */
export async function editTargets(targets: readonly ItemTarget[], patch: ItemPatch): Promise<LedgerItem[]> {
  const recorded = await ensureRecorded(targets);
  const edited: LedgerItem[] = [];
  // Stamped by each session's identity (git's user.name), as the CLI stamps its edits.
  for (const { target, id } of recorded) edited.push(await target.session.edit(id, patch));
  return edited;
}

/** Runs a command's body, logging failures and showing one actionable message. */
export function guarded<A extends unknown[]>(log: vscode.LogOutputChannel, what: string, body: (...args: A) => Promise<unknown>): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (err) {
      showError(log, what, err);
      return undefined;
    }
  };
}

/** Opens the item's file with the annotation selected. */
export async function openItem(target: ItemTarget, preview = true): Promise<void> {
  const { debt } = target.item;
  await openAt(vscode.Uri.joinPath(target.folder.uri, debt.file), debt.line, debt.column, { preview, ...(debt.cell ? { cell: debt.cell } : {}) });
}
