/**
 * GitHub Issues as a {@link TrackerClient}, over the REST API only (issues, comments, labels,
 * milestones, search) and the shared request layer (retries, limits, pacing, token pinning).
 *
 * Invariants:
 * - Tickets are found by the marker in their body, first through the repository's listing of
 *   issues carrying Paydown's first label (consistent: it sees a ticket created a moment ago),
 *   then through search for tickets whose label a user removed (search lags behind writes).
 * - Every ticket Paydown creates carries all configured labels, so the listing finds it.
 * - A create whose answer is lost is never resent here: `outcome-unknown` goes to the engine,
 *   which looks the marker up before creating again.
 */
import { silentLogger } from '../../ports';
import { clientEnvironment, createTrackerHttp, nextLink, type ClientEnvironment, type TrackerHttp } from '../http';
import { TrackerError, markerItemId, type RemoteTicket, type TicketDraft, type TicketPatch, type TrackerClient } from '../model';

/** What a GitHub client needs. */
export interface GitHubClientOptions extends ClientEnvironment {
  /** `owner/name`. */
  repo: string;
  /** The REST API's base URL (`https://api.github.com`, `https://ghe.example.com/api/v3`). */
  apiUrl: string;
  /** The token, or null to send none (public repositories, read only). */
  token: string | null;
  /** The URL the token was given for (default `apiUrl`): requests elsewhere are refused. */
  tokenHost?: string;
  /** Labels every ticket gets; the first is how Paydown lists its tickets. */
  labels: readonly string[];
}

/**
 * GitHub's secondary limits: "no more than 80 content-generating requests per minute and no more
 * than 500 content-generating requests per hour"
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits);
 * one write a second keeps a long run well under the first.
 */
const GITHUB_PACING = { minIntervalMs: 1000, perHour: 500 };
const API_VERSION = '2022-11-28';

interface GhUser {
  login: string;
}
interface GhIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  assignees?: GhUser[] | null;
  milestone?: { title: string } | null;
  updated_at: string;
  comments: number;
  pull_request?: unknown;
}
interface GhMilestone {
  number: number;
  title: string;
}
interface GhComment {
  body?: string;
}
interface GhSearch {
  items: GhIssue[];
}

/** A {@link TrackerClient} for one GitHub repository. */
export function createGitHubClient(options: GitHubClientOptions): TrackerClient {
  const [owner, name] = options.repo.split('/') as [string, string];
  if (!owner || !name) throw new TrackerError('invalid', `GitHub repository must be "owner/name", got ${JSON.stringify(options.repo)}`);
  const api = options.apiUrl.replace(/\/+$/, '');
  const host = new URL(api).host;
  const project = `${owner}/${name}`;
  const repoApi = `${api}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const logger = options.logger ?? silentLogger;
  const http: TrackerHttp = createTrackerHttp({
    ...clientEnvironment(options),
    name: 'GitHub',
    credentials: options.token ? { token: options.token, host: options.tokenHost ?? api } : null,
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': API_VERSION, 'user-agent': 'paydown' },
    logger,
    pacing: GITHUB_PACING,
    resourceOf: (url) => (url.pathname.endsWith('/search/issues') ? 'search' : 'core'),
    // GitHub's secondary limits may come as a bare 403 naming them.
    isRateLimited: (_response, message) => /secondary rate limit|abuse detection/i.test(message),
  });
  const labels = [...options.labels];
  let milestones: Promise<GhMilestone[]> | undefined;

  const toTicket = (issue: GhIssue): RemoteTicket => ({
    tracker: 'github',
    key: `${project}#${issue.number}`,
    reference: `GH-${issue.number}`,
    url: issue.html_url,
    title: issue.title,
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    assignees: (issue.assignees ?? []).map((a) => a.login),
    milestone: issue.milestone?.title ?? null,
    updatedAt: issue.updated_at,
    itemId: markerItemId(issue.body),
  });

  /** The issue number of a key (`owner/name#12`, `GH-12`, `#12`, `12`) in this repository. */
  const numberOf = (key: string): number => {
    const m = /^(?:([^#\s]+)#|GH-|#)?(\d+)$/i.exec(key.trim());
    if (!m || (m[1] !== undefined && m[1].toLowerCase() !== project.toLowerCase())) throw new TrackerError('invalid', `${JSON.stringify(key)} is not an issue of ${project}`);
    return Number(m[2]);
  };

  const query = (params: Record<string, string>): string => new URLSearchParams(params).toString();
  const signalOf = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

  async function fetchIssue(number: number, signal?: AbortSignal): Promise<GhIssue | null> {
    try {
      return (await http.request<GhIssue>({ method: 'GET', url: `${repoApi}/issues/${number}`, ...signalOf(signal) })).data;
    } catch (err) {
      if (TrackerError.is(err, 'not-found')) return null;
      throw err;
    }
  }

  async function milestoneNumber(title: string, signal?: AbortSignal): Promise<number | null> {
    milestones ??= http.paginate<GhMilestone>(`${repoApi}/milestones?${query({ state: 'all', per_page: '100' })}`, signal);
    try {
      return (await milestones).find((m) => m.title === title)?.number ?? null;
    } catch (err) {
      milestones = undefined;
      throw err;
    }
  }

  /** Issues whose body mentions Paydown and which lack the listing label, through search (lags). */
  async function searchMarked(signal?: AbortSignal): Promise<GhIssue[]> {
    const terms = [`repo:${project}`, 'is:issue', 'in:body', '"paydown"', ...(labels[0] ? [`-label:"${labels[0]}"`] : [])];
    const out: GhIssue[] = [];
    let url: string | null = `${api}/search/issues?${query({ q: terms.join(' '), per_page: '100' })}`;
    // Search answers at most 1,000 results (10 pages of 100).
    for (let page = 0; url !== null && page < 10; page++) {
      const r: { data: GhSearch; headers: Readonly<Record<string, string>> } = await http.request<GhSearch>({ method: 'GET', url, ...signalOf(signal) });
      out.push(...r.data.items);
      const next = nextLink(r.headers.link);
      url = next === null ? null : new URL(next, url).href;
    }
    return out;
  }

  return {
    kind: 'github',
    host,
    project,

    async findByMarkers(itemIds, signal) {
      const wanted = new Set(itemIds);
      const found = new Map<string, GhIssue>();
      const keep = (issue: GhIssue): void => {
        const id = markerItemId(issue.body);
        if (issue.pull_request || !id || !wanted.has(id)) return;
        const seen = found.get(id);
        // Two tickets for one item (made by hand, or before Paydown looked): the oldest counts.
        if (!seen || issue.number < seen.number) found.set(id, issue);
      };
      if (wanted.size === 0) return new Map();
      if (labels[0]) {
        const listed = await http.paginate<GhIssue>(`${repoApi}/issues?${query({ state: 'all', labels: labels[0], per_page: '100' })}`, signal);
        listed.forEach(keep);
      }
      if (found.size < wanted.size) {
        // Search items may be stale: read each hit again from the issue itself.
        for (const hit of await searchMarked(signal)) {
          const id = markerItemId(hit.body);
          if (!id || !wanted.has(id) || found.has(id)) continue;
          const fresh = await fetchIssue(hit.number, signal);
          if (fresh) keep(fresh);
        }
      }
      return new Map([...found].map(([id, issue]) => [id, toTicket(issue)]));
    },

    async get(key, signal) {
      const issue = await fetchIssue(numberOf(key), signal);
      return issue && !issue.pull_request ? toTicket(issue) : null;
    },

    async create(draft: TicketDraft, signal) {
      const milestone = draft.milestone ? await milestoneNumber(draft.milestone, signal) : null;
      if (draft.milestone && milestone === null) logger.info(`GitHub: ${project} has no milestone "${draft.milestone}"; ${draft.itemId}'s ticket gets none`);
      const body = {
        title: draft.title,
        body: draft.body,
        labels: [...new Set([...labels, ...draft.labels])],
        ...(milestone !== null ? { milestone } : {}),
      };
      const post = (assignees: readonly string[]): Promise<{ data: GhIssue }> =>
        http.request<GhIssue>({ method: 'POST', url: `${repoApi}/issues`, body: assignees.length ? { ...body, assignees } : body, ...signalOf(signal) });
      try {
        return toTicket((await post(draft.assignees)).data);
      } catch (err) {
        // A 422 created nothing: a ticket without an assignee beats no ticket.
        const aboutAssignees = TrackerError.is(err, 'invalid') && (err.details.fields ?? []).some((f) => f === 'assignees' || f === 'assignee');
        if (!aboutAssignees || draft.assignees.length === 0) throw err;
        logger.warn(`GitHub: ${draft.assignees.join(', ')} cannot be assigned in ${project}; ${draft.itemId}'s ticket is created without an assignee`);
        return toTicket((await post([])).data);
      }
    },

    async update(key, patch: TicketPatch, signal) {
      const number = numberOf(key);
      const body: Record<string, unknown> = {};
      if (patch.title !== undefined) body.title = patch.title;
      if (patch.milestone !== undefined) {
        const milestone = patch.milestone === null ? null : await milestoneNumber(patch.milestone, signal);
        if (patch.milestone !== null && milestone === null) logger.info(`GitHub: ${project} has no milestone "${patch.milestone}"; ${project}#${number} leaves its milestone`);
        body.milestone = milestone;
      }
      if (Object.keys(body).length === 0) {
        const issue = await fetchIssue(number, signal);
        if (!issue) throw new TrackerError('not-found', `GitHub: ${project}#${number} no longer exists`);
        return toTicket(issue);
      }
      const updated = await http.request<GhIssue>({ method: 'PATCH', url: `${repoApi}/issues/${number}`, body, ...signalOf(signal) });
      return toTicket(updated.data);
    },

    async close(key, comment, signal) {
      const number = numberOf(key);
      const issue = await fetchIssue(number, signal);
      if (!issue) throw new TrackerError('not-found', `GitHub: ${project}#${number} no longer exists`);
      if (issue.state === 'closed') return toTicket(issue);
      // A replay after a lost answer must not say it twice.
      const said = issue.comments > 0 && (await http.paginate<GhComment>(`${repoApi}/issues/${number}/comments?per_page=100`, signal)).some((c) => c.body === comment);
      if (!said) await http.request({ method: 'POST', url: `${repoApi}/issues/${number}/comments`, body: { body: comment }, ...signalOf(signal) });
      const closed = await http.request<GhIssue>({ method: 'PATCH', url: `${repoApi}/issues/${number}`, body: { state: 'closed', state_reason: 'completed' }, ...signalOf(signal) });
      return toTicket(closed.data);
    },

    async changedSince(since, signal) {
      const params: Record<string, string> = { state: 'all', sort: 'updated', direction: 'asc', per_page: '100' };
      if (labels[0]) params.labels = labels[0];
      if (since) params.since = since;
      const list = await http.paginate<GhIssue>(`${repoApi}/issues?${query(params)}`, signal);
      return list.filter((i) => !i.pull_request).map(toTicket);
    },
  };
}
