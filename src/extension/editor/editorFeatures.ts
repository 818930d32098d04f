import * as vscode from 'vscode';
import { onDidChangeSettings, readSettings, type PaydownSettings } from '../settings';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import { DebtCodeActions } from './codeActions';
import { EditorCommands } from './commands';
import { COMPLETION_TRIGGERS, DebtCompletions } from './completions';
import { Diagnostics } from './diagnostics';
import { Highlights } from './highlights';
import { DebtHoverProvider } from './hover';
import { NOTEBOOK_CELL } from './notebooks';

/** Files of workspace folders (saved or not), what the sessions know, and a notebook's cells (their items are the notebook file's, found by cell). */
const WITH_CELLS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: NOTEBOOK_CELL }];

/**
 * The editor features: highlights, hover, code actions, diagnostics, completions and the
 * editor's commands. Each optional one exists only while its setting is on (no editor events are
 * listened to for a feature that is off) and is rebuilt when its settings change, without a reload.
 */
export class EditorFeatures extends Disposable {
  private settings: PaydownSettings = readSettings();
  private highlights: Highlights | undefined;
  private diagnostics: Diagnostics | undefined;
  private hover: vscode.Disposable | undefined;
  private completions: vscode.Disposable | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(new EditorCommands(sessions, log));
    this.register(vscode.languages.registerCodeActionsProvider(WITH_CELLS, new DebtCodeActions(sessions), DebtCodeActions.metadata));
    // The features of the moment, whichever they are when this is disposed.
    this.register({
      dispose: () => {
        for (const feature of [this.highlights, this.diagnostics, this.hover, this.completions]) feature?.dispose();
      },
    });
    this.apply(undefined);
    this.register(
      onDidChangeSettings(() => {
        const previous = this.settings;
        this.settings = readSettings();
        this.apply(previous);
      }),
    );
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
      this.hover = s.hoverEnabled ? vscode.languages.registerHoverProvider(WITH_CELLS, new DebtHoverProvider(this.sessions)) : undefined;
    }
    if (!previous || previous.completionsEnabled !== s.completionsEnabled) {
      this.completions?.dispose();
      this.completions = s.completionsEnabled
        ? vscode.languages.registerCompletionItemProvider(WITH_CELLS, new DebtCompletions(this.sessions, this.log), ...COMPLETION_TRIGGERS)
        : undefined;
    }
  }
}
