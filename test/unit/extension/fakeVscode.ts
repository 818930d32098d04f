/**
 * A fake `vscode` module for unit tests of the extension's lifecycle: real events (with listener
 * counts), disposables, commands, settings and URIs; tree views, status bar items, output
 * channels and messages that record what was done to them; anything else a no-op. Importing this
 * file installs it (before the extension's modules load, so import it first); `fake.reset()`
 * gives each test a fresh window.
 */
import { Module } from 'node:module';
import * as path from 'node:path';

type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private fn?: () => void) {}
  static from(...ds: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.fn?.();
    this.fn = undefined;
  }
}

export class EventEmitter<T> {
  readonly listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  get fsPath(): string {
    return this.path;
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    const m = /^([a-z-]+):\/\/(.*)$/.exec(s);
    return m ? new Uri(m[1]!, m[2]!) : new Uri('file', s);
  }
  static joinPath(u: Uri, ...parts: string[]): Uri {
    return new Uri(u.scheme, path.join(u.path, ...parts));
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

/** A callable, constructible no-op whose properties are no-ops too; assigned properties are kept. */
function anything(): unknown {
  const own = new Map<PropertyKey, unknown>();
  return new Proxy(function stub() {}, {
    get: (_t, k) => (own.has(k) ? own.get(k) : k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : anything()),
    set: (_t, k, v) => (own.set(k, v), true),
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

/** Everything a test looks at, fresh after {@link FakeVscode.reset}. */
export class FakeVscode {
  commands = new Map<string, (...args: unknown[]) => unknown>();
  /** Every command registration, in order (stubs and real ones). */
  registrations: string[] = [];
  treeViews: { id: string; visible: boolean; visibility: EventEmitter<{ visible: boolean }>; options: Record<string, unknown>; badge?: unknown; description?: string; message?: string }[] = [];
  statusItems: { text: string; disposed: boolean; visible: boolean }[] = [];
  watchers = 0;
  errors: string[] = [];
  logLines: string[] = [];
  /** Information messages shown. */
  infos: string[] = [];
  /** What progress notifications reported. */
  progressReports: unknown[] = [];
  /** When true, every progress notification is cancelled as soon as it starts. */
  cancelProgress = false;
  settings: Record<string, unknown> = {};
  folders: { uri: Uri; name: string; index: number }[] | undefined = undefined;
  readonly configChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
  readonly activeEditorChanged = new EventEmitter<unknown>();

  reset(): void {
    this.commands = new Map();
    this.registrations = [];
    this.treeViews = [];
    this.statusItems = [];
    this.watchers = 0;
    this.errors = [];
    this.logLines = [];
    this.infos = [];
    this.progressReports = [];
    this.cancelProgress = false;
    this.settings = {};
    this.folders = undefined;
    this.configChanged.dispose();
    this.activeEditorChanged.dispose();
  }

  /** Sets `paydown.<key>` and tells the listeners, as the Settings editor does. */
  setSetting(key: string, value: unknown): void {
    this.settings[key] = value;
    this.configChanged.fire({ affectsConfiguration: (s) => s === 'paydown' || `paydown.${key}`.startsWith(`${s}.`) || s === `paydown.${key}` });
  }

  async execute(id: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.commands.get(id);
    if (!handler) throw new Error(`command '${id}' not found`);
    return handler(...args);
  }

  /** Resolves once `condition` holds, checking after each turn of the event loop; fails after `ms`. */
  async until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setImmediate(r));
    }
  }

  /** A memento kept in memory (workspaceState). */
  memento(): { get<T>(k: string, d?: T): T | undefined; update(k: string, v: unknown): Promise<void>; keys(): string[] } {
    const m = new Map<string, unknown>();
    return { get: <T>(k: string, d?: T) => (m.has(k) ? (m.get(k) as T) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()] };
  }

  /** An extension context with in-memory state and no storage folder (no scan cache). */
  context(): { subscriptions: { dispose(): unknown }[]; workspaceState: ReturnType<FakeVscode['memento']>; storageUri: undefined; globalStorageUri: Uri; extensionUri: Uri } {
    return { subscriptions: [], workspaceState: this.memento(), storageUri: undefined, globalStorageUri: Uri.parse('memory://storage'), extensionUri: Uri.file(path.join(__dirname, '../../..')) };
  }

  /** The `vscode` module the extension sees. */
  module(): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    const fallback = (target: Record<string, unknown>) =>
      new Proxy(target, { get: (t, k) => (k in t ? t[k as string] : typeof k === 'string' && k.startsWith('on') ? () => new Disposable() : anything()) });
    const output = () => {
      const line = (level: string) => (message: string) => void fake.logLines.push(`${level} ${message}`);
      return { info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug'), trace: line('trace'), show() {}, dispose() {} };
    };
    const vscode: Record<string, unknown> = {
      Disposable,
      EventEmitter,
      Uri,
      version: '1.139.0-fake',
      env: { appName: 'fake', remoteName: undefined, uiKind: 1 },
      StatusBarAlignment: { Left: 1, Right: 2 },
      ThemeColor: class ThemeColor { constructor(readonly id: string) {} },
      MarkdownString: class MarkdownString {
        value = '';
        constructor(value = '') { this.value = value; }
        appendMarkdown(v: string) { this.value += v; return this; }
      },
      commands: fallback({
        registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
          if (fake.commands.has(id)) throw new Error(`command '${id}' already exists`);
          fake.commands.set(id, handler);
          fake.registrations.push(id);
          return new Disposable(() => {
            if (fake.commands.get(id) === handler) fake.commands.delete(id);
          });
        },
        executeCommand: async (id: string, ...args: unknown[]) => (id === 'setContext' ? undefined : fake.execute(id, ...args)),
      }),
      window: fallback({
        createOutputChannel: () => output(),
        createTreeView(id: string, options: Record<string, unknown>) {
          const visibility = new EventEmitter<{ visible: boolean }>();
          const view = { id, visible: false, visibility, options, onDidChangeVisibility: visibility.event, dispose() {} };
          fake.treeViews.push(view);
          return view;
        },
        createStatusBarItem() {
          const item = { text: '', tooltip: undefined, command: undefined, name: '', backgroundColor: undefined, disposed: false, visible: false, show() { item.visible = true; }, hide() { item.visible = false; }, dispose() { item.disposed = true; item.visible = false; } };
          fake.statusItems.push(item);
          return item;
        },
        showErrorMessage: async (message: string) => void fake.errors.push(message),
        withProgress: async (_o: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) => {
          const cancel = new EventEmitter<void>();
          const token = { isCancellationRequested: fake.cancelProgress, onCancellationRequested: cancel.event };
          const run = task({ report: (p: unknown) => void fake.progressReports.push(p) }, token);
          if (fake.cancelProgress) cancel.fire();
          return run;
        },
        showInformationMessage: async (message: string) => void fake.infos.push(message),
        onDidChangeActiveTextEditor: fake.activeEditorChanged.event,
        visibleTextEditors: [],
        activeTextEditor: undefined,
      }),
      workspace: fallback({
        get workspaceFolders() {
          return fake.folders;
        },
        textDocuments: [],
        getConfiguration: () => ({ get: <T>(key: string, d: T) => (key in fake.settings ? (fake.settings[key] as T) : d) }),
        onDidChangeConfiguration: fake.configChanged.event,
        getWorkspaceFolder: (uri: Uri) => fake.folders?.find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
        createFileSystemWatcher() {
          fake.watchers++;
          return fallback({ dispose() { fake.watchers--; } });
        },
      }),
    };
    // Bundlers and tsx copy the module's own keys (`__toESM`): every name the extension reads
    // must be one, even those that are no-ops here.
    for (const name of USED_NAMES) if (!(name in vscode)) vscode[name] = name === 'languages' ? fallback({}) : anything();
    return fallback(vscode);
  }
}

const USED_NAMES = [
  'CodeAction', 'CodeActionKind', 'CodeActionTriggerKind', 'CompletionItem', 'CompletionItemKind', 'DataTransferItem', 'Diagnostic',
  'DiagnosticSeverity', 'Hover', 'OverviewRulerLane', 'Position', 'ProgressLocation', 'QuickPickItemKind', 'Range', 'Selection',
  'SnippetString', 'ThemeIcon', 'TreeItem', 'TreeItemCollapsibleState', 'WorkspaceEdit', 'languages',
];

export const fake = new FakeVscode();

const hooked = Symbol.for('paydown.fakeVscode');
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown; [hooked]?: boolean };
if (!loader[hooked]) {
  loader[hooked] = true;
  const vscodeModule = fake.module();
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeModule : original.call(this, request, ...rest);
  };
}
