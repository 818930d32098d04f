/**
 * Activation, second stage (its own bundle, `dist/extensionFeatures.js`): the sessions (scan
 * thread, file watcher, document listeners), the Debt tree behind the view the first stage
 * registered, the status bar, the editor features and the real commands. `extension.ts` loads
 * it with a dynamic `import()` when the view becomes visible, a command runs or a folder holds
 * Paydown's files. Its constructor registers every contributed command synchronously: the first
 * stage's stubs are gone by then.
 */
import { registerBackfillHistory } from './commands/backfillLoader';
import { registerImportTodoTreeSettings } from './commands/importTodoTree';
import { registerRescanWorkspace } from './commands/rescanWorkspace';
import { EditorFeatures } from './editor/editorFeatures';
import type { ShellParts } from './extension';
import { Disposable } from './lifecycle';
import type { ScanSummary } from './api';
import { PanelHost } from './panel/panelLoader';
import { Sessions } from './sessions';
import { TrackerHost } from './trackers/trackerLoader';
import { DebtView } from './views/debtView';
import { StatusBar } from './views/statusBar';

export class Features extends Disposable {
  readonly sessions: Sessions;
  /** The debt budget panel (opened by its command, the status bar, the Debt view's title, a reload). */
  readonly panels: PanelHost;

  constructor({ context, log, view, tree, cacheRoot, activatedAt, scanThread }: ShellParts) {
    super();
    try {
      this.sessions = this.register(new Sessions(log, cacheRoot, activatedAt, scanThread));
      this.register(new StatusBar(this.sessions));
      this.register(registerRescanWorkspace(this.sessions, log));
      this.register(registerImportTodoTreeSettings(this.sessions, log));
      this.register(new DebtView(view, tree, context.workspaceState, this.sessions, log));
      this.register(new EditorFeatures(context.extensionUri, this.sessions, log));
      this.panels = this.register(new PanelHost(context, this.sessions, log));
      this.register(new TrackerHost(context, this.sessions, log));
      this.register(registerBackfillHistory(this.sessions, log));
    } catch (err) {
      // Half started: nothing registered so far may outlive the failure (the commands above
      // would block the first stage's stubs from coming back).
      this.dispose();
      throw err;
    }
    // Failures are logged and shown in the status bar by the sessions.
    this.sessions.rescan().catch(() => undefined);
  }

  /** The summary of the running scan, else of the last one. */
  whenScanned(): Promise<ScanSummary> {
    return this.sessions.whenScanned();
  }
}
