import * as vscode from 'vscode';
import type { Sessions, SessionsState } from '../sessions';

/** The status bar entry: the workspace's debt count, a spinner while scanning. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(sessions: Sessions) {
    this.item = vscode.window.createStatusBarItem('paydown.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Paydown';
    this.item.command = 'paydown.rescanWorkspace';
    this.subscription = vscode.Disposable.from(
      sessions.onDidChangeState((state) => this.render(state)),
      // Keystrokes and file changes move the count too, between scans.
      sessions.onDidChange(() => {
        if (sessions.state.kind === 'done') this.render({ kind: 'done', summary: sessions.summary(sessions.state.summary.durationMs) });
      }),
    );
    this.render(sessions.state);
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(state: SessionsState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    // An empty window has nothing to count: no entry rather than "0 debt items".
    if (state.kind === 'done' && state.summary.folders === 0) {
      item.hide();
      return;
    }
    item.show();
    switch (state.kind) {
      case 'idle':
        item.text = '$(checklist) Paydown';
        item.tooltip = 'Paydown: click to scan the workspace for debt';
        break;
      case 'scanning': {
        item.text = '$(sync~spin) Scanning…';
        item.tooltip = 'Paydown is scanning the workspace for debt annotations';
        break;
      }
      case 'done': {
        const { count, byTag, files, durationMs } = state.summary;
        item.text = `$(checklist) ${count} debt ${count === 1 ? 'item' : 'items'}`;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**Paydown** — ${count} debt ${count === 1 ? 'item' : 'items'}\n\n`);
        const tags = Object.entries(byTag).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
        if (tags.length > 0) {
          tooltip.appendMarkdown('| Tag | Items |\n|:--|--:|\n');
          for (const [tag, n] of tags) tooltip.appendMarkdown(`| \`${tag}\` | ${n} |\n`);
          tooltip.appendMarkdown('\n');
        }
        tooltip.appendMarkdown(`${files} files scanned in ${durationMs} ms. Click to rescan.`);
        item.tooltip = tooltip;
        break;
      }
      case 'failed':
        item.text = '$(warning) Debt scan failed';
        item.tooltip = `Paydown could not scan the workspace: ${state.error.message}\n\nSee Output › Paydown. Click to retry.`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
    }
  }
}
