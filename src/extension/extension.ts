/**
 * Activation, first stage: only cheap things, so a window that opens a folder with Paydown's
 * files pays a few kilobytes of code at start-up. It registers the Debt view (forwarding to the
 * real tree once it exists), the budget panel's serializer and every contributed command as a
 * stub, starts the scan thread for the first scan, and starts the second stage (`features.ts`,
 * its own bundle `dist/extensionFeatures.js`, loaded with a dynamic `import()`) right after:
 * every activation event in package.json (the Debt view shown, a command, a restored budget
 * panel, a folder holding Paydown's config or ledger) wants it. Everything that scans, watches or
 * decorates lives in the second stage. Nothing here may import the engine beyond its error class
 * and the two small modules that start the scan thread (a unit test follows the static imports
 * from this file).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ScanThreadAhead } from '../engine/session/threadStart';
import type { PaydownApi } from './api';
import { CONTRIBUTED_COMMANDS } from './commands/contributed';
import { showError } from './errors';
import type { Features } from './features';
import { Disposable } from './lifecycle';
import type { TreeNode } from './views/debtTree';
import { LazyTree } from './views/lazyTree';
import { BUDGET_VIEW_TYPE, DEBT_VIEW_ID } from './views/viewIds';

export type { PaydownApi, ScanSummary } from './api';

/** A workspace folder holding one of these uses Paydown: the second stage starts at once there. */
const PAYDOWN_DATA = ['.paydown/config.jsonc', '.paydown/ledger', '.paydown/ledger.jsonl'];

/** Registers cheap things; the real work starts when it is wanted (see the module's header). */
export function activate(context: vscode.ExtensionContext): PaydownApi {
  const started = performance.now();
  const shell = new Shell(context, started);
  context.subscriptions.push(shell);
  // `npm run bench` and the e2e suite read this line: activation is kept cheap on purpose. Its
  // clock time is the moment of activation: the log's own stamp can be a second later, when a
  // starting window gets to write it.
  shell.log.info(`Paydown activated in ${(performance.now() - started).toFixed(1)} ms at ${new Date(performance.timeOrigin + started).toISOString()} (${vscode.env.appName} ${vscode.version}, ${vscode.env.remoteName ?? 'local'}); cache: ${shell.cacheRoot ?? 'none'}`);
  return { whenScanned: async () => (await shell.start('the test API')).whenScanned() };
}

/** Nothing to do: disposing `context.subscriptions` cancels a running scan. */
export function deactivate(): void {}

/** What the second stage is handed: the view and the output channel activation created. */
export interface ShellParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  view: vscode.TreeView<TreeNode>;
  tree: LazyTree;
  /** Folder for the engine's incremental caches, or undefined for none. */
  cacheRoot: string | undefined;
  /** `performance.now()` at activation, for the log's "… ms after activation". */
  activatedAt: number;
  /** The scan thread activation started for the first scan (the sessions take it over), if any. */
  scanThread: ScanThreadAhead | undefined;
}

/** The first stage: the output channel, the Debt view's registration, the command stubs. */
class Shell extends Disposable {
  readonly log = this.register(vscode.window.createOutputChannel('Paydown', { log: true }));
  readonly cacheRoot: string | undefined;
  /**
   * Started at once where there is a folder to scan: every way Paydown is activated (the Debt view
   * shown, a folder with Paydown's files, a command, a restored panel) starts the second stage and
   * a scan within moments, and the thread's start-up (its bundle loads and compiles, 50–230 ms as
   * a window starts) then overlaps the second stage's instead of following it. Untaken, it stops
   * by itself.
   */
  private readonly scanThread = (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file') ? this.register(new ScanThreadAhead()) : undefined;
  private readonly tree: LazyTree;
  private readonly view: vscode.TreeView<TreeNode>;
  private stubs: CommandStubs | undefined;
  private features: Promise<Features> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly activatedAt: number,
  ) {
    super();
    const storage = context.storageUri ?? context.globalStorageUri;
    this.cacheRoot = storage.scheme === 'file' ? storage.fsPath : undefined;
    this.stubs = new CommandStubs((id) => this.start(`the command ${id}`));
    this.register({ dispose: () => this.stubs?.dispose() });
    this.tree = this.register(new LazyTree(() => this.start('the Debt view')));
    this.view = this.register(
      vscode.window.createTreeView(DEBT_VIEW_ID, { treeDataProvider: this.tree, dragAndDropController: this.tree, showCollapseAll: true, canSelectMany: true }),
    );
    // A budget panel open before a reload comes back: the second stage takes it over.
    this.register(
      vscode.window.registerWebviewPanelSerializer(BUDGET_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          try {
            await (await this.start('the restored budget panel')).panels.restore(panel, state);
          } catch {
            panel.dispose(); // the start's failure is shown and logged
          }
        },
      }),
    );
    // After a failed start, the view shown again tries again.
    this.register(
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) this.startQuietly('the Debt view');
      }),
    );
    // Every event that activates Paydown wants the second stage now: VS Code activates `onView`
    // only for a view being shown, and a command, a restored panel or a folder with Paydown's
    // files want it as much. Waiting for the view's visibility event instead cost a round trip
    // through a window that is starting (400–1,000 ms before the scan could begin). Started in
    // this turn: as a window starts, the other extensions' activation fills the host's thread.
    const found = holdsPaydownData(vscode.workspace.workspaceFolders ?? []);
    this.startQuietly(found ? `Paydown's files in ${found}` : this.view.visible ? 'the Debt view' : 'its activation');
  }

  /** The second stage, started once (again after a failed start). */
  start(reason: string): Promise<Features> {
    this.features ??= this.load(reason);
    return this.features;
  }

  /** {@link start} for the triggers that have no caller to tell: a failure is shown and logged by `load`. */
  private startQuietly(reason: string): void {
    this.start(reason).catch(() => undefined);
  }

  private async load(reason: string): Promise<Features> {
    const t0 = performance.now();
    try {
      const { Features } = await import('./features.js');
      if (this.isDisposed) throw new Error('Paydown was deactivated while it started');
      // The real commands take the stubs' place, in this same tick: no call can fall between.
      this.stubs?.dispose();
      this.stubs = undefined;
      const parts: ShellParts = { context: this.context, log: this.log, view: this.view, tree: this.tree, cacheRoot: this.cacheRoot, activatedAt: this.activatedAt, scanThread: this.scanThread };
      const features = this.register(new Features(parts));
      this.log.info(`Paydown started for ${reason} in ${(performance.now() - t0).toFixed(1)} ms (${(performance.now() - this.activatedAt).toFixed(0)} ms after activation)`);
      return features;
    } catch (err) {
      this.features = undefined;
      if (!this.isDisposed) {
        this.stubs ??= new CommandStubs((id) => this.start(`the command ${id}`));
        showError(this.log, 'Starting Paydown', err);
      }
      throw err;
    }
  }
}

/** Every contributed command, until the second stage registers the real ones in their place. */
class CommandStubs extends Disposable {
  constructor(start: (id: string) => Promise<unknown>) {
    super();
    for (const id of CONTRIBUTED_COMMANDS) {
      this.register(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          try {
            await start(id);
          } catch {
            return undefined; // shown and logged by the start
          }
          return vscode.commands.executeCommand(id, ...args);
        }),
      );
    }
  }
}

/** The first `file:` folder that holds Paydown's config or ledger (the start's reason in the log), or undefined. */
function holdsPaydownData(folders: readonly vscode.WorkspaceFolder[]): string | undefined {
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') continue;
    if (PAYDOWN_DATA.some((p) => existsSync(path.join(folder.uri.fsPath, p)))) return folder.name;
  }
  return undefined;
}
