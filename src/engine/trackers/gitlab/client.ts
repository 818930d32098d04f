/**
 * GitLab issues as a {@link TrackerClient} (gitlab.com and self-managed, REST v4): issues, notes,
 * milestones, iterations and users, over the shared request layer (retries, limits, pacing,
 * token pinning).
 *
 * Invariants:
 * - Tickets are found by the marker in their description, first through the project's listing of
 *   issues carrying Paydown's first label (a database read: it sees a ticket created a moment
 *   ago), then through `search` for tickets whose label a user removed.
 * - Every ticket Paydown creates carries all configured labels, so the listing finds it.
 * - A create whose answer is lost is never resent here: `outcome-unknown` goes to the engine,
 *   which looks the marker up before creating again. What follows a create (the iteration's
 *   note) never turns a created ticket into a failure.
 */
import { silentLogger } from '../../ports';
import type { ClientEnvironment, TrackerHttp } from '../http';
import { TrackerError, markerItemId, type RemoteTicket, type TicketDraft, type TicketPatch, type TrackerClient } from '../model';
import { checkPath, createGitLabHttp, gitlabApiBase, gitlabPages, pathId, query } from './api';
import { gitlabIterationName, projectIterationsUrl, type GlIteration } from './sprints';

/** What a GitLab client needs. */
export interface GitLabClientOptions extends ClientEnvironment {
  /** Path with namespace, nested groups allowed: `group/sub/project`. */
  project: string;
  /** REST base: `https://gitlab.com/api/v4`, `https://gitlab.acme.com/api/v4`. */
  apiUrl: string;
  token: string | null;
  /** The URL the token was given for (default apiUrl): requests elsewhere are refused. */
  tokenHost?: string;
  /** Labels every ticket gets; the first is how Paydown lists its tickets. */
  labels: readonly string[];
}

interface GlUser {
  id: number;
  username: string;
}
interface GlIssue {
  iid: number;
  web_url: string;
  title: string;
  description?: string | null;
  state: string;
  assignees?: GlUser[] | null;
  milestone?: { id: number; title: string } | null;
  iteration?: GlIteration | null;
  weight?: number | null;
  updated_at: string;
  user_notes_count?: number;
}
interface GlMilestone {
  id: number;
  title: string;
  state?: string;
}
interface GlNote {
  body?: string;
  system?: boolean;
}

/** GitLab's weight for an estimate: a non-negative integer, so a fractional estimate rounds up; null for none (or a negative one). */
function weightOf(estimate: number | null): number | null {
  return estimate !== null && Number.isFinite(estimate) && estimate >= 0 ? Math.ceil(estimate) : null;
}

/** The issue listing's filters Paydown uses (https://docs.gitlab.com/api/issues/#list-project-issues). */
type IssueQuery = Record<string, string | undefined> & { order_by: 'created_at' | 'updated_at' };

/** A {@link TrackerClient} for one GitLab project. */
export function createGitLabClient(options: GitLabClientOptions): TrackerClient {
  const project = checkPath(options.project, 'project');
  const api = gitlabApiBase(options.apiUrl);
  const projectApi = `${api}/projects/${pathId(project)}`;
  const logger = options.logger ?? silentLogger;
  const http: TrackerHttp = createGitLabHttp(options);
  const labels = [...options.labels];
  const milestones = new Map<string, Promise<number | null>>();
  const users = new Map<string, Promise<number | null>>();
  let iterations: Promise<GlIteration[]> | undefined;
  /** Null until a listing tried keyset pagination; false once GitLab refused it (before 18.3). */
  let keyset: boolean | null = null;

  const toTicket = (issue: GlIssue): RemoteTicket => ({
    tracker: 'gitlab',
    key: `${project}#${issue.iid}`,
    reference: `GL-${issue.iid}`,
    url: issue.web_url,
    title: issue.title,
    state: issue.state === 'closed' ? 'closed' : 'open',
    // GitLab keeps no reason beside its two states.
    stateReason: null,
    assignees: (issue.assignees ?? []).map((a) => a.username),
    milestone: issue.milestone?.title ?? (issue.iteration ? gitlabIterationName(issue.iteration) : null),
    updatedAt: issue.updated_at,
    itemId: markerItemId(issue.description),
  });

  /** The iid of a key (`group/project#12`, `GL-12`, `#12`, `12`) in this project. */
  const iidOf = (key: string): number => {
    const m = /^(?:([^#\s]+)#|GL-|#)?(\d+)$/i.exec(key.trim());
    if (!m || (m[1] !== undefined && m[1].toLowerCase() !== project.toLowerCase())) throw new TrackerError('invalid', `${JSON.stringify(key)} is not an issue of ${project}`);
    return Number(m[2]);
  };
  const signalOf = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

  /** Memoises a lookup per key; a failed one is tried again next time. */
  function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let p = cache.get(key);
    if (!p) {
      p = load();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  }

  async function fetchIssue(iid: number, signal?: AbortSignal): Promise<GlIssue | null> {
    try {
      return (await http.request<GlIssue>({ method: 'GET', url: `${projectApi}/issues/${iid}`, ...signalOf(signal) })).data;
    } catch (err) {
      if (TrackerError.is(err, 'not-found')) return null;
      throw err;
    }
  }

  /**
   * All issues matching `filters`, every state, every page: keyset pagination where GitLab has it
   * for project issues (18.3+, ordered by `created_at` or `updated_at`), offset pagination where it
   * answers 405 (https://docs.gitlab.com/api/rest/#keyset-based-pagination).
   */
  async function listIssues(filters: IssueQuery, signal?: AbortSignal): Promise<GlIssue[]> {
    const base = { state: 'all', ...filters, sort: 'asc', per_page: '100' };
    if (keyset !== false) {
      try {
        const list = await gitlabPages<GlIssue>(http, `${projectApi}/issues?${query({ ...base, pagination: 'keyset' })}`, signal);
        keyset = true;
        return list;
      } catch (err) {
        if (!(TrackerError.is(err) && err.details.status === 405 && keyset !== true)) throw err;
        logger.debug(`GitLab: ${new URL(api).host} has no keyset pagination for issues; paging by offset`);
        keyset = false;
      }
    }
    return gitlabPages<GlIssue>(http, `${projectApi}/issues?${query(base)}`, signal);
  }

  /** The id of the project's (or an ancestor group's) milestone titled `title`, open ones first. */
  function milestoneId(title: string, signal?: AbortSignal): Promise<number | null> {
    return once(milestones, title, async () => {
      const list = await gitlabPages<GlMilestone>(http, `${projectApi}/milestones?${query({ title, include_ancestors: true, per_page: 100 })}`, signal);
      const named = list.filter((m) => m.title === title);
      return (named.find((m) => m.state !== 'closed') ?? named[0])?.id ?? null;
    });
  }

  /** The iteration named `name` (as the sprint source names them), open ones first. */
  async function iterationNamed(name: string, signal?: AbortSignal): Promise<GlIteration | null> {
    iterations ??= gitlabPages<GlIteration>(http, projectIterationsUrl(api, project), signal).catch((err: unknown) => {
      // Iterations are Premium: a Free project answers 403 or 404. Not having them is no failure.
      if (TrackerError.is(err, 'not-found') || TrackerError.is(err, 'forbidden')) {
        logger.debug(`GitLab: ${project} has no iterations (${err.message})`);
        return [];
      }
      iterations = undefined;
      throw err;
    });
    const named = (await iterations).filter((it) => gitlabIterationName(it) === name);
    return named.find((it) => it.state !== 3 && it.state !== 'closed') ?? named[0] ?? null;
  }

  /** The user id of a username, or null when GitLab knows no such user. */
  function userId(username: string, signal?: AbortSignal): Promise<number | null> {
    return once(users, username.toLowerCase(), async () => {
      const list = (await http.request<GlUser[]>({ method: 'GET', url: `${api}/users?${query({ username })}`, ...signalOf(signal) })).data;
      return (Array.isArray(list) ? list : []).find((u) => u.username.toLowerCase() === username.toLowerCase())?.id ?? null;
    });
  }

  return {
    kind: 'gitlab',
    host: new URL(api).host,
    project,

    async findByMarkers(itemIds, signal) {
      const wanted = new Set(itemIds);
      const found = new Map<string, GlIssue>();
      const keep = (issue: GlIssue): void => {
        const id = markerItemId(issue.description);
        if (!id || !wanted.has(id)) return;
        const seen = found.get(id);
        // Two tickets for one item (made by hand, or before Paydown looked): the oldest counts.
        if (!seen || issue.iid < seen.iid) found.set(id, issue);
      };
      if (wanted.size === 0) return new Map();
      if (labels[0]) (await listIssues({ labels: labels[0], order_by: 'created_at' }, signal)).forEach(keep);
      if (found.size < wanted.size) {
        // Tickets whose label a user removed: GitLab's search in descriptions, without the label.
        const hits = await listIssues({ search: 'paydown', in: 'description', ...(labels[0] ? { 'not[labels]': labels[0] } : {}), order_by: 'created_at' }, signal);
        for (const hit of hits) {
          const id = markerItemId(hit.description);
          if (!id || !wanted.has(id) || (found.get(id)?.iid ?? Infinity) < hit.iid) continue;
          // Read it again from the issue itself, as a search hit may be an older copy.
          const fresh = await fetchIssue(hit.iid, signal);
          if (fresh) keep(fresh);
        }
      }
      return new Map([...found].map(([id, issue]) => [id, toTicket(issue)]));
    },

    async get(key, signal) {
      const issue = await fetchIssue(iidOf(key), signal);
      return issue ? toTicket(issue) : null;
    },

    async create(draft: TicketDraft, signal) {
      const milestone = draft.milestone ? await milestoneId(draft.milestone, signal) : null;
      const iteration = draft.milestone ? await iterationNamed(draft.milestone, signal) : null;
      if (draft.milestone && milestone === null && iteration === null) logger.info(`GitLab: ${project} has no milestone or iteration "${draft.milestone}"; ${draft.itemId}'s ticket gets neither`);
      const assigneeIds: number[] = [];
      const unknown: string[] = [];
      for (const username of draft.assignees) {
        const id = await userId(username, signal);
        if (id === null) unknown.push(username);
        else assigneeIds.push(id);
      }
      // A ticket without an assignee beats no ticket.
      if (unknown.length) logger.warn(`GitLab: no user ${unknown.join(', ')}; ${draft.itemId}'s ticket is created without ${unknown.length === 1 ? 'that assignee' : 'those assignees'}`);
      const weight = weightOf(draft.estimate);
      const body = {
        title: draft.title,
        description: draft.body,
        labels: [...new Set([...labels, ...draft.labels])].join(','),
        ...(milestone !== null ? { milestone_id: milestone } : {}),
        ...(assigneeIds.length ? { assignee_ids: assigneeIds } : {}),
        ...(weight !== null ? { weight } : {}),
      };
      const created = (await http.request<GlIssue>({ method: 'POST', url: `${projectApi}/issues`, body, ...signalOf(signal) })).data;
      if (iteration) {
        // The issues API takes no iteration; the `/iteration` quick action in a note sets it
        // (https://docs.gitlab.com/user/project/quick_actions/#issues-merge-requests-and-epics).
        try {
          await http.request({ method: 'POST', url: `${projectApi}/issues/${created.iid}/notes`, body: { body: `/iteration *iteration:${iteration.id}` }, ...signalOf(signal) });
          created.iteration = iteration;
        } catch (err) {
          if (signal?.aborted) throw err;
          logger.warn(`GitLab: ${project}#${created.iid} was created, but its iteration "${gitlabIterationName(iteration)}" could not be set (${err instanceof Error ? err.message : String(err)})`);
        }
      }
      return toTicket(created);
    },

    async update(key, patch: TicketPatch, signal) {
      const iid = iidOf(key);
      // Read first and send only what differs: a replay after a lost answer, or a patch GitLab
      // already holds, writes nothing (no system note, no new `updated_at`).
      const issue = await fetchIssue(iid, signal);
      if (!issue) throw new TrackerError('not-found', `GitLab: ${project}#${iid} no longer exists`);
      const body: Record<string, unknown> = {};
      if (patch.title !== undefined && patch.title !== issue.title) body.title = patch.title;
      /** The iteration the ticket should be in; undefined leaves it as it is. */
      let iteration: GlIteration | null | undefined;
      if (patch.milestone !== undefined) {
        const name = patch.milestone;
        const milestone = name === null ? null : await milestoneId(name, signal);
        iteration = name === null ? null : await iterationNamed(name, signal);
        if (name !== null && milestone === null && iteration === null) logger.info(`GitLab: ${project} has no milestone or iteration "${name}"; ${project}#${iid} leaves its milestone and iteration`);
        // `milestone_id: 0` unassigns (https://docs.gitlab.com/api/issues/#edit-an-issue).
        if ((issue.milestone?.id ?? null) !== milestone) body.milestone_id = milestone ?? 0;
      }
      if (patch.estimate !== undefined) {
        const weight = weightOf(patch.estimate);
        // `weight: null` clears it: the edit's `weight` is an optional integer, which takes null.
        if ((issue.weight ?? null) !== weight) body.weight = weight;
      }
      let current = issue;
      if (Object.keys(body).length > 0) current = (await http.request<GlIssue>({ method: 'PUT', url: `${projectApi}/issues/${iid}`, body, ...signalOf(signal) })).data;
      if (iteration !== undefined && (current.iteration?.id ?? null) !== (iteration?.id ?? null)) {
        // The edit takes no iteration either: the `/iteration` and `/remove_iteration` quick actions
        // (https://docs.gitlab.com/user/project/quick_actions/). A failure here is the update's: the
        // engine sends the patch again, and the read above skips what already happened.
        await http.request({ method: 'POST', url: `${projectApi}/issues/${iid}/notes`, body: { body: iteration ? `/iteration *iteration:${iteration.id}` : '/remove_iteration' }, ...signalOf(signal) });
        current = { ...current, iteration };
      }
      return toTicket(current);
    },

    async close(key, comment, signal) {
      const iid = iidOf(key);
      const issue = await fetchIssue(iid, signal);
      if (!issue) throw new TrackerError('not-found', `GitLab: ${project}#${iid} no longer exists`);
      if (issue.state === 'closed') return toTicket(issue);
      // A replay after a lost answer must not say it twice.
      const said = (issue.user_notes_count ?? 1) > 0 && (await gitlabPages<GlNote>(http, `${projectApi}/issues/${iid}/notes?${query({ sort: 'asc', per_page: 100 })}`, signal)).some((n) => !n.system && n.body?.trim() === comment.trim());
      if (!said) await http.request({ method: 'POST', url: `${projectApi}/issues/${iid}/notes`, body: { body: comment }, ...signalOf(signal) });
      const closed = await http.request<GlIssue>({ method: 'PUT', url: `${projectApi}/issues/${iid}`, body: { state_event: 'close' }, ...signalOf(signal) });
      return toTicket(closed.data);
    },

    async changedSince(since, signal) {
      const filters: IssueQuery = { order_by: 'updated_at' };
      if (labels[0]) filters.labels = labels[0];
      // "Return issues updated on or after the given time" (https://docs.gitlab.com/api/issues/#list-project-issues).
      if (since) filters.updated_after = since;
      return (await listIssues(filters, signal)).map(toTicket);
    },
  };
}
