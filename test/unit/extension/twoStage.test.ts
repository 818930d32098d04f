import { fake, Uri } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { scanThreadsAhead } from '../../../src/engine/session/threadStart';
import { CONTRIBUTED_COMMANDS } from '../../../src/extension/commands/contributed';
import { activate } from '../../../src/extension/extension';

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };

/** Whether the second stage's module (or anything only it loads) has been evaluated in this process. */
const loaded = (file: string): boolean => Object.keys(require.cache).some((k) => k.endsWith(path.join('src', 'extension', file)));

describe('two-stage activation', function () {
  // The second stage compiles its modules on first load (tsx).
  this.timeout(60_000);
  let context: ReturnType<typeof fake.context>;
  const folders: string[] = [];

  beforeEach(() => {
    fake.reset();
    context = fake.context();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(fake.logLines.join('\n'), fake.errors);
    for (const d of context.subscriptions) d.dispose();
    for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
  });

  const folder = (withConfig: boolean): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paydown-stage-'));
    folders.push(dir);
    writeFileSync(path.join(dir, 'a.ts'), '// TODO: one item\n');
    if (withConfig) {
      mkdirSync(path.join(dir, '.paydown'));
      writeFileSync(path.join(dir, '.paydown', 'config.jsonc'), '{}\n');
    }
    fake.folders = [{ uri: Uri.file(dir), name: path.basename(dir), index: 0 }];
    return dir;
  };
  const start = () => activate(context as unknown as vscode.ExtensionContext);
  const started = () => fake.logLines.some((l) => /Paydown started for/.test(l));

  it('package.json contributes exactly the commands activation registers as stubs', () => {
    assert.deepEqual([...CONTRIBUTED_COMMANDS].sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });

  it('activate() registers the Debt view and every command and returns; the second stage starts right after, with no view shown yet', async () => {
    folder(false);
    const threads = scanThreadsAhead();
    start();
    assert.equal(scanThreadsAhead(), threads + 1, 'the scan thread starts with activation, for the first scan');
    assert.deepEqual(fake.treeViews.map((v) => v.id), ['paydown.debt']);
    assert.deepEqual([...fake.commands.keys()].sort(), [...CONTRIBUTED_COMMANDS].sort());
    assert.equal(started(), false, 'activate() itself evaluates only the first stage');
    assert.equal(fake.watchers, 0, 'no file watcher yet');
    // VS Code activates `onView` only for a view being shown, and tells the host it is visible one
    // round trip later: the second stage does not wait for that.
    assert.equal(fake.treeViews[0]!.visible, false);
    await fake.until(started, 'the second stage');
    assert.ok(fake.logLines.some((l) => /Paydown started for its activation/.test(l)), fake.logLines.join('\n'));
    assert.equal(fake.watchers, 1, 'the sessions watch files now');
  });

  it('a window without a folder starts no scan thread; a deactivated one stops it', () => {
    const threads = scanThreadsAhead();
    start();
    assert.equal(scanThreadsAhead(), threads, 'nothing to scan');
    fake.reset();
    folder(false);
    const next = fake.context();
    activate(next as unknown as vscode.ExtensionContext);
    assert.equal(scanThreadsAhead(), threads + 1);
    for (const d of next.subscriptions) d.dispose();
    assert.equal(scanThreadsAhead(), threads, 'stopped with the extension');
  });

  it('a command starts the second stage, which then runs the real command', async () => {
    folder(false);
    start();
    const grouped = await fake.execute('paydown.groupBy', 'tag');
    assert.equal(grouped, 'tag', 'the real "Group Debt By…" ran with its argument');
    assert.ok(started());
    assert.equal(fake.watchers, 1, 'the sessions watch files now');
    // The real commands replaced every stub: each id registered twice in all, and still registered.
    for (const id of CONTRIBUTED_COMMANDS) {
      assert.equal(fake.registrations.filter((r) => r === id).length, 2, id);
      assert.ok(fake.commands.has(id), id);
    }
  });

  it('the Debt view shown gets the real rows', async () => {
    folder(false);
    start();
    const view = fake.treeViews[0]!;
    view.visible = true;
    view.visibility.fire({ visible: true });
    await fake.until(started, 'the second stage');
    const provider = view.options.treeDataProvider as vscode.TreeDataProvider<unknown> & { provider?: unknown };
    const rows = await provider.getChildren(undefined);
    assert.ok(Array.isArray(rows));
    assert.ok(provider.provider, 'the real tree is attached');
  });

  it("the view's first request for rows, made before the second stage is ready, is answered by the real tree", async () => {
    folder(false);
    start();
    const provider = fake.treeViews[0]!.options.treeDataProvider as vscode.TreeDataProvider<unknown> & { provider?: unknown };
    assert.equal(provider.provider, undefined);
    const rows = await provider.getChildren(undefined);
    assert.ok(started());
    assert.ok(provider.provider, 'the real tree is attached');
    assert.deepEqual(rows, await (provider.provider as vscode.TreeDataProvider<unknown>).getChildren(undefined));
  });

  it('a folder with a Paydown config starts the second stage at once: the status bar shows there', async () => {
    folder(true);
    start();
    await fake.until(started, 'the second stage');
    assert.equal(fake.statusItems.filter((s) => !s.disposed).length, 1);
  });

  it("a folder with Paydown's files starts the second stage before anything else can: its look waits on no other task", async () => {
    folder(true);
    start();
    // The Debt view shown right after activation (the host's next message) finds it started.
    const view = fake.treeViews[0]!;
    view.visible = true;
    view.visibility.fire({ visible: true });
    await fake.until(started, 'the second stage');
    assert.ok(
      fake.logLines.some((l) => /Paydown started for Paydown's files in /.test(l)),
      fake.logLines.filter((l) => /Paydown started for/.test(l)).join('\n'),
    );
  });

  it('what activation evaluates imports nothing of the engine but its error class and what starts the scan thread', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      // Static value imports only: `import type` and `import()` do not load anything at activation.
      for (const m of source.matchAll(/^import (?!type )[^'"]*from '(\.[^']+)';$/gm)) {
        const base = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ''));
        visit(`${base}.ts`);
      }
    };
    visit(path.join(root, 'src/extension/extension.ts'));
    const files = [...seen].map((f) => path.relative(root, f)).sort();
    assert.deepEqual(files.filter((f) => !f.startsWith('src/extension/')), ['src/engine/errors.ts', 'src/engine/scanner/workerStart.ts', 'src/engine/session/threadStart.ts']);
    for (const heavy of ['sessions.ts', 'features.ts', 'views/debtTree.ts', 'views/statusBar.ts']) assert.ok(!files.includes(`src/extension/${heavy}`), heavy);
    assert.ok(loaded('extension.ts'));
  });
});
