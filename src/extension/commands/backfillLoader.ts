/**
 * "Paydown: Backfill History"'s door in the second stage: registers the command and loads the
 * third stage (`dist/extensionUseCases.js`, which runs the engine's use cases) on first use.
 */
import * as vscode from 'vscode';
import { showError } from '../errors';
import type { Sessions } from '../sessions';
import { lazyUseCase } from '../useCasesLoader';

/** Registers `paydown.backfillHistory`. */
export function registerBackfillHistory(sessions: Sessions, log: vscode.LogOutputChannel): vscode.Disposable {
  const load = lazyUseCase('Backfill', log, ({ backfillHistory }) => backfillHistory);
  return vscode.commands.registerCommand('paydown.backfillHistory', async () => {
    try {
      return await (await load())(sessions, log);
    } catch (err) {
      showError(log, 'Backfilling the ledger from git history', err);
      return undefined;
    }
  });
}
