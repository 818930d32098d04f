import * as vscode from 'vscode';
import type { Sessions } from '../sessions';
import { editTargets, type ItemTarget } from '../commands/items';
import { itemsUnder, type DebtNode, type GroupNode } from './debtModel';
import { itemLabel } from './labels';
import { DEBT_MIME, type TreeNode } from './debtTree';

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
    const items = source.flatMap((node) => (node.kind === 'hint' ? [] : itemsUnder(node)));
    if (items.length > 0) data.set(DEBT_MIME, new vscode.DataTransferItem(items));
  }

  async handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    const sprintNode = sprintGroupOf(target);
    if (!sprintNode) return;
    const dragged = data.get(DEBT_MIME)?.value as DebtNode[] | undefined;
    if (!dragged || token.isCancellationRequested) return;
    const entry = this.sessions.all().find((e) => e.folder.uri.toString() === sprintNode.folder.key);
    if (!entry) return;
    const sprint = sprintNode.value;
    const targets: ItemTarget[] = dragged
      .filter((n) => n.kind === 'item' && n.folder.key === sprintNode.folder.key)
      .map((n) => ({ ...entry, item: (n as Extract<DebtNode, { kind: 'item' }>).item }))
      .filter((t) => (t.item.ledger ? t.item.ledger.sprint : t.item.debt.sprint) !== sprint);
    if (targets.length === 0) return;
    try {
      const edited = await editTargets(targets, { sprint });
      const what = edited.length === 1 ? `"${edited[0]!.title}"` : `${edited.length} items`;
      if (edited.length > 0) vscode.window.setStatusBarMessage(`$(check) ${what} ${sprint === null ? 'taken out of its sprint' : `allocated to ${sprint}`}`, 4000);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`Allocating ${targets.map((t) => itemLabel(t.item)).join(', ')} to ${sprint ?? 'no sprint'} failed: ${message}`);
      void vscode.window.showErrorMessage(`Paydown could not allocate to ${sprint ?? 'no sprint'}: ${message}`);
    }
  }
}

/** The sprint group a drop on `node` means: the node itself, or the group of the item dropped on. */
function sprintGroupOf(node: TreeNode | undefined): GroupNode | undefined {
  if (node?.kind === 'hint') return undefined;
  const group = node?.kind === 'item' ? node.parent : node;
  return group?.kind === 'group' && group.groupKind === 'sprint' ? group : undefined;
}
