/**
 * Opening a file at an item's place. A Jupyter notebook opens in the notebook editor, at the cell
 * that holds the place and the line in it; every other file (and a notebook whose place is in
 * no cell, or that the notebook editor cannot open) in a text editor at the line and column.
 */
import * as vscode from 'vscode';
import { cellPosition, type CellPosition } from '../../engine';
import { editorNotebookText, openNotebook } from './notebooks';

export interface OpenAtOptions {
  preview?: boolean;
  viewColumn?: vscode.ViewColumn;
  /** A notebook item's cell and place in it, when the scan gave them (else they are looked for in the file). */
  cell?: CellPosition;
}

/** Opens `uri` at the 1-based `line` and `column` of the file. */
export async function openAt(uri: vscode.Uri, line: number, column: number, options: OpenAtOptions = {}): Promise<void> {
  const { cell, ...show } = options;
  if (/\.ipynb$/i.test(uri.path) && (await openInNotebook(uri, cell ?? (await placeInNotebook(uri, line, column)), show))) return;
  const at = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.commands.executeCommand('vscode.open', uri, { selection: new vscode.Range(at, at), ...show } satisfies vscode.TextDocumentShowOptions);
}

/** The cell holding a line and column of a notebook: in what its editor holds while it has unsaved cells, else in its file. */
async function placeInNotebook(uri: vscode.Uri, line: number, column: number): Promise<CellPosition | undefined> {
  try {
    const open = openNotebook(uri);
    const text = open?.isDirty ? editorNotebookText(open) : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return cellPosition(text, 'jupyter', { line, column });
  } catch {
    return undefined;
  }
}

/** False when there is no place or no notebook editor for the file: the caller opens it as text. */
async function openInNotebook(uri: vscode.Uri, place: CellPosition | undefined, options: Omit<OpenAtOptions, 'cell'>): Promise<boolean> {
  if (!place) return false;
  let notebook: vscode.NotebookDocument;
  let editor: vscode.NotebookEditor;
  const range = new vscode.NotebookRange(place.index, place.index + 1);
  try {
    notebook = await vscode.workspace.openNotebookDocument(uri);
    // A notebook with unsaved cells added above may number them differently from the file: then its start.
    if (place.index >= notebook.cellCount) return false;
    editor = await vscode.window.showNotebookDocument(notebook, { selections: [range], ...options });
  } catch {
    return false;
  }
  editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  const at = new vscode.Position(place.line - 1, place.column - 1);
  // The cell's own editor, with the cursor on the annotation (the notebook stays open if this fails).
  await vscode.window.showTextDocument(notebook.cellAt(place.index).document, { selection: new vscode.Range(at, at), viewColumn: editor.viewColumn, preview: options.preview }).then(undefined, () => undefined);
  return true;
}
