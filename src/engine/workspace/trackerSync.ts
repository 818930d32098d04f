/**
 * Tracker sync as a use case (`paydown sync`, the editor's "Sync with GitHub" and "Create
 * ticket"): bring the ledger up to date with the code, ask the tracker what it has, plan, run
 * (or only show, in a dry run), and bring the ledger up to date again after code edits.
 *
 * Invariants: the shell hands over credentials (which host each token is for) and the state
 * folder for the queue; nothing here reads the environment. See trackers/ for the guarantees
 * of each step.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PaydownConfig } from '../config/config';
import { defaultGitHubConfig, type GitHubTrackerConfig } from '../config/trackers';
import { PaydownError } from '../errors';
import { defaultBranchRef, reachedRef, remoteUrl } from '../git/remote';
import type { LedgerItem } from '../ledger/model';
import type { Ports } from '../ports';
import { resolveTarget, type TrackerCredential, type TrackerTarget } from '../trackers/credentials';
import { createGitHubClient, parseGitHubRemote } from '../trackers/github';
import { githubNaming, githubWebUrl } from '../trackers/github/naming';
import { TrackerError, type RemoteTicket, type TrackerClient, type TrackerKind } from '../trackers/model';
import { linkOf, planSync, type SyncAction, type SyncItem } from '../trackers/plan';
import { SyncQueue, type QueueEntry } from '../trackers/queue';
import { runSync, type ActionResult, type SyncEffects } from '../trackers/run';
import { ticketDraft } from '../trackers/ticketDraft';
import { recordTrackerLink } from '../ledger/trackerLinks';
import { removeAnnotation } from '../trackers/removal';
import { refusalMessage } from '../trackers/sourceEdit';
import { writeReference } from '../trackers/writeBack';
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
}

/** Runs a tracker sync of `workspace`. */
export async function syncTracker(workspace: Workspace, options: TrackerSyncOptions): Promise<TrackerSyncResult> {
  const tracker = options.tracker ?? configuredTracker(workspace.config);
  if (tracker !== 'github') throw new PaydownError('tracker-config', `${tracker} sync is not available yet`, 'use --tracker github');
  const config = workspace.config.trackers.github ?? defaultGitHubConfig();
  const ports = workspace.ports;
  const dryRun = options.dryRun === true;

  const credential = options.credentials.github;
  if (!credential) throw new PaydownError('tracker-config', 'no GitHub credentials were handed to sync', 'this is a bug in the shell that called it');
  const target = resolveTarget(config.apiUrl, credential, 'github');
  const repo = await projectOf(config, ports);
  if (!dryRun && target.token === null) throw new PaydownError('tracker-auth', `no GitHub token: sync needs one to reach ${target.host}`, credential.hints.token);
  const queue = options.stateDir ? SyncQueue.open(options.stateDir, workspace.root, `github:${target.host}/${repo}`, ports.logger) : null;
  const queuedIds = options.onlyQueued ? [...new Set((queue?.list() ?? []).map((e) => e.itemId))] : null;
  if (queuedIds && queuedIds.length === 0) {
    return { kind: 'tracker-sync', version: 1, tracker, project: repo, host: target.host, dryRun, apply: options.apply === true, checked: false, notice: null, results: [], queue: [], items: { considered: 0, linked: 0, openWithoutTicket: 0 } };
  }

  if (!dryRun) {
    await workspace.sync({ signal: options.signal });
    await options.afterLedgerWrite?.();
  }
  const listed = (await workspace.items({ signal: options.signal })).items;
  const only = options.only || queuedIds ? new Set([...(options.only ?? []), ...(queuedIds ?? [])]) : null;
  const items: SyncItem[] = listed.filter((l) => !only || only.has(l.item.id)).map((l) => ({ item: l.item, comment: l.comment }));
  for (const id of [...(options.create ?? []), ...(options.only ?? [])]) {
    if (!listed.some((l) => l.item.id === id)) throw new PaydownError('usage', `no item ${id} in the ledger`, 'list the ids with `paydown ledger list`; new comments get one with `paydown ledger sync`');
  }

  const naming = githubNaming(repo);
  const client: TrackerClient | null = target.token === null ? null : createGitHubClient({ repo, apiUrl: target.apiUrl, token: target.token, labels: config.labels, http: requireHttp(ports), clock: ports.clock, logger: ports.logger, sleep: options.sleep, maxWaitMs: options.maxWaitMs });

  const base = { tracker, naming, items, create: config.create, asked: options.create ?? [], closeRemoved: config.closeRemoved };
  const onDefaultBranch = await defaultBranchAnswers(items, ports);
  // First plan without the tracker: which items to look up (a listing by label covers the rest).
  const offlinePlan = planSync({ ...base, remote: null, onDefaultBranch });
  let remote: Map<string, RemoteTicket> | null = null;
  let byKey: Map<string, RemoteTicket | null> | undefined;
  let notice: string | null = client ? null : `not checked against ${target.host}, no token: ${credential.hints.token}`;
  let reachable = client;
  if (client) {
    try {
      const wanted = new Set<string>();
      for (const action of offlinePlan) if (action.kind === 'create') wanted.add(action.itemId);
      for (const { item } of items) if (linkOf(item, tracker)) wanted.add(item.id);
      remote = await client.findByMarkers([...wanted], options.signal);
      byKey = await ticketsByKey(client, items, remote, naming, options.signal);
    } catch (err) {
      if (!TrackerError.is(err) || (err.reason !== 'offline' && err.reason !== 'rate-limited' && err.reason !== 'outcome-unknown')) throw asPaydownError(err);
      notice = `${target.host} could not be reached: ${err.message}`;
      remote = null;
      reachable = null;
    }
  }
  // Unasked, the ledger's last known state could be stale: no annotation is removed on its word.
  const actions = remote ? planSync({ ...base, remote, byKey, onDefaultBranch }) : offlinePlan.filter((a) => a.kind !== 'closed-upstream');

  const byId = new Map(listed.map((l) => [l.item.id, l]));
  const head = (await ports.git?.head()) ?? null;
  const by = (await ports.identity.current())?.name ?? null;
  const effects = syncEffects(workspace, byId, config, repo, target, head, by, ports);
  const results = await runSync({ actions, client: reachable, unreachable: notice ?? undefined, dryRun, apply: options.apply === true, queue, scope: only, effects, clock: ports.clock, signal: options.signal });
  if (!dryRun && results.some((r) => r.outcome === 'done' && (r.action.kind === 'closed-upstream' || r.action.kind === 'write-reference'))) {
    await workspace.sync({ signal: options.signal });
  }
  if (!dryRun) await options.afterLedgerWrite?.();
  return { kind: 'tracker-sync', version: 1, tracker, project: repo, host: target.host, dryRun, apply: options.apply === true, checked: remote !== null, notice, results, queue: queue ? [...queue.list()] : [], items: itemCounts(items, tracker) };
}

function itemCounts(items: readonly SyncItem[], tracker: TrackerKind): TrackerSyncResult['items'] {
  const open = (i: SyncItem): boolean => i.comment !== null && (i.item.status === 'open' || i.item.status === 'scheduled' || i.item.status === 'in-progress');
  const linked = items.filter((i) => linkOf(i.item, tracker)).length;
  return { considered: items.length, linked, openWithoutTicket: items.filter((i) => open(i) && !linkOf(i.item, tracker)).length };
}

/** The one tracker a config names (today: GitHub), or a `tracker-config` error saying how to name one. */
function configuredTracker(config: PaydownConfig): TrackerKind {
  if (config.trackers.github) return 'github';
  throw new PaydownError('tracker-config', 'no tracker is configured for this workspace', 'add "trackers": { "github": {} } to .paydown/config.jsonc, or pass --tracker github');
}

/** `owner/name` from the config, else from the `origin` remote. */
async function projectOf(config: GitHubTrackerConfig, ports: Ports): Promise<string> {
  if (config.repo) return config.repo;
  const url = await remoteUrl(ports.git);
  const repo = url ? parseGitHubRemote(url) : null;
  if (repo) return repo;
  throw new PaydownError('tracker-config', url ? `the origin remote (${url}) does not name a GitHub repository` : 'this workspace has no origin remote to take the GitHub repository from', 'set "trackers": { "github": { "repo": "owner/name" } } in .paydown/config.jsonc');
}

function requireHttp(ports: Ports): NonNullable<Ports['http']> {
  if (!ports.http) throw new PaydownError('tracker-config', 'this workspace was opened without HTTP', 'this is a bug in the shell that opened it');
  return ports.http;
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
async function ticketsByKey(client: TrackerClient, items: readonly SyncItem[], remote: ReadonlyMap<string, RemoteTicket>, naming: ReturnType<typeof githubNaming>, signal?: AbortSignal): Promise<Map<string, RemoteTicket | null>> {
  const keys = new Set<string>();
  for (const { item, comment } of items) {
    if (remote.has(item.id)) continue;
    const link = linkOf(item, 'github');
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

function syncEffects(workspace: Workspace, byId: Map<string, { item: LedgerItem; comment: SyncItem['comment']; file: string; line: number }>, config: GitHubTrackerConfig, repo: string, target: TrackerTarget, headCommit: string | null, by: string | null, ports: Ports): SyncEffects {
  const edits = { annotations: workspace.config.annotations };
  const web = githubWebUrl(target.apiUrl);
  const listed = (id: string): { item: LedgerItem; comment: SyncItem['comment']; file: string; line: number } => {
    const found = byId.get(id);
    if (!found) throw new PaydownError('ledger-not-found', `no item ${id} in the ledger`);
    return found;
  };
  return {
    async recordLink(itemId: string, ticket: RemoteTicket): Promise<void> {
      const { tracker, key, url, state, stateReason, assignees, milestone, reference } = ticket;
      await recordTrackerLink(workspace.root, itemId, { tracker, key, url, state, stateReason, assignees, milestone, reference }, { clock: ports.clock, by });
    },
    draft(itemId: string) {
      const { item, comment, file, line } = listed(itemId);
      let lines: string[] | null;
      try {
        lines = readFileSync(path.join(workspace.root, file), 'utf8').split(/\r\n|\r|\n/);
      } catch {
        lines = null;
      }
      const permalink = headCommit ? `${web}/${repo}/blob/${headCommit}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}${comment && comment.end.line > line ? `-L${comment.end.line}` : ''}` : null;
      const assignees = item.owners.map((o) => config.assignees[o]).filter((l): l is string => l !== undefined);
      return ticketDraft({ item, file, line, endLine: comment?.end.line ?? line, lines, language: comment?.language ?? null, permalink, labels: config.labels, assignees });
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
      return `Paydown: the debt this ticket tracks (\`${action.itemId}\`) left the code in ${short} (https://${new URL(web).host}/${repo}/commit/${action.commit}), which is on the default branch. Closing.`;
    },
  };
}

function asPaydownError(err: unknown): unknown {
  if (!TrackerError.is(err)) return err;
  const reason = err.reason === 'unauthorized' || err.reason === 'forbidden' ? 'tracker-auth' : err.reason === 'untrusted-host' ? 'tracker-untrusted-host' : 'tracker-config';
  return new PaydownError(reason, err.message, err.details.hint);
}
