import * as vscode from 'vscode';
import type { PaydownApi } from './api';
import { registerRescanWorkspace } from './commands/rescanWorkspace';
import { StatusBar } from './views/statusBar';
import { WorkspaceScanner } from './workspaceScanner';

export type { PaydownApi, ScanSummary } from './api';

/** Registers cheap things and starts the first scan in the background. */
export function activate(context: vscode.ExtensionContext): PaydownApi {
  const log = vscode.window.createOutputChannel('Paydown', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const cacheRoot = storage.scheme === 'file' ? storage.fsPath : undefined;
  const scanner = new WorkspaceScanner(log, cacheRoot);

  context.subscriptions.push(
    log,
    scanner,
    new StatusBar(scanner),
    registerRescanWorkspace(scanner, log),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void scanner.rescan().catch(() => undefined)),
  );

  log.info(`Paydown activated (${vscode.env.appName} ${vscode.version}, ${vscode.env.remoteName ?? 'local'}); cache: ${cacheRoot ?? 'none'}`);
  // Failures are logged and shown in the status bar by the scanner.
  scanner.rescan().catch(() => undefined);

  return { whenScanned: () => scanner.whenScanned() };
}

/** Nothing to do: disposing `context.subscriptions` cancels a running scan. */
export function deactivate(): void {}
