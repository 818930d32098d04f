import * as vscode from 'vscode';
import { plural } from '../../engine';
import { resolveSprints } from '../../engine';
import type { SprintBudget } from '../../engine';
import type { ScanSummary } from '../api';
import type { Sessions, SessionsState } from '../sessions';
import { Disposable } from '../lifecycle';
import { onDidChangeSettings, readSettings } from '../settings';
import { budgetStatus } from './labels';
import { currentBudget, currentDay } from './sprintInfo';

/** A click on the entry opens the debt budget panel. */
const OPEN_BUDGET: vscode.Command = { command: 'paydown.openBudget', title: 'Open the debt budget' };

/** Keystrokes move the count: fold a burst of them into one render. */
const RENDER_DEBOUNCE_MS = 40;

/**
 * The status bar entry while `paydown.statusBar.enabled` is on; while it is off there is no
 * entry and nothing listens to the sessions or the editor for it.
 */
export class StatusBar extends Disposable {
  private entry: StatusEntry | undefined;

  constructor(private readonly sessions: Sessions) {
    super();
    this.register({ dispose: () => this.entry?.dispose() });
    this.apply();
    this.register(onDidChangeSettings(() => this.apply()));
  }

  /** True while the entry exists (and listens). */
  get enabled(): boolean {
    return this.entry !== undefined;
  }

  private apply(): void {
    const enabled = readSettings().statusBarEnabled;
    if (enabled && !this.entry) this.entry = new StatusEntry(this.sessions);
    else if (!enabled && this.entry) {
      this.entry.dispose();
      this.entry = undefined;
    }
  }
}

/**
 * The entry itself: the current sprint's debt budget (`$(shield) Debt 13/20 pts`, warning
 * background when under- or over-allocated), or the workspace's debt count when no sprint is
 * configured; a spinner while scanning. Click opens the debt budget panel.
 */
class StatusEntry extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('paydown.status', vscode.StatusBarAlignment.Left, 50));
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly sessions: Sessions) {
    super();
    this.item.name = 'Paydown';
    this.item.command = OPEN_BUDGET;
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.register(sessions.onDidChangeState((state) => this.render(state)));
    // Keystrokes, file and ledger changes move the count and the budget too, between scans.
    this.register(sessions.onDidChange(() => this.schedule()));
    // In a multi-root workspace the budget shown is that of the active editor's folder.
    this.register(
      vscode.window.onDidChangeActiveTextEditor(() => {
        if (this.sessions.all().length > 1) this.schedule();
      }),
    );
    this.render(sessions.state);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const state = this.sessions.state;
      if (state.kind === 'done') this.render({ kind: 'done', summary: this.sessions.summary(state.summary.durationMs) });
    }, RENDER_DEBOUNCE_MS);
  }

  /** The current sprint's budget of each folder that has one; `configured` when any folder has sprints. */
  private budgets(): { configured: boolean; budgets: { folder: string; budget: SprintBudget }[] } {
    const today = currentDay();
    let configured = false;
    const budgets: { folder: string; budget: SprintBudget }[] = [];
    for (const { folder, session } of this.sessions.all()) {
      // Neither call throws: the config was validated when read, and between sprints there is no budget.
      if (resolveSprints(session.settings, today).length === 0) continue;
      configured = true;
      const budget = currentBudget(session.settings, session.ledgerSnapshot.items, today);
      if (budget) budgets.push({ folder: folder.name, budget });
    }
    // The active editor's folder first (the others stay in the tooltip, in workspace order).
    const active = vscode.window.activeTextEditor?.document.uri;
    const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active)?.name : undefined;
    budgets.sort((a, b) => Number(b.folder === activeFolder) - Number(a.folder === activeFolder));
    return { configured, budgets };
  }

  private render(state: SessionsState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    item.command = OPEN_BUDGET;
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
        item.command = 'paydown.rescanWorkspace';
        break;
      case 'scanning':
        item.text = '$(sync~spin) Scanning…';
        item.tooltip = 'Paydown is scanning the workspace for debt annotations';
        break;
      case 'failed':
        item.text = '$(warning) Debt scan failed';
        item.tooltip = `Paydown could not scan the workspace: ${state.error.message}\n\nSee Output › Paydown. Click to retry.`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        item.command = 'paydown.rescanWorkspace';
        break;
      case 'done': {
        const { configured, budgets } = this.budgets();
        const [first, ...others] = budgets;
        if (first) {
          const status = budgetStatus(first.budget, others, this.sessions.all().length > 1 ? first.folder : undefined);
          item.text = status.text;
          item.backgroundColor = status.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
          item.tooltip = new vscode.MarkdownString(status.tooltip, true);
        } else this.renderCount(state.summary, configured);
        break;
      }
    }
  }

  /** No current sprint: the debt count per tag, and how to get a budget here. */
  private renderCount(summary: ScanSummary, configured: boolean): void {
    const { count, byTag, files, durationMs } = summary;
    this.item.text = `$(checklist) ${plural(count, 'debt item')}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Paydown** — ${plural(count, 'debt item')}\n\n`);
    const tags = Object.entries(byTag).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    if (tags.length > 0) {
      tooltip.appendMarkdown('| Tag | Items |\n|:--|--:|\n');
      for (const [tag, n] of tags) tooltip.appendMarkdown(`| \`${tag}\` | ${n} |\n`);
      tooltip.appendMarkdown('\n');
    }
    tooltip.appendMarkdown(`${files} files scanned in ${durationMs} ms.\n\n`);
    tooltip.appendMarkdown(
      configured
        ? 'No sprint contains today: the debt budget shows here while one does.\n\n'
        : "Add `sprints` or a `cadence` to `.paydown/config.jsonc` to see the current sprint's debt budget here.\n\n",
    );
    tooltip.appendMarkdown('Click to open the debt budget.');
    this.item.tooltip = tooltip;
  }
}
