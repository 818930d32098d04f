import * as vscode from 'vscode';
import type { ScanSummary } from '../api';
import { showError } from '../errors';
import type { Sessions } from '../sessions';

/** `paydown.rescanWorkspace`: scans again; returns the summary, or undefined when it failed. */
export function registerRescanWorkspace(scanner: Sessions, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('paydown.rescanWorkspace', async (): Promise<ScanSummary | undefined> => {
    try {
      return await scanner.rescan();
    } catch (err) {
      // A newer scan replaced this one: not a failure the user needs to hear about.
      if (scanner.state.kind === 'scanning') return undefined;
      showError(log, 'Scanning the workspace', err);
      return undefined;
    }
  });
}
