/**
 * Opening a file at an item's place. A Jupyter notebook opens in the notebook editor, at the cell
 * that holds the place and the line in it; every other file (and a notebook whose place is in
 * no cell, or that the notebook editor cannot open) in a text editor at the line and column.
 */
import * as vscode from 'vscode';
import { cellPosition } from '../../engine';
import { editorNotebookText, openNotebook } from './notebooks';

export interface OpenAtOptions {
  preview?: boolean;
  viewColumn?: vscode.ViewColumn;
}

/** Opens `uri` at the 1-based `line` and `column` of the file. */
export async function openAt(uri: vscode.Uri, line: number, column: number, options: OpenAtOptions = {}): Promise<void> {
  if (/\.ipynb$/i.test(uri.path) && (await openInNotebook(uri, line, column, options))) return;
  const at = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.commands.executeCommand('vscode.open', uri, { selection: new vscode.Range(at, at), ...options } satisfies vscode.TextDocumentShowOptions);
}

/** False when the place is in no cell or there is no notebook editor for the file: the caller opens it as text. */
async function openInNotebook(uri: vscode.Uri, line: number, column: number, options: OpenAtOptions): Promise<boolean> {
  let place;
  try {
    // An item of a notebook with unsaved cells has its place in what the editor holds, not in the file.
    const open = openNotebook(uri);
    const text = open?.isDirty ? editorNotebookText(open) : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    place = cellPosition(text, 'jupyter', { line, column });
  } catch {
    return false;
  }
  if (!place) return false;
  let notebook: vscode.NotebookDocument;
  let editor: vscode.NotebookEditor;
  const range = new vscode.NotebookRange(place.cell, place.cell + 1);
  try {
    notebook = await vscode.workspace.openNotebookDocument(uri);
    // A notebook with unsaved cells added above may number them differently from the file: then its start.
    if (place.cell >= notebook.cellCount) return false;
    editor = await vscode.window.showNotebookDocument(notebook, { selections: [range], ...options });
  } catch {
    return false;
  }
  editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  const at = new vscode.Position(place.line - 1, place.column - 1);
  // The cell's own editor, with the cursor on the annotation (the notebook stays open if this fails).
  await vscode.window.showTextDocument(notebook.cellAt(place.cell).document, { selection: new vscode.Range(at, at), viewColumn: editor.viewColumn, preview: options.preview }).then(undefined, () => undefined);
  return true;
}
