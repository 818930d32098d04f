/**
 * Where the ledger lives under a workspace root. One place for every path the store, the
 * lock, the journal, the migration and the doctor touch.
 */
import * as path from 'node:path';
import { assertNoEscapingLinks } from '../config/workspace';

/** The folder under the workspace root that holds Paydown's committed files. */
export const PAYDOWN_DIR = '.paydown';
/** The ledger folder inside `.paydown/`: one `<ID>.json` file per item. */
export const LEDGER_DIR = 'ledger';
/** The legacy single-file ledger (schema "0"), migrated forward on the first write. */
export const LEGACY_LEDGER_FILE = 'ledger.jsonl';
/** Local files that never belong in git, listed in the `.paydown/.gitignore` the store writes. */
export const LOCK_FILE = '.lock';
export const LOCK_BREAK_FILE = '.lock.break';
export const JOURNAL_FILE = '.journal';
export const TEMP_SUFFIX = '.tmp';
export const ITEM_SUFFIX = '.json';

/** Ids are file names: letters, digits, `-` and `_`, starting with a letter or digit. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** True when `id` can safely name an item file. */
export function isSafeItemId(id: string): boolean {
  return SAFE_ID.test(id);
}

/** Every path of one workspace's ledger. */
export interface LedgerPaths {
  root: string;
  /** `<root>/.paydown` */
  paydownDir: string;
  /** `<root>/.paydown/ledger` */
  ledgerDir: string;
  legacyFile: string;
  lockFile: string;
  lockBreakFile: string;
  journalFile: string;
  gitignoreFile: string;
}

/** The ledger paths for the workspace at `root`. */
export function ledgerPaths(root: string): LedgerPaths {
  const paydownDir = path.join(root, PAYDOWN_DIR);
  const ledgerDir = path.join(paydownDir, LEDGER_DIR);
  return {
    root,
    paydownDir,
    ledgerDir,
    legacyFile: path.join(paydownDir, LEGACY_LEDGER_FILE),
    lockFile: path.join(ledgerDir, LOCK_FILE),
    lockBreakFile: path.join(ledgerDir, LOCK_BREAK_FILE),
    journalFile: path.join(ledgerDir, JOURNAL_FILE),
    gitignoreFile: path.join(paydownDir, '.gitignore'),
  };
}

/** The folders and files of the ledger that a symbolic link must not take outside the workspace. */
const CONTAINED = [PAYDOWN_DIR, `${PAYDOWN_DIR}/${LEDGER_DIR}`, `${PAYDOWN_DIR}/${LEGACY_LEDGER_FILE}`];

/**
 * Throws `path-unreadable` when `.paydown`, `.paydown/ledger` or the legacy ledger is a symbolic
 * link leading outside the workspace. Every read and write of the ledger checks this first; item
 * files are checked as they are opened (see `readItemText`).
 */
export function assertLedgerContained(paths: LedgerPaths): void {
  assertNoEscapingLinks(paths.root, CONTAINED);
}

/** The item file's name for `id`: `PD-7Q2K9A.json`. */
export function itemFileName(id: string): string {
  return id + ITEM_SUFFIX;
}

/** The workspace-relative path used in messages: `.paydown/ledger/PD-7Q2K9A.json`. */
export function itemDisplayPath(id: string): string {
  return `${PAYDOWN_DIR}/${LEDGER_DIR}/${itemFileName(id)}`;
}

/** True for a directory entry that is an item file (not a temp, lock, journal or dotfile). */
export function isItemFileName(name: string): boolean {
  return name.endsWith(ITEM_SUFFIX) && !name.startsWith('.');
}

/** The `.paydown/.gitignore` the store writes when there is none. */
export const PAYDOWN_GITIGNORE = [
  '# Written by Paydown: local files that never belong in git.',
  `${LEDGER_DIR}/${LOCK_FILE}`,
  `${LEDGER_DIR}/${LOCK_BREAK_FILE}`,
  `${LEDGER_DIR}/${JOURNAL_FILE}`,
  `${LEDGER_DIR}/.*${TEMP_SUFFIX}`,
  `.*${TEMP_SUFFIX}`,
  'cache/',
  '',
].join('\n');
