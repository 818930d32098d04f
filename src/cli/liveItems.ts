import { ITEM_STATUSES, LedgerStore, overlayLive, PaydownError, scanWorkspace, type ItemStatus, type ListedItem } from '../engine';
import { cliSignal } from './interrupt';
import { warn } from './output';
import { cacheDirFor, openWorkspace, type CliWorkspace, type WorkspaceFlags } from './workspace';

/** The workspace's ledger items with their live positions, and the workspace they come from. */
export interface LiveItems extends CliWorkspace {
  items: ListedItem[];
  /** Ledger files that could not be read (already warned about on stderr). */
  errors: PaydownError[];
}

/**
 * Every ledger item with its live position (from a cached scan, matched without writing), as
 * `ledger list`, `export` and the other listing commands show them. Unreadable ledger files are
 * warned about on stderr and left out.
 */
export async function listLiveItems(flags: WorkspaceFlags): Promise<LiveItems> {
  const { root, config } = await openWorkspace(flags);
  const snapshot = await LedgerStore.open(root).load();
  for (const error of snapshot.errors) warn(error.message);
  const scanned = await scanWorkspace({ root, config, cacheDir: cacheDirFor(root, flags), signal: cliSignal() });
  return { root, config, items: overlayLive(snapshot, scanned), errors: snapshot.errors };
}

/** Values of a repeatable, comma-separable option, trimmed, empties dropped. */
export function splitList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** A status as typed (`In progress`, `wont_fix`, …), or a usage error naming the statuses. */
export function parseStatus(value: string): ItemStatus {
  const status = value.toLowerCase().replace(/[ _]/g, '-');
  if ((ITEM_STATUSES as readonly string[]).includes(status)) return status as ItemStatus;
  throw new PaydownError('usage', `unknown status "${value}"`, `use one of ${ITEM_STATUSES.join(', ')}`);
}
