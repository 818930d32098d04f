import * as path from 'node:path';
import * as vscode from 'vscode';
import { toWorkspacePath, type Problem, type ProblemCode, type SourceRange, type WorkspaceSession } from '../../engine';
import { Disposable } from '../lifecycle';
import type { DiagnosticSeverityName } from '../settings';
import type { Sessions } from '../sessions';
import { openNotebook } from './notebooks';

/** The diagnostics' `source`, which code actions key on. */
export const DIAGNOSTIC_SOURCE = 'Paydown';

/**
 * Problems about an annotation's metadata, and a file Paydown read only in part (`internal-error`,
 * a bug: the user must see that annotations below it are missing); other file-level ones (too
 * large, unreadable) are the scan's business, not Problems'.
 */
const ANNOTATION_CODES: ReadonlySet<ProblemCode> = new Set([
  'effort-invalid',
  'impact-invalid',
  'due-invalid',
  'sprint-empty',
  'outcome-empty',
  'owner-empty',
  'paren-unclosed',
  'id-invalid',
  'duplicate-key',
  'internal-error',
]);

const SEVERITIES: Record<Exclude<DiagnosticSeverityName, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Malformed annotation metadata in the Problems view, for every file with problems (open or
 * not), kept current from the sessions. A notebook's problems are on its cells while its notebook
 * document is open (where squiggles and quick fixes can be; Problems opens the notebook at the cell
 * even after its editor closed, while VS Code keeps the document), on its file otherwise. Exists only
 * while `paydown.diagnostics.severity` is not `off`: disposing it clears the collection.
 */
export class Diagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('Paydown'));
  /** Per session root, the files that have diagnostics now and the documents they are on (so a refresh can clear the rest). */
  private readonly shown = new Map<string, Map<string, vscode.Uri[]>>();

  constructor(
    private readonly sessions: Sessions,
    private readonly severity: vscode.DiagnosticSeverity,
  ) {
    super();
    this.register(sessions.onDidChange(({ session, change }) => this.update(session, change.files)));
    // Opened, a notebook's problems move onto its cells; closed, back onto its file.
    this.register(vscode.workspace.onDidOpenNotebookDocument((notebook) => this.notebookToggled(notebook)));
    this.register(vscode.workspace.onDidCloseNotebookDocument((notebook) => this.notebookToggled(notebook)));
    for (const { session } of sessions.all()) this.update(session, 'all');
  }

  static severityOf(name: DiagnosticSeverityName): vscode.DiagnosticSeverity | null {
    return name === 'off' ? null : (SEVERITIES[name] ?? vscode.DiagnosticSeverity.Warning);
  }

  private notebookToggled(notebook: vscode.NotebookDocument): void {
    const session = notebook.uri.scheme === 'file' ? this.sessions.forUri(notebook.uri) : undefined;
    if (session) this.update(session, [toWorkspacePath(session.root, notebook.uri.fsPath)]);
  }

  private update(session: WorkspaceSession, files: readonly string[] | 'all'): void {
    let shown = this.shown.get(session.root);
    if (!shown) this.shown.set(session.root, (shown = new Map()));
    const byFile = new Map<string, Problem[]>();
    const problems = files === 'all' ? session.problems() : files.flatMap((f) => session.problems(f));
    for (const problem of problems) {
      if (!ANNOTATION_CODES.has(problem.code)) continue;
      let list = byFile.get(problem.file);
      if (!list) byFile.set(problem.file, (list = []));
      list.push(problem);
    }
    for (const file of files === 'all' ? [...shown.keys()] : files) {
      if (!byFile.has(file)) this.show(shown, file, new Map());
    }
    for (const [file, list] of byFile) this.show(shown, file, this.placed(session, file, list));
  }

  /** Sets `file`'s diagnostics to `byDocument`, clearing the documents it had them on before and no longer has. */
  private show(shown: Map<string, vscode.Uri[]>, file: string, byDocument: Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>): void {
    for (const uri of shown.get(file) ?? []) if (!byDocument.has(uri.toString())) this.collection.delete(uri);
    for (const { uri, diagnostics } of byDocument.values()) this.collection.set(uri, diagnostics);
    if (byDocument.size === 0) shown.delete(file);
    else shown.set(file, [...byDocument.values()].map((d) => d.uri));
  }

  /** A file's problems as diagnostics, by the document each is on: the file, or a cell of its open notebook. */
  private placed(session: WorkspaceSession, file: string, problems: readonly Problem[]): Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> {
    const fileUri = vscode.Uri.file(path.join(session.root, ...file.split('/')));
    const notebook = problems.some((p) => p.cell) ? openNotebook(fileUri) : undefined;
    const out = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const problem of problems) {
      const cell = problem.cell && notebook && problem.cell.index < notebook.cellCount ? notebook.cellAt(problem.cell.index) : undefined;
      const uri = cell ? cell.document.uri : fileUri;
      let entry = out.get(uri.toString());
      if (!entry) out.set(uri.toString(), (entry = { uri, diagnostics: [] }));
      entry.diagnostics.push(this.toDiagnostic(problem, cell ? problem.cell!.range : problem.range));
    }
    return out;
  }

  private toDiagnostic(problem: Problem, { start, end }: SourceRange): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1), problem.message, this.severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = problem.code;
    return diagnostic;
  }
}
