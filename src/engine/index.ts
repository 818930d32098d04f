/**
 * Paydown's engine: everything the CLI and the extension share. No vscode, no console, no exit.
 */
export * from './model';
export { PaydownError, type PaydownErrorReason } from './errors';
export { ENGINE_VERSION } from './version';
export { escapeMarkdown, markdownCode, type MarkdownTextOptions } from './markdown';
export { CONFIG_FILE, defaultConfig, loadConfig, parseConfig, type LoadedConfig, type PaydownConfig, type ScanConfig } from './config/config';
export { scanDocument, prepareAnnotationOptions, resolveLanguage, type DocumentSource } from './scanner/document';
export { scan, type ScanOptions, type ScanResult, type ScanStats, type ScanProgress, type SkippedPath } from './scanner/scan';
export type { SkipReason } from './scanner/cache';
export { scanCoverage, type FileCoverage, type FileVerdict, type NotReadReason } from './scanner/coverage';
export { findWorkspaceRoot, toWorkspacePath, isInside } from './config/workspace';
export * from './ledger/model';
export { LedgerStore, type LedgerSnapshot, type LedgerTransaction } from './ledger/store';
export { runDoctor, type DoctorReport, type DoctorFinding } from './ledger/doctor';
export { describeNotChecked, syncLedger, systemClock, type Clock, type LedgerChangeSet, type NotChecked } from './ledger/sync';
export { reconcile, type ItemMatch, type MatchKind } from './ledger/reconcile';
export { newItemId } from './ledger/ids';
export { normaliseItemId, isItemId } from './itemIds';
export { itemDisplayPath } from './ledger/paths';
export {
  scanWorkspace,
  syncWorkspaceLedger,
  editItem,
  applyPatch,
  overlayLive,
  filterItems,
  type ItemPatch,
  type ItemFilter,
  type ListedItem,
  type WorkspaceScanOptions,
} from './ledger/service';
export { createGitClient, type GitClient } from './git';
export { parseEffort } from './scanner/grammar/tokens';
export { WorkspaceSession, type SessionItem, type SessionChange, type SessionOptions } from './session/session';
export * from './sprints';
export type { SprintConfig, OutcomeConfig, CadenceConfig, CheckConfig, PlanningConfig, BudgetSpec } from './config/planning';
export * from './metrics';
export * from './export';
