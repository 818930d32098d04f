import * as vscode from 'vscode';
import type { ScanSummary } from '../api';
import type { Sessions } from '../sessions';

/** `paydown.rescanWorkspace`: scans again; returns the summary, or undefined when it failed. */
export function registerRescanWorkspace(scanner: Sessions, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('paydown.rescanWorkspace', async (): Promise<ScanSummary | undefined> => {
    try {
      return await scanner.rescan();
    } catch (err) {
      // A newer scan replaced this one: not a failure the user needs to hear about.
      if (scanner.state.kind === 'scanning') return undefined;
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Rescan failed: ${message}`);
      // Not awaited: the command settles now, whether or not anyone answers the message.
      void vscode.window.showErrorMessage(`Paydown could not scan the workspace: ${message}`, 'Show Log').then((choice) => {
        if (choice === 'Show Log') log.show(true);
      });
      return undefined;
    }
  });
}
