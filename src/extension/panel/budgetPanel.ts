/**
 * The debt budget panel (a `WebviewPanel`, view type `paydown.budget`): one at a time, showing
 * one workspace folder's budget page, computed by the engine from that folder's session. A bundle
 * of its own (`dist/extensionUseCases.js`, with the tracker sync), loaded by panelLoader.ts on first use.
 *
 * Invariants:
 * - Nothing is posted before the webview's `ready`: posts wait in a queue (a message posted
 *   before the page listens is lost). The webview is not retained while hidden, so every time it
 *   is shown again it says `ready` again and gets a fresh page.
 * - Every incoming message passes its protocol guard; anything else is logged and ignored.
 * - The page is recomputed when the folder's session changes (tree edits, the CLI, a `git
 *   pull`), debounced, and only while the panel is visible; a hidden panel is refreshed when
 *   shown.
 * - Planning writes go through the session's `assign` (the engine's one rule); the ledger write
 *   then changes the session, and the tree, status bar and panel follow from that.
 */
import * as vscode from 'vscode';
import { assignInSession, PaydownError, writeStarterConfig, type WorkspaceSession } from '../../engine';
import {
  AcceptProposal,
  Assign,
  Busy,
  CreateStarterConfig,
  Done,
  Export,
  OpenItem,
  PickFolder,
  Ready,
  SaveState,
  SelectSprint,
  ShowError,
  ShowPage,
  type HostMessage,
  type PanelState,
} from '../../protocol/messages';
import { openAt } from '../editor/openAt';
import { errorMessage, showError } from '../errors';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import { currentDay } from '../views/sprintInfo';
import { BUDGET_VIEW_TYPE } from '../views/viewIds';
import { runExport } from './panelExports';
import { panelHtml, webviewRoot } from './panelHtml';

/** Where the panel's state is kept for the next window when the webview had none to give. */
const STATE_KEY = 'paydown.budget.state';
/** Changes within this window (a sync writing many ledger files, a burst of edits) make one page. */
const REFRESH_DEBOUNCE_MS = 150;

const DEFAULT_STATE: PanelState = { folder: null, sprint: null, tab: 'sprint', view: 'chart' };

/** Opens, restores and owns the one budget panel. */
export class BudgetPanels extends Disposable {
  private panel: BudgetPanel | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register({ dispose: () => this.panel?.dispose() });
  }

  /** Shows the panel (creating it on first use), for the folder of the active editor when there is one. */
  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active ? vscode.workspace.getWorkspaceFolder(active)?.uri.toString() : undefined;
    const saved = this.context.workspaceState.get<PanelState>(STATE_KEY);
    // A new panel shows the current sprint (what the status bar's budget is about); the tab and
    // chart/table choice are kept from the last one. A reload restores the sprint too (restore()).
    const state: PanelState = { ...DEFAULT_STATE, ...(isPanelState(saved) ? saved : {}), sprint: null, ...(folder ? { folder } : {}) };
    const panel = vscode.window.createWebviewPanel(BUDGET_VIEW_TYPE, 'Debt Budget', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [webviewRoot(vscode, this.context.extensionUri)],
    });
    this.adopt(panel, state);
  }

  /** Takes over a panel VS Code restored after a reload (the serializer), with the state the webview saved. */
  restore(panel: vscode.WebviewPanel, saved: unknown): void {
    this.panel?.dispose();
    const state = isPanelState(saved) ? saved : isPanelState((saved as { state?: unknown } | null)?.state) ? (saved as { state: PanelState }).state : this.context.workspaceState.get<PanelState>(STATE_KEY);
    this.adopt(panel, { ...DEFAULT_STATE, ...(isPanelState(state) ? state : {}) });
  }

  private adopt(webviewPanel: vscode.WebviewPanel, state: PanelState): void {
    const panel = new BudgetPanel(webviewPanel, state, this.context, this.sessions, this.log);
    this.panel = panel;
    panel.onDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
  }
}

/** One panel and its webview's conversation. */
class BudgetPanel extends Disposable {
  private ready = false;
  private queue: HostMessage[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposeListeners: (() => void)[] = [];
  /** `performance.now()` when the panel was opened, until the first page is posted (the log's timing). */
  private openedAt: number | undefined = performance.now();

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private state: PanelState,
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    this.register(
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // A hidden webview is torn down (not retained): it says `ready` again when shown.
        if (!webviewPanel.visible) this.ready = false;
      }),
    );
    this.register(
      sessions.onDidChange(({ folder }) => {
        if (folder.uri.toString() === this.session()?.folder.uri.toString()) this.schedule();
      }),
    );
    this.register(sessions.onDidChangeState((s) => s.kind !== 'scanning' && this.schedule()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()));
    this.register({ dispose: () => panel.dispose() });
    panel.webview.html = panelHtml(panel.webview, webviewRoot(vscode, context.extensionUri), vscode);
  }

  reveal(): void {
    this.panel.reveal();
  }

  onDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    for (const listener of this.disposeListeners) listener();
  }

  /** Posts now when the webview listens, else when it says `ready`. */
  private post(message: HostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (Ready.is(message)) {
      if (isPanelState(message.params.state)) this.state = { ...this.state, ...message.params.state, folder: this.state.folder ?? message.params.state.folder };
      this.ready = true;
      // Pages queued for a webview that has gone are stale: a fresh one follows at once.
      const queued = this.queue.filter((m) => !ShowPage.is(m) && !Busy.is(m));
      this.queue = [];
      for (const m of queued) void this.panel.webview.postMessage(m);
      await this.refresh();
    } else if (SelectSprint.is(message)) {
      this.state = { ...this.state, sprint: message.params.sprint };
      await this.refresh();
    } else if (PickFolder.is(message)) await this.pickFolder();
    else if (OpenItem.is(message)) await this.guard('Opening the item', () => this.openItem(message.params.id));
    else if (Assign.is(message)) {
      const { id, ids, sprint } = message.params;
      await this.request(id, `Allocating ${ids.length === 1 ? ids[0] : `${ids.length} items`} to ${sprint ?? 'no sprint'}`, async (session) => {
        const result = await assignInSession(session, ids, sprint, { today: currentDay() });
        const changed = result.outcomes.filter((o) => o.result === 'assigned' || o.result === 'unassigned').length;
        return sprint === null ? `${changed} taken out of their sprint` : `${changed} allocated to ${result.sprint}`;
      });
    } else if (AcceptProposal.is(message)) {
      const { id, ids, sprint } = message.params;
      await this.request(id, `Accepting the proposal for ${sprint}`, async (session) => {
        const { outcomes, sprint: name } = await assignInSession(session, ids, sprint, { today: currentDay(), onlyIfUnplanned: true });
        const assigned = outcomes.filter((o) => o.result === 'assigned').length;
        const skipped = outcomes.filter((o) => o.result === 'skipped');
        return `${assigned} allocated to ${name}${skipped.length ? `; ${skipped.length} skipped (planned or closed since the proposal)` : ''}`;
      });
    } else if (Export.is(message)) {
      const entry = this.session();
      if (!entry) return;
      const { kind, sprint } = message.params;
      await this.guard(`Exporting (${kind})`, () => runExport(kind, { ...entry, sprint, today: currentDay(), extensionUri: this.context.extensionUri, log: this.log }));
    } else if (CreateStarterConfig.is(message)) await this.guard('Creating .paydown/config.jsonc', () => this.createStarterConfig());
    else if (SaveState.is(message)) {
      if (!isPanelState(message.params.state)) return;
      this.state = message.params.state;
      await this.context.workspaceState.update(STATE_KEY, this.state);
    } else this.log.debug(`Budget panel: ignored a message it does not know: ${JSON.stringify(message)?.slice(0, 200)}`);
  }

  /** The shown folder's session: the one in the state, else the first folder's. */
  private session(): { folder: vscode.WorkspaceFolder; session: WorkspaceSession } | undefined {
    const all = this.sessions.all();
    return all.find((e) => e.folder.uri.toString() === this.state.folder) ?? all[0];
  }

  private schedule(): void {
    // A hidden webview is gone; shown again, it says `ready` and gets a fresh page then.
    if (!this.panel.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** Computes the page and posts it (after the first scan, on the first open). */
  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sessions.state.kind !== 'done' || this.sessions.all().length === 0) {
      this.post(Busy.make({ busy: true }));
      try {
        await this.sessions.whenScanned();
      } catch (err) {
        this.post(ShowError.make({ message: `Paydown could not scan the workspace: ${errorMessage(err)}`, hint: 'See Output › Paydown, then run "Paydown: Rescan Workspace".' }));
        return;
      }
      if (this.isDisposed) return;
    }
    const entry = this.session();
    if (!entry) {
      this.post(ShowError.make({ message: 'Open a folder to see its debt budget.', hint: null }));
      return;
    }
    const { folder, session } = entry;
    try {
      // Read once per HEAD by the session; a page without interest beats no page.
      const interest = await session.interest().catch(() => null);
      if (this.isDisposed) return;
      let page;
      try {
        page = session.budgetPage({ today: currentDay(), sprint: this.state.sprint, planning: true, interest });
      } catch (err) {
        // The sprint picked before was renamed or removed from the config: show the current one.
        if (!PaydownError.is(err, 'usage') || this.state.sprint === null) throw err;
        this.state = { ...this.state, sprint: null };
        page = session.budgetPage({ today: currentDay(), sprint: null, planning: true, interest });
      }
      this.panel.title = this.sessions.all().length > 1 ? `Debt Budget — ${folder.name}` : 'Debt Budget';
      this.post(
        ShowPage.make({
          page,
          capabilities: { planning: true, export: true, folders: this.sessions.all().length > 1 },
          folder: { uri: folder.uri.toString(), name: folder.name },
          state: { ...this.state, folder: folder.uri.toString() },
        }),
      );
      if (this.openedAt !== undefined && this.ready) {
        // `npm run test:e2e` and docs/performance.md read this line.
        this.log.info(`Budget panel: first page posted ${(performance.now() - this.openedAt).toFixed(0)} ms after it opened`);
        this.openedAt = undefined;
      }
    } catch (err) {
      this.log.error(`Budget panel: the page of ${folder.name} failed: ${errorMessage(err)}`);
      this.post(ShowError.make({ message: errorMessage(err), hint: PaydownError.is(err) ? (err.hint ?? null) : 'See Output › Paydown.' }));
    }
  }

  /** Runs a request of the webview and replies `done` (ok, or the failure's message). */
  private async request(id: number, what: string, body: (session: WorkspaceSession) => Promise<string>): Promise<void> {
    const entry = this.session();
    if (!entry) return;
    this.post(Busy.make({ busy: true }));
    try {
      const message = await body(entry.session);
      vscode.window.setStatusBarMessage(`$(check) Paydown: ${message}`, 4000);
      this.post(Done.make({ id, ok: true, message }));
    } catch (err) {
      showError(this.log, what, err);
      this.post(Done.make({ id, ok: false, message: errorMessage(err) }));
    } finally {
      this.post(Busy.make({ busy: false }));
    }
  }

  private async guard(what: string, body: () => Promise<unknown>): Promise<void> {
    try {
      await body();
    } catch (err) {
      showError(this.log, what, err);
    }
  }

  private async pickFolder(): Promise<void> {
    const all = this.sessions.all();
    const current = this.session()?.folder.uri.toString();
    const picked = await vscode.window.showQuickPick(
      all.map(({ folder }) => ({ label: folder.name, description: folder.uri.toString() === current ? 'shown' : undefined, detail: folder.uri.fsPath, uri: folder.uri.toString() })),
      { placeHolder: "Whose debt budget? Pick a workspace folder" },
    );
    if (!picked || picked.uri === current) return;
    this.state = { ...this.state, folder: picked.uri, sprint: null };
    await this.context.workspaceState.update(STATE_KEY, this.state);
    await this.refresh();
  }

  /** Opens the item's comment (its live place), or where the ledger last saw it. */
  private async openItem(id: string): Promise<void> {
    const entry = this.session();
    const listed = entry?.session.listedItems().find((l) => l.item.id === id);
    if (!entry || !listed) throw new PaydownError('ledger-not-found', `no item ${id} in the ledger of this folder`);
    await openAt(vscode.Uri.joinPath(entry.folder.uri, listed.file), listed.line, 1, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  private async createStarterConfig(): Promise<void> {
    const entry = this.session();
    if (!entry) return;
    const file = await writeStarterConfig(entry.folder.uri.fsPath, currentDay());
    this.log.info(`Wrote a starter config: ${file}`);
    // The page follows from the session's change.
    await this.sessions.configWritten(entry.folder);
    await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside });
  }
}

/** A value off the wire (or out of storage) that is a panel state. */
function isPanelState(value: unknown): value is PanelState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.folder === null || typeof v.folder === 'string') && (v.sprint === null || typeof v.sprint === 'string') && typeof v.tab === 'string' && typeof v.view === 'string';
}
