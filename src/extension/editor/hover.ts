import * as vscode from 'vscode';
import type { WorkspaceSession } from '../../engine';
import { resolveSprints, todayOf } from '../../engine';
import type { Sessions } from '../sessions';
import { annotationAt } from './annotationAt';
import { HOVER_COMMANDS, hoverMarkdown } from './hoverMarkdown';

/** The ledger facts of the annotation under the mouse, with command links to act on it. */
export class DebtHoverProvider implements vscode.HoverProvider {
  constructor(private readonly sessions: Sessions) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const session = this.sessions.forUri(document.uri);
    if (!session) return undefined;
    const item = annotationAt(session.itemsInFile(document.uri.fsPath), position.line);
    if (!item) return undefined;
    const range = new vscode.Range(item.debt.line - 1, item.debt.column - 1, item.debt.end.line - 1, item.debt.end.column - 1);
    if (!range.contains(position)) return undefined;
    const now = new Date();
    // Read once per HEAD (the session keeps it); a hover without it beats no hover.
    const interest = await session.interest().then((index) => index.of(item.debt.file), () => null);
    // The buffer says best whether there are unsaved edits (a reverted buffer is clean again).
    const markdown = new vscode.MarkdownString(hoverMarkdown({ ...item, unsaved: document.isDirty }, { now, sprintDates: sprintDates(session, item.ledger?.sprint ?? item.debt.sprint, now), interest }), true);
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, range);
  }
}

function sprintDates(session: WorkspaceSession, name: string | null, now: Date): { start: string; end: string } | null {
  if (!name) return null;
  try {
    const sprint = resolveSprints(session.settings, todayOf(now)).find((s) => s.name === name);
    return sprint ? { start: sprint.start, end: sprint.end } : null;
  } catch {
    return null;
  }
}
