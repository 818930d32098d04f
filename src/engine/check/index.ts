/** `paydown check`: rules for pull requests (untracked debt, required fields, malformed metadata, the budget rule). */
export { runCheck, type CheckInput } from './rules';
export { addedSince, parseAddedLines, isAdded } from './diff';
export { CHECK_RULES, type CheckRule, type CheckFinding, type CheckResult, type AddedLines } from './model';
