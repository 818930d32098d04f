/**
 * What a sync would do, decided from the ledger, the code and what the tracker says — before
 * anything is written anywhere. Pure: the same inputs give the same plan, so the dry run, the
 * editor's preview and the real run agree by construction.
 *
 * Invariants:
 * - At most one ticket per item: an item with a link, or whose marker the tracker knows, is never
 *   planned for creation. When the tracker could not be asked (`remote` null), creates are planned
 *   but run only after a lookup (see run.ts).
 * - A ticket is closed only for debt whose removal commit reached the default branch; anything
 *   else is held with the reason.
 * - An open ticket is updated only with what changed in Paydown since it was last told (the
 *   link's `pushed`): an edit made in the tracker to a field Paydown did not change stays.
 * - Planned code edits (writing a reference back, removing an annotation) touch only items whose
 *   comment is in the code now.
 */
import type { CreateRule } from '../config/trackers';
import type { LedgerItem, PushedFields, TrackerLink } from '../ledger/model';
import type { CellPosition, DebtItem } from '../model';
import { keepsEstimates, type RemoteTicket, type TicketPatch, type TrackerKind } from './model';
import { ticketTitle } from './ticketDraft';

/** One thing sync will do (or would do, in a dry run). */
export type SyncAction =
  /** Create a ticket for an item that has none. */
  | { kind: 'create'; itemId: string; title: string; why: CreateReason; file: string; line: number; cell?: CellPosition; directive?: DebtItem['directive'] }
  /** The tracker already has this item's ticket (found by its marker or the comment's reference): record the link. */
  | { kind: 'link'; itemId: string; ticket: RemoteTicket }
  /** The ticket changed upstream (state, assignees, milestone): bring it into the ledger. */
  | { kind: 'pull'; itemId: string; ticket: RemoteTicket; from: string | null }
  /** The item's title, sprint or estimate changed in Paydown since its ticket was last told: send the change. */
  | { kind: 'update'; itemId: string; key: string; changes: TicketChanges }
  /** The debt left the code on the default branch: close its ticket. */
  | { kind: 'close'; itemId: string; key: string; commit: string }
  /** Write the ticket's reference into the comment (`DEBT(PD-7Q2K, GH-412): …`). */
  | { kind: 'write-reference'; itemId: string; reference: string; file: string; line: number; cell?: CellPosition }
  /** The ticket was closed while its comment is still in the code: remove the annotation and resolve the item. */
  | { kind: 'closed-upstream'; itemId: string; key: string; file: string; line: number; cell?: CellPosition; stateReason: string | null }
  /** A ticket sync leaves as it is, and why (the removal is not on the default branch yet, …). */
  | { kind: 'hold'; itemId: string; key: string; why: string };

export type SyncActionKind = SyncAction['kind'];

/** What an update changes, each field from what the ticket was last told to the item's value now. */
export interface TicketChanges {
  title?: { from: string; to: string };
  sprint?: { from: string | null; to: string | null };
  estimate?: { from: number | null; to: number | null };
}

/** Why an item gets a ticket. */
export type CreateReason = 'scheduled' | 'open' | 'tag' | 'asked';

/** An item as sync sees it: the ledger's record and the comment in the code now (null when gone). */
export interface SyncItem {
  item: LedgerItem;
  comment: DebtItem | null;
}

export interface PlanInput {
  tracker: TrackerKind;
  /** How this tracker's references look in a comment and its keys in the ledger. */
  naming: TicketNaming;
  items: readonly SyncItem[];
  create: CreateRule;
  /** Items named on the command line or in the editor: they get a ticket whatever the rule says. */
  asked: readonly string[];
  closeRemoved: boolean;
  /** The tracker's tickets by item id; null when the tracker was not asked (no token, offline). */
  remote: ReadonlyMap<string, RemoteTicket> | null;
  /** Tickets fetched by key for links the marker lookup did not return. */
  byKey?: ReadonlyMap<string, RemoteTicket | null>;
  /** Whether a commit reached the default branch: true, false, or null when git cannot say. */
  onDefaultBranch: (commit: string) => boolean | null;
}

/** A tracker's naming rules. */
export interface TicketNaming {
  /** The ledger key of a reference written in a comment (`GH-412` → `acme/pay#412`), or null for another tracker's. */
  keyOfReference(reference: string): string | null;
  /** The reference a comment carries for a ledger key (`acme/pay#412` → `GH-412`), or null for another project's. */
  referenceOfKey(key: string): string | null;
}

/** What sync does, in order: links and pulls (ledger only), creates, updates, closes, code edits, then what it holds. */
export function planSync(input: PlanInput): SyncAction[] {
  const asked = new Set(input.asked);
  const links: SyncAction[] = [];
  const creates: SyncAction[] = [];
  const updates: SyncAction[] = [];
  const closes: SyncAction[] = [];
  const edits: SyncAction[] = [];
  const holds: SyncAction[] = [];

  for (const { item, comment } of input.items) {
    const link = linkOf(item, input.tracker);
    const inCode = comment !== null && item.status !== 'resolved';
    const ticket = input.remote?.get(item.id) ?? (link ? input.byKey?.get(link.key) : undefined) ?? null;
    const handWritten = link ? null : handWrittenKey(comment, input.naming);

    if (!link) {
      if (ticket) links.push({ kind: 'link', itemId: item.id, ticket });
      else if (handWritten) {
        const found = input.byKey?.get(handWritten);
        if (found) links.push({ kind: 'link', itemId: item.id, ticket: found });
      } else {
        const why = createReason(item, inCode, input.create, asked.has(item.id));
        if (why && comment) creates.push({ kind: 'create', itemId: item.id, title: item.title, why, ...placeOf(comment), ...(comment.directive ? { directive: comment.directive } : {}) });
      }
    } else {
      if (ticket && changed(link, ticket)) links.push({ kind: 'pull', itemId: item.id, ticket, from: link.state });
      const changes = inCode && (ticket?.state ?? link.state) !== 'closed' ? ticketChanges(item, link, ticket, input.tracker) : null;
      if (changes) updates.push({ kind: 'update', itemId: item.id, key: ticket?.key ?? link.key, changes });
    }

    const key = ticket?.key ?? link?.key ?? handWritten;
    const state = ticket?.state ?? link?.state ?? null;
    // Without a ticket yet, the reference is known only once it exists: run.ts writes it after the create.
    if (key === null || key === undefined) continue;

    if (inCode && comment) {
      const reference = input.naming.referenceOfKey(key);
      if (state === 'closed') {
        edits.push({ kind: 'closed-upstream', itemId: item.id, key, ...placeOf(comment), stateReason: ticket?.stateReason ?? (link as LinkFacts | undefined)?.stateReason ?? null });
      } else if (reference && !comment.directive && !comment.issueRefs.some((r) => r.text.toUpperCase() === reference.toUpperCase())) {
        edits.push({ kind: 'write-reference', itemId: item.id, reference, ...placeOf(comment) });
      }
      continue;
    }

    if (item.status !== 'resolved' || state === 'closed' || !input.closeRemoved) continue;
    const commit = item.resolved?.commit ?? null;
    if (commit === null) {
      holds.push({ kind: 'hold', itemId: item.id, key, why: 'its removal is not committed yet' });
      continue;
    }
    const reached = input.onDefaultBranch(commit);
    if (reached === true) closes.push({ kind: 'close', itemId: item.id, key, commit });
    else holds.push({ kind: 'hold', itemId: item.id, key, why: reached === false ? `its removal (${commit.slice(0, 7)}) has not reached the default branch` : `git cannot tell whether ${commit.slice(0, 7)} reached the default branch (no origin/HEAD)` });
  }
  return [...links, ...creates, ...updates, ...closes, ...edits, ...holds];
}

/** The title, sprint and estimate a ticket should carry for `item` now (GitHub keeps no estimate). */
export function pushedFields(item: LedgerItem, tracker: TrackerKind): PushedFields {
  return { title: ticketTitle(item), sprint: item.sprint, estimate: keepsEstimates(tracker) ? item.effort.value : null };
}

/**
 * What changed in Paydown since the ticket was last told. A link recorded before Paydown kept
 * `pushed` compares with the ticket as read now; without either, nothing is known to differ.
 */
function ticketChanges(item: LedgerItem, link: TrackerLink, ticket: RemoteTicket | null, tracker: TrackerKind): TicketChanges | null {
  const now = pushedFields(item, tracker);
  const told = link.pushed ?? (ticket ? { title: ticket.title, sprint: ticket.milestone, estimate: now.estimate } : null);
  if (!told) return null;
  const changes: TicketChanges = {};
  if (told.title !== now.title) changes.title = { from: told.title, to: now.title };
  if (told.sprint !== now.sprint) changes.sprint = { from: told.sprint, to: now.sprint };
  if (told.estimate !== now.estimate) changes.estimate = { from: told.estimate, to: now.estimate };
  return Object.keys(changes).length > 0 ? changes : null;
}

/** The request an update's changes make. */
export function ticketPatch(changes: TicketChanges): TicketPatch {
  const patch: TicketPatch = {};
  if (changes.title) patch.title = changes.title.to;
  if (changes.sprint) patch.milestone = changes.sprint.to;
  if (changes.estimate) patch.estimate = changes.estimate.to;
  return patch;
}

/** The item's link to this tracker, if any. */
export function linkOf(item: LedgerItem, tracker: TrackerKind): TrackerLink | undefined {
  return item.trackers.find((t) => t.tracker === tracker);
}

/** Where a comment is: its file and line, and its cell in a notebook. */
function placeOf(comment: DebtItem): { file: string; line: number; cell?: CellPosition } {
  return { file: comment.file, line: comment.line, ...(comment.cell ? { cell: comment.cell } : {}) };
}

function handWrittenKey(comment: DebtItem | null, naming: TicketNaming): string | null {
  for (const ref of comment?.issueRefs ?? []) {
    const key = naming.keyOfReference(ref.text);
    if (key) return key;
  }
  return null;
}

function createReason(item: LedgerItem, inCode: boolean, rule: CreateRule, asked: boolean): CreateReason | null {
  if (!inCode || (item.status !== 'open' && item.status !== 'scheduled' && item.status !== 'in-progress')) return asked && inCode ? 'asked' : null;
  if (asked) return 'asked';
  switch (rule.kind) {
    case 'scheduled':
      return item.sprint !== null ? 'scheduled' : null;
    case 'open':
      return 'open';
    case 'tags':
      return rule.tags.includes(item.tag) ? 'tag' : null;
    case 'none':
      return null;
  }
}

/** A link with the facts pulled from the tracker (absent in links recorded before they were). */
type LinkFacts = TrackerLink & { stateReason?: string | null; assignees?: string[]; milestone?: string | null };

function changed(link: TrackerLink, ticket: RemoteTicket): boolean {
  const extra = link as LinkFacts;
  if (link.state !== ticket.state) return true;
  if (extra.stateReason !== undefined && extra.stateReason !== ticket.stateReason) return true;
  if (extra.milestone !== undefined && extra.milestone !== ticket.milestone) return true;
  if (extra.assignees !== undefined && extra.assignees.join(',') !== ticket.assignees.join(',')) return true;
  return link.url !== ticket.url;
}
