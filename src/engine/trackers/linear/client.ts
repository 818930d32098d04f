/**
 * Linear issues as a {@link TrackerClient}: one team, over hand-written GraphQL operations
 * (`queries.ts`) and the shared request layer (`api.ts`).
 *
 * Invariants:
 * - Tickets are found by the marker in their description, through one consistent listing of
 *   the team's issues that carry Paydown's first label or mention `paydown:` (so a ticket whose
 *   label a user removed is still found). Two tickets for one item: the oldest counts.
 * - Every ticket Paydown creates carries all configured labels; a missing label is created in
 *   the team, and left out (with a warning) only when Linear refuses to create it.
 * - A create whose answer is lost is never resent here: `outcome-unknown` goes to the engine,
 *   which looks the marker up before creating again. Closing comments once, even on a replay.
 * - An update reads the issue and sends only the patch's fields Linear does not have yet: a
 *   replay, or a patch Linear already has, writes nothing.
 */
import { silentLogger } from '../../ports';
import { TrackerError, markerItemId, ticketMarker, visibleTicketMarker, type RemoteTicket, type TicketDraft, type TicketPatch, type TrackerClient } from '../model';
import { createLinearApi, type LinearApiOptions } from './api';
import { linearEstimate } from './estimate';
import { linearIdentifier } from './naming';
import {
  COMMENT_CREATE,
  COMPLETED_STATES,
  ISSUES,
  ISSUE_COMMENTS,
  ISSUE_CREATE,
  ISSUE_UPDATE,
  LABELS,
  LABEL_CREATE,
  USERS_NAMED,
  type CommentCreate,
  type CompletedStates,
  type IssueComments,
  type IssueCreate,
  type IssueUpdate,
  type Issues,
  type LabelCreate,
  type LabelsByName,
  type LinearCycleNode,
  type LinearIssueNode,
  type LinearUserNode,
  type Users,
} from './queries';
import { cycleName, teamCycles } from './sprints';

/** What a Linear client needs. */
export interface LinearClientOptions extends LinearApiOptions {
  /** GraphQL endpoint: `https://api.linear.app/graphql` (LINEAR_API_URL). */
  apiUrl: string;
  /**
   * A personal API key, sent bare in `Authorization` as Linear documents, when it starts with
   * `lin_api_`; anything else is an OAuth access token, sent as `Bearer`.
   */
  token: string | null;
  tokenHost?: string;
  /** Team key: `ENG`. */
  team: string;
  /** Labels every ticket gets (created in the team when missing); the first is how Paydown lists its tickets. */
  labels: readonly string[];
}

/** Text every Paydown marker holds: what the description filter looks for. */
const MARKER_TEXT = 'paydown:';

/**
 * The item id of a description's marker. Linear keeps descriptions as Markdown; should an editor
 * round trip escape the comment (`\<!-- … --\>`, `&lt;!-- … --&gt;`), the marker still counts.
 */
export function linearMarkerItemId(description: string | null | undefined): string | null {
  if (!description) return null;
  return markerItemId(description) ?? markerItemId(description.replace(/\\([<>!-])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
}

/**
 * A comment's text as Linear may give it back: its Markdown is re-serialised from a rich
 * document, which may escape punctuation and change whitespace.
 */
const commentText = (body: string): string => body.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1').replace(/\s+/g, ' ').trim();

/** State types Linear counts as done: the ticket is closed. */
const CLOSED_TYPES = new Set(['completed', 'canceled']);

/** A {@link TrackerClient} for one Linear team. */
export function createLinearClient(options: LinearClientOptions): TrackerClient {
  const api = createLinearApi(options);
  const logger = options.logger ?? silentLogger;
  const labels = [...new Set(options.labels)];
  const project = api.teamKey;
  /** Label ids by lower-cased name, as found or created in the team. */
  const labelIds = new Map<string, string>();
  /** Users by the lower-cased name a draft gave. */
  const users = new Map<string, Promise<LinearUserNode[]>>();
  let cycles: Promise<LinearCycleNode[]> | undefined;

  const toTicket = (issue: LinearIssueNode): RemoteTicket => ({
    tracker: 'linear',
    key: issue.identifier,
    reference: issue.identifier,
    url: issue.url,
    title: issue.title,
    state: CLOSED_TYPES.has(issue.state.type) ? 'closed' : 'open',
    stateReason: issue.state.name,
    assignees: issue.assignee ? [issue.assignee.displayName] : [],
    milestone: issue.cycle ? cycleName(issue.cycle) : null,
    updatedAt: issue.updatedAt,
    itemId: linearMarkerItemId(issue.description),
  });

  /** A cached listing; a failed read is tried again next time. */
  function cached<T>(get: () => Promise<T> | undefined, set: (p: Promise<T> | undefined) => void, read: () => Promise<T>): Promise<T> {
    const p = get() ?? read();
    set(p);
    return p.catch((err: unknown) => {
      set(undefined);
      throw err;
    });
  }

  /** Issues by filter, archived ones included, deleted ones (in the trash) left out. */
  async function listIssues(filter: Record<string, unknown>, signal?: AbortSignal): Promise<LinearIssueNode[]> {
    const all = await api.all((after) => api.run<Issues>({ query: ISSUES, variables: { filter, after } }, signal).then((d) => d.issues));
    return all.filter((i) => i.trashed !== true);
  }

  /** The team's issues Paydown may have made: its first label, or a marker in the description. */
  async function markedFilter(signal?: AbortSignal): Promise<Record<string, unknown>> {
    const team = await api.team(signal);
    const mentions = { description: { contains: MARKER_TEXT } };
    return { team: { id: { eq: team.id } }, ...(labels[0] ? { or: [{ labels: { some: { name: { eqIgnoreCase: labels[0] } } } }, mentions] } : mentions) };
  }

  async function issueByKey(key: string, signal?: AbortSignal): Promise<LinearIssueNode | null> {
    const identifier = linearIdentifier(key, project);
    if (!identifier) throw new TrackerError('invalid', `${JSON.stringify(key)} is not an issue of Linear team ${project}`);
    const team = await api.team(signal);
    // A filter answers an empty list for a missing issue; `issue(id:)` answers an error whose
    // kind only its message tells.
    const found = await listIssues({ team: { id: { eq: team.id } }, number: { eq: Number(identifier.split('-')[1]) } }, signal);
    return found[0] ?? null;
  }

  /** Label look-ups take turns, so concurrent creates do not both make a missing label. */
  let labelTurn: Promise<unknown> = Promise.resolve();
  function resolveLabels(names: readonly string[], teamId: string, itemId: string, signal?: AbortSignal): Promise<string[]> {
    const mine = labelTurn.then(() => resolveLabelsNow(names, teamId, itemId, signal));
    labelTurn = mine.catch(() => undefined);
    return mine;
  }

  /** Ids of `names` in the team (team or workspace labels, names ignoring case), creating the missing ones. */
  async function resolveLabelsNow(names: readonly string[], teamId: string, itemId: string, signal?: AbortSignal): Promise<string[]> {
    const lower = (n: string): string => n.trim().toLowerCase();
    const unknown = [...new Map(names.filter((n) => n.trim() && !labelIds.has(lower(n))).map((n) => [lower(n), n.trim()])).values()];
    if (unknown.length > 0) {
      const filter = { or: unknown.map((n) => ({ name: { eqIgnoreCase: n } })) };
      const found = await api.all((after) => api.run<LabelsByName>({ query: LABELS, variables: { filter, after } }, signal).then((d) => d.issueLabels));
      // A team label wins over a workspace label of the same name; another team's is not ours.
      for (const l of found.filter((x) => x.team === null)) labelIds.set(lower(l.name), l.id);
      for (const l of found.filter((x) => x.team?.id === teamId)) labelIds.set(lower(l.name), l.id);
      for (const name of unknown.filter((n) => !labelIds.has(lower(n)))) {
        try {
          const made = await api.run<LabelCreate>({ query: LABEL_CREATE, variables: { input: { name, teamId } }, mutation: true }, signal);
          if (made.issueLabelCreate.success) labelIds.set(lower(name), made.issueLabelCreate.issueLabel.id);
        } catch (err) {
          if (!TrackerError.is(err, 'invalid') && !TrackerError.is(err, 'forbidden')) throw err;
          logger.warn(`Linear: label "${name}" does not exist in team ${project} and cannot be created (${err.message}); ${itemId}'s ticket goes without it`);
        }
      }
    }
    return [...new Set(names.flatMap((n) => labelIds.get(lower(n)) ?? []))];
  }

  /**
   * The assignee: the first of the draft's names that is an active Linear user, matched by
   * email, then display name (the @handle), then full name, ignoring case. Linear issues have
   * one assignee; the other names are left out.
   */
  async function resolveAssignee(names: readonly string[], itemId: string, signal?: AbortSignal): Promise<string | null> {
    if (names.length === 0) return null;
    const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
    for (const name of names) {
      const key = name.trim().toLowerCase();
      if (!key) continue;
      const read = () => api.all((after) => api.run<Users>({ query: USERS_NAMED, variables: { name: name.trim(), after } }, signal).then((d) => d.users));
      const people = (await cached(() => users.get(key), (p) => (p ? users.set(key, p) : users.delete(key)), read)).filter((u) => u.active);
      const user = people.find((u) => same(u.email, name)) ?? people.find((u) => same(u.displayName, name)) ?? people.find((u) => same(u.name, name));
      if (user) return user.id;
    }
    logger.warn(`Linear: none of ${names.join(', ')} is an active user; ${itemId}'s ticket is created without an assignee`);
    return null;
  }

  /** The cycle named `name` (`Cycle 12` for an unnamed one), or null; a current or coming one before a past one. */
  async function resolveCycle(name: string, signal?: AbortSignal): Promise<string | null> {
    const all = await cached(() => cycles, (p) => (cycles = p), () => teamCycles(api, signal));
    const named = all.filter((c) => cycleName(c) === name.trim());
    const cycle = named.find((c) => !c.isPast) ?? named.at(-1);
    return cycle?.id ?? null;
  }

  return {
    kind: 'linear',
    host: api.host,
    project,

    async findByMarkers(itemIds, signal) {
      const wanted = new Set(itemIds);
      if (wanted.size === 0) return new Map();
      const found = new Map<string, LinearIssueNode>();
      for (const issue of await listIssues(await markedFilter(signal), signal)) {
        const id = linearMarkerItemId(issue.description);
        if (!id || !wanted.has(id)) continue;
        const seen = found.get(id);
        // Two tickets for one item (made by hand, or before Paydown looked): the oldest counts.
        if (!seen || issue.createdAt < seen.createdAt || (issue.createdAt === seen.createdAt && issue.number < seen.number)) found.set(id, issue);
      }
      return new Map([...found].map(([id, issue]) => [id, toTicket(issue)]));
    },

    async get(key, signal) {
      const issue = await issueByKey(key, signal);
      return issue ? toTicket(issue) : null;
    },

    async create(draft: TicketDraft, signal) {
      const team = await api.team(signal);
      const labelIdList = await resolveLabels([...new Set([...labels, ...draft.labels])], team.id, draft.itemId, signal);
      const assigneeId = await resolveAssignee(draft.assignees, draft.itemId, signal);
      const cycleId = draft.milestone ? await resolveCycle(draft.milestone, signal) : null;
      if (draft.milestone && !cycleId) logger.info(`Linear: team ${project} has no cycle "${draft.milestone}"; ${draft.itemId}'s ticket gets none`);
      const estimate = linearEstimate(draft.estimate, team);
      if (draft.estimate !== null && estimate === null) logger.info(`Linear: team ${project} does not use estimates; ${draft.itemId}'s ${draft.estimate} points are left out`);
      const input = {
        teamId: team.id,
        title: draft.title,
        // Linear's editor shows an HTML comment as text: the marker goes in as a quiet last line.
        description: draft.body.replace(ticketMarker(draft.itemId), visibleTicketMarker(draft.itemId)),
        ...(labelIdList.length ? { labelIds: labelIdList } : {}),
        ...(assigneeId ? { assigneeId } : {}),
        ...(cycleId ? { cycleId } : {}),
        ...(estimate !== null ? { estimate } : {}),
      };
      const made = await api.run<IssueCreate>({ query: ISSUE_CREATE, variables: { input }, mutation: true }, signal);
      if (!made.issueCreate.success || !made.issueCreate.issue) throw new TrackerError('outcome-unknown', `Linear: issueCreate for ${draft.itemId} did not report success`, { hint: 'look the ticket up before trying again' });
      return toTicket(made.issueCreate.issue);
    },

    async update(key, patch: TicketPatch, signal) {
      const issue = await issueByKey(key, signal);
      if (!issue) throw new TrackerError('not-found', `Linear: ${key} no longer exists in team ${project}`);
      // Only what differs from the issue is sent: a replay, or a patch Linear already has, writes nothing.
      const input: Record<string, unknown> = {};
      if (patch.title !== undefined && patch.title !== issue.title) input.title = patch.title;
      if (patch.milestone !== undefined) {
        const cycleId = patch.milestone === null ? null : await resolveCycle(patch.milestone, signal);
        // The item's sprint is not a cycle of the team: the issue is not in its old cycle any more.
        if (patch.milestone !== null && cycleId === null) logger.info(`Linear: team ${project} has no cycle "${patch.milestone}"; ${issue.identifier} leaves its cycle`);
        if (cycleId !== (issue.cycle?.id ?? null)) input.cycleId = cycleId;
      }
      if (patch.estimate !== undefined) {
        const team = await api.team(signal);
        const estimate = linearEstimate(patch.estimate, team);
        if (patch.estimate !== null && estimate === null) logger.info(`Linear: team ${project} does not use estimates; ${issue.identifier}'s ${patch.estimate} points are left out`);
        // A lost estimate clears Linear's; points the team cannot take leave it as it is.
        else if (estimate !== issue.estimate) input.estimate = estimate;
      }
      if (Object.keys(input).length === 0) return toTicket(issue);
      const edited = await api.run<IssueUpdate>({ query: ISSUE_UPDATE, variables: { id: issue.id, input }, mutation: true }, signal);
      if (!edited.issueUpdate.success || !edited.issueUpdate.issue) throw new TrackerError('outcome-unknown', `Linear: editing ${issue.identifier} did not report success`);
      return toTicket(edited.issueUpdate.issue);
    },

    async close(key, comment, signal) {
      const issue = await issueByKey(key, signal);
      if (!issue) throw new TrackerError('not-found', `Linear: ${key} no longer exists in team ${project}`);
      if (CLOSED_TYPES.has(issue.state.type)) return toTicket(issue);
      // A replay after a lost answer must not say it twice.
      const said = await api.all((after) => api.run<IssueComments>({ query: ISSUE_COMMENTS, variables: { id: issue.id, after } }, signal).then((d) => d.issue.comments));
      if (!said.some((c) => commentText(c.body) === commentText(comment))) {
        await api.run<CommentCreate>({ query: COMMENT_CREATE, variables: { input: { issueId: issue.id, body: comment } }, mutation: true }, signal);
      }
      const team = await api.team(signal);
      const states = await api.all((after) => api.run<CompletedStates>({ query: COMPLETED_STATES, variables: { team: team.id, after } }, signal).then((d) => d.workflowStates));
      const done = states.filter((s) => s.type === 'completed').sort((a, b) => a.position - b.position)[0];
      if (!done) throw new TrackerError('failed', `Linear: team ${project} has no workflow state of type "completed" to close ${issue.identifier} with`, { hint: 'add a Done state to the team' });
      const moved = await api.run<IssueUpdate>({ query: ISSUE_UPDATE, variables: { id: issue.id, input: { stateId: done.id } }, mutation: true }, signal);
      if (!moved.issueUpdate.success || !moved.issueUpdate.issue) throw new TrackerError('outcome-unknown', `Linear: moving ${issue.identifier} to "${done.name}" did not report success`);
      return toTicket(moved.issueUpdate.issue);
    },

    async changedSince(since, signal) {
      const filter = await markedFilter(signal);
      // The engine asks "at or after": `gte`, so a change at the boundary instant is not missed.
      const list = await listIssues(since ? { ...filter, updatedAt: { gte: since } } : filter, signal);
      return list.map(toTicket);
    },
  };
}
