// GitHubFake: one repository's issues, labels, milestones and comments behind GitHub's REST
// contract (specs/github-rest.subset.json, from @octokit/openapi). Every request and response
// is checked against it; the behaviour GitHub documents only in prose is modelled on top:
// primary and secondary rate limits with their headers, Link pagination, search that sees
// writes late, and GitHub's error bodies.
//
// Invariants: issue numbers are never reused; `updated_at` moves on every change (comments
// included) and only forward; search answers from the index, the REST reads from the store.
import { join } from 'node:path';
import { RateLimitWindow, SearchIndex, linkHeader, pageOf, type Fault, type SearchLag } from './behaviours';
import { RestContractFake, TrackerHttpError, type ContractFakeOptions, type FakeResponse, type RequestInfo, type RestContext } from './contractFake';
import { OpenApiContract } from './openapiContract';

export const GITHUB_SPEC = join(__dirname, '..', 'specs', 'github-rest.subset.json');

// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

export interface GitHubLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface GitHubMilestone {
  id: number;
  number: number;
  title: string;
  state: 'open' | 'closed';
  description: string | null;
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GitHubComment {
  id: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface GitHubIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  /** Label names. */
  labels: string[];
  milestone: number | null;
  assignees: string[];
  user: string;
  comments: GitHubComment[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface GitHubFakeOptions extends ContractFakeOptions {
  owner?: string;
  repo?: string;
  /** Tokens accepted as `Authorization: Bearer …` or `token …`. */
  tokens?: string[];
  /** The login every token acts as. */
  login?: string;
  /** Logins that can be assigned. */
  collaborators?: string[];
  /** How late writes reach `GET /search/issues`. */
  searchLag?: SearchLag;
  /** Primary limits per resource (GitHub: core 5,000/hour, search 30/minute for a user token). */
  coreLimit?: number;
  searchLimit?: number;
  /** Status of a primary-limit refusal: GitHub sends 403 or 429. */
  primaryLimitStatus?: 403 | 429;
  /** Content-creating requests per minute before the secondary limit (GitHub: 80). */
  contentPerMinute?: number;
}

const ghTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stateful fake of GitHub's REST API for one repository. */
export class GitHubFake extends RestContractFake {
  readonly owner: string;
  readonly repo: string;
  readonly login: string;
  readonly issues = new Map<number, GitHubIssue>();
  readonly labels: GitHubLabel[] = [];
  readonly milestones: GitHubMilestone[] = [];
  readonly core: RateLimitWindow;
  readonly search: RateLimitWindow;
  /** Content-creating requests (POST, PATCH, PUT, DELETE) in the current minute. */
  readonly content: RateLimitWindow;
  readonly index: SearchIndex<GitHubIssue>;
  private readonly tokens: Set<string>;
  private readonly collaborators: Set<string>;
  private readonly primaryLimitStatus: 403 | 429;
  private nextId = 1001;
  private nextNumber = 1;

  constructor(options: GitHubFakeOptions = {}) {
    super(OpenApiContract.fromFile(GITHUB_SPEC), '', options);
    this.owner = options.owner ?? 'paydown-dev';
    this.repo = options.repo ?? 'sample';
    this.login = options.login ?? 'octo-paydown';
    this.tokens = new Set(options.tokens ?? ['ghp_paydownFakeToken']);
    this.collaborators = new Set([this.login, ...(options.collaborators ?? ['alice', 'bob'])]);
    this.primaryLimitStatus = options.primaryLimitStatus ?? 403;
    this.core = new RateLimitWindow(this.clock, options.coreLimit ?? 5000, 3_600_000);
    this.search = new RateLimitWindow(this.clock, options.searchLimit ?? 30, 60_000);
    this.content = new RateLimitWindow(this.clock, options.contentPerMinute ?? 80, 60_000);
    this.index = new SearchIndex(this.clock, () => this.requests.length);
    this.index.lag = options.searchLag ?? {};
    this.routes();
  }

  get apiUrl(): string {
    return this.url;
  }

  // ---- seeding and inspection (for tests) ----

  addLabel(name: string, color = 'ededed', description: string | null = null): GitHubLabel {
    const label = { id: this.nextId++, name, color, description };
    this.labels.push(label);
    return label;
  }

  addMilestone(title: string, dueOn: string | null = null, state: 'open' | 'closed' = 'open'): GitHubMilestone {
    const now = this.clock.iso();
    const m = { id: this.nextId++, number: this.milestones.length + 1, title, state, description: null, dueOn, createdAt: now, updatedAt: now };
    this.milestones.push(m);
    return m;
  }

  /** Stores an issue as if created earlier (no request, indexed at once). */
  seedIssue(fields: Partial<GitHubIssue> & { title: string }): GitHubIssue {
    const issue = this.newIssue(fields);
    this.index.put(String(issue.number), issue);
    return issue;
  }

  issue(number: number): GitHubIssue | undefined {
    return this.issues.get(number);
  }

  // ---- tracker hooks ----

  protected authenticate(info: RequestInfo): boolean {
    const auth = String(info.headers.authorization ?? '');
    const m = /^(?:Bearer|token) (.+)$/i.exec(auth);
    return !!m && this.tokens.has(m[1]!);
  }

  protected errorResponse(status: number, message: string): FakeResponse {
    // https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
    const msg = status === 401 ? 'Bad credentials' : status === 404 ? 'Not Found' : message;
    return { status, body: { message: msg, documentation_url: 'https://docs.github.com/rest', status: String(status) } };
  }

  protected invalidRequestResponse(issues: string[]): FakeResponse {
    // GitHub answers a body it cannot read with 400 and one that fails validation with 422.
    return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: issues.map((m) => ({ resource: 'Request', code: 'invalid', message: m })) } };
  }

  private resourceOf(info: RequestInfo): 'core' | 'search' | undefined {
    if (info.url.pathname === '/rate_limit') return undefined; // "does not count against your primary rate limit"
    return info.url.pathname.startsWith('/search/') ? 'search' : 'core';
  }

  protected commonHeaders(info: RequestInfo): Record<string, string> {
    // Every response carries the state of the resource it counted against:
    // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit
    const resource = this.resourceOf(info) ?? 'core';
    const w = resource === 'search' ? this.search : this.core;
    return {
      'x-ratelimit-limit': String(w.limit),
      'x-ratelimit-remaining': String(w.remaining),
      'x-ratelimit-used': String(w.used),
      'x-ratelimit-reset': String(Math.floor(w.resetAt / 1000)),
      'x-ratelimit-resource': resource,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${this.requests.length}`,
    };
  }

  protected rateLimit(info: RequestInfo, fault?: Fault): FakeResponse | undefined {
    const resource = this.resourceOf(info);
    if (fault?.kind === 'secondaryRateLimit') return this.secondaryLimited(fault.retryAfterSeconds ?? 60);
    // Primary: "you will receive a 403 or 429 response, and the x-ratelimit-remaining header
    // will be 0. You should not retry your request until after the time specified by the
    // x-ratelimit-reset header."
    if (fault?.kind === 'rateLimit') (resource === 'search' ? this.search : this.core).exhaust();
    if (resource) {
      const w = resource === 'search' ? this.search : this.core;
      if (!w.take()) {
        return { status: this.primaryLimitStatus, body: { message: `API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID FAKE:${this.requests.length}.`, documentation_url: `${RATE_LIMIT_DOCS}#about-primary-rate-limits`, status: String(this.primaryLimitStatus) } };
      }
    }
    // Secondary: "Make no more than 80 content-generating requests per minute"; the answer is a
    // 403 or 429 with `retry-after` (seconds):
    // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
    if (info.method !== 'GET' && !this.content.take()) return this.secondaryLimited(Math.ceil((this.content.resetAt - this.clock.now()) / 1000));
    return undefined;
  }

  private secondaryLimited(retryAfterSeconds: number): FakeResponse {
    return {
      status: 403,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`, status: '403' },
    };
  }

  // ---- JSON the way GitHub writes it ----

  private get repoApi(): string {
    return `${this.url}/repos/${this.owner}/${this.repo}`;
  }

  private userJson(login: string): Record<string, unknown> {
    const u = `${this.url}/users/${login}`;
    return {
      login,
      id: [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7),
      node_id: `U_${Buffer.from(login).toString('base64url')}`,
      avatar_url: `https://avatars.githubusercontent.com/u/1?v=4`,
      gravatar_id: '',
      url: u,
      html_url: `https://github.com/${login}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      type: 'User',
      site_admin: false,
    };
  }

  private labelJson(name: string): Record<string, unknown> {
    const l = this.labels.find((x) => x.name === name) ?? this.addLabel(name);
    return { id: l.id, node_id: `LA_${l.id}`, url: `${this.repoApi}/labels/${encodeURIComponent(l.name)}`, name: l.name, description: l.description, color: l.color, default: false };
  }

  private milestoneJson(number: number): Record<string, unknown> | null {
    const m = this.milestones.find((x) => x.number === number);
    if (!m) return null;
    const issues = [...this.issues.values()].filter((i) => i.milestone === number);
    return {
      url: `${this.repoApi}/milestones/${m.number}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/milestone/${m.number}`,
      labels_url: `${this.repoApi}/milestones/${m.number}/labels`,
      id: m.id,
      node_id: `MI_${m.id}`,
      number: m.number,
      state: m.state,
      title: m.title,
      description: m.description,
      creator: this.userJson(this.login),
      open_issues: issues.filter((i) => i.state === 'open').length,
      closed_issues: issues.filter((i) => i.state === 'closed').length,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
      closed_at: m.state === 'closed' ? m.updatedAt : null,
      due_on: m.dueOn,
    };
  }

  private issueJson(i: GitHubIssue): Record<string, unknown> {
    const url = `${this.repoApi}/issues/${i.number}`;
    return {
      id: i.id,
      node_id: `I_${i.id}`,
      url,
      repository_url: this.repoApi,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: this.userJson(i.user),
      labels: i.labels.map((l) => this.labelJson(l)),
      assignee: i.assignees[0] ? this.userJson(i.assignees[0]) : null,
      assignees: i.assignees.map((a) => this.userJson(a)),
      milestone: i.milestone === null ? null : this.milestoneJson(i.milestone),
      locked: false,
      active_lock_reason: null,
      comments: i.comments.length,
      closed_at: i.closedAt,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      author_association: 'OWNER',
    };
  }

  private commentJson(i: GitHubIssue, c: GitHubComment): Record<string, unknown> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.repoApi}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${i.number}#issuecomment-${c.id}`,
      body: c.body,
      user: this.userJson(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${this.repoApi}/issues/${i.number}`,
      author_association: 'OWNER',
    };
  }

  private repoJson(): Record<string, unknown> {
    const r = this.repoApi;
    const now = this.clock.iso();
    const urls = Object.fromEntries(
      ['archive_url:/{archive_format}{/ref}', 'assignees_url:/assignees{/user}', 'blobs_url:/git/blobs{/sha}', 'branches_url:/branches{/branch}', 'collaborators_url:/collaborators{/collaborator}', 'comments_url:/comments{/number}', 'commits_url:/commits{/sha}', 'compare_url:/compare/{base}...{head}', 'contents_url:/contents/{+path}', 'contributors_url:/contributors', 'deployments_url:/deployments', 'downloads_url:/downloads', 'events_url:/events', 'forks_url:/forks', 'git_commits_url:/git/commits{/sha}', 'git_refs_url:/git/refs{/sha}', 'git_tags_url:/git/tags{/sha}', 'hooks_url:/hooks', 'issue_comment_url:/issues/comments{/number}', 'issue_events_url:/issues/events{/number}', 'issues_url:/issues{/number}', 'keys_url:/keys{/key_id}', 'labels_url:/labels{/name}', 'languages_url:/languages', 'merges_url:/merges', 'milestones_url:/milestones{/number}', 'notifications_url:/notifications{?since,all,participating}', 'pulls_url:/pulls{/number}', 'releases_url:/releases{/id}', 'stargazers_url:/stargazers', 'statuses_url:/statuses/{sha}', 'subscribers_url:/subscribers', 'subscription_url:/subscription', 'tags_url:/tags', 'teams_url:/teams', 'trees_url:/git/trees{/sha}'].map((s) => {
        const [k, p] = s.split(':') as [string, string];
        return [k, `${r}${p}`];
      }),
    );
    const open = [...this.issues.values()].filter((i) => i.state === 'open').length;
    return {
      ...urls,
      id: 4242,
      node_id: 'R_fake4242',
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      owner: this.userJson(this.owner),
      private: true,
      html_url: `https://github.com/${this.owner}/${this.repo}`,
      description: 'A repository served by GitHubFake',
      fork: false,
      url: r,
      clone_url: `https://github.com/${this.owner}/${this.repo}.git`,
      git_url: `git://github.com/${this.owner}/${this.repo}.git`,
      ssh_url: `git@github.com:${this.owner}/${this.repo}.git`,
      svn_url: `https://github.com/${this.owner}/${this.repo}`,
      mirror_url: null,
      homepage: null,
      language: 'TypeScript',
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 1,
      default_branch: 'main',
      open_issues: open,
      open_issues_count: open,
      has_issues: true,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: now,
      created_at: '2026-01-05T10:00:00Z',
      updated_at: now,
      network_count: 0,
      subscribers_count: 1,
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    };
  }

  // ---- behaviour ----

  private newIssue(fields: Partial<GitHubIssue> & { title: string }): GitHubIssue {
    const now = ghTime(this.clock.now());
    const issue: GitHubIssue = {
      id: this.nextId++,
      number: this.nextNumber++,
      body: null,
      state: 'open',
      stateReason: null,
      labels: [],
      milestone: null,
      assignees: [],
      user: this.login,
      comments: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      ...fields,
    };
    for (const l of issue.labels) if (!this.labels.some((x) => x.name === l)) this.addLabel(l);
    this.issues.set(issue.number, issue);
    return issue;
  }

  private touch(issue: GitHubIssue): void {
    issue.updatedAt = ghTime(this.clock.now());
    this.index.put(String(issue.number), issue);
  }

  private checkRepo(ctx: RestContext): void {
    if (ctx.params.path.owner !== this.owner || ctx.params.path.repo !== this.repo) throw new TrackerHttpError(404, 'Not Found');
  }

  private findIssue(ctx: RestContext): GitHubIssue {
    this.checkRepo(ctx);
    const issue = this.issues.get(Number(ctx.params.path.issue_number));
    if (!issue) throw new TrackerHttpError(404, 'Not Found');
    return issue;
  }

  private validationFailed(resource: string, field: string, code = 'invalid'): TrackerHttpError {
    return new TrackerHttpError(422, 'Validation Failed', { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', errors: [{ resource, field, code }] });
  }

  /** Link-paginated JSON array; per_page is capped at 100 as GitHub does. */
  private paged(ctx: RestContext, items: unknown[]): FakeResponse {
    // https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
    const perPage = Math.min(100, Math.max(1, Number(ctx.params.query.per_page ?? 30)));
    const page = Math.max(1, Number(ctx.params.query.page ?? 1));
    const p = pageOf(items, page, perPage);
    const link = linkHeader(ctx.info.url, page, p.lastPage);
    return { status: 200, headers: link ? { link } : {}, body: p.items };
  }

  private labelNames(input: unknown): string[] {
    return ((input as unknown[] | undefined) ?? []).map((l) => (typeof l === 'string' ? l : String((l as { name?: string }).name ?? '')));
  }

  private milestoneInput(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!this.milestones.some((m) => m.number === n)) throw this.validationFailed('Issue', 'milestone');
    return n;
  }

  private assigneesInput(list: unknown): string[] {
    const logins = (list as string[] | undefined) ?? [];
    for (const l of logins) if (!this.collaborators.has(l)) throw this.validationFailed('Issue', 'assignees');
    return logins;
  }

  private routes(): void {
    this.route('GET /repos/{owner}/{repo}', (ctx) => {
      this.checkRepo(ctx);
      return { status: 200, body: this.repoJson() };
    });

    this.route('POST /repos/{owner}/{repo}/issues', (ctx) => {
      this.checkRepo(ctx);
      const b = ctx.body as Record<string, unknown>;
      if (b.issue_field_values !== undefined || b.type !== undefined) ctx.unsupported('issue fields and issue types');
      const assignees = this.assigneesInput([...(b.assignees as string[] | undefined ?? []), ...(typeof b.assignee === 'string' ? [b.assignee] : [])]);
      const issue = this.newIssue({ title: String(b.title), body: (b.body as string | undefined) ?? null, labels: this.labelNames(b.labels), milestone: this.milestoneInput(b.milestone), assignees });
      this.index.put(String(issue.number), issue);
      return { status: 201, headers: { location: `${this.repoApi}/issues/${issue.number}` }, body: this.issueJson(issue) };
    });

    this.route('GET /repos/{owner}/{repo}/issues/{issue_number}', (ctx) => ({ status: 200, body: this.issueJson(this.findIssue(ctx)) }));

    this.route('PATCH /repos/{owner}/{repo}/issues/{issue_number}', (ctx) => {
      const issue = this.findIssue(ctx);
      const b = ctx.body as Record<string, unknown>;
      if (b.issue_field_values !== undefined || b.type !== undefined) ctx.unsupported('issue fields and issue types');
      if (b.title !== undefined && b.title !== null) issue.title = String(b.title);
      if (b.body !== undefined) issue.body = b.body as string | null;
      if (b.labels !== undefined) issue.labels = this.labelNames(b.labels);
      if (b.milestone !== undefined) issue.milestone = this.milestoneInput(b.milestone);
      if (b.assignees !== undefined) issue.assignees = this.assigneesInput(b.assignees);
      // https://docs.github.com/en/rest/issues/issues#update-an-issue: `state_reason` is
      // "ignored unless `state` is changed".
      const state = b.state as 'open' | 'closed' | undefined;
      if (state && state !== issue.state) {
        issue.state = state;
        if (state === 'closed') {
          issue.closedAt = ghTime(this.clock.now());
          issue.stateReason = (b.state_reason as GitHubIssue['stateReason']) ?? 'completed';
        } else {
          issue.closedAt = null;
          issue.stateReason = 'reopened';
        }
      }
      this.touch(issue);
      return { status: 200, body: this.issueJson(issue) };
    });

    this.route('GET /repos/{owner}/{repo}/issues', (ctx) => {
      this.checkRepo(ctx);
      const q = ctx.params.query;
      for (const name of ['assignee', 'creator', 'mentioned', 'type', 'issue_field_values']) if (q[name] !== undefined) ctx.unsupported(`the "${name}" filter of issues/list-for-repo`);
      let list = [...this.issues.values()];
      if (q.state !== 'all') list = list.filter((i) => i.state === q.state);
      if (typeof q.labels === 'string' && q.labels) {
        const want = q.labels.split(',').map((s) => s.trim().toLowerCase());
        list = list.filter((i) => want.every((w) => i.labels.some((l) => l.toLowerCase() === w)));
      }
      if (typeof q.milestone === 'string') {
        const m = q.milestone;
        list = list.filter((i) => (m === '*' ? i.milestone !== null : m === 'none' ? i.milestone === null : i.milestone === Number(m)));
      }
      // "Only show results that were last updated after the given time" (inclusive on GitHub).
      if (typeof q.since === 'string') list = list.filter((i) => Date.parse(i.updatedAt) >= Date.parse(q.since as string));
      const key = q.sort === 'updated' ? (i: GitHubIssue) => Date.parse(i.updatedAt) : q.sort === 'comments' ? (i: GitHubIssue) => i.comments.length : (i: GitHubIssue) => i.number;
      list.sort((a, b) => (key(a) - key(b)) * (q.direction === 'asc' ? 1 : -1) || (a.number - b.number) * (q.direction === 'asc' ? 1 : -1));
      return this.paged(ctx, list.map((i) => this.issueJson(i)));
    });

    this.route('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
      const issue = this.findIssue(ctx);
      const since = ctx.params.query.since as string | undefined;
      const list = issue.comments.filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since));
      return this.paged(ctx, list.map((c) => this.commentJson(issue, c)));
    });

    this.route('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
      const issue = this.findIssue(ctx);
      const now = ghTime(this.clock.now());
      const c = { id: this.nextId++, body: String((ctx.body as { body: string }).body), user: this.login, createdAt: now, updatedAt: now };
      issue.comments.push(c);
      this.touch(issue);
      return { status: 201, headers: { location: `${this.repoApi}/issues/comments/${c.id}` }, body: this.commentJson(issue, c) };
    });

    this.route('GET /repos/{owner}/{repo}/labels', (ctx) => {
      this.checkRepo(ctx);
      return this.paged(ctx, this.labels.map((l) => this.labelJson(l.name)));
    });

    this.route('POST /repos/{owner}/{repo}/labels', (ctx) => {
      this.checkRepo(ctx);
      const b = ctx.body as { name: string; color?: string; description?: string };
      if (this.labels.some((l) => l.name.toLowerCase() === b.name.toLowerCase())) throw this.validationFailed('Label', 'name', 'already_exists');
      const l = this.addLabel(b.name, (b.color ?? 'ededed').replace(/^#/, ''), b.description ?? null);
      return { status: 201, headers: { location: `${this.repoApi}/labels/${encodeURIComponent(l.name)}` }, body: this.labelJson(l.name) };
    });

    this.route('GET /repos/{owner}/{repo}/milestones', (ctx) => {
      this.checkRepo(ctx);
      const q = ctx.params.query;
      let list = this.milestones.filter((m) => q.state === 'all' || m.state === q.state);
      if (q.sort === 'completeness') ctx.unsupported('milestone sort by completeness');
      list = [...list].sort((a, b) => ((a.dueOn ?? '9999') < (b.dueOn ?? '9999') ? -1 : (a.dueOn ?? '9999') > (b.dueOn ?? '9999') ? 1 : a.number - b.number) * (q.direction === 'desc' ? -1 : 1));
      return this.paged(ctx, list.map((m) => this.milestoneJson(m.number)));
    });

    this.route('GET /search/issues', (ctx) => this.searchIssues(ctx));

    this.route('GET /rate_limit', () => {
      const r = (w: RateLimitWindow) => ({ limit: w.limit, remaining: w.remaining, reset: Math.floor(w.resetAt / 1000), used: w.used });
      return { status: 200, body: { resources: { core: r(this.core), search: r(this.search) }, rate: r(this.core) } };
    });
  }

  /**
   * `GET /search/issues` over the lagging index. Understood: free words and "quoted phrases"
   * (all must occur, case-insensitively, in the title, body or comments, or where `in:` says),
   * `repo:`, `is:issue|pr|open|closed`, `type:`, `state:`, `label:`, `in:`, `updated:`/`created:`
   * with `>`, `>=`, `<`, `<=`. GitHub matches tokens, not substrings; this fake matches substrings.
   * https://docs.github.com/en/search-github/searching-on-github/searching-issues-and-pull-requests
   */
  private searchIssues(ctx: RestContext): FakeResponse {
    const q = String(ctx.params.query.q);
    const tokens = q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
    const texts: string[] = [];
    const filters: Array<(i: GitHubIssue) => boolean> = [];
    let scope = ['title', 'body', 'comments'];
    let kind: 'issue' | 'pr' | undefined;
    for (const token of tokens) {
      const m = /^(-?)([a-z-]+):(.+)$/i.exec(token);
      const value = m ? m[3]!.replace(/^"|"$/g, '') : '';
      if (!m) {
        texts.push(token.replace(/^"|"$/g, '').toLowerCase());
        continue;
      }
      const negate = m[1] === '-';
      const add = (f: (i: GitHubIssue) => boolean): void => void filters.push(negate ? (i) => !f(i) : f);
      switch (m[2]!.toLowerCase()) {
        case 'repo':
          add(() => value.toLowerCase() === `${this.owner}/${this.repo}`.toLowerCase());
          break;
        case 'is':
        case 'type':
        case 'state':
          if (value === 'issue') kind = 'issue';
          else if (value === 'pr' || value === 'pull-request') kind = 'pr';
          else if (value === 'open' || value === 'closed') add((i) => i.state === value);
          else ctx.unsupported(`the search qualifier ${token}`);
          break;
        case 'label':
          add((i) => i.labels.some((l) => l.toLowerCase() === value.toLowerCase()));
          break;
        case 'in':
          scope = value.split(',');
          break;
        case 'updated':
        case 'created': {
          const c = /^(>=|<=|>|<)?(.+)$/.exec(value)!;
          const at = Date.parse(c[2]!);
          const field = m[2]!.toLowerCase() === 'updated' ? 'updatedAt' : 'createdAt';
          const cmp = { '>': (a: number) => a > at, '>=': (a: number) => a >= at, '<': (a: number) => a < at, '<=': (a: number) => a <= at, '': (a: number) => new Date(a).toISOString().startsWith(c[2]!) }[c[1] ?? '']!;
          add((i) => cmp(Date.parse(i[field])));
          break;
        }
        default:
          ctx.unsupported(`the search qualifier ${token}`);
      }
    }
    // The contract's own note: "Requests that don't include the `is:issue` or `is:pull-request`
    // qualifier will receive an HTTP `422`" (for GitHub App user tokens; the fake asks it of
    // every client, so one client works with every kind of token).
    if (!kind) throw this.validationFailed('Search', 'q', 'missing');
    const haystack = (i: GitHubIssue): string =>
      [scope.includes('title') ? i.title : '', scope.includes('body') ? (i.body ?? '') : '', scope.includes('comments') ? i.comments.map((c) => c.body).join('\n') : ''].join('\n').toLowerCase();
    let hits = kind === 'pr' ? [] : this.index.visible().filter((i) => filters.every((f) => f(i)) && texts.every((t) => haystack(i).includes(t)));
    const order = ctx.params.query.order === 'asc' ? 1 : -1;
    const sort = ctx.params.query.sort as string | undefined;
    if (sort && !['created', 'updated', 'comments'].includes(sort)) ctx.unsupported(`search sort "${sort}"`);
    const key = sort === 'updated' ? (i: GitHubIssue) => Date.parse(i.updatedAt) : sort === 'comments' ? (i: GitHubIssue) => i.comments.length : (i: GitHubIssue) => i.number;
    hits = hits.sort((a, b) => (key(a) - key(b)) * order);
    // "the Search API provides up to 1,000 results for each search".
    const perPage = Math.min(100, Number(ctx.params.query.per_page ?? 30));
    const page = Number(ctx.params.query.page ?? 1);
    if ((page - 1) * perPage >= 1000) throw this.validationFailed('Search', 'page', 'invalid');
    const p = pageOf(hits.slice(0, 1000), page, perPage);
    const link = linkHeader(ctx.info.url, page, p.lastPage);
    // Items come from the index: a stale version shows stale fields, as on GitHub.
    return {
      status: 200,
      headers: link ? { link } : {},
      body: { total_count: hits.length, incomplete_results: false, search_type: 'lexical', items: p.items.map((i) => ({ ...this.issueJson(i), score: 1 })) },
    };
  }
}
