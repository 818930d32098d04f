/**
 * Linear's GraphQL transport, shared by the client and the sprint source: one request layer per
 * client (the token pinned to the API's origin, Linear's rate-limit headers and `RATELIMITED`
 * error, write pacing), Linear's error classes mapped onto the engine's reasons, cursor paging
 * to the end, and the team key resolved to its id once.
 *
 * Invariants:
 * - Every operation goes through {@link graphqlRequest}: queries are reads (retried, not paced),
 *   mutations writes (sent once; a lost answer is `outcome-unknown`).
 * - A rate-limit refusal is recognised by its `extensions.code`, whatever the HTTP status
 *   (Linear answers 400, sometimes 429).
 */
import type { HttpResponse } from '../../ports';
import { graphqlRequest, type GraphqlError, type GraphqlOperation } from '../graphql';
import { clientEnvironment, createTrackerHttp, numberHeader, type ClientEnvironment, type LimitState, type TrackerHttp } from '../http';
import { TrackerError, type TrackerErrorReason } from '../model';
import { MAX_OPERATION_COMPLEXITY, TEAM_BY_KEY, type Connection, type LinearTeamNode, type TeamByKey } from './queries';

/** Linear's GraphQL endpoint. */
export const DEFAULT_LINEAR_API_URL = 'https://api.linear.app/graphql';

/** Where a Linear team is and how to reach it. */
export interface LinearApiOptions extends ClientEnvironment {
  /** GraphQL endpoint: `https://api.linear.app/graphql`. */
  apiUrl: string;
  /** A personal API key (`lin_api_…`) or an OAuth access token; null sends none. */
  token: string | null;
  /** The URL the token was given for (default `apiUrl`): requests elsewhere are refused. */
  tokenHost?: string;
  /** Team key: `ENG`. */
  team: string;
}

/**
 * Linear documents no write limit beside the hourly request budget; two mutations a second keep
 * a long sync from spending it in bursts.
 */
const LINEAR_PACING = { minIntervalMs: 500, perHour: 0 };
const MAX_PAGES = 1000;

/**
 * `Authorization` for a token: personal API keys (`lin_api_…`) go bare, OAuth access tokens as
 * `Bearer` (https://linear.app/developers/graphql#authentication).
 */
export function linearAuthorization(token: string): string {
  if (/^Bearer /i.test(token) || token.startsWith('lin_api_')) return token;
  return `Bearer ${token}`;
}

/** The reason of one Linear GraphQL error, from its `extensions` (never its message); null: `failed`. */
export function linearErrorReason(error: GraphqlError): TrackerErrorReason | null {
  const ext = error.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code.toUpperCase() : '';
  const type = typeof ext.type === 'string' ? ext.type.toLowerCase() : '';
  if (code === 'RATELIMITED' || type === 'ratelimited') return 'rate-limited';
  if (code === 'AUTHENTICATION_ERROR' || type === 'authentication error') return 'unauthorized';
  if (code === 'FORBIDDEN' || type === 'forbidden' || type === 'feature not accessible') return 'forbidden';
  if (code === 'INVALID_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || type === 'invalid input' || type === 'graphql error' || type === 'user error') return 'invalid';
  return null;
}

function errorsOf(response: HttpResponse): GraphqlError[] {
  try {
    const body = JSON.parse(response.body) as { errors?: unknown };
    return Array.isArray(body.errors) ? body.errors.filter((e): e is GraphqlError => typeof e === 'object' && e !== null) : [];
  } catch {
    return [];
  }
}

/**
 * Linear's budgets from an answer's headers: requests (`x-ratelimit-requests-*`) and complexity
 * points (`x-ratelimit-complexity-*`), resets in epoch ms. The complexity budget counts as spent
 * when it cannot pay for one more operation of the dearest kind Paydown sends.
 */
export function linearLimitState(headers: Readonly<Record<string, string>>): LimitState {
  const requests = numberHeader(headers['x-ratelimit-requests-remaining']);
  const points = numberHeader(headers['x-ratelimit-complexity-remaining']);
  const operations = points === null ? null : Math.floor(points / MAX_OPERATION_COMPLEXITY);
  if (operations !== null && (requests === null || operations < requests)) return { remaining: operations, resetAt: numberHeader(headers['x-ratelimit-complexity-reset']) };
  return { remaining: requests, resetAt: numberHeader(headers['x-ratelimit-requests-reset']) };
}

/** One team's GraphQL access. */
export interface LinearApi {
  readonly url: string;
  readonly host: string;
  /** The configured team key, upper-cased as Linear keeps keys. */
  readonly teamKey: string;
  readonly http: TrackerHttp;
  run<T>(operation: GraphqlOperation, signal?: AbortSignal): Promise<T>;
  /** Every node of a cursor-paginated listing; `page` reads the page after a cursor. */
  all<T>(page: (after: string | null) => Promise<Connection<T>>): Promise<T[]>;
  /** The team (read once; a failed read is tried again next time). */
  team(signal?: AbortSignal): Promise<LinearTeamNode>;
}

export function createLinearApi(options: LinearApiOptions): LinearApi {
  const url = new URL(options.apiUrl).href;
  const host = new URL(url).host;
  const teamKey = options.team.trim().toUpperCase();
  if (!/^[A-Z0-9_]+$/.test(teamKey)) throw new TrackerError('invalid', `Linear team must be a team key such as ENG, got ${JSON.stringify(options.team)}`);
  const http = createTrackerHttp({
    ...clientEnvironment(options),
    name: 'Linear',
    credentials: options.token ? { token: options.token, host: options.tokenHost ?? url } : null,
    authorization: linearAuthorization,
    headers: { accept: 'application/json', 'user-agent': 'paydown' },
    pacing: LINEAR_PACING,
    limitState: linearLimitState,
    isRateLimited: (response) => errorsOf(response).some((e) => linearErrorReason(e) === 'rate-limited'),
    errorReason: (response) => {
      const first = errorsOf(response)[0];
      const reason = first ? linearErrorReason(first) : null;
      return reason === 'rate-limited' ? null : reason;
    },
  });

  const run = <T>(operation: GraphqlOperation, signal?: AbortSignal): Promise<T> => graphqlRequest<T>(http, url, operation, { name: 'Linear', classify: linearErrorReason, ...(signal ? { signal } : {}) });

  async function all<T>(page: (after: string | null) => Promise<Connection<T>>): Promise<T[]> {
    const out: T[] = [];
    let after: string | null = null;
    for (let n = 0; n < MAX_PAGES; n++) {
      const got: Connection<T> = await page(after);
      out.push(...got.nodes);
      const next = got.pageInfo.endCursor;
      if (!got.pageInfo.hasNextPage || !next || next === after) return out;
      after = next;
    }
    throw new TrackerError('failed', `Linear: a listing of more than ${MAX_PAGES} pages`);
  }

  let team: Promise<LinearTeamNode> | undefined;
  async function readTeam(signal?: AbortSignal): Promise<LinearTeamNode> {
    const found = (await run<TeamByKey>({ query: TEAM_BY_KEY, variables: { key: teamKey } }, signal)).teams.nodes.find((t) => t.key.toUpperCase() === teamKey);
    if (!found) throw new TrackerError('forbidden', `Linear: no team ${teamKey} that this token can see`, { hint: 'check the team key in the config and that the token has access to that team' });
    return found;
  }

  return {
    url,
    host,
    teamKey,
    http,
    run,
    all,
    team(signal) {
      team ??= readTeam(signal);
      return team.catch((err: unknown) => {
        team = undefined;
        throw err;
      });
    },
  };
}
