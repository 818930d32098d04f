/** The budget page's view model (the panel and `report --format html`), built from the engine's figures, and its standalone HTML. */
export { acrossSprints, buildBudgetPage, type AcrossSprints, reportSprintNames, PAGE_SPRINTS, PAGE_BACKLOG, type BudgetPageInput } from './budgetPage';
export { loadWebviewAssets, renderBudgetPageHtml, scriptSafeJson, WEBVIEW_ASSETS, type HtmlOptions, type WebviewAssets } from './html';
