import * as vscode from 'vscode';
import type { PaydownApi } from './api';
import { registerRescanWorkspace } from './commands/rescanWorkspace';
import { StatusBar } from './views/statusBar';
import { registerEditorFeatures } from './editor/register';
import { Sessions } from './sessions';
import { registerViews } from './views/register';

export type { PaydownApi, ScanSummary } from './api';

/** Registers cheap things and starts the first scan in the background. */
export function activate(context: vscode.ExtensionContext): PaydownApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Paydown', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const cacheRoot = storage.scheme === 'file' ? storage.fsPath : undefined;
  const scanner = new Sessions(log, cacheRoot);

  context.subscriptions.push(
    log,
    scanner,
    new StatusBar(scanner),
    registerRescanWorkspace(scanner, log),
  );

  registerViews(context, scanner, log);
  registerEditorFeatures(context, scanner, log);

  // `npm run bench` and the e2e suite read this line: activation is kept cheap on purpose.
  log.info(`Paydown activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.appName} ${vscode.version}, ${vscode.env.remoteName ?? 'local'}); cache: ${cacheRoot ?? 'none'}`);
  // Failures are logged and shown in the status bar by the scanner.
  scanner.rescan().catch(() => undefined);

  return { whenScanned: () => scanner.whenScanned() };
}

/** Nothing to do: disposing `context.subscriptions` cancels a running scan. */
export function deactivate(): void {}
