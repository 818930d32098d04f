/**
 * How the extension reports a failure: one line in the log with everything the CLI would print
 * (message, details, `hint: …`, in the engine's wording), and one notification with the message
 * and the hint, and a button to the log. Part of what activation evaluates: it imports only the
 * engine's error class.
 */
import * as vscode from 'vscode';
import { errorLines, hintLine, PaydownError } from '../engine/errors';

/** The error's message, followed by its hint when it is a PaydownError that has one. */
export function errorMessage(err: unknown): string {
  if (PaydownError.is(err)) return err.hint ? `${err.message} — ${hintLine(err.hint)}` : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Every line the CLI would print for `err` (message, details, hint), for the log. */
export function errorReport(err: unknown): string {
  return (PaydownError.is(err) ? errorLines(err) : [errorMessage(err)]).join('\n');
}

/** Logs `<what> failed: …` with every line the CLI would print, and shows it with a Show Log button. */
export function showError(log: vscode.LogOutputChannel, what: string, err: unknown): void {
  log.error(`${what} failed: ${errorReport(err)}`);
  // Not awaited: the caller settles now, whether or not anyone answers the message.
  void vscode.window.showErrorMessage(`Paydown: ${what} failed: ${errorMessage(err)}`, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show(true);
  });
}
