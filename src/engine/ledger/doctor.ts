/**
 * `paydown ledger doctor`: validates every ledger file and repairs what is safely repairable —
 * an interrupted commit (journal), leftover temps, a stale lock, git conflict markers in an item
 * file (both versions merged), a byte order mark, a legacy ledger not yet migrated, a missing
 * `.paydown/.gitignore`. It never destroys data: anything it cannot parse is left exactly as it is
 * and reported. It refuses a ledger reached through a symbolic link leaving the workspace, and
 * creates nothing in a workspace without `.paydown/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toWorkspacePath } from '../config/workspace';
import { PaydownError } from '../errors';
import { plural } from '../present';
import { commitPlan, isTempName } from './atomic';
import type { CommitPlan } from './atomic';
import { splitConflict, mergeItemVersions } from './conflict';
import { formatItem, newerSchema, parseItem } from './format';
import type { ParsedItem } from './format';
import { lockStaleReason, readLockOwner } from './lock';
import { parseLegacyLedger } from './migrate';
import { LEDGER_DIR, LEGACY_LEDGER_FILE, PAYDOWN_DIR, assertLedgerContained, isItemFileName, itemDisplayPath, itemFileName } from './paths';
import { LedgerStore, readItemText, unreadable } from './store';
import type { LedgerStoreOptions } from './store';

/** One finding: which file, what was wrong, what the doctor did, whether a human must act. */
export interface DoctorFinding {
  /** Workspace-relative path, with `:line` when the problem has one. */
  file: string;
  problem: string;
  /** What was done (or, in a dry run, would be done); null when nothing could be. */
  action: string | null;
  needsHuman: boolean;
}

/** The doctor's report. */
export interface DoctorReport {
  /** Item files looked at. */
  checked: number;
  /** Item files that read cleanly: after the repairs, or (in a dry run) as they are now. */
  healthy: number;
  findings: DoctorFinding[];
  /** Findings repaired (or repairable, in a dry run). */
  repaired: number;
  needsHuman: number;
}

/** Options for `runDoctor`. */
export interface DoctorOptions extends LedgerStoreOptions {
  /** Report what would be repaired; write nothing, take no lock. */
  dryRun?: boolean;
}

/** Validates and repairs the ledger of the workspace at `root`. */
export async function runDoctor(root: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  const store = LedgerStore.open(root, options);
  const paths = store.paths;
  const findings: DoctorFinding[] = [];
  const dry = options.dryRun === true;
  const rel = (file: string): string => toWorkspacePath(root, file);
  assertLedgerContained(paths);
  if (!fs.existsSync(paths.paydownDir)) return { checked: 0, healthy: 0, findings, repaired: 0, needsHuman: 0 };
  // Taking the lock writes it first (see LedgerStore.withLock); report it last, as before.
  const gitignoreMissing = !fs.existsSync(paths.gitignoreFile);

  // A stale lock is broken when the doctor takes the lock; say so first.
  if (fs.existsSync(paths.lockFile)) {
    const owner = readLockOwner(paths.lockFile);
    let mtime = 0;
    try {
      mtime = fs.statSync(paths.lockFile).mtimeMs;
    } catch (err) {
      // Released meanwhile is fine; a lock that cannot be read is said, not taken for gone.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') findings.push({ file: rel(paths.lockFile), problem: `cannot read the lock: ${(err as Error).message}`, action: null, needsHuman: true });
    }
    const stale = mtime ? lockStaleReason(owner, mtime, Date.now(), options.staleLockMs ?? 120_000) : null;
    if (stale) findings.push({ file: rel(paths.lockFile), problem: `stale lock: ${stale}`, action: dry ? 'would remove it' : 'removed it', needsHuman: false });
  }

  const examine = (plan: CommitPlan): { checked: number; healthy: number } => {
    let checked = 0;
    let healthy = 0;
    let names: string[] = [];
    try {
      names = fs.readdirSync(paths.ledgerDir).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new PaydownError('path-unreadable', `cannot read ${rel(paths.ledgerDir)}: ${(err as Error).message}`, 'check the folder\'s permissions, then run the doctor again', { cause: err });
      }
    }
    const present = new Set<string>();
    for (const name of names) {
      if (dry && isTempName(name)) findings.push({ file: `${PAYDOWN_DIR}/${LEDGER_DIR}/${name}`, problem: 'leftover temp file of an interrupted write', action: 'would remove it', needsHuman: false });
      if (!isItemFileName(name)) continue;
      checked++;
      const id = name.slice(0, -'.json'.length);
      present.add(id);
      const display = itemDisplayPath(id);
      const file = path.join(paths.ledgerDir, name);
      let text: string;
      try {
        text = readItemText(file, paths.root);
      } catch (err) {
        const error = unreadable(id, err);
        findings.push({ file: error.details[0] ?? display, problem: stripLocation(error.message), action: null, needsHuman: true });
        continue;
      }
      try {
        parseItem(text, display, id);
        healthy++;
        if (text.charCodeAt(0) === BOM) {
          plan.writes.push({ file, data: text.slice(1) });
          findings.push({ file: display, problem: 'starts with a byte order mark (BOM)', action: dry ? 'would remove it' : 'removed it', needsHuman: false });
        }
        continue;
      } catch (err) {
        if (!PaydownError.is(err)) throw err;
        if (err.reason !== 'ledger-conflict') {
          findings.push({ file: err.details[0] ?? display, problem: stripLocation(err.message), action: null, needsHuman: true });
          continue;
        }
      }
      const resolved = resolveConflict(text, display, id);
      if (typeof resolved === 'string') {
        findings.push({ file: display, problem: `git conflict markers; cannot merge automatically: ${resolved}`, action: null, needsHuman: true });
        continue;
      }
      plan.writes.push({ file, data: resolved.text });
      if (!dry) healthy++;
      findings.push({
        file: display,
        problem: `git conflict markers (${plural(resolved.regions, 'region')}): two branches changed this item`,
        action: `${dry ? 'would merge' : 'merged'} both versions: ${resolved.events} history events kept, newer fields won`,
        needsHuman: false,
      });
    }

    const legacyName = `${PAYDOWN_DIR}/${LEGACY_LEDGER_FILE}`;
    let legacyText: string | null = null;
    try {
      legacyText = fs.readFileSync(paths.legacyFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') findings.push({ file: legacyName, problem: `cannot read the file: ${(err as Error).message}`, action: null, needsHuman: true });
    }
    if (legacyText !== null) {
      const legacy = parseLegacyLedger(legacyText, legacyName);
      if (legacy.errors.length > 0) {
        for (const e of legacy.errors) findings.push({ file: e.details[0] ?? legacyName, problem: stripLocation(e.message), action: null, needsHuman: true });
        findings.push({ file: legacyName, problem: 'legacy ledger (schema 0) not migrated', action: null, needsHuman: true });
      } else {
        let migrated = 0;
        for (const item of legacy.items) {
          if (present.has(item.id)) continue;
          plan.writes.push({ file: path.join(paths.ledgerDir, itemFileName(item.id)), data: formatItem(item) });
          migrated++;
        }
        plan.removes.push(paths.legacyFile);
        findings.push({ file: legacyName, problem: 'legacy ledger (schema 0)', action: `${dry ? 'would migrate' : 'migrated'} ${plural(migrated, 'item')} to ${PAYDOWN_DIR}/${LEDGER_DIR}/ and remove it`, needsHuman: false });
      }
    }
    if (gitignoreMissing) findings.push({ file: rel(paths.gitignoreFile), problem: 'missing (lock, temp and journal files could be committed)', action: dry ? 'would write it' : 'wrote it', needsHuman: false });
    return { checked, healthy };
  };

  let counts: { checked: number; healthy: number };
  if (dry) {
    if (fs.existsSync(paths.journalFile)) findings.push({ file: rel(paths.journalFile), problem: 'an interrupted commit', action: 'would finish it (or roll it back if incomplete)', needsHuman: false });
    counts = examine({ writes: [], removes: [] });
  } else {
    try {
      counts = await store.withLock((recovery) => {
        if (recovery.journal !== 'none') {
          const action = { forward: 'finished it (rolled forward)', back: 'rolled it back (its new files were missing)', unreadable: 'removed the unreadable journal' }[recovery.journal];
          findings.push({ file: rel(paths.journalFile), problem: 'an interrupted commit', action, needsHuman: false });
        }
        for (const t of recovery.removedTemps) findings.push({ file: `${PAYDOWN_DIR}/${t}`, problem: 'leftover temp file of an interrupted write', action: 'removed it', needsHuman: false });
        const plan: CommitPlan = { writes: [], removes: [] };
        const result = examine(plan);
        commitPlan(plan, paths.journalFile, paths.paydownDir, options.commitHook);
        return result;
      });
    } catch (err) {
      if (!PaydownError.is(err, 'ledger-locked')) throw err;
      findings.push({ file: rel(paths.lockFile), problem: err.message, action: null, needsHuman: true });
      counts = { checked: 0, healthy: 0 };
    }
  }
  return {
    ...counts,
    findings,
    repaired: findings.filter((f) => f.action !== null).length,
    needsHuman: findings.filter((f) => f.needsHuman).length,
  };
}

/** U+FEFF: some editors start UTF-8 files with it; Paydown reads past it and the doctor drops it. */
const BOM = 0xfeff;

function stripLocation(message: string): string {
  return message.replace(/^\S+:\d+: /, '');
}

/** Merges a conflicted item file; a string says why it cannot be merged automatically. */
function resolveConflict(text: string, display: string, id: string): { text: string; regions: number; events: number } | string {
  const sides = splitConflict(text);
  if (!sides) return 'the conflict markers are malformed';
  const parse = (side: string, label: string): ParsedItem | string => {
    try {
      return parseItem(side, `${display} (${label})`, id);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  const ours = parse(sides.ours, 'ours');
  if (typeof ours === 'string') return ours;
  const theirs = parse(sides.theirs, 'theirs');
  if (typeof theirs === 'string') return theirs;
  const base = sides.base === null ? null : parse(sides.base, 'base');
  const merged = mergeItemVersions(ours.item, theirs.item, typeof base === 'object' && base !== null ? base.item : null);
  return { text: formatItem(merged, newerSchema(ours.schema, theirs.schema)), regions: sides.regions, events: merged.history.length };
}
