import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { toWorkspacePath } from '../engine';
import { PaydownError } from '../engine';
import { createGitClient, gitIdentity } from '../engine';
import { prestartScanThread, WorkspaceSession, type ScanThreadAhead, type SessionChange } from '../engine';
import type { ScanSummary } from './api';
import { errorReport, showError } from './errors';
import { editorNotebookText, notebookOf } from './editor/notebooks';
import { Disposable } from './lifecycle';

/** What the status bar and the test API see of the sessions. */
export type SessionsState =
  | { kind: 'idle' }
  | { kind: 'scanning' }
  | { kind: 'done'; summary: ScanSummary }
  | { kind: 'failed'; error: Error };

/** A change in one folder's session. */
export interface FolderChange {
  session: WorkspaceSession;
  folder: vscode.WorkspaceFolder;
  change: SessionChange;
}

/**
 * Edits within this window are folded into one update (a paste, a multi-cursor edit, a fast
 * burst). The tree adds at most its own refresh spacing (debtTree.ts), so keep this small.
 */
const TYPING_DEBOUNCE_MS = 10;
/**
 * The `nice` value of scan worker threads on Linux (see engine/session/thread.ts): a first scan's
 * reading gives way to the editor's own work.
 */
const SCAN_NICE = 10;

/**
 * One engine session per `file:` workspace folder (each with its own config and ledger), kept
 * current from editor buffers (debounced keystrokes), saves, a file watcher and the ledger's
 * files. Every view reads from here; nothing else scans or reads files.
 */
export class Sessions extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<FolderChange>());
  /** Fires when a folder's items changed (after a scan, a keystroke, a file or ledger change). */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = this.register(new vscode.EventEmitter<SessionsState>());
  /** Fires when scanning starts, ends or fails. */
  readonly onDidChangeState = this.stateChanged.event;

  private readonly sessions = new Map<string, { folder: vscode.WorkspaceFolder; session: WorkspaceSession; stop: () => void }>();
  private readonly typing = new Map<string, ReturnType<typeof setTimeout>>();
  private current: SessionsState = { kind: 'idle' };
  private controller: AbortController | undefined;
  private running: Promise<ScanSummary> | undefined;
  private last: Promise<ScanSummary> | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** Folder for the engine's incremental caches, or undefined for none. */
    private readonly cacheRoot: string | undefined,
    /** `performance.now()` at activation: the log says how long after it a scan ran. */
    private readonly activatedAt = performance.now(),
    /** The thread activation started for the first scan, if it did. */
    scanThread?: ScanThreadAhead,
  ) {
    super();
    // The first scan follows at once: its thread (started by activation, else now) starts while
    // the views register and the sessions open (50–230 ms of its start-up, measured in the e2e
    // scale phase).
    prestartScanThread({ started: scanThread });
    // Registered before the listeners, so disposed after them: no event starts work once the
    // running scan is cancelled and every folder's scan thread stopped.
    this.register({
      dispose: () => {
        this.controller?.abort();
        for (const timer of this.typing.values()) clearTimeout(timer);
        for (const { stop } of this.sessions.values()) stop();
      },
    });
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.scheduleDocument(e.document);
      }),
    );
    this.register(vscode.workspace.onDidSaveTextDocument((doc) => void this.revert(doc)));
    // A notebook's cells are text documents of their own; its file is read once saved or closed.
    this.register(vscode.workspace.onDidSaveNotebookDocument((notebook) => void this.revertNotebook(notebook)));
    this.register(
      vscode.workspace.onDidCloseNotebookDocument((notebook) => {
        if (notebook.isDirty) void this.revertNotebook(notebook);
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.isDirty) void this.revert(doc);
      }),
    );
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan().catch(() => undefined)));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidChange((uri) => this.onDisk(uri)));
    this.register(watcher.onDidCreate((uri) => this.onDisk(uri)));
    this.register(watcher.onDidDelete((uri) => this.onDisk(uri)));
  }

  get state(): SessionsState {
    return this.current;
  }

  /** Every folder's session, in workspace order. */
  all(): { folder: vscode.WorkspaceFolder; session: WorkspaceSession }[] {
    return [...this.sessions.values()].sort((a, b) => a.folder.index - b.folder.index);
  }

  /** The session of the folder holding `uri`, if any. */
  forUri(uri: vscode.Uri): WorkspaceSession | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.sessions.get(folder.uri.toString())?.session : undefined;
  }

  /**
   * A command wrote `folder`'s config: its session reads it now rather than on the file watcher's
   * word, which comes late, or not at all for a file in a folder just made (the watcher may not
   * watch that folder yet).
   */
  configWritten(folder: vscode.WorkspaceFolder): Promise<void> {
    return this.forUri(folder.uri)?.reloadConfig() ?? Promise.resolve();
  }

  /** The summary of the running scan, else of the last one; starts one when there has been none. */
  async whenScanned(): Promise<ScanSummary> {
    for (;;) {
      const run = this.running ?? this.last ?? this.rescan();
      try {
        return await run;
      } catch (err) {
        if (!this.running || this.running === run) throw err;
      }
    }
  }

  /** (Re)opens every folder's session and scans it. A new call cancels the running one. */
  rescan(): Promise<ScanSummary> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const run = this.openAll(controller.signal);
    this.running = run;
    run.then(
      (summary) => {
        if (this.controller === controller) this.finish(run, { kind: 'done', summary });
      },
      (err: unknown) => {
        if (this.controller !== controller) return;
        if (controller.signal.aborted || (err instanceof Error && err.name === 'AbortError') || PaydownError.is(err, 'aborted')) {
          this.finish(run, { kind: 'idle' });
          return;
        }
        const error = err instanceof Error ? err : new Error(String(err));
        this.log.error(`Scan failed: ${errorReport(error)}`, error);
        this.finish(run, { kind: 'failed', error });
      },
    );
    return run;
  }

  /** The totals over all folders as they are now (after keystrokes too). */
  summary(durationMs = 0): ScanSummary {
    const byTag: Record<string, number> = {};
    const byFile: Record<string, number> = {};
    let count = 0;
    let problems = 0;
    for (const { session } of this.sessions.values()) {
      for (const item of session.items()) {
        byTag[item.debt.tag] = (byTag[item.debt.tag] ?? 0) + 1;
        byFile[item.debt.file] = (byFile[item.debt.file] ?? 0) + 1;
        count++;
      }
      problems += session.problems().length;
    }
    const files = [...this.sessions.values()].reduce((sum, { session }) => sum + (session.scanStats?.files ?? 0), 0);
    return { count, byTag, byFile, problems, folders: this.sessions.size, files, durationMs };
  }

  /**
   * Opens and scans every folder into a new set of sessions. A folder seen for the first time is
   * shown at once and fills in as its scan finds files (the open editors' files first, from their
   * buffers); a folder already shown keeps its picture until its new session is complete. Either
   * way the new sessions replace the old ones only when all are ready, so a run cancelled by a
   * newer one (folders added at start-up, a rescan) leaves no half-scanned session behind but a
   * first one, which the newer run then replaces.
   *
   * From the call to the first folder's scan request there is no wait on the event loop (its
   * cache folder and config are small synchronous reads): as a window starts, the other
   * extensions' activation fills the extension host's turns, and one `await` of a read there held
   * the first scan back by 160–185 ms in the e2e's warm starts.
   */
  private async openAll(signal: AbortSignal): Promise<ScanSummary> {
    this.setState({ kind: 'scanning' });
    const started = Date.now();
    const opened = new Map<string, { folder: vscode.WorkspaceFolder; session: WorkspaceSession; stop: () => void }>();
    try {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      for (const folder of folders) {
        const key = folder.uri.toString();
        const root = folder.uri.fsPath;
        // Git in the extension host's environment: the scan thread makes its own client in it;
        // edits are stamped with git's user.name, as the commits that resolve items are.
        const git = createGitClient({ cwd: root, env: process.env });
        const session = await WorkspaceSession.open({ root, cacheDir: this.cacheDirFor(folder), git, identity: gitIdentity(git), thread: { nice: SCAN_NICE, gitEnv: process.env } });
        signal.throwIfAborted();
        const stop = session.onDidChange((change) => {
          if (this.sessions.get(key)?.session === session) this.changed.fire({ session, folder, change });
        });
        const entry = { folder, session, stop };
        opened.set(key, entry);
        const first = !this.sessions.has(key);
        const folderStarted = Date.now();
        let firstRows: (() => void) | undefined;
        if (first) {
          this.sessions.set(key, entry);
          this.showOpenDocuments(session);
          firstRows = session.onDidChange(() => {
            if (session.items().length === 0) return;
            firstRows?.();
            this.log.info(`First items of ${folder.uri.fsPath} shown after ${Date.now() - folderStarted} ms (${this.sinceActivation()} ms after activation)`);
          });
        }
        this.log.info(`Scanning ${folder.uri.fsPath}${first ? ' (shown as found)' : ''}… (${this.sinceActivation()} ms after activation)`);
        await session.refresh(signal, { progressive: first }).finally(() => firstRows?.());
        signal.throwIfAborted();
        this.log.info(`Scanned ${folder.uri.fsPath}: ${describeScan(session, Date.now() - folderStarted)}; ${this.sinceActivation()} ms after activation`);
      }
    } catch (err) {
      // A first session already shown stays, with what it found, until a newer run replaces it.
      for (const [key, entry] of opened) if (this.sessions.get(key) !== entry) entry.stop();
      throw err;
    }
    for (const [key, { stop }] of this.sessions) if (opened.get(key)?.stop !== stop) stop();
    this.sessions.clear();
    for (const [key, entry] of opened) this.sessions.set(key, entry);
    // Buffers already open with unsaved edits show what the editor shows.
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) this.updateDocument(doc);
    for (const notebook of vscode.workspace.notebookDocuments) if (notebook.isDirty) this.updateNotebook(notebook);
    for (const { session, folder } of opened.values()) this.changed.fire({ session, folder, change: { files: 'all' } });
    return this.summary(Date.now() - started);
  }

  /** The files of the visible editors (the active one first), from their buffers: a first scan's first rows. */
  private showOpenDocuments(session: WorkspaceSession): void {
    const active = vscode.window.activeTextEditor?.document;
    const docs = [...(active ? [active] : []), ...vscode.window.visibleTextEditors.map((e) => e.document).filter((d) => d !== active)];
    for (const doc of docs) {
      if (doc.uri.scheme !== 'file' || this.forUri(doc.uri) !== session || isPaydownData(session.root, doc.uri.fsPath)) continue;
      session.updateDocument(doc.uri.fsPath, doc.getText(), doc.languageId, doc.isDirty);
    }
  }

  private scheduleDocument(doc: vscode.TextDocument): void {
    const notebook = notebookOf(doc);
    if (doc.uri.scheme !== 'file' && !notebook) return;
    const key = (notebook?.uri ?? doc.uri).toString();
    clearTimeout(this.typing.get(key));
    this.typing.set(
      key,
      setTimeout(() => {
        this.typing.delete(key);
        if (notebook) this.updateNotebook(notebook);
        else this.updateDocument(doc);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  /** A notebook being edited: its cells as the editor holds them (the file's again once it is not dirty). */
  private updateNotebook(notebook: vscode.NotebookDocument): void {
    const session = notebook.uri.scheme === 'file' ? this.forUri(notebook.uri) : undefined;
    if (!session) return;
    if (!notebook.isDirty) void this.revertNotebook(notebook);
    else session.updateDocument(notebook.uri.fsPath, editorNotebookText(notebook), undefined, true);
  }

  private async revertNotebook(notebook: vscode.NotebookDocument): Promise<void> {
    const session = notebook.uri.scheme === 'file' ? this.forUri(notebook.uri) : undefined;
    if (!session) return;
    clearTimeout(this.typing.get(notebook.uri.toString()));
    this.typing.delete(notebook.uri.toString());
    await session.revertDocument(notebook.uri.fsPath).catch((err: unknown) => this.log.warn(`Could not re-read ${notebook.uri.fsPath}: ${String(err)}`));
  }

  private updateDocument(doc: vscode.TextDocument): void {
    const session = this.forUri(doc.uri);
    if (!session || isPaydownData(session.root, doc.uri.fsPath)) return;
    // A buffer that is not dirty (after File › Revert, or an undo back to the saved text) holds the disk's text.
    session.updateDocument(doc.uri.fsPath, doc.getText(), doc.languageId, doc.isDirty);
  }

  private async revert(doc: vscode.TextDocument): Promise<void> {
    const session = this.forUri(doc.uri);
    if (!session || doc.uri.scheme !== 'file') return;
    clearTimeout(this.typing.get(doc.uri.toString()));
    this.typing.delete(doc.uri.toString());
    await session.revertDocument(doc.uri.fsPath).catch((err: unknown) => this.log.warn(`Could not re-read ${doc.uri.fsPath}: ${String(err)}`));
  }

  private onDisk(uri: vscode.Uri): void {
    const session = this.forUri(uri);
    if (!session) return;
    const relative = toWorkspacePath(session.root, uri.fsPath);
    if (relative.startsWith('.git/') || relative === '.git') return;
    const retry = (what: string) => (err: unknown) => this.log.warn(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    if (relative.startsWith('.paydown/ledger/')) void session.reloadLedger().catch(retry('Could not re-read the ledger'));
    else if (relative === '.paydown/config.jsonc' || relative === '.paydown/tracker-sprints.json') {
      // The cached tracker sprints are read with the config (a `git pull` or a CLI sync changes them).
      void session.reloadConfig().catch((err: unknown) => showError(this.log, `Reading ${relative}`, err));
    } else if (!relative.startsWith('.paydown/')) void session.fileChangedOnDisk(uri.fsPath).catch(retry(`Could not re-read ${relative}`));
  }

  /** Whole milliseconds since activation, for the log. */
  private sinceActivation(): number {
    return Math.round(performance.now() - this.activatedAt);
  }

  private finish(run: Promise<ScanSummary>, state: SessionsState): void {
    this.running = undefined;
    this.last = run;
    this.controller = undefined;
    this.setState(state);
  }

  private setState(state: SessionsState): void {
    this.current = state;
    this.stateChanged.fire(state);
  }

  /**
   * One cache folder per workspace folder, so multi-root workspaces do not share entries. Made
   * synchronously, as the session reads its config: see {@link openAll}.
   */
  private cacheDirFor(folder: vscode.WorkspaceFolder): string | undefined {
    if (!this.cacheRoot) return undefined;
    const key = createHash('sha256').update(folder.uri.toString()).digest('hex').slice(0, 16);
    const dir = path.join(this.cacheRoot, 'scan-cache', key);
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch (err) {
      this.log.warn(`No scan cache: cannot create ${dir}: ${String(err)}`);
      return undefined;
    }
  }
}

/** `110 items in 412 ms (27,674 files: 27,376 from the cache, 0 read; the scan itself 301 ms)` for the log. */
function describeScan(session: WorkspaceSession, ms: number): string {
  const stats = session.scanStats;
  const n = (x: number): string => x.toLocaleString('en');
  const files = stats ? `${n(stats.files)} files: ${n(stats.filesFromCache)} from the cache, ${n(stats.filesRead)} read; the scan itself ${n(stats.durationMs)} ms` : 'no stats';
  return `${n(session.items().length)} items in ${ms} ms (${files})`;
}

function isPaydownData(root: string, file: string): boolean {
  return toWorkspacePath(root, file).startsWith('.paydown/');
}
