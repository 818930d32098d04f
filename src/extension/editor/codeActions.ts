import * as vscode from 'vscode';
import { configuredTrackers, newItemId, trackerName } from '../../engine';
import type { WorkspaceSession } from '../../engine';
import { resolveLanguage, resolveSprints, sprintPhase, todayOf } from '../../engine';
import type { Sessions } from '../sessions';
import { annotationAt } from './annotationAt';
import { EDITOR_COMMANDS } from './commandIds';
import { takenIds, type TagAsDebtArgs } from './commands';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { cellItemAt, NOTEBOOK_CELL, sessionOfDocument } from './notebooks';
import { quickFixes, type FixContext } from './quickFixes';

/** The kind of the item actions (assign, resolve, won't fix, record): neither a fix nor a refactor. */
const ITEM_KIND = vscode.CodeActionKind.Empty.append('paydown');
/** "Tag as debt" rewrites the code around the selection. */
const TAG_KIND = vscode.CodeActionKind.RefactorRewrite.append('paydown');

/**
 * Quick fixes for Paydown's diagnostics, "Tag as debt" on a selection or an untagged comment,
 * and the item actions on an annotation.
 */
export class DebtCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, TAG_KIND, ITEM_KIND],
  };

  constructor(private readonly sessions: Sessions) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const session = sessionOfDocument(this.sessions, document);
    if (!session) return [];
    const inCell = document.uri.scheme === NOTEBOOK_CELL;
    // A notebook's problems are fixed, and its code tagged, in its cells, not in the JSON of its file opened as text.
    const textIsCode = inCell || !isNotebookFile(document);
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    if (wants(vscode.CodeActionKind.QuickFix) && textIsCode) actions.push(...this.fixes(document, session, context.diagnostics));

    const item = inCell ? cellItemAt(this.sessions, document, range.start.line)?.item : annotationAt(session.itemsInFile(document.uri.fsPath), range.start.line);
    if (item && wants(ITEM_KIND)) {
      const ledger = item.ledger;
      if (!ledger) {
        actions.push(command('Record in ledger', EDITOR_COMMANDS.recordInLedger, []));
      } else if (ledger.status !== 'resolved' && ledger.status !== 'wont-fix') {
        const args = [{ id: ledger.id }];
        actions.push(
          command(ledger.sprint ? `Move to another sprint… (now ${ledger.sprint})` : 'Assign to sprint…', EDITOR_COMMANDS.assignItemToSprint, args),
          command('Resolve', EDITOR_COMMANDS.resolveItem, args),
          command("Won't fix", EDITOR_COMMANDS.markWontFix, args),
        );
        // The configured tracker's ticket; any ticket when the config names none (or several).
        const kinds = configuredTrackers(session.settings.trackers);
        const ticket = ledger.trackers.find((t) => kinds.length !== 1 || t.tracker === kinds[0]);
        if (ticket?.url) actions.push(command(`Open ticket ${ticket.key}${ticket.state ? ` (${ticket.state})` : ''}`, EDITOR_COMMANDS.openTicket, [{ url: ticket.url }]));
        if (ticket?.state === 'closed') actions.push(command(`Ticket closed: remove this annotation and resolve ${ledger.id}…`, EDITOR_COMMANDS.removeClosedAnnotation, args));
        else if (!ticket && kinds.length === 1) actions.push(command(`Create ticket in ${trackerName(kinds[0]!)}`, EDITOR_COMMANDS.createTicket, args));
      } else {
        actions.push(command('Reopen', EDITOR_COMMANDS.reopenItem, [{ id: ledger.id }]));
      }
    }
    // Asked for (Ctrl+.): on any line. The automatic lightbulb: only on a selection or a comment, so it does not follow the cursor through the code.
    const invoked = context.triggerKind === vscode.CodeActionTriggerKind.Invoke;
    if (!item && wants(TAG_KIND) && textIsCode && (invoked || this.canTag(document, range))) {
      const args: TagAsDebtArgs = { uri: document.uri.toString(), startLine: range.start.line, endLine: range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line };
      const action = new vscode.CodeAction('Tag as debt', TAG_KIND);
      action.command = { command: EDITOR_COMMANDS.tagAsDebt, title: 'Tag as debt', arguments: [args] };
      actions.push(action);
    }
    return actions;
  }

  /** A selection anywhere, or a cursor on a comment line (a line that starts with a comment, cheaply judged). */
  private canTag(document: vscode.TextDocument, range: vscode.Range): boolean {
    if (!range.isEmpty) return true;
    const text = document.lineAt(range.start.line).text.trimStart();
    return /^(\/\/|\/\*|\*|#|--|;|%|<!--|\{-|\(\*|REM\b|rem\b)/.test(text);
  }

  private fixes(document: vscode.TextDocument, session: WorkspaceSession, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    if (ours.length === 0) return [];
    const context = fixContext(session);
    const out: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const r = diagnostic.range;
      const problem = { code: diagnostic.code as string, range: { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } } };
      for (const fix of quickFixes(problem, document.lineAt(r.start.line).text, context)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred ?? false;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(document.uri, new vscode.Range(e.line, e.start, e.line, e.end), e.text);
        out.push(action);
      }
    }
    return out;
  }
}

/** A Jupyter notebook's file opened as text: JSON, whose lines are not the cells'. */
function isNotebookFile(document: vscode.TextDocument): boolean {
  return resolveLanguage({ file: document.uri.fsPath, languageId: document.languageId })?.cells === 'jupyter';
}

function command(title: string, id: string, args: unknown[]): vscode.CodeAction {
  const action = new vscode.CodeAction(title, ITEM_KIND);
  action.command = { command: id, title, arguments: args };
  return action;
}

/** Sprints (current and upcoming first), outcomes and an id source for the fixes. */
function fixContext(session: WorkspaceSession): FixContext {
  const today = todayOf(new Date());
  let sprints: string[];
  try {
    const all = resolveSprints(session.settings, today);
    const active = all.filter((s) => sprintPhase(s, today) === 'active');
    const planned = all.filter((s) => sprintPhase(s, today) === 'planned').sort((a, b) => a.start.localeCompare(b.start));
    sprints = [...active, ...planned].map((s) => s.name);
  } catch {
    sprints = [];
  }
  return {
    sprints,
    outcomes: session.settings.outcomes.map((o) => o.name),
    newId: () => newItemId(takenIds(session)),
  };
}
