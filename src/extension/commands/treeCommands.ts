import * as vscode from 'vscode';
import { ITEM_STATUSES, ownerKey, ownerName } from '../../engine';
import { describeNotChecked } from '../../engine';
import type { NotReadReason } from '../../engine';
import { Disposable } from '../lifecycle';
import { GROUPINGS, type Grouping } from '../settings';
import type { Sessions } from '../sessions';
import type { DebtFilter, FilterStatus } from '../views/debtModel';
import type { DebtTreeProvider } from '../views/debtTree';
import { guarded, openItem, pickItem } from './items';

const GROUPING_LABELS: Record<Grouping, { label: string; icon: string; detail: string }> = {
  folder: { label: 'Folder', icon: 'list-tree', detail: 'Folders and files, like the Explorer' },
  file: { label: 'File', icon: 'file', detail: 'One group per file' },
  tag: { label: 'Tag', icon: 'tag', detail: 'TODO, FIXME, HACK, …' },
  sprint: { label: 'Sprint', icon: 'milestone', detail: 'Sprints even when empty: drag items onto one to allocate them' },
  owner: { label: 'Owner', icon: 'person', detail: 'An item with two owners shows under both' },
  label: { label: 'Label', icon: 'symbol-key', detail: 'An item with two labels shows under both' },
  outcome: { label: 'Outcome', icon: 'target', detail: 'The outcome each item serves' },
  tracker: { label: 'Tracker state', icon: 'issues', detail: 'The linked ticket’s last known state' },
  interest: { label: 'Interest', icon: 'flame', detail: 'Debt in the files the team changes most first (commits in the last days of history)' },
};

/** Title-bar and palette commands of the Debt tree: group by, filter, clear filter, search, record. */
export class TreeCommands extends Disposable {
  constructor(sessions: Sessions, tree: DebtTreeProvider, log: vscode.LogOutputChannel) {
    super();
    for (const command of [
      vscode.commands.registerCommand('paydown.groupBy', guarded(log, 'Grouping the Debt view', async (grouping?: unknown) => {
        let chosen = typeof grouping === 'string' && (GROUPINGS as readonly string[]).includes(grouping) ? (grouping as Grouping) : undefined;
        if (!chosen) {
          const rows = GROUPINGS.map((g) => ({ label: `$(${GROUPING_LABELS[g].icon}) ${GROUPING_LABELS[g].label}`, description: g === tree.grouping ? 'current' : undefined, detail: GROUPING_LABELS[g].detail, grouping: g }));
          const picked = await vscode.window.showQuickPick(rows, { title: 'Group debt by', activeItems: rows.filter((r) => r.grouping === tree.grouping) } as vscode.QuickPickOptions);
          chosen = (picked as (typeof rows)[number] | undefined)?.grouping;
        }
        if (chosen) await tree.setGrouping(chosen);
        return chosen;
      })),

      vscode.commands.registerCommand('paydown.filterTree', guarded(log, 'Filtering the Debt view', async (filter?: unknown) => {
        // Title-bar buttons may pass their own argument: only a filter's shape counts as one.
        if (isFilter(filter)) {
          await tree.setFilter(filter);
          return tree.filter;
        }
        const next = await askFilter(sessions, tree.filter);
        if (next) await tree.setFilter(next);
        return tree.filter;
      })),

      vscode.commands.registerCommand('paydown.clearFilter', () => tree.setFilter({})),

      vscode.commands.registerCommand('paydown.searchDebt', guarded(log, 'Searching debt', async () => {
        const target = await pickItem(sessions, 'Search debt by title, file, owner, label or id');
        if (target) await openItem(target, false);
        return target?.item.key;
      })),

      vscode.commands.registerCommand('paydown.syncLedger', guarded(log, 'Recording debt in the ledger', async () => {
        const all = sessions.all();
        if (all.length === 0) return undefined;
        let created = 0;
        let resolved = 0;
        let updated = 0;
        let firstRecording = false;
        // Items in files the scan did not read stay as they were: say how many, or "resolved" misleads.
        const notChecked: Parameters<typeof describeNotChecked>[0] = { notChecked: 0, notCheckedBy: {} };
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Paydown: recording debt in the ledger' }, async () => {
          for (const { session } of all) {
            const changes = await session.sync();
            firstRecording ||= changes.firstRecording;
            created += changes.created.length;
            resolved += changes.resolved.length;
            updated += changes.updated.length;
            notChecked.notChecked += changes.counts.notChecked;
            for (const [reason, n] of Object.entries(changes.counts.notCheckedBy) as [NotReadReason, number][]) notChecked.notCheckedBy[reason] = (notChecked.notCheckedBy[reason] ?? 0) + n;
          }
        });
        const parts = [`${created} new`, `${updated} updated`, `${resolved} resolved`];
        const unchecked = notChecked.notChecked > 0 ? ` ${describeNotChecked(notChecked)}; left as they were.` : '';
        if (firstRecording) {
          // Dated today, a first recording would count as all added this sprint: history can date it.
          const backfill = 'Backfill History';
          void vscode.window
            .showInformationMessage(`Paydown: ledger recorded (${parts.join(', ')}).${unchecked} The items are dated today, so a sprint review would count them all as added this sprint: Backfill History dates each from the commit that added it. Commit .paydown/ to share it.`, backfill)
            .then((picked) => (picked === backfill ? vscode.commands.executeCommand('paydown.backfillHistory') : undefined));
        } else void vscode.window.showInformationMessage(`Paydown: ledger recorded (${parts.join(', ')}).${unchecked} Commit .paydown/ to share it.`);
        return { created, updated, resolved, notChecked: notChecked.notChecked };
      })),
    ]) this.register(command);
  }
}

const FILTER_KEYS = new Set(['text', 'tags', 'statuses', 'owners']);

/** `{ text?, tags?, statuses?, owners? }` and nothing else (a test or another command's filter). */
function isFilter(value: unknown): value is DebtFilter {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => FILTER_KEYS.has(k));
}

const STATUS_LABELS: Record<FilterStatus, string> = {
  new: 'Not in the ledger yet',
  open: 'Open',
  scheduled: 'Scheduled (in a sprint)',
  'in-progress': 'In progress',
  resolved: 'Resolved',
  'wont-fix': "Won't fix",
};

/**
 * One quick pick for the whole filter: type text to match titles, files, owners, labels and ids,
 * and tick tags, statuses and owners. Resolves to the new filter, or undefined when dismissed.
 */
async function askFilter(sessions: Sessions, current: DebtFilter): Promise<DebtFilter | undefined> {
  const tags = new Map<string, number>();
  // Per person (handles in any case are one), named by the first spelling met.
  const owners = new Map<string, { name: string; count: number }>();
  for (const { session } of sessions.all()) {
    for (const item of session.items()) {
      tags.set(item.debt.tag, (tags.get(item.debt.tag) ?? 0) + 1);
      for (const o of item.debt.owners) {
        const seen = owners.get(ownerKey(o));
        if (seen) seen.count++;
        else owners.set(ownerKey(o), { name: ownerName(o), count: 1 });
      }
    }
  }
  type Row = vscode.QuickPickItem & { tag?: string; status?: FilterStatus; owner?: string };
  const rows: Row[] = [];
  const separator = (label: string): Row => ({ label, kind: vscode.QuickPickItemKind.Separator });
  rows.push(separator('Tags'));
  for (const [tag, n] of [...tags].sort(([a], [b]) => a.localeCompare(b))) rows.push({ label: `$(tag) ${tag}`, description: String(n), tag });
  rows.push(separator('Status'));
  for (const status of ['new', ...ITEM_STATUSES] as FilterStatus[]) rows.push({ label: `$(circle-outline) ${STATUS_LABELS[status]}`, status });
  if (owners.size > 0) {
    rows.push(separator('Owners'));
    for (const { name, count } of [...owners.values()].sort((a, b) => a.name.localeCompare(b.name))) rows.push({ label: `$(person) @${name}`, description: String(count), owner: name });
    rows.push({ label: '$(person) No owner', owner: '' });
  }
  const pick = vscode.window.createQuickPick<Row>();
  pick.title = 'Filter debt';
  pick.placeholder = 'Type words to match titles, files, owners, labels, ids; tick tags, statuses, owners; Enter applies';
  pick.canSelectMany = true;
  pick.matchOnDescription = false;
  // The typed text is the text filter, not a search of these rows: they stay visible.
  pick.items = rows.map((r) => ({ ...r, alwaysShow: true }));
  pick.value = current.text ?? '';
  pick.selectedItems = pick.items.filter((r) => (r.tag !== undefined && current.tags?.includes(r.tag)) || (r.status !== undefined && current.statuses?.includes(r.status)) || (r.owner !== undefined && current.owners?.some((o) => ownerKey(o) === ownerKey(r.owner!)) === true));
  return new Promise<DebtFilter | undefined>((resolve) => {
    let done = false;
    // A box ticked with the mouse keeps the keyboard focus, and Enter on it ticks it off again
    // instead of applying: after each tick the focus goes back to the text field, where Enter
    // applies, as the placeholder says.
    pick.onDidChangeSelection(() => void vscode.commands.executeCommand('workbench.action.focusQuickOpen').then(undefined, () => undefined));
    pick.onDidAccept(() => {
      done = true;
      const selected = pick.selectedItems;
      resolve({
        text: pick.value.trim() || undefined,
        tags: selected.filter((r) => r.tag !== undefined).map((r) => r.tag!),
        statuses: selected.filter((r) => r.status !== undefined).map((r) => r.status!),
        owners: selected.filter((r) => r.owner !== undefined).map((r) => r.owner!),
      });
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
