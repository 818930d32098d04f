/**
 * Paydown's engine: everything the CLI and the extension share. No vscode, no console, no exit.
 */
export * from './model';
export { PaydownError, type PaydownErrorReason } from './errors';
export { ENGINE_VERSION } from './version';
export { CONFIG_FILE, defaultConfig, loadConfig, parseConfig, type LoadedConfig, type PaydownConfig, type ScanConfig } from './config/config';
export { scanDocument, prepareAnnotationOptions, resolveLanguage, type DocumentSource } from './scanner/document';
export { scan, type ScanOptions, type ScanResult, type ScanStats, type ScanProgress } from './scanner/scan';
export { findWorkspaceRoot, toWorkspacePath, isInside } from './config/workspace';
