/**
 * "Paydown: Backfill History" (third stage, `dist/extensionUseCases.js`): replays the branch's
 * first-parent history into the ledger (`Workspace.backfill`), with a progress notification
 * that can be cancelled. A cancelled run keeps its checkpoint: the next run carries on.
 */
import * as vscode from 'vscode';
import { PaydownError, plural, sessionWorkspace, type BackfillResult } from '../../engine';
import type { Sessions } from '../sessions';

/** Runs the backfill for one folder (asked for when there are several); undefined when dismissed or cancelled. */
export async function backfillHistory(sessions: Sessions, log: vscode.LogOutputChannel): Promise<BackfillResult | undefined> {
  const all = sessions.all();
  if (all.length === 0) return undefined;
  let picked = all[0]!;
  if (all.length > 1) {
    const rows = all.map((s) => ({ label: s.folder.name, description: s.folder.uri.fsPath, entry: s }));
    const choice = await vscode.window.showQuickPick(rows, { title: 'Backfill the ledger of which folder?' });
    if (!choice) return undefined;
    picked = choice.entry;
  }
  const { session } = picked;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Paydown: Backfill History', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        return await sessionWorkspace(session).backfill({
          signal: controller.signal,
          onProgress: (done, total) => {
            const percent = total > 0 ? (done / total) * 100 : 100;
            if (percent - reported < 1 && done < total) return;
            progress.report({ increment: percent - reported, message: `${done.toLocaleString()} of ${plural(total, 'commit')}` });
            reported = percent;
          },
        });
      } catch (err) {
        if (PaydownError.is(err, 'aborted')) return undefined;
        throw err;
      } finally {
        cancel.dispose();
      }
    },
  );
  if (!result) {
    void vscode.window.showInformationMessage('Paydown: backfill cancelled. Run Backfill History again to carry on where it stopped.');
    return undefined;
  }
  await session.reloadLedger();
  const { counts } = result.plan;
  const rate = result.durationMs > 0 ? Math.round((result.commits / result.durationMs) * 1000) : result.commits;
  log.info(`Backfill of ${session.root}: ${result.commits} commits in ${result.durationMs} ms (${rate} commits/s); ${JSON.stringify(counts)}`);
  const changed = result.plan.items.length;
  void vscode.window.showInformationMessage(
    changed === 0
      ? `Paydown: the ledger already holds what the history of ${plural(result.commits, 'commit')} says.`
      : `Paydown: backfilled ${plural(changed, 'item')} from ${plural(result.commits, 'commit')} (${counts.firstSeen} first seen, ${counts.resolved} resolved, ${counts.created} removed debt recorded). Commit .paydown/ to share it.`,
  );
  return result;
}
