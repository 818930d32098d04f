import * as vscode from 'vscode';

/** How the Debt tree groups items. */
export const GROUPINGS = ['folder', 'file', 'tag', 'sprint', 'owner', 'label', 'outcome', 'tracker', 'interest'] as const;
export type Grouping = (typeof GROUPINGS)[number];
/** The setting's values: a grouping, or `auto` (folder tree for many files, else by file). */
export type GroupingSetting = Grouping | 'auto';

/** Severity of malformed-metadata diagnostics, or off. */
export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/**
 * Every Paydown setting, typed; matches `contributes.configuration` in package.json (a unit test
 * checks both list the same keys). Read through {@link readSettings} only.
 */
export interface PaydownSettings {
  /**
   * `paydown.tree.groupBy`: how the Debt tree groups items until changed from its title bar (then
   * remembered per workspace); `auto` shows a folder tree when many files hold debt, else files.
   */
  treeGroupBy: GroupingSetting;
  /** `paydown.highlights.enabled`: colour annotations in the editor. */
  highlightsEnabled: boolean;
  /** `paydown.highlights.gutter`: show a mark in the gutter next to annotations. */
  highlightsGutter: boolean;
  /** `paydown.highlights.overviewRuler`: show annotations in the scroll bar. */
  highlightsOverviewRuler: boolean;
  /** `paydown.highlights.tagColors`: a colour per tag (e.g. `{ "HACK": "#e5a50a" }`), over the theme's. */
  highlightsTagColors: Record<string, string>;
  /** `paydown.diagnostics.severity`: how malformed metadata shows in Problems. */
  diagnosticsSeverity: DiagnosticSeverityName;
  /** `paydown.hover.enabled`: show an annotation's ledger facts on hover. */
  hoverEnabled: boolean;
  /** `paydown.completions.enabled`: suggest owners, labels, sprints, outcomes and keys inside annotations. */
  completionsEnabled: boolean;
  /** `paydown.statusBar.enabled`: show the current sprint's debt budget in the status bar. */
  statusBarEnabled: boolean;
}

/** The settings as they are now, for `scope` (a document or folder) when given. */
export function readSettings(scope?: vscode.ConfigurationScope): PaydownSettings {
  const c = vscode.workspace.getConfiguration('paydown', scope);
  const groupBy = c.get<string>('tree.groupBy', 'auto');
  return {
    treeGroupBy: (GROUPINGS as readonly string[]).includes(groupBy) ? (groupBy as Grouping) : 'auto',
    highlightsEnabled: c.get<boolean>('highlights.enabled', true),
    highlightsGutter: c.get<boolean>('highlights.gutter', true),
    highlightsOverviewRuler: c.get<boolean>('highlights.overviewRuler', true),
    highlightsTagColors: c.get<Record<string, string>>('highlights.tagColors', {}),
    diagnosticsSeverity: c.get<DiagnosticSeverityName>('diagnostics.severity', 'warning'),
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    completionsEnabled: c.get<boolean>('completions.enabled', true),
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true),
  };
}

/** Calls `listener` whenever a Paydown setting changes; settings apply without a reload. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('paydown')) listener();
  });
}
