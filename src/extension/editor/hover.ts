import * as vscode from 'vscode';
import type { SessionItem, WorkspaceSession } from '../../engine';
import { resolveSprints, todayOf } from '../../engine';
import type { Sessions } from '../sessions';
import { annotationAt } from './annotationAt';
import { HOVER_COMMANDS, hoverMarkdown } from './hoverMarkdown';
import { cellItemAt, NOTEBOOK_CELL } from './notebooks';

/** The ledger facts of the annotation under the mouse, with command links to act on it. */
export class DebtHoverProvider implements vscode.HoverProvider {
  constructor(private readonly sessions: Sessions) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = document.uri.scheme === NOTEBOOK_CELL ? this.inCell(document, position) : this.inFile(document, position);
    if (!found || !found.range.contains(position)) return undefined;
    const { session, item, range } = found;
    const now = new Date();
    // Read once per HEAD (the session keeps it); a hover without it beats no hover.
    const interest = await session.interest().then((index) => index.of(item.debt.file), () => null);
    // The session says whether this comment is not on disk as it reads; the buffer whether it
    // still has unsaved edits at all (a reverted buffer is clean before the session hears of it).
    const markdown = new vscode.MarkdownString(hoverMarkdown({ ...item, unsaved: item.unsaved && document.isDirty }, { now, sprintDates: sprintDates(session, item.ledger?.sprint ?? item.debt.sprint, now), interest }), true);
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, range);
  }

  /** The annotation under `position` in a file: its session's item, at its range. */
  private inFile(document: vscode.TextDocument, position: vscode.Position): Found | undefined {
    const session = this.sessions.forUri(document.uri);
    const item = session ? annotationAt(session.itemsInFile(document.uri.fsPath), position.line) : undefined;
    if (!session || !item) return undefined;
    return { session, item, range: new vscode.Range(item.debt.line - 1, item.debt.column - 1, item.debt.end.line - 1, item.debt.end.column - 1) };
  }

  /** The annotation under `position` in a notebook cell: read from the cell, matched to the notebook's item by its place in the cell. */
  private inCell(document: vscode.TextDocument, position: vscode.Position): Found | undefined {
    const found = cellItemAt(this.sessions, document, position.line);
    if (!found) return undefined;
    const { debt } = found;
    return { ...found, range: new vscode.Range(debt.line - 1, debt.column - 1, debt.end.line - 1, debt.end.column - 1) };
  }
}

interface Found {
  session: WorkspaceSession;
  item: SessionItem;
  range: vscode.Range;
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
