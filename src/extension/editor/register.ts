import type * as vscode from 'vscode';
import type { Sessions } from '../sessions';

/** Registers highlights, hover, code actions, diagnostics and completions (issue 6: being written). */
export function registerEditorFeatures(_context: vscode.ExtensionContext, _sessions: Sessions, _log: vscode.LogOutputChannel): void {}
