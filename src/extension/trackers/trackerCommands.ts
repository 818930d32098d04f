/**
 * The tracker sync in the editor (its own bundle, loaded by trackerLoader.ts on first use):
 * "Sync with GitHub" shows what would change and asks before anything is sent; "Create ticket"
 * makes one ticket and asks before writing its reference into the code.
 *
 * Credentials: github.com through VS Code's GitHub sign-in (asked for only when a sync needs
 * it); any other host through a token the user types for that host, kept in SecretStorage under
 * the host's origin — the prompt names the host, so typing a token there is what trusts it. A
 * token is never written to settings, the log or the queue.
 */
import * as vscode from 'vscode';
import {
  ACTION_GROUPS,
  actionGroupTitle,
  defaultGitHubConfig,
  describeAction,
  fetchHttpClient,
  hostOf,
  sessionWorkspace,
  syncSummary,
  syncTracker,
  type TrackerCredential,
  type TrackerSyncOptions,
  type TrackerSyncResult,
  type WorkspaceSession,
} from '../../engine';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';

const GITHUB_API = 'https://api.github.com';
/** Most preview lines a confirmation shows; the rest are counted. */
const PREVIEW_LINES = 14;

export class TrackerCommands extends Disposable {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  /** "Paydown: Sync with GitHub": a dry run first, shown; then, when confirmed, the sync. */
  async sync(): Promise<void> {
    const session = await this.pickSession();
    if (!session) return;
    const silent = await this.credential(session, false);
    const preview = await this.withProgress('Paydown: checking what to sync with GitHub…', (signal) => this.runSync(session, silent, { dryRun: true, signal }));
    if (preview.results.length === 0 && preview.queue.length === 0) {
      const { considered, linked } = preview.items;
      void vscode.window.showInformationMessage(`Paydown: ${preview.project} is in sync with GitHub: ${linked} of ${considered} items have a ticket${preview.notice ? ` (${preview.notice})` : ''}.`);
      return;
    }
    const edits = preview.results.some((r) => r.action.kind === 'write-reference' || r.action.kind === 'closed-upstream' || r.action.kind === 'create');
    const choices = edits ? ['Sync', 'Sync and Edit Code'] : ['Sync'];
    const choice = await vscode.window.showInformationMessage(`Sync ${preview.project} with GitHub?`, { modal: true, detail: previewText(preview) }, ...choices);
    if (!choice) return;
    const credential = silent.token ? silent : await this.credential(session, true);
    if (!credential.token) return;
    const result = await this.withProgress('Paydown: syncing with GitHub…', (signal) => this.runSync(session, credential, { apply: choice === 'Sync and Edit Code', signal }));
    this.report(result);
  }

  /** "Create ticket" on an annotation: one ticket, then (confirmed) its reference into the comment. */
  async createTicket(id: string): Promise<void> {
    const session = this.sessions.all().find(({ session }) => session.ledgerItem(id))?.session;
    if (!session) throw new Error(`no folder's ledger holds ${id}`);
    const credential = await this.credential(session, true);
    if (!credential.token) return;
    const result = await this.withProgress('Paydown: creating a ticket on GitHub…', (signal) => this.runSync(session, credential, { create: [id], only: [id], signal }));
    const created = result.results.find((r) => r.action.kind === 'create' && r.outcome === 'done')?.ticket ?? result.results.find((r) => r.action.kind === 'link')?.ticket;
    if (!created) {
      const why = result.results.find((r) => r.outcome === 'failed' || r.outcome === 'queued')?.message ?? result.notice ?? 'nothing was created';
      void vscode.window.showWarningMessage(`Paydown: no ticket for ${id}: ${why}`);
      return;
    }
    this.log.info(`Ticket ${created.key} for ${id}: ${created.url}`);
    const answer = await vscode.window.showInformationMessage(`Paydown: ${created.key} is the ticket of ${id}. Write ${created.reference} into the comment?`, 'Write Reference', 'Open Ticket');
    if (answer === 'Open Ticket') await vscode.env.openExternal(vscode.Uri.parse(created.url));
    if (answer !== 'Write Reference') return;
    const item = session.ledgerItem(id);
    const open = item ? vscode.workspace.textDocuments.find((d) => d.uri.fsPath === vscode.Uri.joinPath(vscode.Uri.file(session.root), item.file).fsPath) : undefined;
    if (open?.isDirty) {
      void vscode.window.showWarningMessage(`Paydown: save ${item!.file} first: the reference is written into the file on disk.`);
      return;
    }
    const written = await this.runSync(session, credential, { only: [id], apply: true });
    const edit = written.results.find((r) => r.action.kind === 'write-reference');
    if (edit?.outcome === 'failed') void vscode.window.showWarningMessage(`Paydown: ${created.reference} was not written: ${edit.message}`);
    else vscode.window.setStatusBarMessage(`$(check) ${created.reference} written into the comment of ${id}`, 4000);
  }

  /** A ticket closed upstream while its debt is in the code: asks, then removes the annotation (the item resolves). */
  async removeClosedAnnotation(id: string): Promise<void> {
    const session = this.sessions.all().find(({ session }) => session.ledgerItem(id))?.session;
    const item = session?.ledgerItem(id);
    if (!session || !item) throw new Error(`no folder's ledger holds ${id}`);
    const ticket = item.trackers.find((t) => t.tracker === 'github');
    const choice = await vscode.window.showWarningMessage(
      `Remove the annotation of ${id} from ${item.file}?`,
      { modal: true, detail: `${ticket?.key ?? 'Its ticket'} was closed on GitHub while the comment is still in the code. Removing the comment resolves the item; if the debt is still there, reopen the ticket instead.` },
      'Remove Annotation',
    );
    if (choice !== 'Remove Annotation') return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === vscode.Uri.joinPath(vscode.Uri.file(session.root), item.file).fsPath);
    if (open?.isDirty) {
      void vscode.window.showWarningMessage(`Paydown: save ${item.file} first: the annotation is removed from the file on disk.`);
      return;
    }
    const credential = await this.credential(session, true);
    if (!credential.token) return;
    const result = await this.withProgress('Paydown: checking the ticket on GitHub…', (signal) => this.runSync(session, credential, { only: [id], apply: true, signal }));
    const removal = result.results.find((r) => r.action.kind === 'closed-upstream');
    if (!removal) void vscode.window.showInformationMessage(`Paydown: ${ticket?.key ?? 'the ticket'} is open again on GitHub: the annotation stays.`);
    else if (removal.outcome === 'done') vscode.window.setStatusBarMessage(`$(check) ${id} resolved: its annotation was removed`, 4000);
    else void vscode.window.showWarningMessage(`Paydown: the annotation of ${id} was not removed: ${removal.message}`);
  }

  /** Runs what earlier syncs queued, where a token is at hand without asking. */
  async replayQueued(): Promise<void> {
    for (const { session } of this.sessions.all()) {
      if (!session.settings.trackers.github) continue;
      const credential = await this.credential(session, false);
      if (!credential.token) continue;
      const result = await this.runSync(session, credential, { onlyQueued: true });
      if (result.results.length > 0) this.log.info(`Replayed queued GitHub operations of ${session.root}: ${syncSummary(result.results, false)}`);
    }
  }

  private async runSync(session: WorkspaceSession, credential: TrackerCredential, options: Partial<TrackerSyncOptions>): Promise<TrackerSyncResult> {
    const result = await syncTracker(sessionWorkspace(session, { http: fetchHttpClient() }), {
      tracker: 'github',
      credentials: { github: credential },
      stateDir: this.context.globalStorageUri.fsPath,
      afterLedgerWrite: () => session.reloadLedger(),
      ...options,
    });
    for (const r of result.results) if (r.outcome === 'failed' || r.outcome === 'queued') this.log.warn(`${r.action.kind} ${r.action.itemId}: ${r.outcome}: ${r.message}`);
    return result;
  }

  private report(result: TrackerSyncResult): void {
    const summary = `Paydown: ${result.project}: ${syncSummary(result.results, false)}.`;
    const trouble = result.results.some((r) => r.outcome === 'failed' || r.outcome === 'queued');
    const show = trouble ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(trouble ? `${summary} Failed and queued operations are in the log; queued ones run first next time.` : summary, ...(trouble ? ['Show Log'] : [])).then((c) => {
      if (c === 'Show Log') this.log.show(true);
    });
  }

  /**
   * The token for the folder's GitHub API: VS Code's GitHub sign-in for github.com, else the
   * token stored for that host. With `prompt`, asks (sign-in or input box) when none is at hand.
   */
  private async credential(session: WorkspaceSession, prompt: boolean): Promise<TrackerCredential> {
    const config = session.settings.trackers.github ?? defaultGitHubConfig();
    const apiUrl = config.apiUrl ?? GITHUB_API;
    if (hostOf(apiUrl) === hostOf(GITHUB_API)) {
      const auth = await vscode.authentication.getSession('github', ['repo'], prompt ? { createIfNone: true } : { silent: true });
      return { apiUrl: GITHUB_API, token: auth?.accessToken ?? null, hints: { token: 'sign in to GitHub when "Paydown: Sync with GitHub" asks', host: 'trackers.github.apiUrl names the host' } };
    }
    const origin = new URL(apiUrl).origin;
    const key = `paydown.token.github:${origin}`;
    let token = (await this.context.secrets.get(key)) ?? null;
    if (!token && prompt) {
      const typed = await vscode.window.showInputBox({
        title: `Paydown: a GitHub token for ${origin}`,
        prompt: `This workspace's issues live at ${origin}. Paydown sends this token only there and keeps it in VS Code's secret storage.`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'ghp_…',
      });
      if (typed?.trim()) {
        token = typed.trim();
        await this.context.secrets.store(key, token);
      }
    }
    return { apiUrl, token, hints: { token: `enter a token for ${origin} when "Paydown: Sync with GitHub" asks`, host: `the token you entered is for ${origin}` } };
  }

  private async pickSession(): Promise<WorkspaceSession | undefined> {
    const all = this.sessions.all();
    const configured = all.filter(({ session }) => session.settings.trackers.github !== null);
    const candidates = configured.length > 0 ? configured : all;
    if (candidates.length <= 1) {
      if (candidates.length === 0) void vscode.window.showInformationMessage('Paydown: open a folder with debt to sync it with GitHub.');
      return candidates[0]?.session;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((c) => ({ label: c.folder.name, description: c.folder.uri.fsPath, session: c.session })),
      { title: 'Sync which folder with GitHub?' },
    );
    return picked?.session;
  }

  private withProgress<T>(title: string, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return job(controller.signal);
      }),
    );
  }
}

/** The confirmation's detail: each group's heading and its first lines. */
function previewText(result: TrackerSyncResult): string {
  const lines: string[] = [];
  if (result.notice) lines.push(result.notice);
  let shown = 0;
  for (const kind of ACTION_GROUPS) {
    const rows = result.results.filter((r) => r.action.kind === kind);
    if (rows.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(actionGroupTitle(kind, rows.length, true));
    for (const row of rows) {
      if (shown++ < PREVIEW_LINES) lines.push(`  ${row.action.itemId}  ${describeAction(row.action)}`);
    }
  }
  if (shown > PREVIEW_LINES) lines.push(`  … and ${shown - PREVIEW_LINES} more`);
  if (result.queue.length > 0) lines.push('', `${result.queue.length} queued by an earlier sync run first.`);
  lines.push('', '"Sync and Edit Code" also writes ticket references into comments and removes annotations whose ticket was closed.');
  return lines.join('\n');
}
