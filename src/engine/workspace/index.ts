/** The application layer: `openWorkspace` (one-shot) and its use cases, and the editor's session. */
export { openWorkspace, Workspace, type DayOptions, type OpenWorkspaceOptions, type ScanOverrides } from './workspace';
export { sprintCalendar, sprintRows, currentSprintBudget, type SprintCalendar, type SprintRow } from './sprints';
export { scanWorkspace, type WorkspaceScanOptions } from './scan';
export { syncWorkspaceLedger, type SyncWorkspaceOptions, type SyncWorkspaceResult } from './sync';
export * from './results';
export { refreshTrackerSprints, trackerSprintSettings, type TrackerSprintsRefresh } from './trackerSprints';
export { backfillWorkspace, backfillCheckpointFile, type BackfillRequest, type BackfillContext } from './backfill';
