/**
 * GitLab's conventions for the shared request layer, used by the client and the sprint source:
 * the token header, the `RateLimit-*` headers, write pacing, project and group ids, and GitLab's
 * two pagination styles.
 *
 * Invariants: every listing is read to its end (a `Link` `rel="next"`, else `X-Next-Page`), and
 * every next page stays on the pinned origin (the request layer refuses any other).
 */
import { clientEnvironment, createTrackerHttp, nextLink, numberHeader, type ClientEnvironment, type LimitState, type TrackerHttp } from '../http';
import { TrackerError } from '../model';

/**
 * GitLab.com allows 2,000 authenticated API requests a minute per user and throttles issue and
 * note creation on their own, per minute (https://docs.gitlab.com/user/gitlab_com/#rate-limits-on-gitlabcom);
 * self-managed instances default to 300 issues and 300 notes a minute per user when those limits
 * are on (https://docs.gitlab.com/administration/settings/rate_limit_on_issues_creation/,
 * https://docs.gitlab.com/administration/settings/rate_limit_on_notes_creation/). Past them
 * GitLab answers 429 with `Retry-After`. One write a second (60 a minute, whatever the mix of
 * issues, notes and edits) stays under every creation limit GitLab documents as a default.
 */
export const GITLAB_PACING = { minIntervalMs: 1000, perHour: 0 };

/**
 * GitLab's `RateLimit-Remaining` and `RateLimit-Reset` (epoch seconds)
 * (https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers).
 */
export function gitlabLimitState(headers: Readonly<Record<string, string>>): LimitState {
  const reset = numberHeader(headers['ratelimit-reset']);
  return { remaining: numberHeader(headers['ratelimit-remaining']), resetAt: reset === null ? null : reset * 1000 };
}

/** What a GitLab request layer needs. */
export interface GitLabHttpOptions extends ClientEnvironment {
  apiUrl: string;
  token: string | null;
  tokenHost?: string;
}

/** The API base without a trailing slash; throws `invalid` for a URL that is not one. */
export function gitlabApiBase(apiUrl: string): string {
  try {
    return new URL(apiUrl.replace(/\/+$/, '')).href.replace(/\/+$/, '');
  } catch {
    throw new TrackerError('invalid', `GitLab API URL ${JSON.stringify(apiUrl)} is not a URL`, { hint: 'e.g. https://gitlab.com/api/v4' });
  }
}

/**
 * The request layer for one GitLab API. The token goes as `Authorization: Bearer`: GitLab takes
 * personal, project and group access tokens (and OAuth tokens) that way as well as in
 * `PRIVATE-TOKEN` (https://docs.gitlab.com/api/rest/authentication/#personalprojectgroup-access-tokens),
 * and the shared layer pins and redacts exactly that header.
 */
export function createGitLabHttp(options: GitLabHttpOptions): TrackerHttp {
  const api = gitlabApiBase(options.apiUrl);
  const layer = createTrackerHttp({
    ...clientEnvironment(options),
    name: 'GitLab',
    credentials: options.token ? { token: options.token, host: options.tokenHost ?? api } : null,
    headers: { accept: 'application/json', 'user-agent': 'paydown' },
    pacing: GITLAB_PACING,
    limitState: gitlabLimitState,
  });
  return {
    ...layer,
    async request(req) {
      try {
        return await layer.request(req);
      } catch (err) {
        throw unreachable(err);
      }
    },
  };
}

/**
 * GitLab answers 404 `Project Not Found` (or `Group Not Found`) both for a path that does not
 * exist and for one the token cannot see (https://docs.gitlab.com/api/rest/troubleshooting/#status-codes):
 * that is `forbidden` (the project is out of reach), never `not-found` (a ticket that is gone).
 */
function unreachable(err: unknown): unknown {
  if (!TrackerError.is(err, 'not-found')) return err;
  const what = /\b(Project|Group) Not Found\b/i.exec(err.message)?.[1];
  if (!what) return err;
  return new TrackerError('forbidden', err.message, { ...err.details, hint: `check the ${what.toLowerCase()} path and that the token's user can see it` });
}

/** A project or group path as an API id: `group/sub/project` → `group%2Fsub%2Fproject`. */
export const pathId = (path: string): string => encodeURIComponent(path);

/** A `group/project` path (nested groups allowed), or `invalid`. */
export function checkPath(path: string, what: 'project' | 'group'): string {
  const clean = path.trim().replace(/^\/+|\/+$/g, '');
  const min = what === 'project' ? 2 : 1;
  const parts = clean.split('/');
  if (parts.length < min || parts.some((p) => !/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(p))) {
    throw new TrackerError('invalid', `GitLab ${what} must be ${what === 'project' ? '"group/project" (nested groups allowed)' : 'a group path or id'}, got ${JSON.stringify(path)}`);
  }
  return clean;
}

/**
 * Every item of a GitLab listing: the next page is the `Link` header's `rel="next"` (offset and
 * keyset pagination both send it), else `X-Next-Page` (offset pagination's own header, empty on
 * the last page) (https://docs.gitlab.com/api/rest/#pagination).
 */
export async function gitlabPages<T>(http: TrackerHttp, first: string, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  for (let url: string | null = first; url !== null; ) {
    if (seen.has(url)) throw new TrackerError('failed', `GitLab GET ${new URL(url).host}${new URL(url).pathname}: the next page points back at a page already read`);
    seen.add(url);
    const r: { data: T[]; headers: Readonly<Record<string, string>> } = await http.request<T[]>({ method: 'GET', url, ...(signal ? { signal } : {}) });
    if (!Array.isArray(r.data)) throw new TrackerError('failed', `GitLab GET ${new URL(url).host}${new URL(url).pathname}: expected a list`);
    out.push(...r.data);
    const link = nextLink(r.headers.link);
    const nextPage = r.headers['x-next-page']?.trim();
    if (link !== null) url = new URL(link, url).href;
    else if (nextPage && /^\d+$/.test(nextPage)) {
      const next: URL = new URL(url);
      next.searchParams.set('page', nextPage);
      url = next.href;
    } else url = null;
  }
  return out;
}

/** A query string; absent values are left out. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, String(v));
  return q.toString();
}
