/**
 * The tracker sync in the editor (its own bundle, loaded by trackerLoader.ts on first use):
 * "Sync with Issue Tracker" shows what would change and asks before anything is sent; "Create
 * ticket" makes one ticket and asks before writing its reference into the code. The tracker is
 * the one the folder's config names (GitHub, GitLab, Jira or Linear).
 *
 * Credentials: github.com through VS Code's GitHub sign-in (asked for only when a sync needs
 * it); every other tracker and host through a token the user types for that host, kept in
 * SecretStorage under the tracker and the host's origin — the prompt names the host, so typing a
 * token there is what trusts it. A token is never written to settings, the log or the queue;
 * "Forget Tracker Tokens" removes the stored ones.
 */
import * as vscode from 'vscode';
import {
  docsLink,
  ACTION_GROUPS,
  actionGroupTitle,
  configuredTrackers,
  defaultGitHubConfig,
  describeAction,
  sprintsNotRefreshedText,
  sprintsRefreshedText,
  fetchHttpClient,
  hostOf,
  PaydownError,
  sessionWorkspace,
  syncSummary,
  syncTracker,
  trackerName,
  type TrackerCredential,
  type TrackerKind,
  type TrackerSyncOptions,
  type TrackerSyncResult,
  type WorkspaceSession,
} from '../../engine';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';

const GITHUB_API = 'https://api.github.com';
const GITLAB_API = 'https://gitlab.com/api/v4';
const LINEAR_API = 'https://api.linear.app/graphql';
/** The keys of every token stored, so "Forget Tracker Tokens" can find them (SecretStorage has no listing). */
const STORED_KEYS = 'paydown.trackerTokenKeys';
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

  /** "Paydown: Sync with Issue Tracker": a dry run first, shown; then, when confirmed, the sync. */
  async sync(): Promise<void> {
    const picked = await this.pickSession();
    if (!picked) return;
    const { session, kind } = picked;
    const name = trackerName(kind);
    const silent = await this.credential(session, kind, false);
    const preview = await this.withProgress(`Paydown: checking what to sync with ${name}…`, (signal) => this.runSync(session, kind, silent, { dryRun: true, signal }));
    if (preview.results.length === 0 && preview.queue.length === 0) {
      // Nothing for the tickets; the sprints read from this tracker are refreshed without asking (a read, and a cache file).
      if (preview.sprints) {
        const credential = silent.token ? silent : await this.credential(session, kind, true);
        if (!credential.token) return;
        this.report(await this.withProgress(`Paydown: reading the sprints from ${name}…`, (signal) => this.runSync(session, kind, credential, { signal })));
        return;
      }
      const { considered, linked } = preview.items;
      void vscode.window.showInformationMessage(`Paydown: ${preview.project} is in sync with ${name}: ${linked} of ${considered} items have a ticket${preview.notice ? ` (${preview.notice})` : ''}.`);
      return;
    }
    const edits = preview.results.some((r) => r.action.kind === 'write-reference' || r.action.kind === 'closed-upstream' || r.action.kind === 'create');
    const choices = edits ? ['Sync', 'Sync and Edit Code'] : ['Sync'];
    const choice = await vscode.window.showInformationMessage(`Sync ${preview.project} with ${name}?`, { modal: true, detail: previewText(preview) }, ...choices);
    if (!choice) return;
    const credential = silent.token ? silent : await this.credential(session, kind, true);
    if (!credential.token) return;
    const result = await this.withProgress(`Paydown: syncing with ${name}…`, (signal) => this.runSync(session, kind, credential, { apply: choice === 'Sync and Edit Code', signal }));
    this.report(result);
  }

  /** "Create ticket" on an annotation: one ticket, then (confirmed) its reference into the comment. */
  async createTicket(id: string): Promise<void> {
    const session = this.sessions.all().find(({ session }) => session.ledgerItem(id))?.session;
    if (!session) throw new Error(`no folder's ledger holds ${id}`);
    const kind = this.trackerOf(session);
    const credential = await this.credential(session, kind, true);
    if (!credential.token) return;
    const result = await this.withProgress(`Paydown: creating a ticket in ${trackerName(kind)}…`, (signal) => this.runSync(session, kind, credential, { create: [id], only: [id], signal }));
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
    const written = await this.runSync(session, kind, credential, { only: [id], apply: true });
    const edit = written.results.find((r) => r.action.kind === 'write-reference');
    if (edit?.outcome === 'failed') void vscode.window.showWarningMessage(`Paydown: ${created.reference} was not written: ${edit.message}`);
    else vscode.window.setStatusBarMessage(`$(check) ${created.reference} written into the comment of ${id}`, 4000);
  }

  /** A ticket closed upstream while its debt is in the code: asks, then removes the annotation (the item resolves). */
  async removeClosedAnnotation(id: string): Promise<void> {
    const session = this.sessions.all().find(({ session }) => session.ledgerItem(id))?.session;
    const item = session?.ledgerItem(id);
    if (!session || !item) throw new Error(`no folder's ledger holds ${id}`);
    const kind = this.trackerOf(session);
    const name = trackerName(kind);
    const ticket = item.trackers.find((t) => t.tracker === kind);
    const choice = await vscode.window.showWarningMessage(
      `Remove the annotation of ${id} from ${item.file}?`,
      { modal: true, detail: `${ticket?.key ?? 'Its ticket'} was closed in ${name} while the comment is still in the code. Removing the comment resolves the item; if the debt is still there, reopen the ticket instead.` },
      'Remove Annotation',
    );
    if (choice !== 'Remove Annotation') return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === vscode.Uri.joinPath(vscode.Uri.file(session.root), item.file).fsPath);
    if (open?.isDirty) {
      void vscode.window.showWarningMessage(`Paydown: save ${item.file} first: the annotation is removed from the file on disk.`);
      return;
    }
    const credential = await this.credential(session, kind, true);
    if (!credential.token) return;
    const result = await this.withProgress(`Paydown: checking the ticket in ${name}…`, (signal) => this.runSync(session, kind, credential, { only: [id], apply: true, signal }));
    const removal = result.results.find((r) => r.action.kind === 'closed-upstream');
    if (!removal) void vscode.window.showInformationMessage(`Paydown: ${ticket?.key ?? 'the ticket'} is open again in ${name}: the annotation stays.`);
    else if (removal.outcome === 'done') vscode.window.setStatusBarMessage(`$(check) ${id} resolved: its annotation was removed`, 4000);
    else void vscode.window.showWarningMessage(`Paydown: the annotation of ${id} was not removed: ${removal.message}`);
  }

  /** Runs what earlier syncs queued, where a token is at hand without asking. */
  async replayQueued(): Promise<void> {
    for (const { session } of this.sessions.all()) {
      for (const kind of configuredTrackers(session.settings.trackers)) {
        const credential = await this.credential(session, kind, false);
        if (!credential.token) continue;
        const result = await this.runSync(session, kind, credential, { onlyQueued: true });
        if (result.results.length > 0) this.log.info(`Replayed queued ${trackerName(kind)} operations of ${session.root}: ${syncSummary(result.results, false)}`);
      }
    }
  }

  /** "Paydown: Forget Tracker Tokens": removes every token Paydown stored (sign-ins stay with VS Code's Accounts menu). */
  async forgetTokens(): Promise<void> {
    const keys = this.context.globalState.get<string[]>(STORED_KEYS, []);
    for (const key of keys) await this.context.secrets.delete(key);
    await this.context.globalState.update(STORED_KEYS, []);
    const hosts = [...new Set(keys.map((k) => k.replace(/^paydown\.token\.[a-z]+:/, '')))];
    void vscode.window.showInformationMessage(
      keys.length === 0 ? 'Paydown: no tracker token is stored. A GitHub sign-in is managed in the Accounts menu.' : `Paydown: forgot ${keys.length === 1 ? 'the token' : `${keys.length} tokens`} for ${hosts.join(', ')}. A GitHub sign-in is managed in the Accounts menu.`,
    );
  }

  /** The tracker a folder's tickets go to: the one its config names under "trackers". */
  private trackerOf(session: WorkspaceSession): TrackerKind {
    const kinds = configuredTrackers(session.settings.trackers);
    if (kinds.length === 1) return kinds[0]!;
    throw new PaydownError('tracker-config', kinds.length === 0 ? 'no tracker is configured for this folder' : `this folder configures ${kinds.map(trackerName).join(' and ')}`, 'name one under "trackers" in .paydown/config.jsonc');
  }

  private async runSync(session: WorkspaceSession, kind: TrackerKind, credential: TrackerCredential, options: Partial<TrackerSyncOptions>): Promise<TrackerSyncResult> {
    const result = await syncTracker(sessionWorkspace(session, { http: fetchHttpClient() }), {
      tracker: kind,
      credentials: { [kind]: credential },
      stateDir: this.context.globalStorageUri.fsPath,
      afterLedgerWrite: () => session.reloadLedger(),
      ...options,
    });
    for (const r of result.results) if (r.outcome === 'failed' || r.outcome === 'queued') this.log.warn(`${r.action.kind} ${r.action.itemId}: ${r.outcome}: ${r.message}`);
    return result;
  }

  private report(result: TrackerSyncResult): void {
    const sprints = result.sprints ? sprintsText(result.sprints) : null;
    const tickets = result.results.length > 0 || !sprints ? `${result.project}: ${syncSummary(result.results, false)}.` : null;
    const summary = `Paydown: ${[tickets, sprints].filter((t) => t !== null).join(' ')}`;
    const trouble = result.results.some((r) => r.outcome === 'failed' || r.outcome === 'queued') || result.sprints?.failure != null;
    const show = trouble ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(trouble ? `${summary} Failed and queued operations are in the log; queued ones run first next time.` : summary, ...(trouble ? ['Show Log'] : [])).then((c) => {
      if (c === 'Show Log') this.log.show(true);
    });
  }

  /**
   * The credential for the folder's tracker: VS Code's GitHub sign-in for github.com, else the
   * token stored for that tracker and host. With `prompt`, asks (sign-in or input box, naming the
   * host) when none is at hand.
   */
  private async credential(session: WorkspaceSession, kind: TrackerKind, prompt: boolean): Promise<TrackerCredential> {
    const trackers = session.settings.trackers;
    const name = trackerName(kind);
    const asks = { token: `enter a token when "Paydown: Sync with Issue Tracker" asks`, host: `the token you entered is for that host; trackers.${kind} in .paydown/config.jsonc names it` };
    switch (kind) {
      case 'github': {
        const apiUrl = (trackers.github ?? defaultGitHubConfig()).apiUrl ?? GITHUB_API;
        if (hostOf(apiUrl) === hostOf(GITHUB_API)) {
          const auth = await vscode.authentication.getSession('github', ['repo'], prompt ? { createIfNone: true } : { silent: true });
          return { apiUrl: GITHUB_API, token: auth?.accessToken ?? null, hints: { token: 'sign in to GitHub when "Paydown: Sync with Issue Tracker" asks', host: 'trackers.github.apiUrl names the host' } };
        }
        return { apiUrl, token: await this.storedToken(kind, apiUrl, prompt, { placeHolder: 'ghp_…', what: 'a GitHub token' }), hints: asks };
      }
      case 'gitlab': {
        const apiUrl = trackers.gitlab?.apiUrl ?? GITLAB_API;
        return { apiUrl, token: await this.storedToken(kind, apiUrl, prompt, { placeHolder: 'glpat-…', what: 'a GitLab access token (scope "api")' }), hints: asks };
      }
      case 'linear': {
        const apiUrl = trackers.linear?.apiUrl ?? LINEAR_API;
        return { apiUrl, token: await this.storedToken(kind, apiUrl, prompt, { placeHolder: 'lin_api_…', what: 'a Linear personal API key' }), hints: asks };
      }
      case 'jira': {
        const site = trackers.jira?.url ?? null;
        if (!site) throw new PaydownError('tracker-config', 'the editor needs the Jira site in the config', 'set "trackers": { "jira": { "url": "https://acme.atlassian.net", … } } in .paydown/config.jsonc');
        const cloud = (trackers.jira?.deployment ?? (new URL(site).hostname.endsWith('.atlassian.net') ? 'cloud' : 'datacenter')) === 'cloud';
        if (!cloud) return { apiUrl: site, token: await this.storedToken(kind, site, prompt, { placeHolder: 'a personal access token', what: 'a Jira personal access token' }), hints: asks };
        // Jira Cloud signs in with the account's email and an API token: both kept together.
        const stored = await this.storedToken(kind, site, prompt, { placeHolder: 'ATATT…', what: 'a Jira API token', user: 'the email of your Atlassian account' });
        const pair = stored ? (JSON.parse(stored) as { user: string; token: string }) : null;
        return { apiUrl: site, token: pair?.token ?? null, user: pair?.user ?? null, hints: asks };
      }
    }
    throw new Error(`unknown tracker ${name}`);
  }

  /**
   * The token stored for `kind` at `url`'s origin; with `prompt`, asks for it (and, with `user`,
   * for the account it belongs to: then the secret holds both, as JSON).
   */
  private async storedToken(kind: TrackerKind, url: string, prompt: boolean, ask: { placeHolder: string; what: string; user?: string }): Promise<string | null> {
    const origin = new URL(url).origin;
    const key = `paydown.token.${kind}:${origin}`;
    const stored = (await this.context.secrets.get(key)) ?? null;
    if (stored || !prompt) return stored;
    const title = `Paydown: ${ask.what} for ${origin}`;
    let user: string | undefined;
    if (ask.user) {
      user = (await vscode.window.showInputBox({ title, prompt: `First ${ask.user}.`, ignoreFocusOut: true }))?.trim();
      if (!user) return null;
    }
    const typed = (
      await vscode.window.showInputBox({
        title,
        prompt: `This workspace's ${trackerName(kind)} is at ${origin}. Paydown sends this token only there and keeps it in VS Code's secret storage ("Paydown: Forget Tracker Tokens" removes it).`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: ask.placeHolder,
      })
    )?.trim();
    if (!typed) return null;
    const secret = user ? JSON.stringify({ user, token: typed }) : typed;
    await this.context.secrets.store(key, secret);
    const keys = this.context.globalState.get<string[]>(STORED_KEYS, []);
    if (!keys.includes(key)) await this.context.globalState.update(STORED_KEYS, [...keys, key]);
    return secret;
  }

  /** The folder to sync and its tracker: asks when several folders have one. */
  private async pickSession(): Promise<{ session: WorkspaceSession; kind: TrackerKind } | undefined> {
    // Run as the window opens, the command can come before the folders' sessions do.
    if (this.sessions.all().length === 0) await this.sessions.whenScanned().catch(() => undefined);
    const all = this.sessions.all();
    const candidates = all.flatMap((c) => syncedTrackers(c.session).map((kind) => ({ ...c, kind })));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(
        all.length === 0 ? 'Paydown: open a folder with debt to sync it with an issue tracker.' : `Paydown: no folder names an issue tracker yet. Add "trackers": { "github": {} } (or gitlab, jira, linear) to .paydown/config.jsonc; ${docsLink('trackers.md')} says how.`,
      );
      return undefined;
    }
    if (candidates.length === 1) return { session: candidates[0]!.session, kind: candidates[0]!.kind };
    const picked = await vscode.window.showQuickPick(
      candidates.map((c) => ({ label: c.folder.name, description: trackerName(c.kind), detail: c.folder.uri.fsPath, session: c.session, tracker: c.kind })),
      { title: 'Sync which folder, with which tracker?' },
    );
    return picked ? { session: picked.session, kind: picked.tracker } : undefined;
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

/** The trackers a folder syncs with: those its tickets go to, and the one its sprints come from. */
function syncedTrackers(session: WorkspaceSession): TrackerKind[] {
  const kinds = configuredTrackers(session.settings.trackers);
  const sprints = session.settings.sprintsFrom?.scope.tracker;
  return sprints && !kinds.includes(sprints) ? [...kinds, sprints] : kinds;
}

/** What became of the sprints read from the tracker, in the CLI's words. */
function sprintsText(sprints: NonNullable<TrackerSyncResult['sprints']>): string | null {
  if (sprints.refresh) return sprintsRefreshedText(sprints.refresh);
  if (sprints.failure) return sprintsNotRefreshedText(sprints.tracker, sprints.scope, sprints.failure, sprints.cachedAt);
  return null;
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
