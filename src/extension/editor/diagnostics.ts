import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Problem, ProblemCode } from '../../engine';
import type { WorkspaceSession } from '../../engine';
import { Disposable } from '../lifecycle';
import type { DiagnosticSeverityName } from '../settings';
import type { Sessions } from '../sessions';

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
 * not), kept current from the sessions. Exists only while `paydown.diagnostics.severity` is not
 * `off`: disposing it clears the collection.
 */
export class Diagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('Paydown'));
  /** Per session root, the files that have diagnostics now (so a full refresh can clear the rest). */
  private readonly shown = new Map<string, Set<string>>();

  constructor(
    sessions: Sessions,
    private readonly severity: vscode.DiagnosticSeverity,
  ) {
    super();
    this.register(sessions.onDidChange(({ session, change }) => this.update(session, change.files)));
    for (const { session } of sessions.all()) this.update(session, 'all');
  }

  static severityOf(name: DiagnosticSeverityName): vscode.DiagnosticSeverity | null {
    return name === 'off' ? null : (SEVERITIES[name] ?? vscode.DiagnosticSeverity.Warning);
  }

  private update(session: WorkspaceSession, files: readonly string[] | 'all'): void {
    let shown = this.shown.get(session.root);
    if (!shown) this.shown.set(session.root, (shown = new Set()));
    const byFile = new Map<string, Problem[]>();
    const problems = files === 'all' ? session.problems() : files.flatMap((f) => session.problems(f));
    for (const problem of problems) {
      if (!ANNOTATION_CODES.has(problem.code)) continue;
      let list = byFile.get(problem.file);
      if (!list) byFile.set(problem.file, (list = []));
      list.push(problem);
    }
    const stale = files === 'all' ? [...shown] : files.filter((f) => shown.has(f));
    for (const file of stale) {
      if (byFile.has(file)) continue;
      this.collection.delete(this.uriOf(session, file));
      shown.delete(file);
    }
    for (const [file, list] of byFile) {
      this.collection.set(this.uriOf(session, file), list.map((p) => this.toDiagnostic(p)));
      shown.add(file);
    }
  }

  private toDiagnostic(problem: Problem): vscode.Diagnostic {
    const range = new vscode.Range(problem.range.start.line - 1, problem.range.start.column - 1, problem.range.end.line - 1, problem.range.end.column - 1);
    const diagnostic = new vscode.Diagnostic(range, problem.message, this.severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = problem.code;
    return diagnostic;
  }

  private uriOf(session: WorkspaceSession, file: string): vscode.Uri {
    return vscode.Uri.file(path.join(session.root, ...file.split('/')));
  }
}
