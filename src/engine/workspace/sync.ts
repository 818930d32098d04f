/**
 * Ledger sync as a use case: scan the workspace, reconcile what it found with the ledger, and
 * (unless a dry run) write the changes in one atomic, locked update.
 */
import { PaydownError } from '../errors';
import { plural } from '../present';
import { memoizeGit } from '../git/memoized';
import { LedgerStore, type LedgerStoreOptions } from '../ledger/store';
import { changedItems, syncLedger, type LedgerChangeSet } from '../ledger/sync';
import type { LedgerItem } from '../ledger/model';
import type { Clock, GitClient } from '../ports';
import { scanCoverage } from '../scanner/coverage';
import { scan, type ScanResult } from '../scanner/scan';
import { scanOptionsOf, type WorkspaceScanOptions } from './scan';

export interface SyncWorkspaceOptions extends WorkspaceScanOptions {
  dryRun?: boolean;
  /** Git for the workspace, or null for none. */
  git: GitClient | null;
  clock: Clock;
  /** How the ledger is opened (lock timeouts; crash tests pass a commit hook). */
  ledger?: LedgerStoreOptions;
}

export interface SyncWorkspaceResult {
  changes: LedgerChangeSet;
  scan: ScanResult;
}

/**
 * Scans the workspace, reconciles what it found with the ledger and (unless a dry run) writes
 * the changes in one atomic, locked update. Refuses to run while ledger files are unreadable:
 * their comments would otherwise come back as new items.
 */
export async function syncWorkspaceLedger(options: SyncWorkspaceOptions): Promise<SyncWorkspaceResult> {
  const store = LedgerStore.open(options.root, options.ledger);
  const { clock } = options;
  const git = options.git ? memoizeGit(options.git) : null;
  // The scan runs on worker threads and git in subprocesses: ask git and read the ledger meanwhile.
  git?.prefetch();
  const scanOptions = scanOptionsOf({ ...options, git });
  const [scanned, snapshot] = await Promise.all([scan(scanOptions), store.load()]);
  // Items are resolved only where the scan looked (coverage.ts): a skipped file's debt is not paid.
  const coverage = scanCoverage(scanOptions, scanned);
  const sync = (ledger: LedgerItem[]): Promise<LedgerChangeSet> =>
    syncLedger({ root: options.root, scanned: scanned.items, coverage, ledger, git, clock, dryRun: options.dryRun });
  assertReadable(snapshot.errors, 'sync again');
  const preview = await sync(snapshot.items);
  // Nothing to write (the usual case): no lock, no second pass.
  if (options.dryRun || isEmptyChangeSet(preview)) return { changes: preview, scan: scanned };
  // Under the lock, against fresh state: another writer may have changed the ledger since the read.
  const changes = await store.update(async (tx) => {
    const ledger = tx.all();
    assertReadable(tx.errors, 'sync again');
    const result = await sync(ledger);
    for (const item of changedItems(result)) tx.put(item);
    return result;
  });
  return { changes, scan: scanned };
}

function isEmptyChangeSet(changes: LedgerChangeSet): boolean {
  return changes.created.length === 0 && changes.updated.length === 0 && changes.resolved.length === 0;
}

/**
 * Throws when ledger files cannot be read, for use cases that would otherwise take an unreadable
 * item for a missing one (sync would create its comment again, check would call it untracked).
 */
export function assertReadable(errors: readonly PaydownError[], then: string): void {
  if (errors.length === 0) return;
  throw new PaydownError(
    errors[0]!.reason,
    `${plural(errors.length, 'ledger file')} cannot be read: ${errors[0]!.message}`,
    `run \`paydown ledger doctor\` to repair what is safely repairable, then ${then}`,
    { details: errors.map((e) => e.message) },
  );
}
