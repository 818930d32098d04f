/** The budget page's view model (the panel and `report --format html`), built from the engine's figures. */
export { buildBudgetPage, PAGE_SPRINTS, PAGE_BACKLOG, type BudgetPageInput } from './budgetPage';
