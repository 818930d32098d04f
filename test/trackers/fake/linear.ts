// LinearFake: Linear's GraphQL API over teams, workflow states, cycles, labels and issues,
// checked against Linear's published SDL (specs/linear-schema.graphql, matching @linear/sdk
// 88.3.0). Beyond the schema it models Linear's request and complexity budgets with their
// headers and the RATELIMITED error, Relay cursors, and issue filters.
//
// Invariants: identifiers (`PAY-7`) are never reused; `updatedAt` moves on every change
// (comments included); a filter or comparator the fake does not implement is recorded as
// `unsupported` instead of being ignored (an ignored filter would return every issue).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { RateLimitWindow, type Fault } from './behaviours';
import type { ContractFakeOptions, FakeResponse, RequestInfo } from './contractFake';
import { GraphqlContractFake, TrackerGraphQLError, connection, loadSchema, type GraphqlRequest } from './graphqlFake';

export const LINEAR_SCHEMA = join(__dirname, '..', 'specs', 'linear-schema.graphql');

// https://linear.app/developers/rate-limiting
const RATE_LIMIT_DOCS = 'https://linear.app/developers/rate-limiting';

export type LinearStateType = 'triage' | 'backlog' | 'unstarted' | 'started' | 'completed' | 'canceled';

export interface LinearState {
  id: string;
  name: string;
  type: LinearStateType;
  teamId: string;
  position: number;
}

export interface LinearCycle {
  id: string;
  number: number;
  name: string | null;
  teamId: string;
  startsAt: string;
  endsAt: string;
}

export interface LinearIssue {
  id: string;
  number: number;
  identifier: string;
  teamId: string;
  title: string;
  description: string | null;
  stateId: string;
  labelIds: string[];
  cycleId: string | null;
  assigneeId: string | null;
  estimate: number | null;
  priority: number;
  comments: Array<{ id: string; body: string; createdAt: string }>;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  canceledAt: string | null;
  /**
   * Archived (Linear archives closed issues after the team's auto-archive period) or deleted
   * (`trashed`: a deleted issue is archived into the trash). Lists leave archived issues out
   * unless asked with `includeArchived: true`.
   */
  archivedAt?: string | null;
  trashed?: boolean;
}

export interface LinearFakeOptions extends ContractFakeOptions {
  /** Personal API keys (sent bare: `Authorization: lin_api_…`) and OAuth tokens (`Bearer …`). */
  apiKeys?: string[];
  /** Requests per hour (Linear: 5,000 for an API key). */
  requestsLimit?: number;
  /** Complexity points per hour (Linear: 3,000,000 for an API key). */
  complexityLimit?: number;
  /** The most one query may cost (Linear: 10,000). */
  maxQueryComplexity?: number;
  /** HTTP status of a RATELIMITED answer: clients must read the error's `extensions`, not only the status. */
  rateLimitStatus?: 400 | 429;
  /** The team's estimate settings (Linear: Team.issueEstimationType, …AllowZero, …Extended). */
  estimation?: { type: 'notUsed' | 'exponential' | 'fibonacci' | 'linear' | 'tShirt'; allowZero?: boolean; extended?: boolean };
  /** Answer `issueLabelCreate` with Linear's forbidden error (workspaces can restrict label management to admins). */
  labelCreateForbidden?: boolean;
}

const PRIORITY_LABELS = ['No priority', 'Urgent', 'High', 'Medium', 'Low'];

/** A stateful fake of Linear's GraphQL API. */
export class LinearFake extends GraphqlContractFake {
  readonly teams = [{ id: 'team-pay', key: 'PAY', name: 'Payments' }];
  readonly viewer = { id: 'user-viewer', name: 'Pat Paydown', displayName: 'pat', email: 'pat@example.com', active: true };
  readonly users = [this.viewer, { id: 'user-alice', name: 'Alice Adams', displayName: 'alice', email: 'alice@example.com', active: true }];
  readonly states: LinearState[] = [];
  readonly cycles: LinearCycle[] = [];
  /** Team labels, and workspace labels (`teamId: null`), which every team may use. */
  readonly labels: Array<{ id: string; name: string; color: string; teamId: string | null }> = [];
  readonly issues: LinearIssue[] = [];
  readonly requestsWindow: RateLimitWindow;
  readonly complexityWindow: RateLimitWindow;
  private readonly apiKeys: Set<string>;
  private readonly maxQueryComplexity: number;
  private readonly rateLimitStatus: 400 | 429;
  private readonly estimation: NonNullable<LinearFakeOptions['estimation']>;
  private readonly labelCreateForbidden: boolean;
  private lastSyncId = 1000;
  private lastComplexity = 0;

  constructor(options: LinearFakeOptions = {}) {
    super(loadSchema(LINEAR_SCHEMA), '/graphql', options);
    this.apiKeys = new Set(options.apiKeys ?? ['lin_api_paydownFakeKey']);
    this.requestsWindow = new RateLimitWindow(this.clock, options.requestsLimit ?? 5000, 3_600_000);
    this.complexityWindow = new RateLimitWindow(this.clock, options.complexityLimit ?? 3_000_000, 3_600_000);
    this.maxQueryComplexity = options.maxQueryComplexity ?? 10_000;
    this.rateLimitStatus = options.rateLimitStatus ?? 400;
    this.estimation = options.estimation ?? { type: 'fibonacci' };
    this.labelCreateForbidden = options.labelCreateForbidden ?? false;
    const team = this.teams[0]!.id;
    (['Triage:triage', 'Backlog:backlog', 'Todo:unstarted', 'In Progress:started', 'Done:completed', 'Canceled:canceled'] as const).forEach((s, i) => {
      const [name, type] = s.split(':') as [string, LinearStateType];
      this.states.push({ id: `state-${type}`, name, type, teamId: team, position: i });
    });
    const day = 86_400_000;
    const start = this.clock.now() - 7 * day;
    for (let n = 1; n <= 3; n++) this.cycles.push({ id: `cycle-${n}`, number: n, name: `Cycle ${n}`, teamId: team, startsAt: new Date(start + (n - 1) * 14 * day).toISOString(), endsAt: new Date(start + n * 14 * day).toISOString() });
    this.labels.push({ id: 'label-debt', name: 'tech-debt', color: '#0f766e', teamId: team });
  }

  /** The GraphQL endpoint URL. */
  get endpoint(): string {
    return `${this.url}/graphql`;
  }

  /** Stores an issue as if created earlier. */
  seedIssue(fields: Partial<LinearIssue> & { title: string }): LinearIssue {
    return this.newIssue(fields);
  }

  // ---- tracker hooks ----

  protected authenticate(info: RequestInfo): boolean {
    // https://linear.app/developers/graphql#authentication: "Authorization: <API_KEY>" for
    // personal keys, "Authorization: Bearer <ACCESS_TOKEN>" for OAuth.
    const auth = String(info.headers.authorization ?? '').replace(/^Bearer /, '');
    return this.apiKeys.has(auth);
  }

  protected errorResponse(status: number, message: string, extensions: Record<string, unknown>): FakeResponse {
    return { status, body: { errors: [{ message, extensions: { userPresentableMessage: message, ...extensions } }] } };
  }

  protected statusForErrors(errors: readonly GraphQLError[]): number {
    // Linear answers user errors (bad input, unknown entity) with 400 and the errors list; the
    // data that did resolve still comes back.
    return errors.some((e) => e.extensions.code === 'RATELIMITED') ? this.rateLimitStatus : 400;
  }

  protected commonHeaders(req: GraphqlRequest | undefined): Record<string, string> {
    // "We return the following headers with every API response": requests and complexity
    // budgets with their reset times (UTC epoch milliseconds), and the query's complexity.
    return {
      'x-ratelimit-requests-limit': String(this.requestsWindow.limit),
      'x-ratelimit-requests-remaining': String(this.requestsWindow.remaining),
      'x-ratelimit-requests-reset': String(this.requestsWindow.resetAt),
      'x-ratelimit-complexity-limit': String(this.complexityWindow.limit),
      'x-ratelimit-complexity-remaining': String(this.complexityWindow.remaining),
      'x-ratelimit-complexity-reset': String(this.complexityWindow.resetAt),
      ...(req ? { 'x-complexity': String(this.lastComplexity) } : {}),
    };
  }

  protected rateLimit(req: GraphqlRequest, fault?: Fault): FakeResponse | undefined {
    this.lastComplexity = complexity(req);
    if (fault?.kind === 'rateLimit' || fault?.kind === 'secondaryRateLimit') this.requestsWindow.exhaust();
    // A query over the single-query maximum is refused whatever the budget.
    if (this.lastComplexity > this.maxQueryComplexity) {
      return this.errorResponse(400, `Query too complex: ${this.lastComplexity} exceeds the maximum of ${this.maxQueryComplexity}`, { code: 'QUERY_TOO_COMPLEX', type: 'graphql error', userError: true });
    }
    if (!this.requestsWindow.take() || !this.complexityWindow.take(this.lastComplexity)) {
      // "Once you reach the limit, requests will fail with a RATELIMITED error code" (same page).
      const retryAfter = Math.ceil((Math.min(this.requestsWindow.resetAt, this.complexityWindow.resetAt) - this.clock.now()) / 1000);
      const r = this.errorResponse(this.rateLimitStatus, 'Rate limit exceeded', { code: 'RATELIMITED', type: 'ratelimited', userError: false, documentation: RATE_LIMIT_DOCS });
      return { ...r, headers: { 'retry-after': String(retryAfter) } };
    }
    return undefined;
  }

  // ---- state ----

  private newIssue(fields: Partial<LinearIssue> & { title: string }): LinearIssue {
    const teamId = fields.teamId ?? this.teams[0]!.id;
    const team = this.teams.find((t) => t.id === teamId)!;
    const number = this.issues.filter((i) => i.teamId === teamId).length + 1;
    const now = new Date(this.clock.now()).toISOString();
    const issue: LinearIssue = {
      id: randomUUID(),
      number,
      identifier: `${team.key}-${number}`,
      teamId,
      description: null,
      stateId: this.states.find((s) => s.teamId === teamId && s.type === 'unstarted')!.id,
      labelIds: [],
      cycleId: null,
      assigneeId: null,
      estimate: null,
      priority: 0,
      comments: [],
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      canceledAt: null,
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }

  private notFound(what: string): TrackerGraphQLError {
    return new TrackerGraphQLError(`Entity not found: ${what}`, { code: 'INVALID_INPUT', type: 'invalid input', userError: true, userPresentableMessage: `Could not find referenced ${what}.` });
  }

  private findIssue(id: string): LinearIssue {
    const issue = this.issues.find((i) => i.id === id || i.identifier === id);
    if (!issue) throw this.notFound('Issue');
    return issue;
  }

  private setState(issue: LinearIssue, stateId: string): void {
    const state = this.states.find((s) => s.id === stateId && s.teamId === issue.teamId);
    if (!state) throw this.notFound('WorkflowState');
    issue.stateId = state.id;
    const now = new Date(this.clock.now()).toISOString();
    issue.completedAt = state.type === 'completed' ? now : null;
    issue.canceledAt = state.type === 'canceled' ? now : null;
  }

  // ---- GraphQL objects ----

  private teamObject(t: { id: string; key: string; name: string }): Record<string, unknown> {
    return {
      ...t,
      issueEstimationType: this.estimation.type,
      issueEstimationAllowZero: this.estimation.allowZero ?? false,
      issueEstimationExtended: this.estimation.extended ?? false,
      states: (a: ConnArgs) => this.statesConnection(this.states.filter((s) => s.teamId === t.id), a),
      cycles: (a: ConnArgs) => connection(this.cycles.filter((c) => c.teamId === t.id).map((c) => this.cycleObject(c)), a, (c) => c.id as string),
      activeCycle: () => {
        const c = this.cycles.find((x) => x.teamId === t.id && this.cycleActive(x));
        return c ? this.cycleObject(c) : null;
      },
      labels: (a: ConnArgs) => connection(this.labels.filter((l) => l.teamId === t.id).map((l) => this.labelObject(l)), a, (l) => l.id as string),
      issues: (a: ConnArgs) => this.issuesConnection({ ...a, filter: { and: [{ team: { id: { eq: t.id } } }, ...(a.filter ? [a.filter] : [])] } }),
    };
  }

  private statesConnection(states: LinearState[], a: ConnArgs): Record<string, unknown> {
    return connection(this.filterStates(states, a.filter).map((s) => this.stateObject(s)), a, (s) => s.id as string);
  }

  private filterStates(states: LinearState[], filter: unknown): LinearState[] {
    return states.filter((s) => this.matchFilter(filter, (key, cmp) => (key === 'id' ? compare(s.id, cmp) : key === 'name' ? compare(s.name, cmp) : key === 'type' ? compare(s.type, cmp) : key === 'team' ? this.matchTeam(s.teamId, cmp) : this.unsupportedFilter(`WorkflowStateFilter.${key}`)), 'WorkflowStateFilter'));
  }

  private stateObject(s: LinearState): Record<string, unknown> {
    return { id: s.id, name: s.name, type: s.type, position: s.position, color: '#95a2b3', description: null, createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z', archivedAt: null, team: () => this.teamObject(this.teams.find((t) => t.id === s.teamId)!) };
  }

  private cycleActive(c: LinearCycle): boolean {
    return Date.parse(c.startsAt) <= this.clock.now() && this.clock.now() < Date.parse(c.endsAt);
  }

  private cycleObject(c: LinearCycle): Record<string, unknown> {
    const now = this.clock.now();
    return {
      ...c,
      isActive: this.cycleActive(c),
      isFuture: Date.parse(c.startsAt) > now,
      isPast: Date.parse(c.endsAt) <= now,
      completedAt: Date.parse(c.endsAt) <= now ? c.endsAt : null,
      progress: 0,
      team: () => this.teamObject(this.teams.find((t) => t.id === c.teamId)!),
      issues: (a: ConnArgs) => this.issuesConnection({ ...a, filter: { and: [{ cycle: { id: { eq: c.id } } }, ...(a.filter ? [a.filter] : [])] } }),
    };
  }

  private labelObject(l: LinearFake['labels'][number]): Record<string, unknown> {
    return { ...l, team: () => (l.teamId ? this.teamObject(this.teams.find((t) => t.id === l.teamId)!) : null) };
  }

  /** IssueLabelFilter on one label (https://linear.app/developers/filtering). */
  private matchLabel(l: LinearFake['labels'][number], filter: unknown): boolean {
    return this.matchFilter(
      filter,
      (k, v) => (k === 'name' ? compare(l.name, v) : k === 'id' ? compare(l.id, v) : k === 'team' ? this.matchFilter(v, (k2, v2) => (k2 === 'null' ? (v2 ? l.teamId === null : l.teamId !== null) : l.teamId !== null && this.matchTeam(l.teamId, { [k2]: v2 })), 'NullableTeamFilter') : this.unsupportedFilter(`IssueLabelFilter.${k}`)),
      'IssueLabelFilter',
    );
  }

  private userObject(id: string | null): Record<string, unknown> | null {
    const u = this.users.find((x) => x.id === id);
    return u ? { ...u } : null;
  }

  private issueObject(i: LinearIssue): Record<string, unknown> {
    const state = this.states.find((s) => s.id === i.stateId)!;
    const team = this.teams.find((t) => t.id === i.teamId)!;
    return {
      id: i.id,
      identifier: i.identifier,
      number: i.number,
      title: i.title,
      description: i.description,
      priority: i.priority,
      priorityLabel: PRIORITY_LABELS[i.priority] ?? 'No priority',
      estimate: i.estimate,
      url: `https://linear.app/paydown/issue/${i.identifier.toLowerCase()}`,
      branchName: `pat/${i.identifier.toLowerCase()}`,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      completedAt: i.completedAt,
      canceledAt: i.canceledAt,
      archivedAt: i.archivedAt ?? null,
      trashed: i.trashed ?? null,
      labelIds: i.labelIds,
      state: this.stateObject(state),
      team: () => this.teamObject(team),
      cycle: () => {
        const c = this.cycles.find((x) => x.id === i.cycleId);
        return c ? this.cycleObject(c) : null;
      },
      assignee: () => this.userObject(i.assigneeId),
      labels: (a: ConnArgs) => connection(this.labels.filter((l) => i.labelIds.includes(l.id)).map((l) => this.labelObject(l)), a, (l) => l.id as string),
      comments: (a: ConnArgs) => connection(i.comments.map((c) => ({ ...c, updatedAt: c.createdAt, user: this.userObject(this.viewer.id) })), a, (c) => c.id),
    };
  }

  private issuesConnection(a: ConnArgs & { orderBy?: string | null; includeArchived?: boolean | null; sort?: unknown }): Record<string, unknown> {
    if (a.sort) this.unsupportedFilter('issues(sort:)');
    const key = a.orderBy === 'updatedAt' ? 'updatedAt' : 'createdAt';
    const list = this.issues.filter((i) => (a.includeArchived || !i.archivedAt) && this.matchIssue(i, a.filter)).sort((x, y) => (x[key] < y[key] ? 1 : x[key] > y[key] ? -1 : y.number - x.number));
    return connection(list.map((i) => this.issueObject(i)), a, (o) => o.id as string);
  }

  // ---- filters (https://linear.app/developers/filtering) ----

  /** Records the gap (the test fails) and lets the item through, as an ignored filter would. */
  private unsupportedFilter(what: string): boolean {
    this.unsupported(what);
    return true;
  }

  /** Every key of `filter` must hold (`and`/`or` compose); `test` answers one key. */
  private matchFilter(filter: unknown, test: (key: string, value: unknown) => boolean, type: string): boolean {
    if (!filter) return true;
    return Object.entries(filter as Record<string, unknown>).every(([key, value]) => {
      if (value === undefined || value === null) return true;
      if (key === 'and') return (value as unknown[]).every((f) => this.matchFilter(f, test, type));
      if (key === 'or') return (value as unknown[]).some((f) => this.matchFilter(f, test, type));
      return test(key, value);
    });
  }

  private matchTeam(teamId: string, filter: unknown): boolean {
    const team = this.teams.find((t) => t.id === teamId)!;
    return this.matchFilter(filter, (key, cmp) => (key === 'id' ? compare(team.id, cmp) : key === 'key' ? compare(team.key, cmp) : key === 'name' ? compare(team.name, cmp) : this.unsupportedFilter(`TeamFilter.${key}`)), 'TeamFilter');
  }

  private matchIssue(i: LinearIssue, filter: unknown): boolean {
    const state = this.states.find((s) => s.id === i.stateId)!;
    return this.matchFilter(
      filter,
      (key, cmp) => {
        switch (key) {
          case 'id':
            return compare(i.id, cmp);
          case 'number':
            return compare(i.number, cmp);
          case 'title':
            return compare(i.title, cmp);
          case 'description':
            return compare(i.description, cmp);
          case 'createdAt':
          case 'updatedAt':
          case 'completedAt':
          case 'canceledAt':
            return compare(i[key], cmp);
          case 'estimate':
            return compare(i.estimate, cmp);
          case 'state':
            return this.filterStates([state], cmp).length === 1;
          case 'team':
            return this.matchTeam(i.teamId, cmp);
          case 'cycle': {
            const c = this.cycles.find((x) => x.id === i.cycleId);
            return this.matchFilter(cmp, (k, v) => (k === 'null' ? (v ? !c : !!c) : !c ? false : k === 'id' ? compare(c.id, v) : k === 'number' ? compare(c.number, v) : k === 'isActive' ? compare(this.cycleActive(c), v) : this.unsupportedFilter(`NullableCycleFilter.${k}`)), 'NullableCycleFilter');
          }
          case 'labels': {
            const names = this.labels.filter((l) => i.labelIds.includes(l.id));
            return this.matchFilter(cmp, (k, v) => (k === 'some' ? names.some((l) => this.matchLabel(l, v)) : this.unsupportedFilter(`IssueLabelCollectionFilter.${k}`)), 'IssueLabelCollectionFilter');
          }
          default:
            return this.unsupportedFilter(`IssueFilter.${key}`);
        }
      },
      'IssueFilter',
    );
  }

  // ---- root ----

  protected root(): Record<string, unknown> {
    const bump = (i: LinearIssue): void => {
      i.updatedAt = new Date(this.clock.now()).toISOString();
      this.lastSyncId++;
    };
    return {
      viewer: () => this.userObject(this.viewer.id),
      users: (a: ConnArgs) => {
        const keys = ['id', 'email', 'displayName', 'name', 'active'] as const;
        const match = (u: (typeof this.users)[number]) => this.matchFilter(a.filter, (k, v) => ((keys as readonly string[]).includes(k) ? compare(u[k as (typeof keys)[number]], v) : this.unsupportedFilter(`UserFilter.${k}`)), 'UserFilter');
        return connection(this.users.filter(match).map((u) => ({ ...u })), a, (u) => u.id);
      },
      teams: (a: ConnArgs) => connection(this.teams.filter((t) => this.matchTeam(t.id, a.filter)).map((t) => this.teamObject(t)), a, (t) => t.id as string),
      team: ({ id }: { id: string }) => {
        const t = this.teams.find((x) => x.id === id || x.key === id);
        if (!t) throw this.notFound('Team');
        return this.teamObject(t);
      },
      issue: ({ id }: { id: string }) => this.issueObject(this.findIssue(id)),
      issues: (a: ConnArgs) => this.issuesConnection(a),
      workflowStates: (a: ConnArgs) => this.statesConnection(this.states, a),
      cycles: (a: ConnArgs) => {
        if (a.filter) {
          const list = this.cycles.filter((c) => this.matchFilter(a.filter, (k, v) => (k === 'team' ? this.matchTeam(c.teamId, v) : k === 'isActive' ? compare(this.cycleActive(c), v) : k === 'id' ? compare(c.id, v) : k === 'number' ? compare(c.number, v) : this.unsupportedFilter(`CycleFilter.${k}`)), 'CycleFilter'));
          return connection(list.map((c) => this.cycleObject(c)), a, (c) => c.id as string);
        }
        return connection(this.cycles.map((c) => this.cycleObject(c)), a, (c) => c.id as string);
      },
      issueLabels: (a: ConnArgs) => connection(this.labels.filter((l) => this.matchLabel(l, a.filter)).map((l) => this.labelObject(l)), a, (l) => l.id as string),
      // https://linear.app/developers/graphql: labels are created with issueLabelCreate, in a
      // team (teamId) or the workspace; names are unique within a team.
      issueLabelCreate: ({ input }: { input: Record<string, unknown> }) => {
        if (this.labelCreateForbidden) throw new TrackerGraphQLError('Only admins can create labels', { code: 'FORBIDDEN', type: 'forbidden', userError: true, userPresentableMessage: 'Only admins can create labels.' });
        for (const k of Object.keys(input)) if (!['name', 'teamId', 'color', 'description'].includes(k)) this.unsupportedFilter(`IssueLabelCreateInput.${k}`);
        const teamId = (input.teamId as string | undefined) ?? null;
        if (teamId && !this.teams.some((t) => t.id === teamId)) throw this.notFound('Team');
        const name = String(input.name);
        if (this.labels.some((l) => l.teamId === teamId && l.name.toLowerCase() === name.toLowerCase())) throw new TrackerGraphQLError('Duplicate label name', { code: 'INVALID_INPUT', type: 'invalid input', userError: true, userPresentableMessage: 'A label with this name already exists.' });
        const label = { id: randomUUID(), name, color: (input.color as string | undefined) ?? '#bec2c8', teamId };
        this.labels.push(label);
        this.lastSyncId++;
        return { success: true, lastSyncId: this.lastSyncId, issueLabel: this.labelObject(label) };
      },
      issueCreate: ({ input }: { input: Record<string, unknown> }) => {
        const teamId = String(input.teamId);
        if (!this.teams.some((t) => t.id === teamId)) throw this.notFound('Team');
        for (const k of Object.keys(input)) if (!['teamId', 'title', 'description', 'stateId', 'labelIds', 'cycleId', 'assigneeId', 'estimate', 'priority'].includes(k)) this.unsupportedFilter(`IssueCreateInput.${k}`);
        const labelIds = (input.labelIds as string[] | undefined) ?? [];
        if (labelIds.some((l) => !this.labels.some((x) => x.id === l))) throw this.notFound('IssueLabel');
        if (input.cycleId && !this.cycles.some((c) => c.id === input.cycleId)) throw this.notFound('Cycle');
        if (input.assigneeId && !this.users.some((u) => u.id === input.assigneeId)) throw this.notFound('User');
        const issue = this.newIssue({ teamId, title: String(input.title ?? ''), description: (input.description as string | undefined) ?? null, labelIds, cycleId: (input.cycleId as string | undefined) ?? null, assigneeId: (input.assigneeId as string | undefined) ?? null, estimate: (input.estimate as number | undefined) ?? null, priority: (input.priority as number | undefined) ?? 0 });
        if (input.stateId) this.setState(issue, String(input.stateId));
        this.lastSyncId++;
        return { success: true, lastSyncId: this.lastSyncId, issue: this.issueObject(issue) };
      },
      issueUpdate: ({ id, input }: { id: string; input: Record<string, unknown> }) => {
        const issue = this.findIssue(id);
        for (const [k, v] of Object.entries(input)) {
          if (k === 'title') issue.title = String(v);
          else if (k === 'description') issue.description = v as string | null;
          else if (k === 'stateId') this.setState(issue, String(v));
          else if (k === 'labelIds') issue.labelIds = v as string[];
          else if (k === 'addedLabelIds') issue.labelIds = [...new Set([...issue.labelIds, ...(v as string[])])];
          else if (k === 'removedLabelIds') issue.labelIds = issue.labelIds.filter((l) => !(v as string[]).includes(l));
          else if (k === 'cycleId') {
            if (v !== null && !this.cycles.some((c) => c.id === v)) throw this.notFound('Cycle');
            issue.cycleId = v as string | null;
          } else if (k === 'assigneeId') issue.assigneeId = v as string | null;
          else if (k === 'estimate') issue.estimate = v as number | null;
          else if (k === 'priority') issue.priority = v as number;
          else this.unsupportedFilter(`IssueUpdateInput.${k}`);
        }
        bump(issue);
        return { success: true, lastSyncId: this.lastSyncId, issue: this.issueObject(issue) };
      },
      commentCreate: ({ input }: { input: { issueId: string; body?: string } }) => {
        const issue = this.findIssue(input.issueId);
        const c = { id: randomUUID(), body: input.body ?? '', createdAt: new Date(this.clock.now()).toISOString() };
        issue.comments.push(c);
        bump(issue);
        return { success: true, lastSyncId: this.lastSyncId, comment: { ...c, updatedAt: c.createdAt, url: `https://linear.app/paydown/issue/${issue.identifier.toLowerCase()}#comment-${c.id}`, issue: () => this.issueObject(issue), user: this.userObject(this.viewer.id) } };
      },
    };
  }
}

interface ConnArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: unknown;
}

/** Linear's comparators (StringComparator, DateComparator, NumberComparator, …) on one value. */
function compare(value: unknown, comparator: unknown): boolean {
  if (comparator === null || typeof comparator !== 'object') return true;
  return Object.entries(comparator as Record<string, unknown>).every(([op, arg]) => {
    const s = value === null || value === undefined ? null : String(value);
    const num = (x: unknown): number => (typeof x === 'number' ? x : Date.parse(String(x)));
    switch (op) {
      case 'eq':
        return value === arg || (s !== null && s === String(arg) && typeof value !== 'number') || (typeof value === 'number' && value === Number(arg));
      case 'neq':
        return s !== String(arg);
      case 'in':
        return (arg as unknown[]).map(String).includes(String(s));
      case 'nin':
        return !(arg as unknown[]).map(String).includes(String(s));
      case 'null':
        return arg ? value === null || value === undefined : value !== null && value !== undefined;
      case 'contains':
        return s !== null && s.includes(String(arg));
      case 'containsIgnoreCase':
        return s !== null && s.toLowerCase().includes(String(arg).toLowerCase());
      case 'notContains':
        return s === null || !s.includes(String(arg));
      case 'startsWith':
        return s !== null && s.startsWith(String(arg));
      case 'endsWith':
        return s !== null && s.endsWith(String(arg));
      case 'eqIgnoreCase':
        return s !== null && s.toLowerCase() === String(arg).toLowerCase();
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        if (s === null) return false;
        if (typeof arg === 'string' && /^-?P/.test(arg)) throw new TrackerGraphQLError(`the fake does not implement relative durations (${arg})`, { code: 'FAKE_UNSUPPORTED', type: 'invalid input' });
        const a = num(value);
        const b = num(arg);
        return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
      }
      default:
        throw new TrackerGraphQLError(`the fake does not implement the comparator "${op}"`, { code: 'FAKE_UNSUPPORTED', type: 'invalid input' });
    }
  });
}

/**
 * Linear's complexity estimate: "each property is 0.1 point, each object 1 point, and
 * connections multiply their children's points by the pagination argument (default 50)",
 * rounded up (https://linear.app/developers/rate-limiting#complexity).
 */
export function complexity(req: GraphqlRequest): number {
  const fragments = new Map(req.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const argNumber = (f: FieldNode, name: string): number | undefined => {
    const a = f.arguments?.find((x) => x.name.value === name);
    if (!a) return undefined;
    if (a.value.kind === Kind.INT) return Number(a.value.value);
    if (a.value.kind === Kind.VARIABLE) {
      const v = req.variables[a.value.name.value];
      return typeof v === 'number' ? v : undefined;
    }
    return undefined;
  };
  const cost = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (!s.selectionSet) total += 0.1;
        else {
          const isConnection = s.selectionSet.selections.some((x) => x.kind === Kind.FIELD && (x.name.value === 'nodes' || x.name.value === 'edges'));
          const size = isConnection ? (argNumber(s, 'first') ?? argNumber(s, 'last') ?? 50) : 1;
          total += 1 + size * cost(s.selectionSet);
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) total += cost(s.selectionSet);
      else total += cost(fragments.get(s.name.value)?.selectionSet);
    }
    return total;
  };
  return Math.ceil(cost(req.operation.selectionSet));
}
