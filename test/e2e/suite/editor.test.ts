// The editor features through VS Code's own provider commands, where the UI is slow or flaky to
// drive: hover, code actions, completions, the tree's commands. Fixture: basic (a ledger synced
// when the phase's copy was made; PD-1NV01C assigned to the current sprint).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaydownApi } from '../../../src/extension/api';
import expected from '../fixtures/basic.expected.json';

const EXTENSION_ID = 'paydown.paydown';

/** The text of hovers, whatever form their contents take. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Paydown editor features (fixture: basic)', () => {
  let doc: vscode.TextDocument;
  let commands: string[];

  before(async () => {
    const ext = vscode.extensions.getExtension<PaydownApi>(EXTENSION_ID);
    assert.ok(ext);
    await (await ext.activate()).whenScanned();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, expected.hover.file));
    await vscode.window.showTextDocument(doc);
    commands = await vscode.commands.getCommands(true);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the hover on an annotation shows its ledger facts (id, status, sprint, effort)', async function () {
    // The DEBT annotation's tag on line 8 (1-based), a few characters in.
    const position = new vscode.Position(expected.hover.line - 1, 5);
    const text = await until(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      const t = hoverText(hovers ?? []);
      return t.includes(expected.hover.id) ? t : undefined;
    }, `a hover naming ${expected.hover.id}`);
    console.log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    assert.match(text, /scheduled/i, 'status');
    assert.match(text, /\bS\d+\b/, 'sprint');
    assert.match(text, new RegExp(`\\b${expected.hover.effort}\\s*(pts?|points?)\\b`, 'i'), 'effort');
  });

  it('code actions offer "Tag as debt" on a plain line, and item actions on an annotation', async () => {
    const plain = new vscode.Range(expected.hover.line, 0, expected.hover.line, 10); // the function line below it
    const onPlain = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, plain);
    const titles = (onPlain ?? []).map((a) => a.title);
    console.log(`code actions on a plain line: ${JSON.stringify(titles)}`);
    assert.ok(titles.some((t) => /tag as debt/i.test(t)), `no "Tag as debt" among ${JSON.stringify(titles)}`);
    const annotation = new vscode.Range(expected.hover.line - 1, 5, expected.hover.line - 1, 5);
    const onAnnotation = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, annotation);
    const itemTitles = (onAnnotation ?? []).map((a) => a.title);
    console.log(`code actions on an annotation: ${JSON.stringify(itemTitles)}`);
    assert.ok(itemTitles.some((t) => /sprint/i.test(t)), `no "Assign to sprint…" among ${JSON.stringify(itemTitles)}`);
    assert.ok(itemTitles.some((t) => /resolve/i.test(t)), `no "Resolve" among ${JSON.stringify(itemTitles)}`);
  });

  it('a malformed annotation gets a diagnostic and a quick fix', async () => {
    const removeProbe = await insertFirstLine(doc, '// TODO(bob): check the totals effort:lots\n');
    try {
      const diags = await until(() => {
        const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => /effort/i.test(x.message));
        return d.length > 0 ? d : undefined;
      }, 'a diagnostic for effort:lots');
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diags[0]!.range, vscode.CodeActionKind.QuickFix.value);
      const titles = (fixes ?? []).map((a) => a.title);
      console.log(`diagnostic: ${diags[0]!.message}; quick fixes: ${JSON.stringify(titles)}`);
      assert.ok(titles.length > 0, 'no quick fix for the malformed effort');
    } finally {
      await removeProbe();
    }
  });

  it('completions offer owners after "@" inside an annotation', async () => {
    const removeProbe = await insertFirstLine(doc, '// TODO: completions probe @\n');
    try {
      const position = new vscode.Position(0, '// TODO: completions probe @'.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '@');
      const labels = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      console.log(`completions after @: ${JSON.stringify(labels.slice(0, 20))}`);
      for (const owner of ['alice', 'bob']) assert.ok(labels.some((l) => l.replace(/^@/, '') === owner), `no owner "${owner}" among ${JSON.stringify(labels.slice(0, 30))}`);
    } finally {
      await removeProbe();
    }
  });

  it('contributes the tree and search commands', () => {
    for (const id of ['paydown.searchDebt', 'paydown.groupBy', 'paydown.tagAsDebt', 'paydown.debt.focus']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });
});

/**
 * Inserts `line` at the top of `doc`; the returned function takes it out again and waits until the
 * buffer reads as before. Not `undo`: that acts on whichever editor has focus, and a probe left in
 * the buffer would be counted by every later test of the suite.
 */
async function insertFirstLine(doc: vscode.TextDocument, line: string): Promise<() => Promise<void>> {
  const before = doc.getText();
  const insert = new vscode.WorkspaceEdit();
  insert.insert(doc.uri, new vscode.Position(0, 0), line);
  assert.ok(await vscode.workspace.applyEdit(insert));
  return async () => {
    const remove = new vscode.WorkspaceEdit();
    remove.delete(doc.uri, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(remove));
    assert.equal(doc.getText(), before, 'the probe line was not removed');
  };
}
