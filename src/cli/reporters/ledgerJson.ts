/** The JSON payloads of `paydown ledger sync | list | show | set | doctor` (see jsonDocument.ts). */
import type { DoctorReport, Interest, InterestIndex, LedgerChangeSet, LedgerItem, ListedItem, MatchKind, NotReadReason, OutcomeConfig } from '../../engine';
import { historyJson, ledgerItemJson, unscannedItemJson, type HistoryEventJson, type LedgerItemJson } from '../../engine';

/** Why a sync rewrote an existing item. */
export type ItemChange = 'reopened' | 'moved' | 'restamped' | 'edited' | 'updated';

/** What a sync did to one updated item; `from` is the old file of a moved one. */
export function itemChange(changes: LedgerChangeSet, item: LedgerItem): { change: ItemChange; from: string | null } {
  if (changes.reopened.includes(item.id)) return { change: 'reopened', from: null };
  const match = changes.matches.find((m) => m.id === item.id);
  if (match?.previous && match.previous.file !== match.file) return { change: 'moved', from: match.previous.file };
  if (changes.restamped.includes(item.id)) return { change: 'restamped', from: null };
  return { change: match?.kind === 'edited' ? 'edited' : 'updated', from: null };
}

/** `ledger sync`: what was (or, with `dryRun`, would be) written. */
export interface SyncJson {
  dryRun: boolean;
  /** When the sync ran (ISO 8601). */
  at: string;
  /** The commit the workspace is at; null outside git. */
  commit: string | null;
  /** Whether git answered (renames, removal commits). */
  git: boolean;
  counts: {
    created: number;
    updated: number;
    resolved: number;
    reopened: number;
    unchanged: number;
    notChecked: number;
    notCheckedBy: Partial<Record<NotReadReason, number>>;
    byKind: Record<MatchKind, number>;
  };
  created: LedgerItemJson[];
  updated: { change: ItemChange; from: string | null; item: LedgerItemJson }[];
  resolved: LedgerItemJson[];
  notChecked: { id: string; file: string; reason: NotReadReason }[];
  problems: { code: string; severity: 'warning'; message: string; file: string | null; line: number | null; column: number | null; id: string | null }[];
}

export function syncJson(changes: LedgerChangeSet, outcomes: readonly OutcomeConfig[]): SyncJson {
  const item = (i: LedgerItem): LedgerItemJson => unscannedItemJson(i, outcomes);
  const { counts } = changes;
  return {
    dryRun: changes.dryRun,
    at: changes.at,
    commit: changes.commit,
    git: changes.git,
    counts: {
      created: counts.created,
      updated: counts.updated,
      resolved: counts.resolved,
      reopened: counts.reopened,
      unchanged: counts.unchanged,
      notChecked: counts.notChecked,
      notCheckedBy: { ...counts.notCheckedBy },
      byKind: { ...counts.byKind },
    },
    created: changes.created.map(item),
    updated: changes.updated.map((i) => ({ ...itemChange(changes, i), item: item(i) })),
    resolved: changes.resolved.map(item),
    notChecked: changes.notChecked.map((n) => ({ id: n.id, file: n.file, reason: n.reason })),
    problems: changes.problems.map((p) =>
      'file' in p
        ? { code: p.code, severity: p.severity, message: p.message, file: p.file, line: p.line, column: p.column, id: p.id }
        : { code: p.code, severity: p.severity, message: p.message, file: null, line: null, column: null, id: null },
    ),
  };
}

/** `ledger list`. */
export interface LedgerListJson {
  items: LedgerItemJson[];
  /** With `--sort interest`: the window and each listed item's interest, by id. */
  interest?: { days: number; since: string; items: Record<string, Interest> };
}

export function ledgerListJson(listed: readonly ListedItem[], outcomes: readonly OutcomeConfig[], interest?: InterestIndex): LedgerListJson {
  const items = listed.map((l) => ledgerItemJson(l, outcomes));
  if (!interest) return { items };
  return { items, interest: { days: interest.history.days, since: interest.history.since, items: Object.fromEntries(listed.map((l) => [l.item.id, interest.of(l.file)])) } };
}

/** `ledger show` and `ledger set`: one item and its history. */
export interface ItemWithHistoryJson {
  item: LedgerItemJson;
  history: HistoryEventJson[];
}

export function itemWithHistoryJson(listed: ListedItem, outcomes: readonly OutcomeConfig[]): ItemWithHistoryJson {
  return { item: ledgerItemJson(listed, outcomes), history: historyJson(listed.item) };
}

/** `ledger doctor`. */
export interface DoctorJson {
  dryRun: boolean;
  checked: number;
  healthy: number;
  repaired: number;
  needsHuman: number;
  findings: { file: string; problem: string; action: string | null; needsHuman: boolean }[];
}

export function doctorJson(report: DoctorReport, dryRun: boolean): DoctorJson {
  return {
    dryRun,
    checked: report.checked,
    healthy: report.healthy,
    repaired: report.repaired,
    needsHuman: report.needsHuman,
    findings: report.findings.map((f) => ({ file: f.file, problem: f.problem, action: f.action, needsHuman: f.needsHuman })),
  };
}
