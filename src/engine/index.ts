/**
 * Paydown's engine: everything the CLI and the extension share, and the only module they import
 * (lint enforces it). No vscode, no console, no exit, no environment: what it needs from outside
 * comes in through the ports (ports.ts).
 *
 * Layers, each importing only those before it (lint enforces the order):
 * model/errors/ports (+ dates, ids, markdown) ← git/adapters ← scanner ← config ← ledger ←
 * sprints ← metrics ← check/report/export ← workspace. See docs/architecture.md.
 */

// The application layer: the shells' entry points.
export * from './workspace';
export { WorkspaceSession, type SessionItem, type SessionChange, type SessionOptions } from './session/session';
export { sessionWorkspace, assignInSession } from './session/useCases';
export { prestartScanThread } from './session/thread';
export type { ScanThreadAhead } from './session/threadStart';

// Ports and their real adapters.
export * from './ports';
export { nodePorts, type NodePortsOptions } from './adapters/nodePorts';
export { fetchHttpClient } from './adapters/fetchHttpClient';
export { createGitClient, gitIdentity, type GitClientOptions, type GitEnvironment } from './git';

// The model, errors and small shared concepts.
export * from './model';
export { errorLines, hintLine, PaydownError, type PaydownErrorReason } from './errors';
export { docsLink, PAYDOWN_URI } from './docs';
export { ENGINE_VERSION } from './version';
export * from './present';
export { addDays, daysBetween, dayOf, isCalendarDate, todayOf } from './dates';
export { normaliseItemId, isItemId } from './itemIds';

// Config and the workspace's place on disk.
export { CONFIG_FILE, defaultConfig, loadConfig, parseConfig, type LoadedConfig, type PaydownConfig, type ScanConfig } from './config/config';
export { OUTCOME_NAME, type SprintConfig, type OutcomeConfig, type CadenceConfig, type CheckConfig, type PlanningConfig, type BudgetSpec, type CheckableField, type SprintOverride, type TrackerSprintScope, type TrackerSprintsConfig, scopeLabel } from './config/planning';
export { findWorkspaceRoot, toWorkspacePath, isInside } from './config/workspace';
export { JSON_KINDS, JSON_VERSIONS, SCHEMA_BASE, schemaId, jsonEnvelope, type JsonEnvelope, type JsonKind } from './jsonEnvelope';
export { mondayOf, starterConfigText, writeStarterConfig } from './config/starter';
export { applyConfigPatch, type ConfigPatch } from './config/configEdit';
export { planTodoTreeImport, todoTreeImportLines, todoTreeImportSummary, TODO_TREE_KEYS, TODO_TREE_LEGACY_KEYS, type TodoTreeImport, type TodoTreeKey, type TodoTreeMapping, type TodoTreeScope, type TodoTreeSettings, type PaydownSettingsPatch } from './config/todoTree';

// The scanner (one document for the editor; whole trees through the workspace).
export { scanDocument, scanInLanguage, prepareAnnotationOptions, resolveLanguage, type DocumentSource } from './scanner/document';
export { placeholderOnLine } from './scanner/codeTodos';
export { cellPosition, type CellFormat } from './scanner/cells';
export { isMystNotebook, notebookText, type NotebookCellText } from './scanner/notebook';
export { cellAt, documentCells } from './scanner/cells';
export { scan, type ScanOptions, type ScanResult, type ScanStats, type ScanProgress, type SkippedPath } from './scanner/scan';
export type { SkipReason } from './scanner/cache';
export { scanCoverage, type FileCoverage, type FileVerdict, type NotReadReason } from './scanner/coverage';
export { findComments } from './scanner/lexer';
export type { CommentSpan } from './scanner/comments';
export type { LanguageSpec } from './scanner/languages';
export { parseEffort } from './scanner/grammar/tokens';

// The ledger.
export * from './ledger/model';
export { LedgerStore, type LedgerSnapshot, type LedgerTransaction } from './ledger/store';
export { writeFileAtomic } from './ledger/atomic';
export { runDoctor, type DoctorReport, type DoctorFinding } from './ledger/doctor';
export { describeNotChecked, syncLedger, type LedgerChangeSet, type NotChecked } from './ledger/sync';
export { reconcile, type ItemMatch, type MatchKind } from './ledger/reconcile';
export { planBackfill, replayHistory, type BackfillOutcome, type BackfillPlan, type ReplayState } from './ledger/backfill';
export { newItemId } from './ledger/ids';
export { itemDisplayPath } from './ledger/paths';
export { applyPatch, editItem, type ItemPatch } from './ledger/edit';
export { overlayLive, filterItems, listedItem, type ListedItem, type ItemFilter } from './ledger/live';
export { buildTimeline, stateAt, type ItemTimeline, type ItemState, type TimedState } from './ledger/history';

// Sprints, metrics, check, the review, exports.
export * from './sprints';
export * from './metrics';
export { CHECK_RULES, runCheck, addedSince, parseAddedLines, isAdded, type CheckRule, type CheckFinding, type CheckResult, type CheckInput, type AddedLines } from './check';
export { sprintReview, reviewToMarkdown, NO_OUTCOME, type SprintReview, type SprintReviewInput, type ReviewItem, type OutcomeSummary } from './report';
export * from './export';
// The budget page (panel and HTML report): its view model and protocol types.
export * from './page';
export { syncTracker, type TrackerSyncOptions, type TrackerSyncResult } from './workspace/trackerSync';
export { TRACKER_KINDS, TrackerError, ticketMarker, markerItemId, type TrackerKind, type RemoteTicket, type TicketDraft, type TrackerClient, type TrackerErrorReason, type SprintSource, type TrackerSprint } from './trackers/model';
export type { SyncAction, SyncActionKind, TicketChanges } from './trackers/plan';
export { ACTION_GROUPS, actionGroupTitle, describeAction, readAtText, sprintsNotRefreshedText, sprintsRefreshedText, syncSummary, trackerName, type Emphasis } from './trackers/present';
export { configuredTracker } from './workspace/trackerConnection';
export type { ActionOutcome, ActionResult } from './trackers/run';
export type { QueueEntry } from './trackers/queue';
export { hostOf, type TrackerCredential } from './trackers/credentials';
export { githubApiUrl } from './trackers/github/remote';
export { gitlabApiUrl } from './trackers/gitlab/remote';
export { configuredTrackers, defaultGitHubConfig, defaultGitLabConfig, type GitHubTrackerConfig, type GitLabTrackerConfig, type JiraTrackerConfig, type LinearTrackerConfig, type TrackerCommonConfig, type TrackersConfig, type CreateRule } from './config/trackers';
export type * from '../protocol/budgetPage';
export { BUDGET_PAGE_VERSION, LITTLE_DATA_ITEMS } from '../protocol/budgetPage';
export { byInterest, describeInterest, interestIndex, MAX_INTEREST_SCORE, topPercent, type Interest, type InterestIndex } from './interest/interest';
export { readChangeHistory, type ChangeHistory, type FileChanges } from './interest/changeHistory';
