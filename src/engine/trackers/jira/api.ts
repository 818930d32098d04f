/**
 * The request layer of one Jira site, Cloud or Data Center: authentication, rate limits and
 * pacing for the shared {@link createTrackerHttp}, and the two ways Jira pages its listings
 * (issue search; the Agile API's `startAt`/`isLast`).
 *
 * Invariants:
 * - Cloud sends `Basic base64(email:token)`, Data Center `Bearer <PAT>`, only to the origin the
 *   credentials were given for; neither the token nor the base64 form appears in any message.
 * - Every listing is read to its end; a search is a read (`readOnly` POST): retried, not paced.
 */
import { clientEnvironment, createTrackerHttp, numberHeader, type ClientEnvironment, type LimitState, type TrackerHttp } from '../http';
import { TrackerError } from '../model';

/** Jira Cloud (REST v3 + Agile 1.0) or Jira Data Center / Server (REST v2 + Agile 1.0). */
export type JiraDeployment = 'cloud' | 'datacenter';

/** Cloud: an Atlassian account's email and API token; Data Center: a personal access token. */
export type JiraAuth = { kind: 'basic'; email: string; token: string } | { kind: 'bearer'; token: string };

/** Where a Jira site is and how to reach it. */
export interface JiraSiteOptions extends ClientEnvironment {
  /** Site base: `https://acme.atlassian.net`, `https://jira.acme.com/jira` (DC context paths allowed). */
  apiUrl: string;
  deployment: JiraDeployment;
  /** Cloud: basic (email + API token); DC: bearer (personal access token); null: none. */
  auth: JiraAuth | null;
  /** The URL the credentials were given for (default apiUrl). */
  tokenHost?: string;
}

/** One Jira site's request layer and base URLs. */
export interface JiraApi {
  http: TrackerHttp;
  deployment: JiraDeployment;
  /** The site base, no trailing slash: `https://jira.acme.com/jira`. */
  site: string;
  /** `<site>/rest/api/3` (Cloud) or `<site>/rest/api/2` (DC). */
  rest: string;
  /** `<site>/rest/agile/1.0`. */
  agile: string;
  host: string;
}

/**
 * Writes one every 250 ms at most: Cloud's burst limit is per endpoint and second and its
 * per-issue write limit spaces writes to one issue
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/); a DC admin's token bucket
 * is often 10-20 requests a second
 * (https://confluence.atlassian.com/adminjiraserver/improving-instance-stability-with-rate-limiting-983794911.html).
 */
const JIRA_PACING = { minIntervalMs: 250, perHour: 0 };
/**
 * A 429 that says nothing of when (DC's limiter often sends no `Retry-After`): back off from 5 s,
 * doubling, as Atlassian advises ("double the delay after each successive 429", with jitter:
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/).
 */
const JIRA_FALLBACK_MS = 5000;
const PAGE = 100;
const MAX_PAGES = 1000;

/** The request layer for one Jira site. */
export function createJiraApi(options: JiraSiteOptions): JiraApi {
  const site = options.apiUrl.trim().replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(site);
  } catch {
    throw new TrackerError('invalid', `Jira site must be a URL like https://acme.atlassian.net, got ${JSON.stringify(options.apiUrl)}`);
  }
  const auth = options.auth;
  const clock = options.clock;
  const limitState = (headers: Readonly<Record<string, string>>): LimitState => {
    const remaining = numberHeader(headers['x-ratelimit-remaining']);
    // Cloud: `X-RateLimit-Reset` is ISO 8601 `yyyy-MM-ddTHH:mmZ` (page above), not epoch seconds.
    const reset = headers['x-ratelimit-reset'] ? Date.parse(headers['x-ratelimit-reset']) : NaN;
    if (Number.isFinite(reset)) return { remaining, resetAt: reset };
    // DC: an empty bucket gets its next tokens within `X-RateLimit-Interval-Seconds`.
    const interval = numberHeader(headers['x-ratelimit-interval-seconds']);
    return { remaining, resetAt: remaining === 0 && interval !== null ? clock.now().getTime() + interval * 1000 : null };
  };
  const http = createTrackerHttp({
    ...clientEnvironment(options),
    name: 'Jira',
    credentials: auth ? { token: auth.token, host: options.tokenHost ?? site } : null,
    // Cloud: https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/;
    // DC: https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html
    ...(auth?.kind === 'basic' ? { authorization: (token: string) => `Basic ${Buffer.from(`${auth.email}:${token}`).toString('base64')}` } : {}),
    headers: { accept: 'application/json', 'user-agent': 'paydown' },
    pacing: JIRA_PACING,
    limitState,
    rateLimitFallbackMs: JIRA_FALLBACK_MS,
  });
  return { http, deployment: options.deployment, site, rest: `${site}/rest/api/${options.deployment === 'cloud' ? 3 : 2}`, agile: `${site}/rest/agile/1.0`, host: parsed.host };
}

const signalOf = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

/** A search answer's issue, with the fields asked for. */
export interface JiraIssueJson {
  id: string;
  key: string;
  fields?: Record<string, unknown>;
}

/**
 * Every issue `jql` finds, all pages, with `fields`. Cloud: `POST /rest/api/3/search/jql`, paged
 * by `nextPageToken` (absent on the last page, JRACLOUD-92184); the old `/search` is gone
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post).
 * Its index lags writes: `reconcile` lists issue ids to read fresh (Atlassian takes up to 50).
 * DC: `POST /rest/api/2/search`, paged by `startAt` until `total`
 * (https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/search-searchUsingSearchRequest).
 */
export async function searchIssues(api: JiraApi, jql: string, fields: readonly string[], options: { reconcile?: readonly string[]; signal?: AbortSignal } = {}): Promise<JiraIssueJson[]> {
  const out: JiraIssueJson[] = [];
  const where = `${api.host}${new URL(api.rest).pathname}/search`;
  if (api.deployment === 'cloud') {
    const reconcile = (options.reconcile ?? []).slice(-50).map(Number).filter(Number.isSafeInteger);
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) throw new TrackerError('failed', `Jira POST ${where}/jql: more than ${MAX_PAGES} pages`);
      const body = { jql, fields: [...fields], maxResults: PAGE, ...(token ? { nextPageToken: token } : {}), ...(reconcile.length ? { reconcileIssues: reconcile } : {}) };
      const r = await api.http.request<{ issues?: JiraIssueJson[]; nextPageToken?: string | null; isLast?: boolean }>({ method: 'POST', url: `${api.rest}/search/jql`, body, readOnly: true, ...signalOf(options.signal) });
      out.push(...(r.data?.issues ?? []));
      const next = r.data?.nextPageToken;
      if (!next || r.data?.isLast === true || next === token) return out;
      token = next;
    }
  }
  for (let startAt = 0, page = 0; ; page++) {
    if (page >= MAX_PAGES) throw new TrackerError('failed', `Jira POST ${where}: more than ${MAX_PAGES} pages`);
    const r = await api.http.request<{ issues?: JiraIssueJson[]; total?: number }>({ method: 'POST', url: `${api.rest}/search`, body: { jql, fields: [...fields], startAt, maxResults: PAGE }, readOnly: true, ...signalOf(options.signal) });
    const issues = r.data?.issues ?? [];
    out.push(...issues);
    // A site may answer fewer than asked (its own maximum): go on from what came.
    startAt += issues.length;
    if (issues.length === 0 || startAt >= (r.data?.total ?? 0)) return out;
  }
}

/**
 * Every value of an Agile API listing (`startAt`, `maxResults`, `isLast`, `values`):
 * https://developer.atlassian.com/cloud/jira/software/rest/intro/#pagination.
 */
export async function agileValues<T>(api: JiraApi, path: string, query: Record<string, string>, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  for (let startAt = 0, page = 0; ; page++) {
    if (page >= MAX_PAGES) throw new TrackerError('failed', `Jira GET ${api.host}${new URL(api.agile).pathname}${path}: more than ${MAX_PAGES} pages`);
    const params = new URLSearchParams({ ...query, startAt: String(startAt), maxResults: '50' });
    const r = await api.http.request<{ values?: T[]; isLast?: boolean; total?: number }>({ method: 'GET', url: `${api.agile}${path}?${params}`, ...signalOf(signal) });
    const values = r.data?.values ?? [];
    out.push(...values);
    startAt += values.length;
    if (values.length === 0 || r.data?.isLast === true || (r.data?.isLast === undefined && startAt >= (r.data?.total ?? 0))) return out;
  }
}
