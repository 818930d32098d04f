/**
 * "Paydown: Import Todo Tree Settings" (`paydown.importTodoTreeSettings`): reads Todo Tree's
 * settings from the user's and the workspace's settings, shows what becomes what (and what cannot)
 * in a modal, and after confirmation writes `.paydown/config.jsonc` (tags, case, globs: the team's)
 * and Paydown's settings (colours, gutter: in the scope Todo Tree's were in). The mapping is the
 * engine's (`planTodoTreeImport`); this file reads, asks and writes.
 */
import * as vscode from 'vscode';
import { applyConfigPatch, CONFIG_FILE, planTodoTreeImport, todoTreeImportLines, todoTreeImportSummary, TODO_TREE_KEYS, TODO_TREE_LEGACY_KEYS, writeFileAtomic, type PaydownSettingsPatch, type TodoTreeImport, type TodoTreeScope, type TodoTreeSettings } from '../../engine';
import { showError } from '../errors';
import type { Sessions } from '../sessions';

/** What the command returns (for tests): the plan, and whether it was written. */
export interface ImportOutcome {
  plan: TodoTreeImport;
  written: boolean;
}

const IMPORT = 'Import';

export function registerImportTodoTreeSettings(sessions: Sessions, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('paydown.importTodoTreeSettings', async (): Promise<ImportOutcome | undefined> => {
    try {
      return await importTodoTreeSettings(sessions, log);
    } catch (err) {
      showError(log, 'Importing Todo Tree settings', err);
      return undefined;
    }
  });
}

async function importTodoTreeSettings(sessions: Sessions, log: vscode.LogOutputChannel): Promise<ImportOutcome | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  const settings = readTodoTreeSettings(folder);
  const plan = planTodoTreeImport(settings);
  if (plan.entries.length === 0) {
    void vscode.window.showInformationMessage('Paydown: no Todo Tree settings found in your user or workspace settings: nothing to import.');
    return { plan, written: false };
  }
  log.info(`Todo Tree settings of ${folder.name}:\n${todoTreeImportLines(plan).join('\n')}`);
  const lines = todoTreeImportSummary(plan);
  const mapped = plan.entries.filter((e) => e.outcome === 'mapped').length;
  if (mapped === 0) {
    await vscode.window.showWarningMessage('Paydown: none of your Todo Tree settings can be carried over.', { modal: true, detail: lines.join('\n') });
    return { plan, written: false };
  }
  const choice = await vscode.window.showInformationMessage(
    `Import ${mapped} Todo Tree setting${mapped === 1 ? '' : 's'} into Paydown${vscode.workspace.workspaceFolders!.length > 1 ? ` (${folder.name})` : ''}?`,
    { modal: true, detail: `${lines.join('\n')}\n\nEvery setting, one by one: Output › Paydown.` },
    IMPORT,
  );
  if (choice !== IMPORT) return { plan, written: false };

  const written: string[] = [];
  if (await writeConfig(folder, plan)) {
    written.push(CONFIG_FILE);
    void sessions.configWritten(folder).catch((err: unknown) => showError(log, `Reading ${CONFIG_FILE}`, err));
  }
  for (const scope of ['workspace', 'user'] as const) {
    if (await writeSettings(folder, scope, plan.settings[scope])) written.push(scope === 'user' ? 'your user settings' : 'the workspace settings');
  }
  log.info(`Imported Todo Tree settings into ${listed(written) || 'nothing (Paydown had them already)'}`);
  const open = written.includes(CONFIG_FILE) ? 'Open Config' : undefined;
  void vscode.window
    .showInformationMessage(written.length ? `Paydown: imported Todo Tree settings into ${listed(written)}.` : 'Paydown already had these settings: nothing changed.', ...(open ? [open] : []))
    .then((picked) => {
      if (picked === open) void vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, CONFIG_FILE));
    });
  return { plan, written: true };
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Paydown: open a folder to import Todo Tree settings into.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose .paydown/config.jsonc takes the Todo Tree settings' });
}

/** Todo Tree's values as set (no defaults): works whether or not Todo Tree is installed. */
function readTodoTreeSettings(folder: vscode.WorkspaceFolder): TodoTreeSettings {
  const config = vscode.workspace.getConfiguration('todo-tree', folder.uri);
  const user: Record<string, unknown> = {};
  const workspace: Record<string, unknown> = {};
  for (const key of [...TODO_TREE_KEYS, ...Object.keys(TODO_TREE_LEGACY_KEYS)]) {
    const found = config.inspect(key);
    if (found?.globalValue !== undefined) user[key] = found.globalValue;
    const shared = found?.workspaceFolderValue ?? found?.workspaceValue;
    if (shared !== undefined) workspace[key] = shared;
  }
  return { user, workspace };
}

/** Applies the plan's config patch to the folder's config (comments kept); false when nothing changed. */
async function writeConfig(folder: vscode.WorkspaceFolder, plan: TodoTreeImport): Promise<boolean> {
  if (Object.keys(plan.config).length === 0) return false;
  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) throw new Error(`${CONFIG_FILE} has unsaved changes: save or revert it, then import again`);
  let before: string | undefined;
  try {
    before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (err) {
    if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) throw err;
  }
  const after = applyConfigPatch(before, plan.config);
  if (after === before) return false;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.paydown'));
  // Whole or not at all: the session reloads the config on every change of the file, and VS Code's
  // own write empties a file before it fills it, so a reload in between would report it invalid.
  if (uri.scheme === 'file') writeFileAtomic(uri.fsPath, after);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(after));
  return true;
}

/** Writes Paydown's settings into the scope Todo Tree's came from; tag colours merge with what is there. */
async function writeSettings(folder: vscode.WorkspaceFolder, scope: TodoTreeScope, patch: PaydownSettingsPatch): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('paydown', folder.uri);
  const target = scope === 'user'
    ? vscode.ConfigurationTarget.Global
    : vscode.workspace.workspaceFile ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  let changed = false;
  for (const [key, value] of Object.entries(patch) as [keyof PaydownSettingsPatch, unknown][]) {
    const found = config.inspect(key);
    const current: unknown = scope === 'user' ? found?.globalValue : target === vscode.ConfigurationTarget.WorkspaceFolder ? found?.workspaceFolderValue : found?.workspaceValue;
    const next = key === 'highlights.tagColors' ? { ...(isRecord(current) ? current : {}), ...(value as Record<string, string>) } : value;
    if (JSON.stringify(next) === JSON.stringify(current)) continue;
    await config.update(key, next, target);
    changed = true;
  }
  return changed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
