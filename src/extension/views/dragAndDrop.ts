import * as vscode from 'vscode';
import { showError } from '../errors';
import type { Sessions } from '../sessions';
import { editTargets, type ItemTarget } from '../commands/items';
import { itemsUnder, type GroupNode } from './debtModel';
import { itemLabel } from './labels';
import type { TreeNode } from './debtTree';
import { DEBT_MIME } from './viewIds';

/** What a drag carries: plain keys, never tree nodes (VS Code serialises the data as JSON, and nodes link to their parents). */
interface DraggedItem {
  folder: string;
  key: string;
}

/**
 * Dragging items onto a sprint node (or onto an item in one, or onto "No sprint") allocates
 * them: items not in the ledger yet are recorded first. Items only move within their folder.
 */
export class DebtDragAndDrop implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = [DEBT_MIME];
  readonly dropMimeTypes = [DEBT_MIME];

  constructor(
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer): void {
    const items: DraggedItem[] = source.flatMap((node) => (node.kind === 'hint' ? [] : itemsUnder(node))).map((n) => ({ folder: n.folder.key, key: n.item.key }));
    if (items.length > 0) data.set(DEBT_MIME, new vscode.DataTransferItem(items));
  }

  async handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    const sprintNode = sprintGroupOf(target);
    if (!sprintNode) return;
    const dragged = await draggedItems(data.get(DEBT_MIME));
    if (!dragged || token.isCancellationRequested) return;
    const entry = this.sessions.all().find((e) => e.folder.uri.toString() === sprintNode.folder.key);
    if (!entry) return;
    const sprint = sprintNode.value;
    const keys = new Set(dragged.filter((d) => d.folder === sprintNode.folder.key).map((d) => d.key));
    const targets: ItemTarget[] = entry.session
      .items()
      .filter((item) => keys.has(item.key))
      .map((item) => ({ ...entry, item }))
      .filter((t) => (t.item.ledger ? t.item.ledger.sprint : t.item.debt.sprint) !== sprint);
    if (targets.length === 0) return;
    try {
      const edited = await editTargets(targets, { sprint });
      const what = edited.length === 1 ? `"${edited[0]!.title}"` : `${edited.length} items`;
      if (edited.length > 0) vscode.window.setStatusBarMessage(`$(check) ${what} ${sprint === null ? 'taken out of its sprint' : `allocated to ${sprint}`}`, 4000);
    } catch (err) {
      showError(this.log, `Allocating ${targets.length === 1 ? `"${itemLabel(targets[0]!.item)}"` : `${targets.length} items`} to ${sprint ?? 'no sprint'}`, err);
    }
  }
}

/** The keys a drag carries: as handed over within the window, or as the JSON text VS Code made of them. */
async function draggedItems(item: vscode.DataTransferItem | undefined): Promise<DraggedItem[] | undefined> {
  if (!item) return undefined;
  let value: unknown = item.value;
  if (typeof value === 'string' || value === undefined) {
    try {
      value = JSON.parse(typeof value === 'string' ? value : await item.asString());
    } catch {
      return undefined;
    }
  }
  return Array.isArray(value) ? value.filter((d): d is DraggedItem => typeof d === 'object' && d !== null && typeof d.folder === 'string' && typeof d.key === 'string') : undefined;
}

/** The sprint group a drop on `node` means: the node itself, or the group of the item dropped on. */
function sprintGroupOf(node: TreeNode | undefined): GroupNode | undefined {
  if (node?.kind === 'hint') return undefined;
  const group = node?.kind === 'item' ? node.parent : node;
  return group?.kind === 'group' && group.groupKind === 'sprint' ? group : undefined;
}
