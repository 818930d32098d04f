import * as vscode from 'vscode';
import { DEFAULT_TAGS, toWorkspacePath } from '../../engine';
import { newItemId } from '../../engine';
import type { WorkspaceSession } from '../../engine';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import { guarded } from '../commands/items';
import { EDITOR_COMMANDS } from './commandIds';
import { NOTEBOOK_CELL, sessionOfDocument } from './notebooks';
import { tagAsDebtEdit, type TagRefusal } from './tagAsDebt';

/** Where "Tag as debt" applies (from a code action); the palette uses the active editor's selection. */
export interface TagAsDebtArgs {
  uri: string;
  /** 0-based. */
  startLine: number;
  endLine: number;
}

/** The placeholder a new annotation's title starts with, selected so typing replaces it. */
const TITLE_PLACEHOLDER = 'describe the debt';

/** `paydown.tagAsDebt` and `paydown.reopenItem`: the editor's own commands (the item actions are the tree's). */
export class EditorCommands extends Disposable {
  constructor(sessions: Sessions, log: vscode.LogOutputChannel) {
    super();
    for (const command of [
      vscode.commands.registerCommand(EDITOR_COMMANDS.tagAsDebt, guarded(log, 'Tagging as debt', (args?: TagAsDebtArgs) => tagAsDebt(sessions, args))),
      vscode.commands.registerCommand(
        EDITOR_COMMANDS.reopenItem,
        guarded(log, 'Reopening the item', async (args?: { id?: string }) => {
          const found = typeof args?.id === 'string' ? findLedgerItem(sessions, args.id) : undefined;
          if (!found) return undefined;
          const item = await found.session.edit(found.id, { status: found.sprint ? 'scheduled' : 'open' });
          vscode.window.setStatusBarMessage(`$(history) ${item.id} reopened`, 4000);
          return item;
        }),
      ),
    ]) this.register(command);
  }
}

/** Ids already used in a folder: the ledger's and those written in comments not recorded yet. */
export function takenIds(session: WorkspaceSession | undefined): Set<string> {
  const taken = new Set<string>();
  if (!session) return taken;
  for (const item of session.ledgerSnapshot.items) taken.add(item.id);
  for (const item of session.items()) if (item.debt.id) taken.add(item.debt.id);
  return taken;
}

async function tagAsDebt(sessions: Sessions, args: TagAsDebtArgs | undefined): Promise<string | undefined> {
  const editor = args ? await editorFor(vscode.Uri.parse(args.uri)) : vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Paydown: open a file and put the cursor on the code to tag as debt.');
    return undefined;
  }
  const doc = editor.document;
  const selection = editor.selection;
  let startLine = args?.startLine ?? selection.start.line;
  let endLine = args?.endLine ?? selection.end.line;
  // A selection ending at the start of a line does not include that line.
  if (!args && endLine > startLine && selection.end.character === 0) endLine--;
  startLine = Math.min(startLine, doc.lineCount - 1);
  endLine = Math.min(Math.max(endLine, startLine), doc.lineCount - 1);
  const session = sessionOfDocument(sessions, doc);
  const id = newItemId(takenIds(session));
  const tags = (session?.settings.annotations.tags ?? DEFAULT_TAGS).map((t) => t.name);
  const file = session ? toWorkspacePath(session.root, doc.uri.fsPath) : doc.uri.fsPath;
  const edit = tagAsDebtEdit({ text: doc.getText(), languageId: doc.languageId, file, inCell: doc.uri.scheme === NOTEBOOK_CELL, startLine, endLine, id, tags, annotations: session?.settings.annotations });
  if (edit.kind === 'refused') {
    void vscode.window.showInformationMessage(refusalMessage(edit, doc.languageId));
    return undefined;
  }
  if (edit.kind === 'tagComment') {
    const at = new vscode.Position(edit.line, edit.character);
    const done = await editor.edit((b) => b.insert(at, edit.text));
    if (!done) return undefined;
    const after = at.translate(0, edit.text.length);
    editor.selection = new vscode.Selection(after, after);
  } else {
    const snippet = new vscode.SnippetString().appendText(edit.before).appendPlaceholder(TITLE_PLACEHOLDER).appendText(`${edit.after}\n`);
    const done = await editor.insertSnippet(snippet, new vscode.Position(edit.line, 0), { undoStopBefore: true, undoStopAfter: false });
    if (!done) return undefined;
  }
  return id;
}

function refusalMessage(refusal: TagRefusal, languageId: string): string {
  switch (refusal.why) {
    case 'tagged':
      return 'Paydown: this comment is already tagged.';
    case 'placeholder':
      return `Paydown: this line's placeholder for unfinished code (todo!(), TODO(), ???) is debt already. Give it an owner or an effort in its message: todo!("@alice effort:2h …").`;
    case 'shownAsWritten':
      return 'Paydown: this line is text the page shows as written (a code example), where a comment would be shown too. Tag the line above the block.';
    default:
      return `Paydown cannot write a comment in ${languageId} files.`;
  }
}

async function editorFor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (visible && visible === vscode.window.activeTextEditor) return visible;
  return vscode.window.showTextDocument(uri, { viewColumn: visible?.viewColumn, preserveFocus: false });
}

function findLedgerItem(sessions: Sessions, id: string): { session: WorkspaceSession; id: string; sprint: string | null } | undefined {
  for (const { session } of sessions.all()) {
    const item = session.ledgerItem(id);
    if (item) return { session, id, sprint: item.sprint };
  }
  return undefined;
}


