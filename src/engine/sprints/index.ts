/**
 * Sprints and the protected debt budget: which sprints exist, a sprint's budget math, auto-fill
 * and assignment. Everything takes `today` (`YYYY-MM-DD`, UTC) as an argument.
 */
export { resolveSprints, findSprint, locateSprint, budgetPoints, sprintPhase, roundPoints, CADENCE_LOOKAHEAD, CURRENT, trackerSprintsOf, type FindSprintOptions, type SprintLookup, type SprintProblem, type SprintSettings, type TrackerSprintsStatus } from './sprints';
export { TRACKER_NAMES, TRACKER_SPRINTS_FILE, formatTrackerSprints, parseTrackerSprints, readTrackerSprints, writeTrackerSprints, type TrackerSprintsCache, type TrackerSprintsState } from './trackerCache';
export { computeBudget, countedEffort, budgetWasKept, keptShare, NOT_PLANNED_NOTE, planningBegan, sprintWasPlanned, sprintBounds, sprintShare, type BudgetConfig, type BudgetOptions, type MeasuredState, type SprintBounds, type SprintShare } from './budget';
export { autoFill, valueItem, explainValue, scaleEfforts, IMPACT_SCORES, DUE_SCORES, MAX_AGE_MONTHS, MAX_TABLE_CELLS, type AutoFillOptions, type AutoFillConfig, type ValueSubject } from './autoFill';
export { solveKnapsack, type KnapsackItem } from './knapsack';
export { assignItems, type AssignOutcome, type AssignOptions } from './assign';
export { addDays, daysBetween, dayOf, todayOf } from '../dates';
export { toPlanningItem, type PlanningItem, type PlanningItemInput } from './items';
export { resolveOutcome, isKnownOutcome, type OutcomeSubject } from './outcomes';
export type * from './model';
