import * as vscode from 'vscode';
import { onDidChangeSettings, readSettings, type PaydownSettings } from '../settings';
import type { Sessions } from '../sessions';
import { DebtCodeActions } from './codeActions';
import { registerEditorCommands } from './commands';
import { COMPLETION_TRIGGERS, DebtCompletions } from './completions';
import { Diagnostics } from './diagnostics';
import { Highlights } from './highlights';
import { DebtHoverProvider } from './hover';

/** Files of workspace folders (saved or not): what the sessions know. */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }];

/**
 * Registers the editor features: highlights, hover, code actions, diagnostics and completions.
 * Each exists only while its setting is on (no editor events are listened to for a feature that
 * is off) and is rebuilt when its settings change, without a reload.
 */
export function registerEditorFeatures(context: vscode.ExtensionContext, sessions: Sessions, log: vscode.LogOutputChannel): void {
  const features = new EditorFeatures(context.extensionUri, sessions, log);
  context.subscriptions.push(
    features,
    registerEditorCommands(sessions, log),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new DebtCodeActions(sessions), DebtCodeActions.metadata),
  );
}

class EditorFeatures implements vscode.Disposable {
  private settings: PaydownSettings = readSettings();
  private highlights: Highlights | undefined;
  private diagnostics: Diagnostics | undefined;
  private hover: vscode.Disposable | undefined;
  private completions: vscode.Disposable | undefined;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.apply(undefined);
    this.listener = onDidChangeSettings(() => {
      const previous = this.settings;
      this.settings = readSettings();
      this.apply(previous);
    });
  }

  dispose(): void {
    this.listener.dispose();
    this.highlights?.dispose();
    this.diagnostics?.dispose();
    this.hover?.dispose();
    this.completions?.dispose();
  }

  /** Starts, stops or rebuilds each feature whose settings changed since `previous`. */
  private apply(previous: PaydownSettings | undefined): void {
    const s = this.settings;
    const highlightsChanged =
      !previous ||
      previous.highlightsEnabled !== s.highlightsEnabled ||
      previous.highlightsGutter !== s.highlightsGutter ||
      previous.highlightsOverviewRuler !== s.highlightsOverviewRuler ||
      JSON.stringify(previous.highlightsTagColors) !== JSON.stringify(s.highlightsTagColors);
    if (highlightsChanged) {
      this.highlights?.dispose();
      this.highlights = s.highlightsEnabled ? new Highlights(this.sessions, this.extensionUri, s) : undefined;
    }
    if (!previous || previous.diagnosticsSeverity !== s.diagnosticsSeverity) {
      this.diagnostics?.dispose();
      const severity = Diagnostics.severityOf(s.diagnosticsSeverity);
      this.diagnostics = severity === null ? undefined : new Diagnostics(this.sessions, severity);
    }
    if (!previous || previous.hoverEnabled !== s.hoverEnabled) {
      this.hover?.dispose();
      this.hover = s.hoverEnabled ? vscode.languages.registerHoverProvider(SELECTOR, new DebtHoverProvider(this.sessions)) : undefined;
    }
    if (!previous || previous.completionsEnabled !== s.completionsEnabled) {
      this.completions?.dispose();
      this.completions = s.completionsEnabled
        ? vscode.languages.registerCompletionItemProvider(SELECTOR, new DebtCompletions(this.sessions, this.log), ...COMPLETION_TRIGGERS)
        : undefined;
    }
  }
}
