/**
 * The budget panel's door in the second stage: it registers "Paydown: Open Debt Budget" and takes
 * restored panels, and loads the third stage (`dist/extensionUseCases.js`, from
 * useCases.ts, with a dynamic `import()` that esbuild.mjs leaves to run time) on first use.
 * The panel's code and the engine's use cases it runs (review, export, assign) thus cost nothing
 * at activation or start-up.
 */
import * as vscode from 'vscode';
import { showError } from '../errors';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import type { BudgetPanels } from './budgetPanel';

export class PanelHost extends Disposable {
  private panels: Promise<BudgetPanels> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
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

  private load(): Promise<BudgetPanels> {
    this.panels ??= (async () => {
      const t0 = performance.now();
      const { BudgetPanels } = await import('../useCases.js');
      const panels = this.register(new BudgetPanels(this.context, this.sessions, this.log));
      this.log.info(`Budget panel code loaded in ${(performance.now() - t0).toFixed(1)} ms`);
      return panels;
    })().catch((err: unknown) => {
      this.panels = undefined;
      throw err;
    });
    return this.panels;
  }
}
