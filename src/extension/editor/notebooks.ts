/**
 * Jupyter notebooks open in the notebook editor: their file is not a text document, so what the
 * editor holds is read from its cells (the engine's `notebookText`), saved or not.
 */
import * as vscode from 'vscode';
import { notebookText } from '../../engine';

/** The URI scheme of a notebook cell's document. */
export const NOTEBOOK_CELL = 'vscode-notebook-cell';

/** The open notebook whose cells include `document`, if any. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL) return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/** The open Jupyter notebook of the file `uri`, if any. */
export function openNotebook(uri: vscode.Uri): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.notebookType === 'jupyter-notebook' && notebook.uri.toString() === uri.toString());
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
