/** The Debt view's id (and its container's: `paydown`). */
export const DEBT_VIEW_ID = 'paydown.debt';
/** What items carry while dragged inside the Debt tree. */
export const DEBT_MIME = 'application/vnd.code.tree.paydown.debt';
/** The debt budget panel's webview type (its serializer is registered at activation). */
export const BUDGET_VIEW_TYPE = 'paydown.budget';
