/**
 * Jupyter notebooks open in the notebook editor: their file is not a text document, so what the
 * editor holds is read from its cells (the engine's `notebookText`), saved or not.
 */
import * as vscode from 'vscode';
import { isMystNotebook, notebookText, prepareAnnotationOptions, scanDocument, toWorkspacePath, type DebtItem, type SessionItem, type WorkspaceSession } from '../../engine';
import type { Sessions } from '../sessions';
import { annotationAt } from './annotationAt';

/** The URI scheme of a notebook cell's document. */
export const NOTEBOOK_CELL = 'vscode-notebook-cell';

/** The open notebook whose cells include `document`, if any. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL) return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/** The open Jupyter notebook of the file `uri`, if any. */
export function openNotebook(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.notebookType === 'jupyter-notebook' && !notebook.isClosed && notebook.uri.toString() === uri.toString());
}

/** What a notebook's editor holds, as `.ipynb` text: the file's lines only once saved. */
export function editorNotebookText(notebook: vscode.NotebookDocument): string {
  return notebookText(
    notebook.getCells().map((cell) => ({
      kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : cell.document.languageId === 'raw' ? 'raw' : 'code',
      languageId: cell.document.languageId,
      text: cell.document.getText(),
    })),
  );
}

/** A notebook cell's annotations, read from its text in its language (positions in the cell), with what holds them. */
export interface CellAnnotations {
  session: WorkspaceSession;
  notebook: vscode.NotebookDocument;
  /** The cell's number in the notebook, from 0. */
  index: number;
  items: DebtItem[];
}

/** The session that holds `document`'s items: its folder's, or for a notebook cell, its notebook file's. */
export function sessionOfDocument(sessions: Sessions, document: vscode.TextDocument): WorkspaceSession | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL) return sessions.forUri(document.uri);
  const notebook = notebookOf(document);
  return notebook?.uri.scheme === 'file' ? sessions.forUri(notebook.uri) : undefined;
}

/** The annotations of a notebook cell's document as the editor shows it; undefined for another document or a notebook outside the workspace. */
export function cellAnnotations(sessions: Sessions, document: vscode.TextDocument): CellAnnotations | undefined {
  const notebook = notebookOf(document);
  const session = notebook?.uri.scheme === 'file' ? sessions.forUri(notebook.uri) : undefined;
  if (!notebook || !session) return undefined;
  const file = toWorkspacePath(session.root, notebook.uri.fsPath);
  const items = scanDocument(document.getText(), { file, languageId: cellLanguageId(notebook, document), inCell: true }, prepareAnnotationOptions(session.settings.annotations)).items;
  return { session, notebook, index: notebook.getCells().findIndex((cell) => cell.document === document), items };
}

/** The language a cell's document is read in: in a notebook written in MyST (as the engine reads the file), a Markdown cell is MyST's. */
function cellLanguageId(notebook: vscode.NotebookDocument, document: vscode.TextDocument): string {
  if (document.languageId !== 'markdown') return document.languageId;
  const markdown = notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Markup).map((cell) => cell.document.getText());
  return isMystNotebook(markdown) ? 'myst' : 'markdown';
}

/** A notebook's item found in one of its cells. */
export interface CellItem {
  session: WorkspaceSession;
  /** The notebook's item (places in the `.ipynb` file). */
  item: SessionItem;
  /** The same annotation as read from the cell (places in the cell). */
  debt: DebtItem;
}

/** The item whose annotation spans a cell's 0-based `line`, matched to the notebook's item by cell and place. */
export function cellItemAt(sessions: Sessions, document: vscode.TextDocument, line: number): CellItem | undefined {
  const cell = cellAnnotations(sessions, document);
  const debt = cell ? annotationAt(cell.items.map((d) => ({ debt: d })), line)?.debt : undefined;
  if (!cell || !debt) return undefined;
  const item = cell.session.itemsInFile(cell.notebook.uri.fsPath).find((i) => i.debt.cell?.index === cell.index && i.debt.cell.line === debt.line && i.debt.cell.column === debt.column);
  return item && { session: cell.session, item, debt };
}
