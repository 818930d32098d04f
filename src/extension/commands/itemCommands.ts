import * as vscode from 'vscode';
import { IMPACTS, type Impact } from '../../engine';
import { plural } from '../../engine';
import { todayOf } from '../../engine';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import { sprintOf } from '../views/debtModel';
import { itemLabel } from '../views/labels';
import { visibleSprints } from '../views/sprintInfo';
import { editTargets, guarded, openItem, targetsOf, type ItemTarget } from './items';

/**
 * The item commands of the Debt tree's context menu (also reachable from the palette, where they
 * ask which item): open, assign to sprint, set effort, set impact, resolve, won't fix, copy id.
 * Each takes an {@link import('./items').ItemArg} and, from the tree, the selection.
 */
export class ItemCommands extends Disposable {
  constructor(sessions: Sessions, log: vscode.LogOutputChannel) {
    super();
    const register = (id: string, what: string, body: (targets: ItemTarget[]) => Promise<unknown>, placeholder: string) =>
      vscode.commands.registerCommand(
        id,
        guarded(log, what, async (arg?: unknown, selection?: unknown) => {
          const targets = await targetsOf(sessions, arg, selection, placeholder);
          return targets.length > 0 ? body(targets) : undefined;
        }),
      );

    for (const command of [
      register('paydown.openItem', 'Opening the item', (targets) => openItem(targets[0]!, targets.length === 1), 'Open which debt item?'),

      register('paydown.assignSprint', 'Assigning to a sprint', async (targets) => {
        const sprint = await pickSprint(targets);
        if (sprint === undefined) return undefined;
        const edited = await editTargets(targets, { sprint });
        if (edited.length > 0) vscode.window.setStatusBarMessage(`$(check) ${describe(edited.length, targets)} ${sprint === null ? 'taken out of its sprint' : `assigned to ${sprint}`}`, 4000);
        return edited;
      }, 'Assign which debt item to a sprint?'),

      register('paydown.setEffort', 'Setting the effort', async (targets) => {
        const current = targets.length === 1 ? (targets[0]!.item.ledger?.effort.value ?? targets[0]!.item.debt.effort) : null;
        const text = await vscode.window.showInputBox({
          title: `Effort of ${describe(targets.length, targets)}`,
          prompt: 'Story points (e.g. 3 or 0.5); empty to clear the estimate',
          value: current === null ? '' : String(current),
          validateInput: (value) => (value.trim() === '' || isPoints(value) ? undefined : 'A number of points, 0 or more (e.g. 3 or 0.5)'),
        });
        if (text === undefined) return undefined;
        return editTargets(targets, { effort: text.trim() === '' ? null : Number(text.trim()) });
      }, 'Set the effort of which debt item?'),

      register('paydown.setImpact', 'Setting the impact', async (targets) => {
        const current = targets.length === 1 ? (targets[0]!.item.ledger?.impact.value ?? targets[0]!.item.debt.impact) : null;
        type Row = vscode.QuickPickItem & { impact: Impact | null };
        const rows: Row[] = [...IMPACTS].reverse().map((impact) => ({ label: impact, description: impact === current ? 'current' : undefined, impact }));
        rows.push({ label: 'None', description: 'clear the impact', impact: null });
        const picked = await vscode.window.showQuickPick(rows, { title: `Impact of ${describe(targets.length, targets)}` });
        return picked ? editTargets(targets, { impact: picked.impact }) : undefined;
      }, 'Set the impact of which debt item?'),

      register('paydown.resolveItem', 'Resolving', async (targets) => {
        const edited = await editTargets(targets, { status: 'resolved' });
        if (edited.length > 0) vscode.window.setStatusBarMessage(`$(pass) ${describe(edited.length, targets)} resolved`, 4000);
        return edited;
      }, 'Resolve which debt item?'),

      register('paydown.wontFixItem', "Marking as won't fix", async (targets) => {
        const edited = await editTargets(targets, { status: 'wont-fix' });
        if (edited.length > 0) vscode.window.setStatusBarMessage(`$(circle-slash) ${describe(edited.length, targets)} marked won't fix`, 4000);
        return edited;
      }, "Mark which debt item as won't fix?"),

      register('paydown.copyId', 'Copying the id', async (targets) => {
        const ids = targets.map((t) => t.item.ledger?.id).filter((id): id is string => id !== undefined);
        if (ids.length === 0) {
          void vscode.window.showInformationMessage('Paydown: this item has no id yet. Record debt in the ledger first.', 'Record Debt in Ledger').then((choice) => {
            if (choice) void vscode.commands.executeCommand('paydown.syncLedger');
          });
          return undefined;
        }
        await vscode.env.clipboard.writeText(ids.join('\n'));
        vscode.window.setStatusBarMessage(`$(copy) Copied ${ids.join(', ')}`, 3000);
        return ids;
      }, 'Copy the id of which debt item?'),
    ]) this.register(command);
  }
}

function isPoints(value: string): boolean {
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0;
}

function describe(n: number, targets: readonly ItemTarget[]): string {
  return n === 1 && targets.length === 1 ? `"${itemLabel(targets[0]!.item)}"` : plural(n, 'item');
}

/**
 * Asks for a sprint: the folder's configured, current and next sprints, one by name, or none.
 * Resolves to the name, null for "no sprint", undefined when dismissed.
 */
async function pickSprint(targets: readonly ItemTarget[]): Promise<string | null | undefined> {
  const today = todayOf(new Date());
  const sprints = new Map<string, { start: string; end: string; when: string }>();
  for (const session of new Set(targets.map((t) => t.session))) {
    try {
      for (const s of visibleSprints(session.settings, today)) if (!sprints.has(s.name)) sprints.set(s.name, s);
    } catch {
      // An unresolvable cadence leaves the named choices.
    }
  }
  const current = targets.length === 1 ? sprintOf(targets[0]!.item) : null;
  type Row = vscode.QuickPickItem & { sprint?: string | null; other?: true };
  const rows: Row[] = [...sprints].map(([name, s]) => ({
    label: `$(milestone) ${name}`,
    description: [s.when === 'current' || s.when === 'next' ? s.when : '', `${s.start} → ${s.end}`, name === current ? '(assigned)' : ''].filter(Boolean).join(' · '),
    sprint: name,
  }));
  rows.push({ label: '$(edit) Another sprint…', description: 'type a name', other: true });
  if (targets.some((t) => sprintOf(t.item) !== null)) rows.push({ label: '$(close) No sprint', description: 'take it out of its sprint', sprint: null });
  const title = `Assign ${describe(targets.length, targets)} to a sprint`;
  const picked = sprints.size === 0 ? { other: true as const, label: '' } : await vscode.window.showQuickPick(rows, { title, placeHolder: 'Sprint' });
  if (!picked) return undefined;
  if (!('other' in picked && picked.other)) return (picked as Row).sprint ?? null;
  const name = await vscode.window.showInputBox({
    title,
    prompt: sprints.size === 0 ? 'No sprints are configured (add `sprints` or a `cadence` to .paydown/config.jsonc). Sprint name:' : 'Sprint name',
    value: current ?? '',
    validateInput: (value) => (value.trim() === '' ? 'A sprint name' : undefined),
  });
  return name === undefined ? undefined : name.trim();
}
