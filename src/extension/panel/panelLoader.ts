/**
 * The budget panel's door in the second stage: it registers "Paydown: Open Debt Budget" and takes
 * restored panels, and loads the third stage (`dist/extensionUseCases.js`, from
 * useCases.ts, through useCasesLoader.ts) on first use.
 * The panel's code and the engine's use cases it runs (review, export, assign) thus cost nothing
 * at activation or start-up.
 */
import * as vscode from 'vscode';
import { showError } from '../errors';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import { lazyUseCase } from '../useCasesLoader';
import type { BudgetPanels } from './budgetPanel';

export class PanelHost extends Disposable {
  private readonly load: () => Promise<BudgetPanels>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.load = lazyUseCase('Budget panel', log, ({ BudgetPanels }) => this.register(new BudgetPanels(context, sessions, log)));
    this.register(
      vscode.commands.registerCommand('paydown.openBudget', async () => {
        try {
          (await this.load()).open();
        } catch (err) {
          showError(this.log, 'Opening the debt budget', err);
        }
      }),
    );
  }

  /** Takes over a panel VS Code restored after a reload (its serializer is registered at activation). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    try {
      (await this.load()).restore(panel, state);
    } catch (err) {
      panel.dispose();
      showError(this.log, 'Restoring the debt budget', err);
    }
  }
}
