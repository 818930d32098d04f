/**
 * The third stage (its own bundle, `dist/extensionUseCases.js`): what runs the engine's use cases
 * over a session — the budget panel, the tracker sync and the history backfill. They need the application layer whole
 * (review, export, planning, ledger sync), so they share one bundle, loaded by panelLoader.ts or
 * trackerLoader.ts on first use: neither activation nor start-up carries it.
 */
export { BudgetPanels } from './panel/budgetPanel';
export { TrackerCommands } from './trackers/trackerCommands';
export { backfillHistory } from './commands/backfillHistory';
