/**
 * The budget panel's exports, each by the engine's own renderer on the session's picture (what
 * the CLI's `report` and `export --sprint` write): the sprint review as Markdown (clipboard or an
 * untitled document with its preview), the sprint's items as CSV or JSON, the page as one HTML
 * file. Each ends with a short status message; failures go to the caller's `showError`.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportJsonText, loadWebviewAssets, renderBudgetPageHtml, reviewToMarkdown, sessionWorkspace, type WorkspaceSession } from '../../engine';
import type { ExportKind } from '../../protocol/messages';

export interface ExportContext {
  folder: vscode.WorkspaceFolder;
  session: WorkspaceSession;
  /** The sprint shown (null: the current one). */
  sprint: string | null;
  today: string;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

export async function runExport(kind: ExportKind, ctx: ExportContext): Promise<void> {
  switch (kind) {
    case 'copy-markdown': {
      const { text, name } = await reviewMarkdown(ctx);
      await vscode.env.clipboard.writeText(text);
      done(`the ${name} review copied as Markdown`);
      return;
    }
    case 'open-review': {
      const { text } = await reviewMarkdown(ctx);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
      return;
    }
    case 'save-csv':
    case 'save-json': {
      const format = kind === 'save-csv' ? 'csv' : 'json';
      const exported = await sessionWorkspace(ctx.session).export({ format, sprint: ctx.sprint ?? 'current', today: ctx.today });
      const text = exported.text ?? exportJsonText(exported.items, exported.listed, { generatedAt: exported.generatedAt, status: exported.status, sprint: exported.sprint, outcomes: ctx.session.settings.outcomes, interest: exported.interest });
      const uri = await askWhere(ctx, `${ctx.folder.name}-${exported.sprint ?? 'debt'}.${format}`, format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] });
      if (!uri) return;
      await writeFile(uri.fsPath, text);
      done(`${exported.count} ${exported.count === 1 ? 'item' : 'items'} of ${exported.sprint ?? 'the ledger'} saved to ${path.basename(uri.fsPath)}`);
      return;
    }
    case 'save-html': {
      const uri = await askWhere(ctx, `${ctx.folder.name}-debt-budget.html`, { HTML: ['html'] });
      if (!uri) return;
      await writeFile(uri.fsPath, await pageHtml(ctx));
      done(`the page saved to ${path.basename(uri.fsPath)}`);
      return;
    }
  }
}

/** The review of the shown sprint as `paydown report --sprint S` writes it. */
async function reviewMarkdown(ctx: ExportContext): Promise<{ text: string; name: string }> {
  const { review } = await sessionWorkspace(ctx.session).review(ctx.sprint ?? 'current', { today: ctx.today });
  return { text: reviewToMarkdown(review, { workspace: ctx.folder.name }), name: review.sprint.name };
}

function done(what: string): void {
  vscode.window.setStatusBarMessage(`$(check) Paydown: ${what}`, 5000);
}

async function askWhere(ctx: ExportContext, name: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  return vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(ctx.folder.uri, name), filters, saveLabel: 'Save' });
}

/** The page as one self-contained HTML file, as `paydown report --format html` writes it (the shown sprint first). */
async function pageHtml(ctx: ExportContext): Promise<string> {
  const assets = loadWebviewAssets(path.join(ctx.extensionUri.fsPath, 'dist'));
  return renderBudgetPageHtml(ctx.session.budgetReportPages({ today: ctx.today, sprint: ctx.sprint }), assets);
}
