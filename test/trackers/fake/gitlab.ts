// GitLabFake: one project's issues, notes, milestones and iterations behind the hand-written
// GitLab REST v4 contract (specs/gitlab-rest.handwritten.json, from GitLab's documentation).
// Modelled on top: offset pagination with GitLab's X-* headers and Link, keyset pagination with
// a cursor, `updated_after`, search in title/description, the `/iteration` quick action in
// notes, and GitLab's RateLimit-* headers and 429s.
//
// Invariants: iids are never reused; `updated_at` moves on every change (notes included).
import { join } from 'node:path';
import { RateLimitWindow, cursor, linkHeader, pageOf, type Fault } from './behaviours';
import { RestContractFake, TrackerHttpError, type ContractFakeOptions, type FakeResponse, type RequestInfo, type RestContext } from './contractFake';
import { OpenApiContract } from './openapiContract';

export const GITLAB_SPEC = join(__dirname, '..', 'specs', 'gitlab-rest.handwritten.json');

export interface GitLabIssue {
  id: number;
  iid: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed';
  labels: string[];
  milestoneId: number | null;
  iterationId: number | null;
  assigneeIds: number[];
  weight: number | null;
  notes: Array<{ id: number; body: string; system: boolean; createdAt: string }>;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface GitLabFakeOptions extends ContractFakeOptions {
  /** `namespace/project`; the project is also reachable by its numeric id 4242. */
  projectPath?: string;
  /** Accepted as `PRIVATE-TOKEN: …` or `Authorization: Bearer …`. */
  tokens?: string[];
  /** Authenticated API requests per minute (GitLab.com: 2,000). */
  requestsPerMinute?: number;
}

const PROJECT_ID = 4242;

/** A stateful fake of GitLab's REST API v4 for one project. */
export class GitLabFake extends RestContractFake {
  readonly projectPath: string;
  readonly issues: GitLabIssue[] = [];
  readonly users = [
    { id: 1, username: 'pat', name: 'Pat Paydown' },
    { id: 2, username: 'alice', name: 'Alice Adams' },
  ];
  readonly milestones = [{ id: 11, iid: 1, title: 'v1.0', state: 'active' as 'active' | 'closed', dueDate: '2026-04-01' as string | null }];
  readonly iterations: Array<{ id: number; iid: number; sequence: number; title: string | null; startDate: string; dueDate: string }> = [];
  readonly limit: RateLimitWindow;
  private readonly tokens: Set<string>;
  private nextId = 500;

  constructor(options: GitLabFakeOptions = {}) {
    super(OpenApiContract.fromFile(GITLAB_SPEC), '/api/v4', options);
    this.projectPath = options.projectPath ?? 'paydown-dev/sample';
    this.tokens = new Set(options.tokens ?? ['glpat-paydownFakeToken']);
    this.limit = new RateLimitWindow(this.clock, options.requestsPerMinute ?? 2000, 60_000);
    const day = 86_400_000;
    const d = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    const now = this.clock.now();
    for (let n = 1; n <= 3; n++) this.iterations.push({ id: 70 + n, iid: n, sequence: n, title: null, startDate: d(now + (n - 2) * 14 * day - 3 * day), dueDate: d(now + (n - 1) * 14 * day - 4 * day) });
    this.routes();
  }

  /** The API root clients are configured with: `http://127.0.0.1:PORT/api/v4`. */
  get apiUrl(): string {
    return `${this.url}/api/v4`;
  }

  seedIssue(fields: Partial<GitLabIssue> & { title: string }): GitLabIssue {
    return this.newIssue(fields);
  }

  issue(iid: number): GitLabIssue | undefined {
    return this.issues.find((i) => i.iid === iid);
  }

  // ---- tracker hooks ----

  protected authenticate(info: RequestInfo): boolean {
    // https://docs.gitlab.com/api/rest/authentication/#personalprojectgroup-access-tokens
    const header = info.headers['private-token'];
    if (typeof header === 'string') return this.tokens.has(header);
    const m = /^Bearer (.+)$/.exec(String(info.headers.authorization ?? ''));
    return !!m && this.tokens.has(m[1]!);
  }

  protected errorResponse(status: number, message: string): FakeResponse {
    // https://docs.gitlab.com/api/rest/troubleshooting/#status-codes
    const text = { 400: '400 Bad request', 401: '401 Unauthorized', 403: '403 Forbidden', 404: message.startsWith('404') ? message : '404 Not found', 405: '405 Method Not Allowed' }[status] ?? message;
    return { status, body: { message: text } };
  }

  protected invalidRequestResponse(issues: string[]): FakeResponse {
    return { status: 400, body: { error: issues.join(', ') } };
  }

  protected commonHeaders(): Record<string, string> {
    // https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
    const w = this.limit;
    return {
      'ratelimit-name': 'throttle_authenticated_api',
      'ratelimit-limit': String(w.limit),
      'ratelimit-observed': String(w.used),
      'ratelimit-remaining': String(w.remaining),
      'ratelimit-reset': String(Math.floor(w.resetAt / 1000)),
      'ratelimit-resettime': new Date(w.resetAt).toUTCString(),
    };
  }

  protected rateLimit(_info: RequestInfo, fault?: Fault): FakeResponse | undefined {
    if (fault?.kind === 'rateLimit' || fault?.kind === 'secondaryRateLimit') this.limit.exhaust();
    if (this.limit.take()) return undefined;
    // A throttled request gets 429, `Retry-After` in seconds and the plain-text body "Retry later".
    return { status: 429, headers: { 'retry-after': String(Math.max(1, Math.ceil((this.limit.resetAt - this.clock.now()) / 1000))), 'content-type': 'text/plain' }, body: 'Retry later\n' };
  }

  // ---- state and JSON ----

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private newIssue(fields: Partial<GitLabIssue> & { title: string }): GitLabIssue {
    const now = this.now();
    const issue: GitLabIssue = { id: this.nextId++, iid: this.issues.length + 1, description: null, state: 'opened', labels: [], milestoneId: null, iterationId: null, assigneeIds: [], weight: null, notes: [], createdAt: now, updatedAt: now, closedAt: null, ...fields };
    this.issues.push(issue);
    return issue;
  }

  private checkProject(ctx: RestContext): void {
    const id = String(ctx.params.path.id);
    if (id !== String(PROJECT_ID) && id !== this.projectPath) throw new TrackerHttpError(404, '404 Project Not Found');
  }

  private find(ctx: RestContext): GitLabIssue {
    this.checkProject(ctx);
    const issue = this.issue(Number(ctx.params.path.issue_iid));
    if (!issue) throw new TrackerHttpError(404, '404 Not found');
    return issue;
  }

  private userJson(id: number): Record<string, unknown> {
    const u = this.users.find((x) => x.id === id)!;
    return { id: u.id, username: u.username, name: u.name, state: 'active', locked: false, avatar_url: null, web_url: `https://gitlab.example.com/${u.username}` };
  }

  private milestoneJson(id: number | null): Record<string, unknown> | null {
    const m = this.milestones.find((x) => x.id === id);
    return m ? { id: m.id, iid: m.iid, project_id: PROJECT_ID, title: m.title, description: null, state: m.state, created_at: '2026-01-05T10:00:00.000Z', updated_at: '2026-01-05T10:00:00.000Z', due_date: m.dueDate, start_date: null, expired: false, web_url: `https://gitlab.example.com/${this.projectPath}/-/milestones/${m.iid}` } : null;
  }

  private iterationState(it: { startDate: string; dueDate: string }): 1 | 2 | 3 {
    const today = new Date(this.clock.now()).toISOString().slice(0, 10);
    return today < it.startDate ? 1 : today > it.dueDate ? 3 : 2;
  }

  private iterationJson(id: number | null): Record<string, unknown> | null {
    const it = this.iterations.find((x) => x.id === id);
    return it ? { id: it.id, iid: it.iid, sequence: it.sequence, group_id: 9, title: it.title, description: null, state: this.iterationState(it), created_at: '2026-01-05T10:00:00.000Z', updated_at: '2026-01-05T10:00:00.000Z', start_date: it.startDate, due_date: it.dueDate, web_url: `https://gitlab.example.com/groups/paydown-dev/-/iterations/${it.id}` } : null;
  }

  private issueJson(i: GitLabIssue): Record<string, unknown> {
    return {
      id: i.id,
      iid: i.iid,
      project_id: PROJECT_ID,
      title: i.title,
      description: i.description,
      state: i.state,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      closed_by: i.state === 'closed' ? this.userJson(1) : null,
      labels: i.labels,
      milestone: this.milestoneJson(i.milestoneId),
      iteration: this.iterationJson(i.iterationId),
      assignees: i.assigneeIds.map((a) => this.userJson(a)),
      assignee: i.assigneeIds[0] ? this.userJson(i.assigneeIds[0]) : null,
      author: this.userJson(1),
      type: 'ISSUE',
      issue_type: 'issue',
      user_notes_count: i.notes.filter((n) => !n.system).length,
      weight: i.weight,
      due_date: null,
      confidential: false,
      discussion_locked: null,
      web_url: `https://gitlab.example.com/${this.projectPath}/-/issues/${i.iid}`,
      references: { short: `#${i.iid}`, relative: `#${i.iid}`, full: `${this.projectPath}#${i.iid}` },
    };
  }

  private noteJson(i: GitLabIssue, n: GitLabIssue['notes'][number]): Record<string, unknown> {
    return { id: n.id, type: null, body: n.body, author: this.userJson(1), created_at: n.createdAt, updated_at: n.createdAt, system: n.system, noteable_id: i.id, noteable_type: 'Issue', noteable_iid: i.iid, project_id: PROJECT_ID, resolvable: false, confidential: false, internal: false };
  }

  private labelsInput(v: unknown): string[] {
    return (Array.isArray(v) ? v.map(String) : String(v ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
  }

  /**
   * Offset pagination: X-Page, X-Per-Page, X-Next-Page, X-Prev-Page, X-Total, X-Total-Pages and a
   * Link header (https://docs.gitlab.com/api/rest/#pagination-link-header).
   */
  private offsetPage<T>(ctx: RestContext, items: T[]): FakeResponse {
    const perPage = Math.min(100, Number(ctx.params.query.per_page ?? 20));
    const page = Number(ctx.params.query.page ?? 1);
    const p = pageOf(items, page, perPage);
    const link = linkHeader(ctx.info.url, page, p.lastPage, ['prev', 'next', 'first', 'last']);
    return {
      status: 200,
      headers: {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-next-page': page < p.lastPage ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
        'x-total': String(p.total),
        'x-total-pages': String(p.lastPage),
        ...(link ? { link } : {}),
      },
      body: p.items,
    };
  }

  private routes(): void {
    this.route('GET /user', () => ({ status: 200, body: { ...this.userJson(1), email: 'pat@example.com', public_email: null, created_at: '2026-01-05T10:00:00.000Z', bot: false } }));
    this.route('GET /users', (ctx) => {
      const q = ctx.params.query;
      if (q.active !== undefined) ctx.unsupported('the "active" filter of GET /users');
      const list = this.users.filter((u) => (q.username === undefined || u.username === q.username) && (q.search === undefined || `${u.username} ${u.name}`.toLowerCase().includes(String(q.search).toLowerCase())));
      return this.offsetPage(ctx, list.map((u) => this.userJson(u.id)));
    });
    this.route('GET /projects/{id}', (ctx) => {
      this.checkProject(ctx);
      const [ns, path] = this.projectPath.split('/') as [string, string];
      return { status: 200, body: { id: PROJECT_ID, name: path, path, path_with_namespace: this.projectPath, name_with_namespace: `${ns} / ${path}`, description: null, web_url: `https://gitlab.example.com/${this.projectPath}`, default_branch: 'main', visibility: 'private', issues_enabled: true, namespace: { id: 9, name: ns, path: ns, kind: 'group', full_path: ns } } };
    });

    this.route('POST /projects/{id}/issues', (ctx) => {
      this.checkProject(ctx);
      const b = ctx.body as Record<string, unknown>;
      for (const k of ['due_date', 'confidential', 'issue_type', 'created_at', 'iid']) if (b[k] !== undefined) ctx.unsupported(`"${k}" on issue create`);
      if (typeof b.title !== 'string' || !b.title.trim()) throw new TrackerHttpError(400, 'title is missing', { message: { title: ["can't be blank"] } });
      if (b.milestone_id !== undefined && !this.milestones.some((m) => m.id === b.milestone_id)) throw new TrackerHttpError(404, '404 Milestone Not Found');
      const issue = this.newIssue({
        title: b.title,
        description: (b.description as string | undefined) ?? null,
        labels: [...this.labelsInput(b.labels), ...this.labelsInput(b.add_labels)],
        milestoneId: (b.milestone_id as number | undefined) ?? null,
        assigneeIds: ((b.assignee_ids as number[] | undefined) ?? []).filter((id) => this.users.some((u) => u.id === id)),
        weight: (b.weight as number | undefined) ?? null,
      });
      return { status: 201, body: this.issueJson(issue) };
    });

    this.route('GET /projects/{id}/issues/{issue_iid}', (ctx) => ({ status: 200, body: this.issueJson(this.find(ctx)) }));

    // https://docs.gitlab.com/api/issues/#edit-an-issue
    this.route('PUT /projects/{id}/issues/{issue_iid}', (ctx) => {
      const issue = this.find(ctx);
      const b = ctx.body as Record<string, unknown>;
      for (const k of ['due_date', 'confidential', 'issue_type', 'discussion_locked', 'updated_at']) if (b[k] !== undefined) ctx.unsupported(`"${k}" on issue edit`);
      if (b.title !== undefined && !String(b.title).trim()) throw new TrackerHttpError(400, 'title is blank', { message: { title: ["can't be blank"] } });
      // `milestone_id` 0 or empty unassigns; any other id must be a milestone the project sees.
      if (b.milestone_id && !this.milestones.some((m) => m.id === b.milestone_id)) throw new TrackerHttpError(404, '404 Milestone Not Found');
      const before = JSON.stringify(issue);
      if (b.title !== undefined) issue.title = String(b.title);
      if (b.description !== undefined) issue.description = b.description as string;
      if (b.labels !== undefined) issue.labels = this.labelsInput(b.labels);
      if (b.add_labels !== undefined) issue.labels = [...new Set([...issue.labels, ...this.labelsInput(b.add_labels)])];
      if (b.remove_labels !== undefined) {
        const gone = new Set(this.labelsInput(b.remove_labels));
        issue.labels = issue.labels.filter((l) => !gone.has(l));
      }
      if (b.milestone_id !== undefined) issue.milestoneId = (b.milestone_id as number | null) || null;
      if (b.assignee_ids !== undefined) issue.assigneeIds = b.assignee_ids as number[];
      if (b.weight !== undefined) issue.weight = b.weight as number | null;
      if (b.state_event === 'close' && issue.state === 'opened') {
        issue.state = 'closed';
        issue.closedAt = this.now();
      } else if (b.state_event === 'reopen' && issue.state === 'closed') {
        issue.state = 'opened';
        issue.closedAt = null;
      }
      // An edit that changes nothing leaves `updated_at` as it was, as Rails saves nothing then.
      if (JSON.stringify(issue) !== before) issue.updatedAt = this.now();
      return { status: 200, body: this.issueJson(issue) };
    });

    this.route('GET /projects/{id}/issues', (ctx) => {
      this.checkProject(ctx);
      const q = ctx.params.query;
      for (const k of ['created_before', 'scope', 'with_labels_details']) if (q[k] !== undefined) ctx.unsupported(`the "${k}" filter of list project issues`);
      let list = [...this.issues];
      if (q.state === 'opened' || q.state === 'closed') list = list.filter((i) => i.state === q.state);
      if (typeof q.labels === 'string') {
        const want = this.labelsInput(q.labels);
        list = list.filter((i) => (want[0] === 'None' ? i.labels.length === 0 : want[0] === 'Any' ? i.labels.length > 0 : want.every((w) => i.labels.includes(w))));
      }
      if (typeof q['not[labels]'] === 'string') {
        // `not[labels]`: issues carrying none of these (https://docs.gitlab.com/api/issues/#list-project-issues).
        const without = this.labelsInput(q['not[labels]']);
        list = list.filter((i) => !without.some((w) => i.labels.includes(w)));
      }
      if (typeof q.search === 'string') {
        const where = String(q.in ?? 'title,description').split(',');
        const needle = q.search.toLowerCase();
        list = list.filter((i) => (where.includes('title') && i.title.toLowerCase().includes(needle)) || (where.includes('description') && (i.description ?? '').toLowerCase().includes(needle)));
      }
      // "Return issues updated on or after the given time" (ISO 8601).
      if (typeof q.updated_after === 'string') list = list.filter((i) => Date.parse(i.updatedAt) >= Date.parse(q.updated_after as string));
      if (typeof q.updated_before === 'string') list = list.filter((i) => Date.parse(i.updatedAt) <= Date.parse(q.updated_before as string));
      if (typeof q.created_after === 'string') list = list.filter((i) => Date.parse(i.createdAt) >= Date.parse(q.created_after as string));
      if (Array.isArray(q['iids[]'])) list = list.filter((i) => (q['iids[]'] as number[]).includes(i.iid));
      if (typeof q.milestone === 'string') list = list.filter((i) => (q.milestone === 'None' ? i.milestoneId === null : q.milestone === 'Any' ? i.milestoneId !== null : this.milestones.find((m) => m.id === i.milestoneId)?.title === q.milestone));
      if (typeof q.iteration_id === 'string') list = list.filter((i) => (q.iteration_id === 'None' ? i.iterationId === null : q.iteration_id === 'Any' ? i.iterationId !== null : i.iterationId === Number(q.iteration_id)));
      const orderBy = String(q.order_by);
      const keyOf: Record<string, (i: GitLabIssue) => string | number> = { created_at: (i) => i.createdAt, updated_at: (i) => i.updatedAt, id: (i) => i.id, title: (i) => i.title };
      const key = keyOf[orderBy];
      if (!key) ctx.unsupported(`order_by=${orderBy}`);
      const dir = q.sort === 'asc' ? 1 : -1;
      const k = key ?? keyOf.created_at!;
      list.sort((a, b) => (k(a) < k(b) ? -dir : k(a) > k(b) ? dir : (a.id - b.id) * dir));

      if (q.pagination === 'keyset') {
        // https://docs.gitlab.com/api/rest/#keyset-based-pagination: project issues support it
        // for id, title, created_at, updated_at, due_date, relative_position and weight; other
        // orders answer 405. The next page is only in the Link header, and none means the end.
        if (!['id', 'title', 'created_at', 'updated_at', 'due_date', 'relative_position', 'weight'].includes(orderBy)) throw new TrackerHttpError(405, '405 Method Not Allowed', { message: 'Keyset pagination is not supported for this order' });
        const perPage = Math.min(100, Number(q.per_page ?? 20));
        let start = 0;
        if (typeof q.cursor === 'string') {
          const c = cursor.decode<{ id: number }>(q.cursor);
          if (!c) throw new TrackerHttpError(400, 'invalid cursor', { error: 'cursor is invalid' });
          start = list.findIndex((i) => i.id === c.id) + 1;
        }
        const page = list.slice(start, start + perPage);
        const headers: Record<string, string> = {};
        if (start + perPage < list.length) {
          const next = new URL(ctx.info.url);
          next.searchParams.delete('page');
          next.searchParams.set('cursor', cursor.encode({ id: page[page.length - 1]!.id }));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        return { status: 200, headers, body: page.map((i) => this.issueJson(i)) };
      }
      return this.offsetPage(ctx, list.map((i) => this.issueJson(i)));
    });

    this.route('GET /projects/{id}/issues/{issue_iid}/notes', (ctx) => {
      const issue = this.find(ctx);
      const notes = [...issue.notes].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1) * (ctx.params.query.sort === 'asc' ? 1 : -1));
      return this.offsetPage(ctx, notes.map((n) => this.noteJson(issue, n)));
    });

    this.route('POST /projects/{id}/issues/{issue_iid}/notes', (ctx) => {
      const issue = this.find(ctx);
      const body = String((ctx.body as { body: string }).body);
      // Quick actions run from a note as from the UI; the fake knows `/iteration *iteration:<id>`
      // and `/remove_iteration` (https://docs.gitlab.com/user/project/quick_actions/).
      const lines = body.split('\n');
      const kept: string[] = [];
      for (const line of lines) {
        const it = /^\/iteration\s+\*iteration:(\d+)\s*$/.exec(line.trim());
        if (it) {
          if (!this.iterations.some((x) => x.id === Number(it[1]))) throw new TrackerHttpError(400, 'unknown iteration', { message: 'Could not apply iteration command.' });
          issue.iterationId = Number(it[1]);
        } else if (line.trim() === '/remove_iteration') issue.iterationId = null;
        else if (/^\/[a-z_]+/.test(line.trim())) ctx.unsupported(`the quick action ${line.trim().split(/\s/)[0]}`);
        else kept.push(line);
      }
      const note = { id: this.nextId++, body: kept.join('\n').trim() || body, system: kept.join('').trim() === '', createdAt: this.now() };
      issue.notes.push(note);
      issue.updatedAt = this.now();
      return { status: 201, body: this.noteJson(issue, note) };
    });

    this.route('GET /projects/{id}/milestones', (ctx) => {
      this.checkProject(ctx);
      const q = ctx.params.query;
      const list = this.milestones.filter((m) => (q.state === undefined || m.state === q.state) && (q.title === undefined || m.title === q.title) && (q.search === undefined || m.title.toLowerCase().includes(String(q.search).toLowerCase())));
      return this.offsetPage(ctx, list.map((m) => this.milestoneJson(m.id)));
    });

    this.route('GET /projects/{id}/iterations', (ctx) => {
      this.checkProject(ctx);
      return this.iterationPage(ctx);
    });

    // The project's group (id 9, or its full path); https://docs.gitlab.com/api/group_iterations/.
    this.route('GET /groups/{id}/iterations', (ctx) => {
      const id = String(ctx.params.path.id);
      if (id !== '9' && id !== this.groupPath) throw new TrackerHttpError(404, '404 Group Not Found');
      if (ctx.params.query.include_descendants === true) ctx.unsupported('include_descendants');
      return this.iterationPage(ctx);
    });
  }

  /** The group the project lives in: its path without the last segment. */
  get groupPath(): string {
    return this.projectPath.split('/').slice(0, -1).join('/');
  }

  private iterationPage(ctx: RestContext): FakeResponse {
    const q = ctx.params.query;
    for (const k of ['search', 'updated_before', 'updated_after']) if (q[k] !== undefined) ctx.unsupported(`the "${k}" filter of iterations`);
    const want = { opened: [1, 2], upcoming: [1], current: [2], closed: [3], all: [1, 2, 3] }[String(q.state ?? 'all') as 'all'];
    return this.offsetPage(ctx, this.iterations.filter((it) => want.includes(this.iterationState(it))).map((it) => this.iterationJson(it.id)));
  }
}
