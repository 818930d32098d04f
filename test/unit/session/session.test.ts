import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WorkspaceSession, type SessionChange } from '../../../src/engine';
import { notebookText } from '../../../src/engine/scanner/notebook';
import { git } from '../../support/git';
import { jupyterText } from '../../support/jupyter';

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'paydown-session-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function openSession(root: string): Promise<WorkspaceSession> {
  const session = await WorkspaceSession.open({ root, git: null });
  await session.refresh();
  return session;
}

describe('workspace session (the editor engine)', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>): string => {
    const root = folder(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('scans once, then an unsaved buffer replaces its file at once, its new comments marked unsaved', async () => {
    const root = make({ 'a.ts': '// TODO: one\n', 'b.py': '# FIXME: two\n' });
    const session = await openSession(root);
    assert.deepEqual(session.items().map((i) => i.debt.title), ['one', 'two']);
    const changes: SessionChange[] = [];
    session.onDidChange((c) => changes.push(c));
    const items = session.updateDocument(path.join(root, 'a.ts'), '// TODO: one\nconst s = "TODO: not debt";\n// HACK: typed, not saved\n', 'typescript');
    assert.deepEqual(items.map((i) => [i.debt.tag, i.debt.line, i.unsaved]), [['TODO', 1, false], ['HACK', 3, true]]);
    assert.deepEqual(changes, [{ files: ['a.ts'] }]);
    assert.deepEqual(session.items().map((i) => i.debt.title), ['one', 'typed, not saved', 'two']);
  });

  it('a first scan overtaken by a config reload does not show its older findings, even when it ends last', async () => {
    const root = make({ 'a.ts': '// TODO: one\n// PERF: two\n' });
    const session = await WorkspaceSession.open({ root, git: null });
    // The first scan (under the default tags) is held back until the reload's scan has ended.
    const scanning = session as unknown as { scan: (...args: unknown[]) => Promise<unknown> };
    const scan = scanning.scan.bind(session);
    let releaseFirst = (): void => undefined;
    const firstMayEnd = new Promise<void>((resolve) => (releaseFirst = resolve));
    let scans = 0;
    scanning.scan = async (...args: unknown[]) => {
      const first = ++scans === 1;
      const result = await scan(...args);
      if (first) await firstMayEnd;
      return result;
    };
    const titles = (): string[] => session.items().map((i) => i.debt.title);
    const first = session.refresh(undefined, { progressive: true });
    mkdirSync(path.join(root, '.paydown'), { recursive: true });
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), JSON.stringify({ tags: ['TODO', 'PERF'] }));
    await session.reloadConfig();
    assert.deepEqual(titles(), ['one', 'two']);
    releaseFirst();
    await first;
    assert.deepEqual(titles(), ['one', 'two'], 'the overtaken scan, under the old tags, changed nothing');
    assert.equal(scans, 2);
  });

  it('keeps an unsaved buffer over a disk change, and follows the disk once reverted', async () => {
    const root = make({ 'a.ts': '// TODO: on disk\n' });
    const session = await openSession(root);
    session.updateDocument('a.ts', '// TODO: in the editor\n');
    writeFileSync(path.join(root, 'a.ts'), '// TODO: changed by git checkout\n');
    await session.fileChangedOnDisk(path.join(root, 'a.ts'));
    assert.deepEqual(session.items().map((i) => i.debt.title), ['in the editor']);
    await session.revertDocument(path.join(root, 'a.ts'));
    assert.deepEqual(session.items().map((i) => [i.debt.title, i.unsaved]), [['changed by git checkout', false]]);
  });

  it('in an unsaved buffer, only what is not on disk as it reads is unsaved: a comment moved by an edit above it, or one of two alike, is not', async () => {
    const root = make({ 'a.ts': '// TODO: kept\n// TODO(ann): edited effort:2\n// FIXME: twice\n' });
    const session = await openSession(root);
    const unsaved = (): [number, string, boolean][] => session.items().map((i) => [i.debt.line, i.debt.title, i.unsaved]);
    session.updateDocument('a.ts', 'const x = 1;\n// TODO: kept\n// TODO(ann): edited effort:3\n// FIXME: twice\n// FIXME: twice\n');
    assert.deepEqual(unsaved(), [[2, 'kept', false], [3, 'edited', true], [4, 'twice', false], [5, 'twice', true]]);
    // The disk changes under the buffer (a checkout): the buffer stays, measured against the new disk.
    writeFileSync(path.join(root, 'a.ts'), '// TODO(ann): edited effort:3\n');
    await session.fileChangedOnDisk(path.join(root, 'a.ts'));
    assert.deepEqual(unsaved(), [[2, 'kept', true], [3, 'edited', false], [4, 'twice', true], [5, 'twice', true]]);
  });

  it("a notebook with an edited cell: only that cell's new comment is unsaved", async () => {
    const root = make({ 'nb.ipynb': jupyterText([['markdown', ['<!-- TODO: intro -->']], ['code', ['x = 1  # FIXME: rounding\n', 'y = 2']]]) });
    const session = await openSession(root);
    session.updateDocument('nb.ipynb', notebookText([
      { kind: 'markdown', languageId: 'markdown', text: '<!-- TODO: intro -->' },
      { kind: 'code', languageId: 'python', text: 'x = 1  # FIXME: rounding\ny = 2  # TODO: typed in the cell' },
    ]));
    assert.deepEqual(session.items().map((i) => [i.debt.title, i.debt.cell?.index, i.unsaved]), [['intro', 0, false], ['rounding', 1, false], ['typed in the cell', 1, true]]);
  });

  it('a buffer opened before the first scan is all unsaved until the scan has read its file, then only what differs', async () => {
    const root = make({ 'a.ts': '// TODO: on disk\n' });
    const session = await WorkspaceSession.open({ root, git: null });
    session.updateDocument('a.ts', '// TODO: on disk\n// TODO: typed\n');
    assert.deepEqual(session.items().map((i) => i.unsaved), [true, true]);
    await session.refresh(undefined, { progressive: true });
    assert.deepEqual(session.items().map((i) => [i.debt.title, i.unsaved]), [['on disk', false], ['typed', true]]);
    session.updateDocument('b.ts', '// TODO: a new file\n');
    assert.deepEqual(session.itemsInFile('b.ts').map((i) => i.unsaved), [true], 'a file not on disk holds no saved comment');
  });

  it('a buffer that is no longer dirty (reverted, or undone to the saved text) is not marked unsaved', async () => {
    const root = make({ 'a.ts': '// TODO: saved\n' });
    const session = await openSession(root);
    session.updateDocument('a.ts', '// TODO: typed\n');
    assert.deepEqual(session.items().map((i) => i.unsaved), [true]);
    session.updateDocument('a.ts', '// TODO: saved\n', undefined, false);
    assert.deepEqual(session.items().map((i) => [i.debt.title, i.unsaved]), [['saved', false]]);
  });

  it('notices new, changed and deleted files one at a time, without a full scan', async () => {
    const root = make({ 'a.ts': '// TODO: a\n' });
    const session = await openSession(root);
    writeFileSync(path.join(root, 'new.go'), '// FIXME: new file\n');
    await session.fileChangedOnDisk(path.join(root, 'new.go'));
    rmSync(path.join(root, 'a.ts'));
    await session.fileChangedOnDisk(path.join(root, 'a.ts'));
    assert.deepEqual(session.items().map((i) => i.debt.file), ['new.go']);
  });

  it('lists nothing from a file the scan never reads: an ignored build output, an excluded folder, a notebook checkpoint', async () => {
    const root = make({ '.gitignore': 'build/\n', 'a.ts': '// TODO: a\n', '.paydown/config.jsonc': '{ "scan": { "exclude": ["vendor/**"] } }' });
    const session = await openSession(root);
    const write = async (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
      await session.fileChangedOnDisk(path.join(root, file));
    };
    await write('build/out.js', '// TODO: generated by the build\n');
    await write('vendor/lib.js', '// TODO: vendored\n');
    await write('app.min.js', '// TODO: minified by its name\n');
    await write('nb/.ipynb_checkpoints/x-checkpoint.py', '# TODO: a checkpoint\n');
    await write('src/b.ts', '// TODO: b\n');
    assert.deepEqual(session.items().map((i) => i.debt.file), ['a.ts', 'src/b.ts']);
    // Typed into an open buffer of an ignored file: not listed either, once Paydown knows.
    session.updateDocument('build/out.js', '// TODO: typed into the output\n');
    await waitFor(() => !session.items().some((i) => i.debt.file === 'build/out.js'));
    assert.deepEqual(session.updateDocument('build/out.js', '// TODO: typed again\n'), []);
  });

  it('applies a changed .gitignore to the whole folder at once', async () => {
    const root = make({ 'a.ts': '// TODO: a\n', 'gen/g.ts': '// TODO: generated\n' });
    const session = await openSession(root);
    assert.deepEqual(session.items().map((i) => i.debt.file), ['a.ts', 'gen/g.ts']);
    writeFileSync(path.join(root, '.gitignore'), 'gen/\n');
    await session.fileChangedOnDisk(path.join(root, '.gitignore'));
    assert.deepEqual(session.items().map((i) => i.debt.file), ['a.ts']);
    rmSync(path.join(root, '.gitignore'));
    await session.fileChangedOnDisk(path.join(root, '.gitignore'));
    assert.deepEqual(session.items().map((i) => i.debt.file), ['a.ts', 'gen/g.ts']);
  });

  it('reports malformed metadata per file', async () => {
    const root = make({ 'a.ts': '// TODO: x effort:lots\n' });
    const session = await openSession(root);
    assert.deepEqual(session.problems('a.ts').map((p) => p.code), ['effort-invalid']);
    session.updateDocument('a.ts', '// TODO: x effort:3\n');
    assert.deepEqual(session.problems('a.ts'), []);
  });

  it('matches comments to ledger items after a sync, keeps them matched while typing, and edits through the ledger', async () => {
    const root = make({ 'pay.ts': '// DEBT: replace the retry loop effort:3 #payments\n', '.paydown/config.jsonc': '{ "outcomes": [{ "name": "reliability", "labels": ["payments"] }] }' });
    git(root, 'init', '-q');
    const session = await openSession(root);
    assert.equal(session.items()[0]!.ledger, null, 'not in the ledger before a sync');
    const changes = await session.sync();
    assert.equal(changes.counts.created, 1);
    const [item] = session.items();
    assert.match(item!.key, /^PD-[0-9A-Z]{6}$/);
    assert.equal(item!.ledger?.id, item!.key);
    assert.equal(item!.outcome, 'reliability');
    // Lines typed above the comment: still the same ledger item.
    const typed = session.updateDocument('pay.ts', 'import x from "y";\n\n// DEBT: replace the retry loop effort:3 #payments\n');
    assert.equal(typed[0]!.ledger?.id, item!.key);
    const edited = await session.edit(item!.key, { sprint: 'S24', effort: 5 }, 'alice');
    assert.deepEqual([edited.sprint, edited.status, edited.effort.value], ['S24', 'scheduled', 5]);
    assert.equal(session.itemsInFile('pay.ts')[0]!.ledger?.sprint, 'S24');
  });

  it('never opens a FIFO the watcher reports (a read would wait for a writer forever)', async function () {
    const root = make({ 'a.ts': '// TODO: one\n' });
    try {
      execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
    } catch {
      this.skip(); // no mkfifo here
    }
    const session = await openSession(root);
    await session.fileChangedOnDisk(path.join(root, 'pipe.ts'));
    assert.deepEqual(session.items().map((i) => i.debt.file), ['a.ts']);
  });
});
