// The extension's speed and size figures (issue 6), rows for bench.mjs's table:
//   - activation: loading dist/extension.js and calling activate(), in Node with a stub `vscode`
//     module (the host's own overhead is not in it; the e2e integration phase logs the real
//     extension host's figure too, in test/e2e/.results/integration-console.log). Since issue 11
//     that is the first stage only; the second (dist/extensionFeatures.js, loaded with import())
//     is timed apart, from activate() to its "Paydown started" log line, in a folder with a
//     Paydown config
//   - the code activation evaluates: dist/extension.js (the whole extension before issue 11)
//   - first tree: activate() on a generated 10,000-file workspace until the Debt tree's provider
//     returns its first rows (scan included, through the extension's own sessions)
//   - one keystroke in a 2,000-line file: `WorkspaceSession.updateDocument` (what the extension
//     calls, debounced, per edit), bundled from src/engine/session/session.ts, median per call
//   - dist/extension.js and dist/paydown.vsix sizes
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateWorkspace } from '../e2e/fixtures/prepare.mjs';
import { generateDocument } from './corpus.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');

export const EXTENSION_TARGETS = { activateMs: 50, keystrokeMs: 5, bundleKB: 250, vsixKB: 1024 };
/** The extension's bundles: what activation evaluates, then the second stage (absent before issue 11). */
const EXTENSION_BUNDLES = ['extension.js', 'extensionFeatures.js'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// ---------------------------------------------------------------------------------------------
// A stub of the `vscode` module: real events, URIs and disposables; everything else is a no-op
// that records the tree data providers it is given.

export function makeVscodeStub(folderPath) {
  const providers = [];
  const logLines = [];
  class Disposable {
    constructor(fn) { this.fn = fn; }
    static from(...ds) { return new Disposable(() => ds.forEach((d) => d?.dispose?.())); }
    dispose() { this.fn?.(); }
  }
  class EventEmitter {
    listeners = new Set();
    event = (listener) => { this.listeners.add(listener); return new Disposable(() => this.listeners.delete(listener)); };
    fire(e) { for (const l of [...this.listeners]) l(e); }
    dispose() { this.listeners.clear(); }
  }
  class Uri {
    constructor(scheme, path) { this.scheme = scheme; this.path = path; this.fsPath = path; this.authority = ''; this.query = ''; this.fragment = ''; }
    static file(p) { return new Uri('file', p); }
    static parse(s) { return new Uri(s.split(':')[0], s.replace(/^[a-z-]+:\/\//, '')); }
    static joinPath(u, ...parts) { return new Uri(u.scheme, join(u.path, ...parts)); }
    with(change) { return Object.assign(new Uri(this.scheme, this.path), change); }
    toString() { return `${this.scheme}://${this.path}`; }
    toJSON() { return this.toString(); }
  }
  // Anything not defined below: a callable, constructible no-op whose properties are no-ops too.
  // Assigned properties (item.text = …) are kept and read back.
  const anything = () => {
    const own = new Map();
    return new Proxy(function stub() {}, {
      get: (t, k) => (own.has(k) ? own.get(k) : k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : anything()),
      set: (t, k, v) => (own.set(k, v), true),
      apply: () => anything(),
      construct: () => anything(),
    });
  };
  const folder = folderPath ? { uri: Uri.file(folderPath), name: folderPath.split('/').pop(), index: 0 } : undefined;
  const config = { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined };
  const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()] }; };
  const registerProvider = (provider) => { providers.push(provider); return new Disposable(); };
  const docListeners = new Set();
  const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
  class TreeItem {
    constructor(label, collapsibleState = TreeItemCollapsibleState.None) { this.label = label; this.collapsibleState = collapsibleState; }
  }
  const overrides = {
    Disposable, EventEmitter, Uri, TreeItem, TreeItemCollapsibleState,
    version: '1.139.0',
    env: { appName: 'bench', remoteName: undefined, uiKind: 1, language: 'en', clipboard: { writeText: async () => undefined } },
    workspace: new Proxy({
      onDidChangeTextDocument: (listener) => { docListeners.add(listener); return new Disposable(() => docListeners.delete(listener)); },
      workspaceFolders: folder ? [folder] : undefined,
      textDocuments: [],
      getWorkspaceFolder: (uri) => (folder && uri.fsPath.startsWith(folder.uri.fsPath) ? folder : undefined),
      getConfiguration: () => config,
    }, { get: (t, k) => (k in t ? t[k] : typeof k === 'string' && k.startsWith('on') ? () => new Disposable() : anything()) }),
    window: new Proxy({
      registerTreeDataProvider: (_id, provider) => registerProvider(provider),
      createTreeView: (_id, options) => {
        registerProvider(options.treeDataProvider);
        const visibility = new EventEmitter();
        return Object.assign(anything(), { visible: false, onDidChangeVisibility: visibility.event, dispose() {} });
      },
      createOutputChannel: () => new Proxy({}, { get: (t, k) => (k === 'info' || k === 'warn' || k === 'error' ? (line) => void logLines.push(String(line)) : () => undefined) }),
      visibleTextEditors: [],
      activeTextEditor: undefined,
    }, { get: (t, k) => (k in t ? t[k] : typeof k === 'string' && k.startsWith('on') ? () => new Disposable() : anything()) }),
  };
  // The bundle copies the module's own keys (esbuild's __toESM): list every name it uses.
  for (const name of vscodeNamesUsed()) if (!(name in overrides)) overrides[name] = anything();
  const vscode = overrides;
  const context = {
    subscriptions: [], workspaceState: memento(), globalState: Object.assign(memento(), { setKeysForSync() {} }),
    storageUri: undefined, globalStorageUri: Uri.file('/nonexistent-bench-storage'), extensionUri: Uri.file(REPO), extensionPath: REPO,
    asAbsolutePath: (p) => join(REPO, p), extensionMode: 1, logUri: Uri.file('/tmp'), secrets: anything(), environmentVariableCollection: anything(),
  };
  /** An edit of a document's buffer, as VS Code reports it (`text` is the whole new text). */
  const changeDocument = (path, text, languageId = 'typescript') => {
    const document = { uri: Uri.file(path), getText: () => text, languageId, isDirty: true };
    for (const l of [...docListeners]) l({ document, contentChanges: [{ text: '' }], reason: undefined });
  };
  return { vscode, context, providers, changeDocument, logLines };
}

/** Every `vscode.X` the bundles read, found through their aliases of `require("vscode")`. */
function vscodeNamesUsed() {
  const code = EXTENSION_BUNDLES.filter((f) => existsSync(join(REPO, 'dist', f))).map((f) => readFileSync(join(REPO, 'dist', f), 'utf8')).join('\n');
  const aliases = [...code.matchAll(/(?:var |let |const |,)\s*([\w$]+)\s*=\s*(?:[\w$]+\()?require\("vscode"\)\)?/g)].map((m) => m[1]);
  const names = new Set();
  for (const alias of aliases) {
    const re = new RegExp(`(?<![\\w$.])${alias.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g');
    for (const m of code.matchAll(re)) names.add(m[1]);
  }
  return names;
}

/** The stub `vscode` the bundles get: set by loadExtension, kept for the second stage's later require. */
let currentVscode;
let hooked = false;

/** Loads a fresh copy of dist/extension.js against `vscode` (the stub); its second stage gets the same stub. */
export function loadExtension(vscode) {
  const file = join(REPO, 'dist', 'extension.js');
  const require = createRequire(file);
  const resolved = require.resolve(file);
  // Fresh copies of both stages: the second is required by the first at run time.
  for (const f of EXTENSION_BUNDLES) delete require.cache[join(REPO, 'dist', f)];
  currentVscode = vscode;
  if (!hooked) {
    hooked = true;
    const original = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? currentVscode : original.call(this, request, ...rest); };
  }
  const t0 = performance.now();
  const ext = require(resolved);
  return { ext, loadMs: performance.now() - t0 };
}

async function measureActivation(ctx) {
  const runs = Math.max(5, ctx.runs ?? 5);
  const loads = [];
  const activates = [];
  const secondStages = [];
  const folder = join(ctx.tmp, 'activation-ws');
  // With a .paydown/config.jsonc: the second stage starts at once, as in a folder that uses Paydown.
  if (!existsSync(folder)) generateWorkspace(folder, { items: 20, files: 20, withLedger: false });
  const twoStages = existsSync(join(REPO, 'dist', EXTENSION_BUNDLES[1]));
  for (let i = 0; i < runs; i++) {
    const stub = makeVscodeStub(folder);
    const { ext, loadMs } = loadExtension(stub.vscode);
    const t0 = performance.now();
    const api = ext.activate(stub.context);
    activates.push(performance.now() - t0);
    loads.push(loadMs);
    if (twoStages) {
      // Polled once per turn of the event loop: the stage starts on its own, nothing waits on it.
      while (!stub.logLines.some((l) => /^Paydown started/.test(l))) {
        if (performance.now() - t0 > 30_000) throw new Error(`the second stage did not start: ${stub.logLines.join(' | ')}`);
        await new Promise((r) => setImmediate(r));
      }
      secondStages.push(performance.now() - t0);
    }
    await api?.whenScanned?.().catch(() => undefined);
    for (const d of stub.context.subscriptions) d?.dispose?.();
  }
  return { loadMs: median(loads), activateMs: median(activates), firstLoadMs: loads[0], secondStageMs: twoStages ? median(secondStages) : null };
}

async function measureFirstTree(ctx) {
  const folder = join(ctx.tmp, 'tree-10k');
  const gen = generateWorkspace(folder, { files: 10_000, items: 1_000, withLedger: false });
  const stub = makeVscodeStub(folder);
  const { ext } = loadExtension(stub.vscode);
  const t0 = performance.now();
  const api = ext.activate(stub.context);
  const provider = stub.providers[0];
  let rows = 0;
  if (provider) {
    // The tree's first rows: poll getChildren() until it has rows (the scan is running meanwhile).
    for (;;) {
      const children = (await provider.getChildren(undefined)) ?? [];
      rows = children.length;
      if (rows > 0 && !(await isPlaceholder(provider, children))) break;
      if (performance.now() - t0 > 120_000) throw new Error('the Debt tree showed no rows within 120 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } else {
    await api.whenScanned();
  }
  const ms = performance.now() - t0;
  const summary = await api.whenScanned();
  for (const d of stub.context.subscriptions) d?.dispose?.();
  return { ms, rows, viaTree: Boolean(provider), files: gen.files, items: summary.count };
}

/** A single "Scanning…"-style row is not the tree yet. */
async function isPlaceholder(provider, children) {
  if (children.length !== 1) return false;
  const item = await provider.getTreeItem(children[0]);
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return /scanning|loading/i.test(label);
}

async function measureKeystroke(ctx) {
  const esbuild = await import('esbuild');
  // CommonJS next to a copy of the scan worker, as in dist/ (the engine finds it by __dirname).
  const dir = join(ctx.tmp, 'session-bundle');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(REPO, 'dist', 'scanWorker.js'), join(dir, 'scanWorker.js'));
  const out = join(dir, 'session.cjs');
  await esbuild.build({
    entryPoints: [join(REPO, 'src', 'engine', 'session', 'session.ts')], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: out, logLevel: 'warning', mainFields: ['module', 'main'], minify: true,
    define: { PAYDOWN_VERSION: '"bench"' },
  });
  const { WorkspaceSession } = createRequire(out)(out);
  const folder = join(ctx.tmp, 'keystroke-ws');
  mkdirSync(join(folder, 'src'), { recursive: true });
  const file = join(folder, 'src', 'big.ts');
  const text = generateDocument(1, 2000, 20, 'typescript');
  writeFileSync(file, text);
  const session = await WorkspaceSession.open({ root: folder });
  await session.refresh();
  // One keystroke: the text with one more character typed at a point in the middle.
  const at = text.indexOf('\n', text.length >> 1);
  const variants = Array.from({ length: 16 }, (_, i) => text.slice(0, at) + ' '.repeat(i + 1) + text.slice(at));
  for (let i = 0; i < 200; i++) session.updateDocument(file, variants[i % variants.length], 'typescript');
  const times = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    session.updateDocument(file, variants[i % variants.length], 'typescript');
    times.push(performance.now() - t0);
  }
  const items = session.itemsInFile(file).length;
  times.sort((a, b) => a - b);
  return { median: median(times), p95: times[Math.floor(times.length * 0.95)], items };
}

function ensureVsix() {
  const vsix = join(REPO, 'dist', 'paydown.vsix');
  const bundle = join(REPO, 'dist', 'extension.js');
  if (!existsSync(vsix) || statSync(vsix).mtimeMs < statSync(bundle).mtimeMs) {
    execFileSync(join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: REPO, stdio: 'ignore' });
  }
  return vsix;
}

/** The rows of the "Extension" section. */
export async function measureExtension(ctx) {
  const T = EXTENSION_TARGETS;
  const rows = [];
  const activation = await measureActivation(ctx);
  const firstStage = activation.loadMs + activation.activateMs;
  rows.push({
    id: 'extActivate', label: 'extension activate() (stub host)', value: round(activation.activateMs, 2), unit: 'ms',
    display: `${round(activation.activateMs, 2)} ms`, target: { max: T.activateMs, text: `≤ ${T.activateMs} ms` }, ok: activation.activateMs <= T.activateMs,
    note: `plus loading dist/extension.js: ${round(activation.loadMs, 1)} ms warm, ${round(activation.firstLoadMs, 1)} ms cold; medians of ${Math.max(5, ctx.runs ?? 5)}`,
  });
  rows.push({
    id: 'extActivation', label: 'activation: require + activate(), first stage', value: round(firstStage, 1), unit: 'ms', display: `${round(firstStage, 1)} ms`,
    note: activation.secondStageMs === null ? 'one stage: the whole extension loads at activation' : `the second stage (import() + start, no scan) ready ${round(activation.secondStageMs, 1)} ms after activate(), in a folder with a Paydown config`,
  });
  const activationKB = statSync(join(REPO, 'dist', EXTENSION_BUNDLES[0])).size / 1024;
  rows.push({
    id: 'extActivationKB', label: 'code evaluated at activation (dist/extension.js)', value: round(activationKB), unit: 'KB', display: `${round(activationKB)} KB`,
    target: { max: T.bundleKB, text: `≤ ${T.bundleKB} KB` }, ok: activationKB <= T.bundleKB,
  });
  const tree = await measureFirstTree(ctx);
  rows.push({
    id: 'extFirstTree', label: `first Debt tree, ${tree.files.toLocaleString('en')}-file workspace`, value: round(tree.ms, 0), unit: 'ms',
    display: `${Math.round(tree.ms)} ms`,
    note: tree.viaTree ? `activate() → the provider's first ${tree.rows} rows; ${tree.items} items` : `no tree provider registered yet: activate() → first scan done; ${tree.items} items`,
  });
  const key = await measureKeystroke(ctx);
  rows.push({
    id: 'extKeystroke', label: 'one keystroke, 2,000-line file (updateDocument)', value: round(key.median, 3), unit: 'ms',
    display: `${round(key.median, 3)} ms`, target: { max: T.keystrokeMs, text: `≤ ${T.keystrokeMs} ms` }, ok: key.median <= T.keystrokeMs,
    note: `median of 2,000 calls, p95 ${round(key.p95, 3)} ms; ${key.items} items in the file`,
  });
  const secondStage = join(REPO, 'dist', EXTENSION_BUNDLES[1]);
  if (existsSync(secondStage)) {
    const bundleKB = statSync(secondStage).size / 1024;
    rows.push({ id: 'extBundle', label: 'dist/extensionFeatures.js (second stage)', value: round(bundleKB), unit: 'KB', display: `${round(bundleKB)} KB`, note: 'loaded right after activate() returns (every activation event wants it)' });
  }
  const vsixKB = statSync(ensureVsix()).size / 1024;
  rows.push({
    id: 'extVsix', label: 'dist/paydown.vsix', value: round(vsixKB), unit: 'KB', display: `${round(vsixKB)} KB`,
    target: { max: T.vsixKB, text: '≤ 1 MB' }, ok: vsixKB <= T.vsixKB,
  });
  return rows;
}

// Standalone: node test/bench/extension.mjs (after npm run build)
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'paydown-bench-ext-'));
  try {
    for (const r of await measureExtension({ tmp, runs: 5 })) {
      console.log(`${r.label.padEnd(52)} ${String(r.display).padEnd(12)} ${r.target ? (r.ok ? 'ok ' : 'MISS ') + r.target.text : ''}${r.note ? `  (${r.note})` : ''}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}
