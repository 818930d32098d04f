/**
 * Every command package.json contributes (a unit test keeps the two lists equal). Activation
 * registers each as a stub that starts the second stage and then runs the real command, which
 * that stage registers in the stub's place.
 */
export const CONTRIBUTED_COMMANDS = [
  'paydown.rescanWorkspace',
  'paydown.openItem',
  'paydown.assignSprint',
  'paydown.setEffort',
  'paydown.setImpact',
  'paydown.resolveItem',
  'paydown.wontFixItem',
  'paydown.copyId',
  'paydown.syncLedger',
  'paydown.searchDebt',
  'paydown.groupBy',
  'paydown.filterTree',
  'paydown.clearFilter',
  'paydown.tagAsDebt',
  'paydown.reopenItem',
  'paydown.dismissLedgerHint',
  'paydown.openBudget',
  'paydown.syncTracker',
  'paydown.forgetTrackerTokens',
  'paydown.importTodoTreeSettings',
  'paydown.backfillHistory',
] as const;
