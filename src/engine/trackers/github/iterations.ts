/**
 * GitHub Projects v2 iterations as a {@link SprintSource}, over the GraphQL API and the shared
 * request layer (retries, limits, token pinning).
 *
 * Invariants:
 * - One project: `owner`'s project `number`, an organisation's or a user's (`repositoryOwner`
 *   answers for both). Its iteration field is the one named, else its first (in the project's
 *   field order); every page of fields is read until one is found.
 * - Every iteration is listed, current and future (`iterations`) and past (`completedIterations`);
 *   an iteration of `duration` days from `startDate` ends `duration − 1` days after it.
 * - The token only goes to the GraphQL endpoint's origin (or `tokenHost`'s); a redirect
 *   elsewhere is refused before anything is sent.
 */
import { addDays, isCalendarDate, todayOf } from '../../dates';
import { silentLogger } from '../../ports';
import { graphqlRequest, type GraphqlError } from '../graphql';
import { clientEnvironment, createTrackerHttp, type ClientEnvironment } from '../http';
import { TrackerError, type SprintSource, type TrackerErrorReason, type TrackerSprint } from '../model';

/** What a GitHub sprint source needs besides the shell's ports. */
export interface GitHubSprintSourceOptions extends ClientEnvironment {
  /** The GraphQL endpoint (see {@link githubGraphqlUrl}). */
  graphqlUrl: string;
  /** The token (classic: `read:project` scope; fine-grained: Projects read), or null to send none. */
  token: string | null;
  /** The URL the token was given for (default `graphqlUrl`): requests elsewhere are refused. */
  tokenHost?: string;
  /** The project's owner: an organisation's or a user's login. */
  owner: string;
  /** The project's number (in its URL: github.com/orgs/acme/projects/3). */
  number: number;
  /** The iteration field's name, or null for the project's first iteration field. */
  field: string | null;
}

/**
 * The GraphQL endpoint of a REST API base: `https://api.github.com` → `https://api.github.com/graphql`,
 * GitHub Enterprise Server's `https://h/api/v3` → `https://h/api/graphql`.
 */
export function githubGraphqlUrl(apiUrl: string): string {
  const api = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(api) ? `${api.slice(0, -'/v3'.length)}/graphql` : `${api}/graphql`;
}

interface Iteration {
  id: string;
  title: string;
  startDate: string;
  duration: number;
}
interface FieldNode {
  __typename: string;
  id?: string;
  name?: string;
  configuration?: { iterations: Iteration[]; completedIterations: Iteration[] };
}
interface ProjectAnswer<P> {
  repositoryOwner: { __typename: string; projectV2?: (P & { title: string }) | null } | null;
}

const ITERATION_FIELD = `fragment PaydownIterationField on ProjectV2IterationField {
  id
  name
  configuration {
    iterations { id title startDate duration }
    completedIterations { id title startDate duration }
  }
}`;

/** The named field (any type: a field of another type is said so, not taken for a missing one). */
const NAMED_FIELD_QUERY = `query PaydownProjectIterationField($owner: String!, $number: Int!, $field: String!) {
  repositoryOwner(login: $owner) {
    __typename
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        title
        field(name: $field) { __typename ...PaydownIterationField }
      }
    }
  }
}
${ITERATION_FIELD}`;

/** One page of the project's fields, in the project's order, for its first iteration field. */
const FIELDS_QUERY = `query PaydownProjectIterationFields($owner: String!, $number: Int!, $after: String) {
  repositoryOwner(login: $owner) {
    __typename
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        title
        fields(first: 50, after: $after) {
          nodes { __typename ...PaydownIterationField }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
}
${ITERATION_FIELD}`;

/** How many field pages are read at most (50 fields each; GitHub allows 50 fields a project). */
const MAX_FIELD_PAGES = 20;
/** Tries of an operation GitHub refused for its rate limit (the layer waits out the reset between them). */
const RATE_LIMIT_TRIES = 3;

/** GitHub's GraphQL error types (`type` beside `message`) as the engine's reasons. */
function classify(error: GraphqlError): TrackerErrorReason | null {
  const type = error.type ?? (typeof error.extensions?.type === 'string' ? error.extensions.type : undefined);
  if (type === 'RATE_LIMITED' || /rate limit/i.test(error.message)) return 'rate-limited';
  // The project (or its owner) does not exist or the token cannot see it: GitHub says NOT_FOUND for both.
  if (type === 'NOT_FOUND' || type === 'FORBIDDEN' || type === 'INSUFFICIENT_SCOPES') return 'forbidden';
  return null;
}

/** A {@link SprintSource} reading one GitHub project's iterations. */
export function createGitHubSprintSource(options: GitHubSprintSourceOptions): SprintSource {
  const url = options.graphqlUrl;
  const host = new URL(url).host;
  const { owner, number, field } = options;
  if (!/^[A-Za-z0-9-]+$/.test(owner) || !Number.isInteger(number) || number <= 0) throw new TrackerError('invalid', `a GitHub project is "owner/number", got ${JSON.stringify(`${owner}/${number}`)}`);
  const scope = `${owner}'s project ${number}`;
  const http = createTrackerHttp({
    ...clientEnvironment(options),
    name: 'GitHub',
    credentials: options.token ? { token: options.token, host: options.tokenHost ?? url } : null,
    headers: { accept: 'application/vnd.github+json', 'user-agent': 'paydown' },
    logger: options.logger ?? silentLogger,
    // GraphQL spends its own budget (x-ratelimit-resource: graphql), apart from REST's `core`.
    resourceOf: () => 'graphql',
    isRateLimited: (_response, message) => /secondary rate limit|abuse detection/i.test(message),
  });
  const hint = `check that ${owner}'s project ${number} exists and that the token can read it (a classic token needs the read:project scope)`;

  /**
   * One query. "If you exceed your primary rate limit, the response status will still be 200, but
   * you will receive an error message, and the value of the x-ratelimit-remaining header will be 0"
   * (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
   * the layer has noted the reset from those headers, so asking again waits it out (or gives up
   * with `retryAt` when it is too far off).
   */
  async function query<T>(text: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await graphqlRequest<T>(http, url, { query: text, variables }, { name: `GitHub project ${owner}/${number}`, classify, ...(signal ? { signal } : {}) });
      } catch (err) {
        if (TrackerError.is(err, 'rate-limited') && tries < RATE_LIMIT_TRIES && err.details.retryAt === undefined) continue;
        if (TrackerError.is(err, 'forbidden')) throw new TrackerError('forbidden', err.message, { ...err.details, hint });
        throw err;
      }
    }
  }

  function project<P>(answer: ProjectAnswer<P>): P {
    const projectV2 = answer.repositoryOwner?.projectV2;
    if (!answer.repositoryOwner) throw new TrackerError('forbidden', `GitHub has no user or organisation ${owner} that the token can see`, { hint });
    if (!projectV2) throw new TrackerError('forbidden', `GitHub: ${owner} has no project ${number} that the token can see`, { hint });
    return projectV2;
  }

  async function iterationField(signal?: AbortSignal): Promise<FieldNode> {
    if (field !== null) {
      const found = project(await query<ProjectAnswer<{ field: FieldNode | null }>>(NAMED_FIELD_QUERY, { owner, number, field }, signal)).field;
      if (!found) throw new TrackerError('invalid', `GitHub: ${owner}'s project ${number} has no field named "${field}"`, { hint: 'check sprints.iterationField against the project\'s fields' });
      if (found.__typename !== 'ProjectV2IterationField') throw new TrackerError('invalid', `GitHub: the field "${field}" of ${owner}'s project ${number} is not an iteration field`, { hint: 'name an iteration field in sprints.iterationField' });
      return found;
    }
    let after: string | null = null;
    for (let page = 0; page < MAX_FIELD_PAGES; page++) {
      type Page = { fields: { nodes: (FieldNode | null)[] | null; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const { fields }: Page = project(await query<ProjectAnswer<Page>>(FIELDS_QUERY, { owner, number, after }, signal));
      const found = (fields.nodes ?? []).find((n): n is FieldNode => n?.__typename === 'ProjectV2IterationField');
      if (found) return found;
      if (!fields.pageInfo.hasNextPage || !fields.pageInfo.endCursor) break;
      after = fields.pageInfo.endCursor;
    }
    throw new TrackerError('invalid', `GitHub: ${owner}'s project ${number} has no iteration field`, { hint: 'add an iteration field to the project, or read sprints from another tracker' });
  }

  async function listSprints(signal?: AbortSignal): Promise<TrackerSprint[]> {
    const found = await iterationField(signal);
    const today = todayOf(options.clock.now());
    const toSprint = (it: Iteration, completed: boolean): TrackerSprint => {
      if (!isCalendarDate(it.startDate) || !Number.isInteger(it.duration) || it.duration < 1) throw new TrackerError('failed', `GitHub: iteration "${it.title}" has no usable dates (${it.startDate}, ${it.duration} days)`);
      const end = addDays(it.startDate, it.duration - 1);
      const state = completed || end < today ? 'closed' : it.startDate <= today ? 'active' : 'future';
      return { id: it.id, name: it.title, start: it.startDate, end, capacity: null, state };
    };
    const config = found.configuration ?? { iterations: [], completedIterations: [] };
    const sprints = [...config.completedIterations.map((it) => toSprint(it, true)), ...config.iterations.map((it) => toSprint(it, false))];
    return sprints.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  return { kind: 'github', host, scope, listSprints };
}
