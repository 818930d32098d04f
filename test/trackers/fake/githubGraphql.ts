// GitHubGraphqlFake: GitHub's GraphQL API over Projects v2 (owners, projects, their fields and
// iteration fields), checked against GitHub's schema (specs/github-graphql.schema.graphql, built
// from @octokit/graphql-schema's schema.json with buildClientSchema). Beyond the schema it
// models what GitHub documents in prose: connections need `first` or `last` (1–100), errors
// carry a top-level `type` (NOT_FOUND, RATE_LIMITED) with HTTP 200 and the data that did
// resolve, the points budget with its `x-ratelimit-*` headers, and 401 without a token.
//
// Invariants: owners are organisations or users (`repositoryOwner` answers both, the
// `organization`/`user` fields only their own kind); a field the fake does not serve is an
// `unsupported` violation, never a silent null.
import { join } from 'node:path';
import { RateLimitWindow, type Fault } from './behaviours';
import type { ContractFakeOptions, FakeResponse, Outcome, RecordedRequest, RequestInfo } from './contractFake';
import { GraphqlContractFake, TrackerGraphQLError, connection, loadSchema, type GraphqlRequest } from './graphqlFake';

export const GITHUB_GRAPHQL_SCHEMA = join(__dirname, '..', 'specs', 'github-graphql.schema.graphql');

// https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
const LIMITS_DOCS = 'https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api';

export interface GitHubIteration {
  id: string;
  title: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  /** Days. */
  duration: number;
}

/** A project field: an iteration field (with its iterations) or a plain one. */
export type GitHubProjectField =
  | { kind: 'iteration'; id: string; name: string; iterations: GitHubIteration[]; completedIterations: GitHubIteration[] }
  | { kind: 'text' | 'single-select'; id: string; name: string };

export interface GitHubProject {
  owner: string;
  number: number;
  title: string;
  fields: GitHubProjectField[];
}

export interface GitHubGraphqlFakeOptions extends ContractFakeOptions {
  /** Tokens GitHub accepts (`Authorization: bearer …` or `token …`). */
  tokens?: string[];
  /** Points per hour (GitHub: 5,000 for a user). Each query here costs 1. */
  pointsLimit?: number;
  /** HTTP status of a primary-limit refusal: GitHub documents 200 (with `RATE_LIMITED`); 403 is what some proxies show. */
  primaryLimitStatus?: 200 | 403;
}

/** A stateful fake of GitHub's GraphQL endpoint (`POST /graphql`) for Projects v2. */
export class GitHubGraphqlFake extends GraphqlContractFake {
  readonly owners = new Map<string, 'Organization' | 'User'>([
    ['paydown-dev', 'Organization'],
    ['alice', 'User'],
  ]);
  readonly projects: GitHubProject[] = [];
  readonly points: RateLimitWindow;
  private readonly tokens: Set<string>;
  private readonly primaryLimitStatus: 200 | 403;

  constructor(options: GitHubGraphqlFakeOptions = {}) {
    super(loadSchema(GITHUB_GRAPHQL_SCHEMA), '/graphql', options);
    this.tokens = new Set(options.tokens ?? ['ghp_paydownFakeToken']);
    this.points = new RateLimitWindow(this.clock, options.pointsLimit ?? 5000, 3_600_000);
    this.primaryLimitStatus = options.primaryLimitStatus ?? 200;
  }

  /** The GraphQL endpoint URL. */
  get endpoint(): string {
    return `${this.url}/graphql`;
  }

  /** Adds a project (fields in the project's order). */
  seedProject(project: GitHubProject): GitHubProject {
    this.projects.push(project);
    return project;
  }

  // ---- tracker hooks ----

  protected authenticate(info: RequestInfo): boolean {
    // https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#authenticating-with-a-personal-access-token-classic
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(String(info.headers.authorization ?? ''));
    return m !== null && this.tokens.has(m[1]!);
  }

  protected errorResponse(status: number, message: string, extensions: Record<string, unknown>): FakeResponse {
    // Without a valid token GitHub answers 401 with a REST-style body, not a GraphQL one.
    if (extensions.code === 'AUTHENTICATION_ERROR') return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' } };
    if (status >= 500 || status === 404) return { status, body: { message } };
    return { status, body: { errors: [{ message, ...(typeof extensions.type === 'string' ? { type: extensions.type } : {}) }] } };
  }

  protected statusForErrors(): number {
    // GitHub answers a query whose fields failed (NOT_FOUND, FORBIDDEN) with 200, the errors and the data that resolved.
    return 200;
  }

  protected commonHeaders(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.points.limit),
      'x-ratelimit-remaining': String(this.points.remaining),
      'x-ratelimit-used': String(this.points.used),
      'x-ratelimit-reset': String(Math.ceil(this.points.resetAt / 1000)),
      'x-ratelimit-resource': 'graphql',
    };
  }

  protected rateLimit(_req: GraphqlRequest, fault?: Fault): FakeResponse | undefined {
    if (fault?.kind === 'secondaryRateLimit') {
      // Secondary limits: 403 (or 429) with retry-after (same docs page).
      return { status: 403, headers: { 'retry-after': String(fault.retryAfterSeconds ?? 60) }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: LIMITS_DOCS } };
    }
    if (fault?.kind === 'rateLimit') this.points.exhaust();
    if (this.points.take(1)) return undefined;
    // "If you exceed your primary rate limit, the response status will still be 200, but you will
    // receive an error message, and the value of the x-ratelimit-remaining header will be 0."
    return { status: this.primaryLimitStatus, body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] } };
  }

  protected override async process(info: RequestInfo, bodyText: string, record: RecordedRequest): Promise<Outcome> {
    const outcome = await super.process(info, bodyText, record);
    // GitHub puts an error's type beside its message, not in `extensions`.
    if ('response' in outcome) {
      const body = outcome.response.body as { errors?: Array<Record<string, unknown>> } | undefined;
      for (const e of body?.errors ?? []) {
        const ext = e.extensions as Record<string, unknown> | undefined;
        if (ext && typeof ext.type === 'string') {
          e.type = ext.type;
          delete e.extensions;
        }
      }
    }
    return outcome;
  }

  // ---- the graph ----

  protected root(): Record<string, unknown> {
    return {
      repositoryOwner: ({ login }: { login: string }) => this.owner(login, null),
      organization: ({ login }: { login: string }) => this.owner(login, 'Organization') ?? this.notFound(`Could not resolve to an Organization with the login of '${login}'.`),
      user: ({ login }: { login: string }) => this.owner(login, 'User') ?? this.notFound(`Could not resolve to a User with the login of '${login}'.`),
    };
  }

  private owner(login: string, kind: 'Organization' | 'User' | null): Record<string, unknown> | null {
    const type = [...this.owners].find(([l]) => l.toLowerCase() === login.toLowerCase());
    if (!type || (kind !== null && type[1] !== kind)) return null;
    return {
      __typename: type[1],
      login: type[0],
      projectV2: ({ number }: { number: number }) => {
        const project = this.projects.find((p) => p.owner.toLowerCase() === login.toLowerCase() && p.number === number);
        return project ? this.project(project) : this.notFound(`Could not resolve to a ProjectV2 with the number ${number}.`);
      },
    };
  }

  private project(p: GitHubProject): Record<string, unknown> {
    return {
      __typename: 'ProjectV2',
      number: p.number,
      title: p.title,
      field: ({ name }: { name: string }) => {
        const f = p.fields.find((x) => x.name === name);
        return f ? this.field(f) : null;
      },
      fields: (args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null; orderBy?: unknown }) => {
        this.checkConnectionArgs('ProjectV2.fields', args);
        return connection(p.fields.map((f) => this.field(f)), args, (f) => String(f.id), 100);
      },
    };
  }

  private field(f: GitHubProjectField): Record<string, unknown> {
    const common = { id: f.id, name: f.name };
    if (f.kind === 'iteration') {
      const it = (i: GitHubIteration): Record<string, unknown> => ({ ...i, titleHTML: i.title });
      return { __typename: 'ProjectV2IterationField', ...common, dataType: 'ITERATION', configuration: { iterations: f.iterations.map(it), completedIterations: f.completedIterations.map(it), duration: f.iterations[0]?.duration ?? 14, startDay: 1 } };
    }
    return { __typename: f.kind === 'single-select' ? 'ProjectV2SingleSelectField' : 'ProjectV2Field', ...common, dataType: f.kind === 'single-select' ? 'SINGLE_SELECT' : 'TEXT' };
  }

  /**
   * "You must supply a `first` or `last` argument on any connection", "Values of `first` and
   * `last` must be within 1-100" (the limits page): GitHub refuses the query; here it is a
   * request violation too, so a test cannot pass on it.
   */
  private checkConnectionArgs(where: string, args: { first?: number | null; last?: number | null }): void {
    const n = args.first ?? args.last;
    if (n === undefined || n === null || n < 1 || n > 100) {
      const message = `${where}: you must provide a \`first\` or \`last\` value between 1 and 100 to properly paginate the connection`;
      this.violation('request', this.requestInfo(), message);
      throw new TrackerGraphQLError(message, { type: 'MISSING_PAGINATION_BOUNDARIES' });
    }
  }

  private requestInfo(): RequestInfo {
    const last = this.requests[this.requests.length - 1];
    return { method: last?.method ?? 'POST', url: new URL(last?.url ?? '/graphql', 'http://127.0.0.1'), headers: last?.headers ?? {} };
  }

  private notFound(message: string): never {
    throw new TrackerGraphQLError(message, { type: 'NOT_FOUND' });
  }
}
