import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaydownApi, ScanSummary } from '../../../src/extension/api';
import expected from '../fixtures/basic.expected.json';

const EXTENSION_ID = 'paydown.paydown';

describe('Paydown in the extension host (fixture: basic)', () => {
  let api: PaydownApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<PaydownApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in the extension host`);
    api = await ext.activate();
  });

  it('opens the fixture workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0]!.uri.path, /\/basic$/);
    console.log(`vscode ${vscode.version}, uiKind ${vscode.env.uiKind}, remoteName ${vscode.env.remoteName}`);
  });

  it('activates and returns its API', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(typeof api.whenScanned, 'function');
  });

  it('counts the debt items in comments, not in strings', async () => {
    const summary = await api.whenScanned();
    assert.equal(summary.count, expected.count);
    assert.deepEqual(summary.byTag, expected.byTag);
    assert.deepEqual(summary.byFile, expected.byFile);
    assert.equal(summary.folders, 1);
  });

  it('contributes "Paydown: Rescan Workspace", which scans again', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('paydown.rescanWorkspace'));
    const summary = await vscode.commands.executeCommand<ScanSummary | undefined>('paydown.rescanWorkspace');
    assert.ok(summary, 'the rescan returned no summary (see Output › Paydown)');
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.path);
    assert.equal(summary.count, expected.count, `rescan: ${JSON.stringify(summary)}; unsaved buffers: ${JSON.stringify(dirty)}`);
    assert.equal((await api.whenScanned()).count, expected.count);
  });

  it('keeps the count when a rescan replaces a running one', async () => {
    const first = vscode.commands.executeCommand<ScanSummary | undefined>('paydown.rescanWorkspace');
    const second = vscode.commands.executeCommand<ScanSummary | undefined>('paydown.rescanWorkspace');
    const [, last] = await Promise.all([first, second]);
    assert.equal(last?.count, expected.count);
    assert.equal((await api.whenScanned()).count, expected.count);
  });
});
