/**
 * Runs a sync plan: one result per action, so one failure never sinks the batch.
 *
 * Invariants:
 * - Queued operations run first, in the order they were queued; what cannot run now (offline,
 *   rate limits, a lost answer) is queued again with its reason, and nothing is lost.
 * - A ticket is recorded in the ledger as soon as it exists, before anything else happens; a
 *   crash between the two is mended by the marker lookup of the next run.
 * - After an answer is lost, later runs create nothing for that item without looking it up first
 *   (the plan's lookup does it: an item whose ticket exists is never planned for creation).
 * - A dry run writes nothing: no request but the plan's lookups, no ledger, no code, no queue.
 */
import type { Clock } from '../ports';
import type { PushedFields } from '../ledger/model';
import { TrackerError, type RemoteTicket, type TicketDraft, type TrackerClient } from './model';
import { ticketPatch, type SyncAction, type SyncActionKind } from './plan';
import type { QueueEntry, SyncQueue } from './queue';

/** What became of one action. */
export type ActionOutcome =
  /** Done (a ticket created or closed, a link recorded, a comment edited). */
  | 'done'
  /** A dry run: would be done. */
  | 'planned'
  /** Could not run now; in the queue for the next sync. */
  | 'queued'
  /** Refused or broken; said in `message`. */
  | 'failed'
  /** Deliberately not done (a hold, a code edit without `--apply`); said in `message`. */
  | 'skipped';

export interface ActionResult {
  action: SyncAction;
  outcome: ActionOutcome;
  /** What happened, in a sentence; empty for a plain success. */
  message: string;
  /** The ticket as the tracker answered (creates, updates, closes, links). */
  ticket?: RemoteTicket;
  /** For queued actions: since when they wait. */
  queuedAt?: string;
}

/** How a run reaches the ledger and the code (the workspace layer gives the real ones). */
export interface SyncEffects {
  /** Records (or updates) the item's link to `ticket`, and what the ticket has now been told of the item when given. */
  recordLink(itemId: string, ticket: RemoteTicket, pushed?: PushedFields): Promise<void>;
  /** The title, sprint and estimate the item's ticket should carry now. */
  pushed(itemId: string): PushedFields;
  /** The ticket to create for an item. */
  draft(itemId: string): TicketDraft;
  /** Writes `reference` into the item's comment; resolves to a refusal reason, or null when written. */
  writeReference(itemId: string, reference: string): Promise<string | null>;
  /** Removes the item's annotation from the code; a refusal reason, or null when removed. */
  removeAnnotation(itemId: string): Promise<string | null>;
  /** The comment a closed ticket gets. */
  closeComment(action: Extract<SyncAction, { kind: 'close' }>): string;
}

export interface RunSyncInput {
  actions: readonly SyncAction[];
  /** The tracker, or null when it cannot be reached: every remote action is then queued. */
  client: TrackerClient | null;
  /** Why `client` is null, as said to the user. */
  unreachable?: string;
  dryRun: boolean;
  /** Write code edits (references, removals). */
  apply: boolean;
  queue: SyncQueue | null;
  /** The items this run planned for, when not every item (a partial sync keeps the rest of the queue). */
  scope?: ReadonlySet<string> | null;
  effects: SyncEffects;
  clock: Clock;
  signal?: AbortSignal;
}

const REMOTE: ReadonlySet<SyncActionKind> = new Set(['create', 'update', 'close']);

/** Runs `actions` (queued ones first) and saves what is left to the queue. */
export async function runSync(input: RunSyncInput): Promise<ActionResult[]> {
  const { effects, queue, clock } = input;
  const queuedBefore = queue?.list() ?? [];
  const ordered = orderByQueue(input.actions, queuedBefore);
  const results: ActionResult[] = [];
  /** Set once the tracker stops answering (offline, limits, credentials): the rest is queued or skipped, not tried. */
  let stopped: { outcome: 'queued' | 'failed'; reason: string; retryAt: string | null } | null = input.client ? null : { outcome: 'queued', reason: input.unreachable ?? 'the tracker cannot be reached', retryAt: null };
  const retryAt = new Map<string, string | null>();
  const created = new Map<string, { ticket: RemoteTicket; file: string; line: number }>();

  for (const action of ordered) {
    const queued = queue?.find(action.kind, action.itemId);
    const result = (outcome: ActionOutcome, message = '', ticket?: RemoteTicket): void => {
      results.push({ action, outcome, message, ticket, queuedAt: outcome === 'queued' ? (queued?.queuedAt ?? clock.now().toISOString()) : undefined });
    };
    if (input.dryRun) {
      result('planned', queued ? `queued since ${queued.queuedAt}: ${queued.reason}` : '');
      continue;
    }
    input.signal?.throwIfAborted();
    if (REMOTE.has(action.kind) && stopped) {
      result(stopped.outcome, stopped.reason);
      retryAt.set(`${action.kind}\n${action.itemId}`, stopped.retryAt);
      continue;
    }
    try {
      switch (action.kind) {
        case 'link':
          // From here on, what changes in Paydown goes to the ticket; what it says now stays.
          await effects.recordLink(action.itemId, action.ticket, effects.pushed(action.itemId));
          result('done', '', action.ticket);
          break;
        case 'pull':
          await effects.recordLink(action.itemId, action.ticket);
          result('done', '', action.ticket);
          break;
        case 'create': {
          const ticket = await input.client!.create(effects.draft(action.itemId), input.signal);
          await effects.recordLink(action.itemId, ticket, effects.pushed(action.itemId));
          // A directive (Sphinx's `.. todo::`, ```` ```{todo} ````) takes no reference: the ledger keeps the link.
          if (!action.directive) created.set(action.itemId, { ticket, file: action.file, line: action.line });
          result('done', '', ticket);
          break;
        }
        case 'update': {
          const ticket = await input.client!.update(action.key, ticketPatch(action.changes), input.signal);
          await effects.recordLink(action.itemId, ticket, effects.pushed(action.itemId));
          result('done', '', ticket);
          break;
        }
        case 'close': {
          const ticket = await input.client!.close(action.key, effects.closeComment(action), input.signal);
          await effects.recordLink(action.itemId, ticket);
          result('done', '', ticket);
          break;
        }
        case 'write-reference':
          await codeEdit(action, () => effects.writeReference(action.itemId, action.reference), result, input.apply, `run with --apply to write ${action.reference} into the comment`);
          break;
        case 'closed-upstream':
          await codeEdit(action, () => effects.removeAnnotation(action.itemId), result, input.apply, `${action.key} was closed, the debt is still in the code: remove the comment (or run with --apply) to resolve it, or reopen the ticket`);
          break;
        case 'hold':
          result('skipped', `${action.key} stays open: ${action.why}`);
          break;
      }
    } catch (err) {
      if (!TrackerError.is(err)) throw err;
      const key = `${action.kind}\n${action.itemId}`;
      switch (err.reason) {
        case 'offline':
        case 'rate-limited':
          stopped = { outcome: 'queued', reason: err.message, retryAt: err.details.retryAt ?? null };
          retryAt.set(key, stopped.retryAt);
          result('queued', err.message);
          break;
        case 'outcome-unknown':
          retryAt.set(key, null);
          result('queued', `${err.message}; the next sync looks the ticket up before it tries again`);
          break;
        case 'unauthorized':
        case 'forbidden':
          stopped = { outcome: 'failed', reason: `not tried: ${err.message}` , retryAt: null };
          result('failed', err.message);
          break;
        default:
          result('failed', err.message);
      }
    }
  }

  // A created ticket's reference goes into its comment in the same run (with --apply).
  for (const [itemId, { ticket, file, line }] of created) {
    const action: SyncAction = { kind: 'write-reference', itemId, reference: ticket.reference, file, line };
    await codeEdit(action, () => effects.writeReference(itemId, ticket.reference), (outcome, message = '') => results.push({ action, outcome, message }), input.apply, `run with --apply to write ${ticket.reference} into the comment`);
  }

  if (queue && !input.dryRun) {
    const before = new Map(queuedBefore.map((e) => [`${e.kind}\n${e.itemId}`, e]));
    const entries: QueueEntry[] = results
      .filter((r) => r.outcome === 'queued')
      .map((r) => {
        const key = `${r.action.kind}\n${r.action.itemId}`;
        const old = before.get(key);
        return {
          kind: r.action.kind,
          itemId: r.action.itemId,
          key: 'key' in r.action ? r.action.key : null,
          queuedAt: old?.queuedAt ?? r.queuedAt ?? clock.now().toISOString(),
          reason: r.message,
          attempts: (old?.attempts ?? 0) + 1,
          retryAt: retryAt.get(key) ?? null,
        };
      });
    const outOfScope = input.scope ? queuedBefore.filter((e) => !input.scope!.has(e.itemId)) : [];
    queue.save([...outOfScope, ...entries]);
  }
  return results;
}

/** Queued actions first, in queue order; then the rest in plan order. */
function orderByQueue(actions: readonly SyncAction[], queued: readonly QueueEntry[]): SyncAction[] {
  const rank = new Map(queued.map((e, i) => [`${e.kind}\n${e.itemId}`, i]));
  const first = actions.filter((a) => rank.has(`${a.kind}\n${a.itemId}`)).sort((a, b) => rank.get(`${a.kind}\n${a.itemId}`)! - rank.get(`${b.kind}\n${b.itemId}`)!);
  return [...first, ...actions.filter((a) => !rank.has(`${a.kind}\n${a.itemId}`))];
}

async function codeEdit(action: SyncAction, edit: () => Promise<string | null>, result: (outcome: ActionOutcome, message?: string) => void, apply: boolean, withoutApply: string): Promise<void> {
  if (!apply) {
    result('skipped', withoutApply);
    return;
  }
  const refusal = await edit();
  if (refusal === null) result('done');
  else result('failed', refusal);
}
