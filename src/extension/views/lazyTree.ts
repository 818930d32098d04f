/**
 * The Debt view as activation registers it, before the real tree exists: a tree data provider
 * and drag-and-drop controller that forward to the real ones (`DebtTreeProvider`,
 * `DebtDragAndDrop`) once the second stage attaches them. The view asks for rows only while it is
 * visible, so a first `getChildren` before then is a reason to start that stage; it waits for the
 * real provider instead of showing an empty tree (or shows none when the start failed). Imports nothing of the engine: this file is part
 * of what activation evaluates.
 */
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { TreeNode } from './debtTree';
import { DEBT_MIME } from './viewIds';

/** What the second stage attaches: the real provider and its drag-and-drop controller. */
export interface TreeTarget {
  provider: vscode.TreeDataProvider<TreeNode>;
  dragAndDrop: vscode.TreeDragAndDropController<TreeNode>;
}

export class LazyTree extends Disposable implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | TreeNode[] | undefined | void>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly dragMimeTypes = [DEBT_MIME];
  readonly dropMimeTypes = [DEBT_MIME];

  private target: TreeTarget | undefined;
  private forwarding: vscode.Disposable | undefined;

  /**
   * @param needed called when the view asks for rows before the real tree is attached: starts
   * the second stage, which attaches it before the promise resolves.
   */
  constructor(private readonly needed: () => Promise<unknown>) {
    super();
    this.register({ dispose: () => this.forwarding?.dispose() });
  }

  /** The real provider, once attached (`npm run bench` drives it directly). */
  get provider(): vscode.TreeDataProvider<TreeNode> | undefined {
    return this.target?.provider;
  }

  /** Hands the view over to the real tree: from now on every call goes to it. */
  attach(target: TreeTarget): void {
    this.forwarding?.dispose();
    this.target = target;
    this.forwarding = target.provider.onDidChangeTreeData?.((e) => this.changed.fire(e ?? undefined));
    // Rows asked for before now were answered by the real provider (getChildren waited for it);
    // anything else the view holds is refreshed.
    this.changed.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!this.target) {
      try {
        await this.needed();
      } catch {
        return []; // the start failed, and said so; the view's welcome content stays
      }
    }
    return (await this.target?.provider.getChildren(node)) ?? [];
  }

  // Called only with nodes the real provider returned, so it is attached by then.
  getTreeItem(node: TreeNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.target!.provider.getTreeItem(node);
  }

  getParent(node: TreeNode): vscode.ProviderResult<TreeNode> {
    return this.target!.provider.getParent?.(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const provider = this.target!.provider;
    return provider.resolveTreeItem ? provider.resolveTreeItem(item, node, token) : item;
  }

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer, token: vscode.CancellationToken): void | Thenable<void> {
    return this.target?.dragAndDrop.handleDrag?.(source, data, token);
  }

  handleDrop(target: TreeNode | undefined, data: vscode.DataTransfer, token: vscode.CancellationToken): void | Thenable<void> {
    return this.target?.dragAndDrop.handleDrop?.(target, data, token);
  }
}
