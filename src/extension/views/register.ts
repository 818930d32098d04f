import type * as vscode from 'vscode';
import type { Sessions } from '../sessions';

/** Registers the Debt tree, the search quick pick and their commands (issue 6: being written). */
export function registerViews(_context: vscode.ExtensionContext, _sessions: Sessions, _log: vscode.LogOutputChannel): void {}
