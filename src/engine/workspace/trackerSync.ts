/**
 * Tracker sync as a use case (`paydown sync`, the editor's "Sync with Issue Tracker" and "Create
 * ticket"): bring the ledger up to date with the code, ask the tracker what it has, plan, run
 * (or only show, in a dry run), and bring the ledger up to date again after code edits.
 *
 * Invariants: the shell hands over credentials (which host each token is for) and the state
 * folder for the queue; nothing here reads the environment. See trackers/ for the guarantees
 * of each step.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PaydownError } from '../errors';
import { defaultBranchRef, reachedRef } from '../git/remote';
import type { ListedItem } from '../ledger/live';
import type { LedgerItem, PushedFields } from '../ledger/model';
import { recordTrackerLink } from '../ledger/trackerLinks';
import type { Ports } from '../ports';
import type { TrackerCredential } from '../trackers/credentials';
import { TrackerError, type RemoteTicket, type TrackerClient, type TrackerErrorReason, type TrackerKind } from '../trackers/model';
import { linkOf, planSync, pushedFields, type SyncAction, type SyncItem, type TicketNaming } from '../trackers/plan';
import { trackerName } from '../trackers/present';
import { SyncQueue, type QueueEntry } from '../trackers/queue';
import { removeAnnotation } from '../trackers/removal';
import { runSync, type ActionResult, type SyncEffects } from '../trackers/run';
import { refusalMessage } from '../trackers/sourceEdit';
import { commentLines, ticketDraft } from '../trackers/ticketDraft';
import { writeReference } from '../trackers/writeBack';
import { scopeLabel } from '../config/planning';
import { configuredTracker, connectTracker, type TrackerConnection } from './trackerConnection';
import { readTrackerSprints } from '../sprints/trackerCache';
import { refreshTrackerSprints, type TrackerSprintsRefresh } from './trackerSprints';
import type { Workspace } from './workspace';

export interface TrackerSyncOptions {
  /** Which tracker; default: the one the config names. */
  tracker?: TrackerKind;
  dryRun?: boolean;
  /** Write code edits: references into comments, removal of annotations whose ticket was closed. */
  apply?: boolean;
  /** Items that get a ticket whatever the config's rule says. */
  create?: readonly string[];
  /** Only these items (the editor's "Create ticket" on one annotation); default every item. */
  only?: readonly string[];
  /** Only what the offline queue holds (the editor's replay at start-up); nothing at all when it is empty. */
  onlyQueued?: boolean;
  /** The token and the host it is for, per tracker (the shell's). */
  credentials: Partial<Record<TrackerKind, TrackerCredential>>;
  /** The user's state folder, where the offline queue lives; null keeps no queue. */
  stateDir: string | null;
  /** Longest a rate limit may be waited out before the rest is queued (ms). */
  maxWaitMs?: number;
  /** Called after sync wrote the ledger (the editor reloads its session's picture, which `items()` reads). */
  afterLedgerWrite?: () => Promise<void>;
  /** Replaces the real sleep (tests advance a fake clock). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

/** What a tracker sync did (or would do). */
export interface TrackerSyncResult {
  kind: 'tracker-sync';
  version: 1;
  tracker: TrackerKind;
  /** `owner/repo`. */
  project: string;
  host: string;
  dryRun: boolean;
  apply: boolean;
  /** Whether the tracker was asked; when not, `notice` says why (no token, offline). */
  checked: boolean;
  notice: string | null;
  results: ActionResult[];
  /** What waits in the queue after this run. */
  queue: QueueEntry[];
  /** The ledger items considered, how many have a ticket here, and how many open ones have none. */
  items: { considered: number; linked: number; openWithoutTicket: number };
  /** The sprints read from this tracker (`sprints.from`), or null when sprints do not come from it. */
  sprints: SprintRefreshResult | null;
}

/** What became of the tracker's sprints in a sync. */
export interface SprintRefreshResult {
  tracker: TrackerKind;
  /** As the config names it: `board 12`, `team ENG`. */
  scope: string;
  /** What the refresh found; null in a dry run or when it failed (`failure` says why). */
  refresh: TrackerSprintsRefresh | null;
  /** Why the sprints were not refreshed (the cache stays as it was). */
  failure: { reason: TrackerErrorReason; message: string; details: { retryAt?: string } } | null;
  /** When the cached sprints that still serve were read, or null when none are cached. */
  cachedAt: string | null;
}

/** Runs a tracker sync of `workspace`. */
export async function syncTracker(workspace: Workspace, options: TrackerSyncOptions): Promise<TrackerSyncResult> {
  const tracker = options.tracker ?? configuredTracker(workspace.config);
  const ports = workspace.ports;
  const dryRun = options.dryRun === true;
  const credential = options.credentials[tracker];
  if (!credential) throw new PaydownError('tracker-config', `no ${trackerName(tracker)} credentials were handed to sync`, 'this is a bug in the shell that called it');
  const connection = await connectTracker(tracker, workspace.config, { credential, ports, ...(options.sleep ? { sleep: options.sleep } : {}), ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}) });
  const { client, naming, settings: config, project: repo, host } = connection;
  if (!dryRun && !connection.authorized) throw new PaydownError('tracker-auth', `no ${trackerName(tracker)} token: sync needs one to reach ${host}`, credential.hints.token);
  const sprints = options.onlyQueued || options.only ? null : await refreshSprints(workspace, connection, dryRun, options.signal);
  if (!connection.tickets) {
    return { kind: 'tracker-sync', version: 1, tracker, project: repo, host, dryRun, apply: options.apply === true, checked: false, notice: null, results: [], queue: [], items: { considered: 0, linked: 0, openWithoutTicket: 0 }, sprints };
  }
  const queue = options.stateDir ? SyncQueue.open(options.stateDir, workspace.root, connection.queueScope, ports.logger) : null;
  const queuedIds = options.onlyQueued ? [...new Set((queue?.list() ?? []).map((e) => e.itemId))] : null;
  if (queuedIds && queuedIds.length === 0) {
    return { kind: 'tracker-sync', version: 1, tracker, project: repo, host, dryRun, apply: options.apply === true, checked: false, notice: null, results: [], queue: [], items: { considered: 0, linked: 0, openWithoutTicket: 0 }, sprints };
  }

  // A dry run writes no ledger, so it plans from the ledger as a sync would leave it: a reworded
  // comment or a removed one shows as the update or close it will be.
  const pending = dryRun ? await workspace.sync({ dryRun: true, signal: options.signal }) : await workspace.sync({ signal: options.signal });
  if (!dryRun) await options.afterLedgerWrite?.();
  const listed = withPendingChanges((await workspace.items({ signal: options.signal })).items, dryRun ? [...pending.changes.updated, ...pending.changes.resolved] : []);
  const only = options.only || queuedIds ? new Set([...(options.only ?? []), ...(queuedIds ?? [])]) : null;
  const items: SyncItem[] = listed.filter((l) => !only || only.has(l.item.id)).map((l) => ({ item: l.item, comment: l.comment }));
  for (const id of [...(options.create ?? []), ...(options.only ?? [])]) {
    if (!listed.some((l) => l.item.id === id)) throw new PaydownError('usage', `no item ${id} in the ledger`, 'list the ids with `paydown ledger list`; new comments get one with `paydown ledger sync`');
  }

  const base = { tracker, naming, items, create: config.create, asked: options.create ?? [], closeRemoved: config.closeRemoved };
  const onDefaultBranch = await defaultBranchAnswers(items, ports);
  // First plan without the tracker: which items to look up (a listing by label covers the rest).
  const offlinePlan = planSync({ ...base, remote: null, onDefaultBranch });
  let remote: Map<string, RemoteTicket> | null = null;
  let byKey: Map<string, RemoteTicket | null> | undefined;
  let notice: string | null = client ? null : `not checked against ${host}, no token: ${credential.hints.token}`;
  let reachable = client;
  if (client) {
    try {
      const wanted = new Set<string>();
      for (const action of offlinePlan) if (action.kind === 'create') wanted.add(action.itemId);
      for (const { item } of items) if (linkOf(item, tracker)) wanted.add(item.id);
      remote = await client.findByMarkers([...wanted], options.signal);
      byKey = await ticketsByKey(client, tracker, items, remote, naming, options.signal);
    } catch (err) {
      if (!TrackerError.is(err) || (err.reason !== 'offline' && err.reason !== 'rate-limited' && err.reason !== 'outcome-unknown')) throw asPaydownError(err);
      notice = `${host} could not be reached: ${err.message}`;
      remote = null;
      reachable = null;
    }
  }
  // Unasked, the ledger's last known state could be stale: no annotation is removed on its word.
  const actions = remote ? planSync({ ...base, remote, byKey, onDefaultBranch }) : offlinePlan.filter((a) => a.kind !== 'closed-upstream');

  const byId = new Map(listed.map((l) => [l.item.id, l]));
  const head = (await ports.git?.head()) ?? null;
  const by = (await ports.identity.current())?.name ?? null;
  const effects = syncEffects(workspace, byId, connection, head, by, ports);
  const results = await runSync({ actions, client: reachable, unreachable: notice ?? undefined, dryRun, apply: options.apply === true, queue, scope: only, effects, clock: ports.clock, signal: options.signal });
  if (!dryRun && results.some((r) => r.outcome === 'done' && (r.action.kind === 'closed-upstream' || r.action.kind === 'write-reference'))) {
    await workspace.sync({ signal: options.signal });
  }
  if (!dryRun) await options.afterLedgerWrite?.();
  return { kind: 'tracker-sync', version: 1, tracker, project: repo, host, dryRun, apply: options.apply === true, checked: remote !== null, notice, results, queue: queue ? [...queue.list()] : [], items: itemCounts(items, tracker), sprints };
}

/**
 * Refreshes the cached sprints when `sprints.from` names this tracker: a failure (offline, rate
 * limits, refused) keeps the cache and is said, it never stops the ticket sync. A dry run reads
 * nothing and writes nothing: it only says the refresh would happen.
 */
async function refreshSprints(workspace: Workspace, connection: TrackerConnection, dryRun: boolean, signal?: AbortSignal): Promise<SprintRefreshResult | null> {
  const from = workspace.config.sprintsFrom;
  if (!from || from.scope.tracker !== connection.kind) return null;
  const base = { tracker: connection.kind, scope: scopeLabel(from.scope), refresh: null, failure: null };
  const cachedAt = async (): Promise<string | null> => {
    const cache = readTrackerSprints(workspace.root);
    return cache.state === 'loaded' ? cache.cache.fetchedAt : null;
  };
  if (dryRun) return { ...base, cachedAt: await cachedAt() };
  if (!connection.sprintSource) return { ...base, failure: { reason: 'unauthorized', message: `no token: ${connection.hints.token}`, details: {} }, cachedAt: await cachedAt() };
  try {
    return { ...base, refresh: await refreshTrackerSprints(workspace, connection.sprintSource, signal ? { signal } : {}), cachedAt: null };
  } catch (err) {
    if (!TrackerError.is(err)) throw asPaydownError(err);
    return { ...base, failure: { reason: err.reason, message: err.message, details: err.details.retryAt ? { retryAt: err.details.retryAt } : {} }, cachedAt: await cachedAt() };
  }
}

/** `listed` with the items a sync would rewrite in their rewritten form. */
function withPendingChanges(listed: readonly ListedItem[], changed: readonly LedgerItem[]): ListedItem[] {
  if (changed.length === 0) return [...listed];
  const newer = new Map(changed.map((item) => [item.id, item]));
  return listed.map((l) => {
    const item = newer.get(l.item.id);
    return item ? { ...l, item, comment: item.status === 'resolved' ? null : l.comment } : l;
  });
}

function itemCounts(items: readonly SyncItem[], tracker: TrackerKind): TrackerSyncResult['items'] {
  const open = (i: SyncItem): boolean => i.comment !== null && (i.item.status === 'open' || i.item.status === 'scheduled' || i.item.status === 'in-progress');
  const linked = items.filter((i) => linkOf(i.item, tracker)).length;
  return { considered: items.length, linked, openWithoutTicket: items.filter((i) => open(i) && !linkOf(i.item, tracker)).length };
}

/** Whether each resolved, linked item's removal commit reached the default branch. */
async function defaultBranchAnswers(items: readonly SyncItem[], ports: Ports): Promise<(commit: string) => boolean | null> {
  const commits = items.filter(({ item }) => item.status === 'resolved' && item.resolved?.commit && item.trackers.length > 0).map(({ item }) => item.resolved!.commit!);
  if (commits.length === 0) return () => null;
  const ref = await defaultBranchRef(ports.git);
  const answers = await reachedRef(ports.git, ref, commits);
  return (commit) => answers.get(commit) ?? null;
}

/** Tickets the marker lookup missed: links in the ledger and references written by hand, fetched by key. */
async function ticketsByKey(client: TrackerClient, tracker: TrackerKind, items: readonly SyncItem[], remote: ReadonlyMap<string, RemoteTicket>, naming: TicketNaming, signal?: AbortSignal): Promise<Map<string, RemoteTicket | null>> {
  const keys = new Set<string>();
  for (const { item, comment } of items) {
    if (remote.has(item.id)) continue;
    const link = linkOf(item, tracker);
    if (link) {
      if (naming.referenceOfKey(link.key)) keys.add(link.key);
      continue;
    }
    if (!comment) continue;
    for (const ref of comment.issueRefs) {
      const key = naming.keyOfReference(ref.text);
      if (key) keys.add(key);
    }
  }
  const out = new Map<string, RemoteTicket | null>();
  for (const key of keys) out.set(key, await client.get(key, signal));
  return out;
}

function syncEffects(workspace: Workspace, byId: Map<string, { item: LedgerItem; comment: SyncItem['comment']; file: string; line: number }>, connection: TrackerConnection, headCommit: string | null, by: string | null, ports: Ports): SyncEffects {
  const edits = { annotations: workspace.config.annotations };
  const { settings: config, codeLinks } = connection;
  const listed = (id: string): { item: LedgerItem; comment: SyncItem['comment']; file: string; line: number } => {
    const found = byId.get(id);
    if (!found) throw new PaydownError('ledger-not-found', `no item ${id} in the ledger`);
    return found;
  };
  return {
    async recordLink(itemId: string, ticket: RemoteTicket, pushed?: PushedFields): Promise<void> {
      const { tracker, key, url, state, stateReason, assignees, milestone, reference } = ticket;
      await recordTrackerLink(workspace.root, itemId, { tracker, key, url, state, stateReason, assignees, milestone, reference, ...(pushed ? { pushed } : {}) }, { clock: ports.clock, by });
    },
    pushed(itemId: string): PushedFields {
      return pushedFields(listed(itemId).item, connection.kind);
    },
    draft(itemId: string) {
      const { item, comment, file, line } = listed(itemId);
      let text: string | null;
      try {
        text = readFileSync(path.join(workspace.root, file), 'utf8');
      } catch {
        text = null;
      }
      const snippet = text === null ? null : commentLines(text, comment ?? { line, end: { line, column: 1 } });
      const permalink = headCommit && codeLinks ? codeLinks.file(headCommit, file, line, comment?.end.line ?? line) : null;
      const assignees = item.owners.map((o) => config.assignees[o]).filter((l): l is string => l !== undefined);
      return ticketDraft({ item, file, line, cell: comment?.cell ?? null, snippet, language: comment?.language ?? null, permalink, labels: config.labels, assignees });
    },
    async writeReference(itemId: string, reference: string): Promise<string | null> {
      const { comment } = listed(itemId);
      if (!comment) return 'the comment is no longer in the code';
      return refusalMessage(await writeReference(workspace.root, { ...comment, id: itemId }, [reference], edits), itemId);
    },
    async removeAnnotation(itemId: string): Promise<string | null> {
      const { comment } = listed(itemId);
      if (!comment) return 'the comment is no longer in the code';
      return refusalMessage(await removeAnnotation(workspace.root, { ...comment, id: itemId }, edits), itemId);
    },
    closeComment(action: Extract<SyncAction, { kind: 'close' }>): string {
      const short = action.commit.slice(0, 7);
      const where = codeLinks ? `${short} (${codeLinks.commit(action.commit)})` : short;
      return `Paydown: the debt this ticket tracks (\`${action.itemId}\`) left the code in ${where}, which is on the default branch. Closing.`;
    },
  };
}

function asPaydownError(err: unknown): unknown {
  if (!TrackerError.is(err)) return err;
  const reason = err.reason === 'unauthorized' || err.reason === 'forbidden' ? 'tracker-auth' : err.reason === 'untrusted-host' ? 'tracker-untrusted-host' : 'tracker-config';
  return new PaydownError(reason, err.message, err.details.hint);
}
