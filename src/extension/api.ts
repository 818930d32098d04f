/** What the last completed workspace scan found, summed over all workspace folders. */
export interface ScanSummary {
  /** Number of debt items. */
  count: number;
  /** Items per tag (canonical spelling, e.g. `TODO`). */
  byTag: Record<string, number>;
  /** Items per workspace-relative file (of every folder). */
  byFile: Record<string, number>;
  /** Annotation and file problems the scan reported. */
  problems: number;
  /** Workspace folders scanned (`file:` folders only). */
  folders: number;
  /** Files the scan accepted. */
  files: number;
  durationMs: number;
}

/**
 * The object `activate()` returns. Kept small on purpose: the end-to-end suite uses it to wait
 * for scans instead of polling the UI; it is not a public API for other extensions.
 */
export interface PaydownApi {
  /**
   * Resolves with the summary of the scan that is running (or the last one when none is),
   * rejects when that scan failed.
   */
  whenScanned(): Promise<ScanSummary>;
}
