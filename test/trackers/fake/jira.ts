// JiraFake: one Jira project behind either Jira Cloud's REST v3 + Agile contract
// (specs/jira-cloud.subset.json) or Jira Data Center's REST v2 + Agile contract
// (specs/jira-dc.subset.json). Cloud descriptions and comments are Atlassian Document Format,
// DC ones wiki text; a workflow of three statuses (one per status category) with a transition
// to each; story points and sprint custom fields; boards and sprints (moving issues into one and
// back to the backlog); edits through PUT issue; JQL search with
// nextPageToken (Cloud) or startAt/total (DC); rate limits in each flavour's headers.
//
// Invariants: keys (`PAY-7`) are never reused; `updated` moves on every change (comments and
// transitions included); the Cloud search index lags writes unless `reconcileIssues` names
// them, as Atlassian documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { RateLimitWindow, SearchIndex, cursor, type Fault, type SearchLag } from './behaviours';
import { RestContractFake, TrackerHttpError, type ContractFakeOptions, type FakeResponse, type RequestInfo, type RestContext } from './contractFake';
import { JqlError, matchJql, parseJql, type JqlSubject } from './jql';
import { OpenApiContract } from './openapiContract';

export const JIRA_CLOUD_SPEC = join(__dirname, '..', 'specs', 'jira-cloud.subset.json');
export const JIRA_DC_SPEC = join(__dirname, '..', 'specs', 'jira-dc.subset.json');
/** Atlassian's ADF JSON schema (npm `@atlaskit/adf-schema`, `dist/json-schema/v1/full.json`), the one http://go.atlassian.com/adf-json-schema points at. */
export const ADF_SCHEMA = join(__dirname, '..', 'specs', 'adf-full.schema.json');

let adfSchemaCheck: ReturnType<AjvDraft04['compile']> | undefined;
/** Atlassian's own schema's complaints about `doc` (Cloud answers 400 INVALID_INPUT for such a document), or undefined. */
function adfSchemaProblem(doc: unknown): string | undefined {
  adfSchemaCheck ??= new AjvDraft04({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(ADF_SCHEMA, 'utf8')));
  if (adfSchemaCheck(doc)) return undefined;
  const e = adfSchemaCheck.errors?.[0];
  return `not a valid Atlassian Document (${ADF_SCHEMA.split('/').pop()}): ${e?.instancePath || '/'} ${e?.message ?? ''}`.trim();
}

export type JiraFlavour = 'cloud' | 'dc';

/** An Atlassian Document Format document (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). */
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface JiraStatus {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
  transitionId: string;
}

export interface JiraSprint {
  id: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  boardId: number;
  startDate?: string;
  endDate?: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  summary: string;
  /** ADF on Cloud, wiki text on DC, as the client sent it. */
  description: AdfDoc | string | null;
  issueType: string;
  labels: string[];
  statusId: string;
  storyPoints: number | null;
  sprintId: number | null;
  assignee: string | null;
  comments: Array<{ id: string; body: AdfDoc | string; created: number; updated: number }>;
  created: number;
  updated: number;
}

export interface JiraFakeOptions extends ContractFakeOptions {
  flavour?: JiraFlavour;
  projectKey?: string;
  /** Cloud: `email:api_token` pairs for Basic auth; DC: personal access tokens for Bearer auth. */
  credentials?: string[];
  /** How late writes reach search (Cloud's enhanced search is eventually consistent). */
  searchLag?: SearchLag;
  /** Requests per minute before a 429 (Cloud's limits are cost-based; this is a plain count). */
  requestsPerMinute?: number;
}

const CATEGORY = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
} as const;

/** Jira's timestamp format: `2026-03-02T09:00:01.000+0000`. */
const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/** The plain text of an ADF node or a wiki string, for search. */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  const node = value as { text?: unknown; content?: unknown[] };
  return [typeof node.text === 'string' ? node.text : '', ...(node.content ?? []).map(plainText)].join(node.content ? '\n' : '');
}

/** A one-paragraph ADF document, for seeding. */
export function adf(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** Why `value` is not an ADF document Jira Cloud would take, or undefined. */
function adfProblem(value: unknown): string | undefined {
  if (value === null) return undefined;
  const doc = value as { type?: unknown; version?: unknown; content?: unknown };
  if (typeof value !== 'object' || doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) return 'Operation value must be an Atlassian Document (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/)';
  const walk = (n: unknown): string | undefined => {
    const node = n as { type?: unknown; text?: unknown; content?: unknown };
    if (!node || typeof node !== 'object' || typeof node.type !== 'string') return 'every ADF node needs a "type"';
    if (node.type === 'text' && typeof node.text !== 'string') return 'an ADF text node needs "text"';
    if (node.content !== undefined && !Array.isArray(node.content)) return 'ADF "content" must be an array';
    for (const c of (node.content as unknown[] | undefined) ?? []) {
      const p = walk(c);
      if (p) return p;
    }
    return undefined;
  };
  for (const c of doc.content as unknown[]) {
    const p = walk(c);
    if (p) return p;
  }
  return undefined;
}

/** A stateful fake of one Jira project, Cloud (REST v3) or Data Center (REST v2). */
export class JiraFake extends RestContractFake {
  readonly flavour: JiraFlavour;
  readonly project: { id: string; key: string; name: string };
  readonly statuses: JiraStatus[] = [
    { id: '10000', name: 'To Do', category: 'new', transitionId: '11' },
    { id: '3', name: 'In Progress', category: 'indeterminate', transitionId: '21' },
    { id: '10001', name: 'Done', category: 'done', transitionId: '31' },
  ];
  readonly issueTypes = [
    { id: '10001', name: 'Task' },
    { id: '10002', name: 'Bug' },
    { id: '10003', name: 'Story' },
  ];
  readonly boards = [{ id: 1, name: 'PAY board', type: 'scrum' }];
  readonly sprints: JiraSprint[] = [];
  readonly issues: JiraIssue[] = [];
  /** Custom field ids as each flavour usually has them. */
  readonly storyPointsField: string;
  readonly sprintField: string;
  readonly limit: RateLimitWindow;
  readonly index: SearchIndex<JiraIssue>;
  private readonly credentials: Set<string>;
  private nextId = 10001;

  constructor(options: JiraFakeOptions = {}) {
    const flavour = options.flavour ?? 'cloud';
    super(OpenApiContract.fromFile(flavour === 'cloud' ? JIRA_CLOUD_SPEC : JIRA_DC_SPEC), '', options);
    this.flavour = flavour;
    const key = options.projectKey ?? 'PAY';
    this.project = { id: '10000', key, name: 'Payments' };
    this.storyPointsField = flavour === 'cloud' ? 'customfield_10016' : 'customfield_10002';
    this.sprintField = flavour === 'cloud' ? 'customfield_10020' : 'customfield_10005';
    this.credentials = new Set(options.credentials ?? [flavour === 'cloud' ? 'pat@example.com:atlassian-api-token' : 'dc-personal-access-token']);
    this.limit = new RateLimitWindow(this.clock, options.requestsPerMinute ?? 600, 60_000);
    this.index = new SearchIndex(this.clock, () => this.requests.length);
    this.index.lag = options.searchLag ?? {};
    const day = 86_400_000;
    const now = this.clock.now();
    this.sprints.push(
      { id: 1, name: 'PAY Sprint 1', state: 'closed', boardId: 1, startDate: new Date(now - 21 * day).toISOString(), endDate: new Date(now - 7 * day).toISOString() },
      { id: 2, name: 'PAY Sprint 2', state: 'active', boardId: 1, startDate: new Date(now - 7 * day).toISOString(), endDate: new Date(now + 7 * day).toISOString() },
      { id: 3, name: 'PAY Sprint 3', state: 'future', boardId: 1 },
    );
    this.routes();
  }

  private get api(): string {
    return this.flavour === 'cloud' ? '/rest/api/3' : '/rest/api/2';
  }

  /** Stores an issue as if created earlier (indexed at once). */
  seedIssue(fields: Partial<JiraIssue> & { summary: string }): JiraIssue {
    const issue = this.newIssue(fields);
    this.index.put(issue.id, issue);
    return issue;
  }

  issue(key: string): JiraIssue | undefined {
    return this.issues.find((i) => i.key === key || i.id === key);
  }

  // ---- tracker hooks ----

  protected authenticate(info: RequestInfo): boolean {
    const auth = String(info.headers.authorization ?? '');
    // Cloud: Basic with email and API token (https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/);
    // DC: Bearer with a personal access token (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
    if (this.flavour === 'cloud') {
      const m = /^Basic (.+)$/.exec(auth);
      return !!m && this.credentials.has(Buffer.from(m[1]!, 'base64').toString('utf8'));
    }
    const m = /^Bearer (.+)$/.exec(auth);
    return !!m && this.credentials.has(m[1]!);
  }

  protected errorResponse(status: number, message: string): FakeResponse {
    return { status, body: { errorMessages: [status === 401 ? 'You are not authenticated. Authentication required to perform this operation.' : message], errors: {} } };
  }

  protected invalidRequestResponse(issues: string[]): FakeResponse {
    return { status: 400, body: { errorMessages: issues, errors: {} } };
  }

  protected commonHeaders(): Record<string, string> {
    const w = this.limit;
    if (this.flavour === 'cloud') {
      // "These headers are added to every response, not just when you're rate limited":
      // https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
      return { 'x-ratelimit-limit': String(w.limit), 'x-ratelimit-remaining': String(w.remaining), ...(w.remaining < w.limit * 0.2 ? { 'x-ratelimit-nearlimit': 'true' } : {}) };
    }
    // DC's token-bucket limiter: https://confluence.atlassian.com/adminjiraserver/improving-instance-stability-with-rate-limiting-983794911.html
    return { 'x-ratelimit-limit': String(w.limit), 'x-ratelimit-remaining': String(w.remaining), 'x-ratelimit-interval-seconds': '60', 'x-ratelimit-fillrate': String(w.limit) };
  }

  protected rateLimit(_info: RequestInfo, fault?: Fault): FakeResponse | undefined {
    if (fault?.kind === 'rateLimit' || fault?.kind === 'secondaryRateLimit') this.limit.exhaust();
    if (this.limit.take()) return undefined;
    const retryAfter = Math.max(1, Math.ceil((this.limit.resetAt - this.clock.now()) / 1000));
    // 429 "may be accompanied by Retry-After and X-RateLimit-Reset headers"; the reset is ISO
    // 8601 "yyyy-MM-ddTHH:mmZ" (Cloud, page above), Retry-After seconds (both flavours).
    const headers: Record<string, string> = { 'retry-after': String(retryAfter) };
    if (this.flavour === 'cloud') {
      headers['x-ratelimit-reset'] = new Date(this.limit.resetAt).toISOString().slice(0, 16) + 'Z';
      headers['ratelimit-reason'] = 'jira-burst-based';
    }
    return { status: 429, headers, body: { errorMessages: ['Rate limit exceeded.'], errors: {} } };
  }

  // ---- state ----

  private newIssue(fields: Partial<JiraIssue> & { summary: string }): JiraIssue {
    const id = String(this.nextId++);
    const now = this.clock.now();
    const issue: JiraIssue = {
      id,
      key: `${this.project.key}-${this.issues.length + 1}`,
      description: null,
      issueType: 'Task',
      labels: [],
      statusId: this.statuses[0]!.id,
      storyPoints: null,
      sprintId: null,
      assignee: null,
      comments: [],
      created: now,
      updated: now,
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }

  private touch(issue: JiraIssue): void {
    issue.updated = this.clock.now();
    this.index.put(issue.id, issue);
  }

  private find(ctx: RestContext): JiraIssue {
    const issue = this.issue(String(ctx.params.path.issueIdOrKey));
    if (!issue) throw new TrackerHttpError(404, 'Issue does not exist or you do not have permission to see it.');
    return issue;
  }

  private bad(errors: Record<string, string>, messages: string[] = []): TrackerHttpError {
    return new TrackerHttpError(400, 'Bad Request', { errorMessages: messages, errors });
  }

  /** ADF on Cloud v3, a string on DC v2: the wire format rule of each API version. */
  private richText(ctx: RestContext, field: string, value: unknown): AdfDoc | string | null {
    if (this.flavour === 'cloud') {
      const problem = adfProblem(value) ?? (value === null ? undefined : adfSchemaProblem(value));
      if (problem) {
        // The snapshot types rich text as "anything"; Atlassian's prose makes it ADF on v3, so
        // a string here is the client breaking the contract, not just a 400 to handle.
        this.violation('request', ctx.info, `${field}: ${problem}`);
        throw this.bad({ [field]: problem });
      }
      return value as AdfDoc | null;
    }
    return value as string | null;
  }

  private applyFields(ctx: RestContext, issue: JiraIssue, fields: Record<string, unknown>): void {
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (k === 'summary') {
        if (typeof v !== 'string' || !v.trim()) errors.summary = 'You must specify a summary of the issue.';
        else if (v.length > 255) errors.summary = 'Summary must be less than 255 characters.';
        else issue.summary = v;
      } else if (k === 'description') issue.description = this.richText(ctx, 'description', v);
      else if (k === 'labels') issue.labels = (v as string[]).map(String);
      else if (k === this.storyPointsField) {
        // A number field: a number sets it, null clears it.
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) errors[k] = 'Operation value must be a number';
        else issue.storyPoints = v;
      } else if (k === this.sprintField) {
        const id = v === null ? null : Number(typeof v === 'object' ? (v as { id: number }).id : v);
        if (id !== null && !this.sprints.some((s) => s.id === id)) errors[k] = `Sprint with id ${id} does not exist`;
        else issue.sprintId = id;
      } else if (k === 'assignee') {
        const a = v as { accountId?: string; name?: string } | null;
        issue.assignee = a ? (a.accountId ?? a.name ?? null) : null;
      } else if (k === 'project' || k === 'issuetype') continue;
      else errors[k] = `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    if (Object.keys(errors).length) throw this.bad(errors);
  }

  // ---- JSON ----

  private userJson(id: string): Record<string, unknown> {
    return this.flavour === 'cloud'
      ? { self: `${this.url}/rest/api/3/user?accountId=${id}`, accountId: id, accountType: 'atlassian', displayName: id === 'me' ? 'Pat Paydown' : id, emailAddress: `${id}@example.com`, active: true, timeZone: 'UTC' }
      : { self: `${this.url}/rest/api/2/user?username=${id}`, name: id, key: id, displayName: id === 'me' ? 'Pat Paydown' : id, emailAddress: `${id}@example.com`, active: true, timeZone: 'UTC' };
  }

  private statusJson(s: JiraStatus): Record<string, unknown> {
    const c = CATEGORY[s.category];
    return { self: `${this.url}${this.api}/status/${s.id}`, id: s.id, name: s.name, description: '', iconUrl: `${this.url}/images/icons/statuses/generic.png`, statusCategory: { self: `${this.url}${this.api}/statuscategory/${c.id}`, ...c } };
  }

  private sprintJson(s: JiraSprint): Record<string, unknown> {
    return { id: s.id, self: `${this.url}/rest/agile/1.0/sprint/${s.id}`, state: s.state, name: s.name, originBoardId: s.boardId, ...(s.startDate ? { startDate: s.startDate, endDate: s.endDate } : {}), goal: '' };
  }

  private allFields(i: JiraIssue): Record<string, unknown> {
    const status = this.statuses.find((s) => s.id === i.statusId)!;
    const sprint = this.sprints.find((s) => s.id === i.sprintId);
    return {
      summary: i.summary,
      description: i.description,
      labels: i.labels,
      status: this.statusJson(status),
      issuetype: { ...this.issueTypes.find((t) => t.name === i.issueType)!, self: `${this.url}${this.api}/issuetype`, subtask: false },
      project: { id: this.project.id, key: this.project.key, name: this.project.name, self: `${this.url}${this.api}/project/${this.project.id}` },
      assignee: i.assignee ? this.userJson(i.assignee) : null,
      created: jiraTime(i.created),
      updated: jiraTime(i.updated),
      resolutiondate: status.category === 'done' ? jiraTime(i.updated) : null,
      [this.storyPointsField]: i.storyPoints,
      [this.sprintField]: sprint ? [{ ...this.sprintJson(sprint), boardId: sprint.boardId }] : null,
      comment: { comments: i.comments.map((c) => this.commentJson(i, c)), maxResults: i.comments.length, total: i.comments.length, startAt: 0 },
    };
  }

  /** `fields` as Jira reads it: `*all`, `*navigable`, names, `-name` to leave one out. */
  private issueJson(i: JiraIssue, fieldsParam: unknown, defaultFields: 'all' | 'id'): Record<string, unknown> {
    const list = (Array.isArray(fieldsParam) ? fieldsParam : typeof fieldsParam === 'string' ? [fieldsParam] : []).flatMap((f: string) => f.split(',')).map((f) => f.trim()).filter(Boolean);
    const base = { id: i.id, key: i.key, self: `${this.url}${this.api}/issue/${i.id}` };
    if (list.length === 0 && defaultFields === 'id') return { id: i.id };
    const all = this.allFields(i);
    const wanted = list.length === 0 || list.includes('*all') || list.includes('*navigable') ? Object.keys(all) : list.filter((f) => !f.startsWith('-'));
    const excluded = new Set(list.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
    const fields = Object.fromEntries(wanted.filter((f) => f in all && !excluded.has(f)).map((f) => [f, all[f]]));
    return { expand: '', ...base, fields };
  }

  private commentJson(i: JiraIssue, c: JiraIssue['comments'][number]): Record<string, unknown> {
    return { self: `${this.url}${this.api}/issue/${i.id}/comment/${c.id}`, id: c.id, author: this.userJson('me'), body: c.body, created: jiraTime(c.created), updated: jiraTime(c.updated) };
  }

  private fieldList(): Record<string, unknown>[] {
    const sys = (id: string, name: string, type: string) => ({ id, key: id, name, custom: false, orderable: true, navigable: true, searchable: true, clauseNames: [id], schema: { type, system: id } });
    return [
      sys('summary', 'Summary', 'string'),
      sys('description', 'Description', 'string'),
      sys('labels', 'Labels', 'array'),
      sys('status', 'Status', 'status'),
      sys('updated', 'Updated', 'datetime'),
      // https://support.atlassian.com/jira-software-cloud/docs/configure-estimation-and-tracking/
      { id: this.storyPointsField, key: this.storyPointsField, name: this.flavour === 'cloud' ? 'Story point estimate' : 'Story Points', custom: true, orderable: true, navigable: true, searchable: true, clauseNames: [`cf[${this.storyPointsField.slice(12)}]`, 'Story point estimate'], schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: Number(this.storyPointsField.slice(12)) } },
      { id: this.sprintField, key: this.sprintField, name: 'Sprint', custom: true, orderable: true, navigable: true, searchable: true, clauseNames: [`cf[${this.sprintField.slice(12)}]`, 'Sprint'], schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: Number(this.sprintField.slice(12)) } },
    ];
  }

  private subject(i: JiraIssue): JqlSubject {
    const status = this.statuses.find((s) => s.id === i.statusId)!;
    const sprint = this.sprints.find((s) => s.id === i.sprintId);
    return { id: i.id, key: i.key, project: this.project.key, summary: i.summary, description: plainText(i.description), comments: i.comments.map((c) => plainText(c.body)).join('\n'), labels: i.labels, status: status.name, statusCategory: status.category, sprint: i.sprintId, sprintState: sprint?.state ?? null, updated: i.updated, created: i.created };
  }

  /** Runs JQL over `pool`; a JQL the fake lacks is a 400 and an `unsupported` record. */
  private runJql(ctx: RestContext, jql: string, pool: JiraIssue[]): JiraIssue[] {
    try {
      const q = parseJql(jql);
      if (this.flavour === 'cloud' && !q.where) throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
      const hits = pool.filter((i) => matchJql(q.where, this.subject(i), this.clock.now()));
      const order = q.orderBy.length ? q.orderBy : [{ field: 'key', desc: true }];
      const val = (i: JiraIssue, f: string): number => (f === 'updated' ? i.updated : f === 'created' ? i.created : Number(i.id));
      return hits.sort((a, b) => {
        for (const o of order) {
          const d = (val(a, o.field) - val(b, o.field)) * (o.desc ? -1 : 1);
          if (d) return d;
        }
        return 0;
      });
    } catch (err) {
      if (!(err instanceof JqlError)) throw err;
      if (err.unsupported) ctx.unsupported(err.message.replace(/^the fake does not implement /, ''));
      throw this.bad({}, [err.message]);
    }
  }

  // ---- routes ----

  private routes(): void {
    const a = this.api;
    this.route(`POST ${a}/issue`, (ctx) => {
      const fields = ((ctx.body as { fields?: Record<string, unknown> }).fields ?? {}) as Record<string, unknown>;
      if ((ctx.body as { update?: unknown }).update) ctx.unsupported('"update" on issue create');
      const project = fields.project as { key?: string; id?: string } | undefined;
      if (!project || (project.key !== this.project.key && project.id !== this.project.id)) throw this.bad({ project: 'valid project is required' });
      const type = fields.issuetype as { name?: string; id?: string } | undefined;
      const issueType = this.issueTypes.find((t) => t.name === type?.name || t.id === type?.id);
      if (!issueType) throw this.bad({ issuetype: 'valid issue type is required' });
      if (typeof fields.summary !== 'string' || !fields.summary.trim()) throw this.bad({ summary: 'You must specify a summary of the issue.' });
      const issue = this.newIssue({ summary: fields.summary, issueType: issueType.name });
      try {
        this.applyFields(ctx, issue, fields);
      } catch (err) {
        this.issues.pop();
        this.nextId--;
        throw err;
      }
      this.index.put(issue.id, issue);
      return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.url}${a}/issue/${issue.id}` } };
    });

    this.route(`GET ${a}/issue/{issueIdOrKey}`, (ctx) => {
      if (ctx.params.query.expand) ctx.unsupported('expand on get issue');
      return { status: 200, body: this.issueJson(this.find(ctx), ctx.params.query.fields, 'all') };
    });

    this.route(`PUT ${a}/issue/{issueIdOrKey}`, (ctx) => {
      const issue = this.find(ctx);
      const body = ctx.body as { fields?: Record<string, unknown>; update?: Record<string, Array<Record<string, unknown>>> };
      // An edit Jira refuses (400) changes nothing, not even the fields it would have taken.
      const before = structuredClone(issue);
      try {
        this.applyFields(ctx, issue, body.fields ?? {});
      } catch (err) {
        Object.assign(issue, before);
        throw err;
      }
      for (const [field, ops] of Object.entries(body.update ?? {})) {
        if (field !== 'labels') {
          ctx.unsupported(`"update.${field}" on edit issue`);
          continue;
        }
        for (const op of ops) {
          if (typeof op.add === 'string') issue.labels = [...new Set([...issue.labels, op.add])];
          else if (typeof op.remove === 'string') issue.labels = issue.labels.filter((l) => l !== op.remove);
          else if (Array.isArray(op.set)) issue.labels = op.set.map(String);
        }
      }
      this.touch(issue);
      return { status: 204 };
    });

    this.route(`GET ${a}/issue/{issueIdOrKey}/transitions`, (ctx) => {
      this.find(ctx);
      // The fake's workflow lets every status move to every other (a "simplified" workflow).
      const transitions = this.statuses.map((s) => ({ id: s.transitionId, name: s.name, to: this.statusJson(s), hasScreen: false, isGlobal: true, isInitial: false, isAvailable: true, isConditional: false, isLooped: false }));
      return { status: 200, body: { expand: 'transitions', transitions: this.flavour === 'cloud' ? transitions : transitions.map(({ id, name, to }) => ({ id, name, to })) } };
    });

    this.route(`POST ${a}/issue/{issueIdOrKey}/transitions`, (ctx) => {
      const issue = this.find(ctx);
      const body = ctx.body as { transition?: { id?: string }; fields?: Record<string, unknown> };
      const target = this.statuses.find((s) => s.transitionId === body.transition?.id);
      if (!target) throw this.bad({}, [`Transition id '${body.transition?.id}' is not valid for this issue.`]);
      if (body.fields && Object.keys(body.fields).some((k) => k !== 'resolution')) ctx.unsupported('fields other than resolution on a transition');
      issue.statusId = target.id;
      this.touch(issue);
      return { status: 204 };
    });

    this.route(`POST ${a}/issue/{issueIdOrKey}/comment`, (ctx) => {
      const issue = this.find(ctx);
      const body = this.richText(ctx, 'body', (ctx.body as { body?: unknown }).body ?? null);
      if (body === null) throw this.bad({ body: 'Comment body can not be empty!' });
      const now = this.clock.now();
      const c = { id: String(this.nextId++), body, created: now, updated: now };
      issue.comments.push(c);
      this.touch(issue);
      return { status: 201, body: this.commentJson(issue, c) };
    });

    if (this.flavour === 'cloud') {
      this.route(`GET ${a}/issue/{issueIdOrKey}/comment`, (ctx) => {
        const issue = this.find(ctx);
        const startAt = Number(ctx.params.query.startAt ?? 0);
        const maxResults = Number(ctx.params.query.maxResults ?? 100);
        const page = issue.comments.slice(startAt, startAt + maxResults).map((c) => this.commentJson(issue, c));
        return { status: 200, body: { startAt, maxResults, total: issue.comments.length, comments: page } };
      });
    }

    this.route(`GET ${a}/myself`, () => ({ status: 200, body: this.userJson('me') }));
    this.route(`GET ${a}/field`, () => ({ status: 200, body: this.fieldList() }));
    this.route(`GET ${a}/project/{projectIdOrKey}`, (ctx) => {
      const k = String(ctx.params.path.projectIdOrKey);
      if (k !== this.project.key && k !== this.project.id) throw new TrackerHttpError(404, `No project could be found with key '${k}'.`);
      const base = { id: this.project.id, key: this.project.key, name: this.project.name, self: `${this.url}${a}/project/${this.project.id}` };
      return { status: 200, body: this.flavour === 'cloud' ? { ...base, projectTypeKey: 'software', simplified: false, style: 'classic', isPrivate: false, issueTypes: this.issueTypes.map((t) => ({ ...t, self: `${this.url}${a}/issuetype/${t.id}`, subtask: false, hierarchyLevel: 0 })) } : base };
    });
    this.route(`GET ${a}/user/search`, (ctx) => {
      const needle = String(ctx.params.query.query ?? ctx.params.query.username ?? '').toLowerCase();
      const users = ['me', 'alice', 'bob'].filter((u) => u.includes(needle) || `${u}@example.com`.includes(needle));
      return { status: 200, body: users.map((u) => this.userJson(u)) };
    });

    if (this.flavour === 'cloud') {
      const search = (ctx: RestContext, input: Record<string, unknown>): FakeResponse => {
        // The enhanced search reads an index that lags writes; `reconcileIssues` lists issue ids
        // to read fresh: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
        const reconcile = new Set(((input.reconcileIssues as number[] | undefined) ?? []).map(String));
        const visible = new Map(this.index.visible().map((i) => [i.id, i]));
        for (const i of this.issues) if (reconcile.has(i.id)) visible.set(i.id, i);
        const hits = this.runJql(ctx, String(input.jql ?? ''), [...visible.values()]);
        const token = input.nextPageToken === undefined ? { offset: 0 } : cursor.decode<{ offset: number }>(String(input.nextPageToken));
        if (!token) throw this.bad({}, ['The provided next page token is invalid or expired.']);
        const idsOnly = !input.fields || (input.fields as string[]).every((f) => f === 'id' || f === 'key');
        const max = Math.min(Number(input.maxResults ?? 50), idsOnly ? 5000 : 100);
        const page = hits.slice(token.offset, token.offset + max);
        const isLast = token.offset + max >= hits.length;
        // The last page has no nextPageToken at all (JRACLOUD-92184), not a null one.
        return { status: 200, body: { issues: page.map((i) => this.issueJson(i, input.fields, 'id')), isLast, ...(isLast ? {} : { nextPageToken: cursor.encode({ offset: token.offset + max }) }) } };
      };
      this.route(`GET ${a}/search/jql`, (ctx) => search(ctx, ctx.params.query));
      this.route(`POST ${a}/search/jql`, (ctx) => search(ctx, ctx.body as Record<string, unknown>));
    } else {
      const search = (ctx: RestContext, input: Record<string, unknown>): FakeResponse => {
        const hits = this.runJql(ctx, String(input.jql ?? ''), this.index.visible());
        const startAt = Number(input.startAt ?? 0);
        const maxResults = Math.min(Number(input.maxResults ?? 50), 1000);
        return { status: 200, body: { expand: 'schema,names', startAt, maxResults, total: hits.length, issues: hits.slice(startAt, startAt + maxResults).map((i) => this.issueJson(i, input.fields, 'all')) } };
      };
      this.route(`GET ${a}/search`, (ctx) => search(ctx, ctx.params.query));
      this.route(`POST ${a}/search`, (ctx) => search(ctx, ctx.body as Record<string, unknown>));
    }

    // ---- Agile: https://developer.atlassian.com/cloud/jira/software/rest/ ----
    const agilePage = <T>(ctx: RestContext, values: T[]): FakeResponse => {
      const startAt = Number(ctx.params.query.startAt ?? 0);
      const maxResults = Number(ctx.params.query.maxResults ?? 50);
      const page = values.slice(startAt, startAt + maxResults);
      return { status: 200, body: { maxResults, startAt, total: values.length, isLast: startAt + maxResults >= values.length, values: page } };
    };
    this.route('GET /rest/agile/1.0/board', (ctx) => {
      const p = ctx.params.query.projectKeyOrId;
      const boards = p !== undefined && p !== this.project.key && p !== this.project.id ? [] : this.boards;
      return agilePage(ctx, boards.map((b) => ({ ...b, self: `${this.url}/rest/agile/1.0/board/${b.id}`, location: { projectId: Number(this.project.id), projectKey: this.project.key, projectName: this.project.name, displayName: `${this.project.name} (${this.project.key})` } })));
    });
    this.route('GET /rest/agile/1.0/board/{boardId}/sprint', (ctx) => {
      const boardId = Number(ctx.params.path.boardId);
      if (!this.boards.some((b) => b.id === boardId)) throw new TrackerHttpError(404, `Board ${boardId} does not exist or you do not have permission to see it.`);
      const states = typeof ctx.params.query.state === 'string' ? ctx.params.query.state.split(',') : undefined;
      return agilePage(ctx, this.sprints.filter((s) => s.boardId === boardId && (!states || states.includes(s.state))).map((s) => this.sprintJson(s)));
    });
    this.route('GET /rest/agile/1.0/sprint/{sprintId}', (ctx) => {
      const s = this.sprints.find((x) => x.id === Number(ctx.params.path.sprintId));
      if (!s) throw new TrackerHttpError(404, 'Sprint does not exist.');
      return { status: 200, body: this.sprintJson(s) };
    });
    this.route('POST /rest/agile/1.0/sprint/{sprintId}/issue', (ctx) => {
      const s = this.sprints.find((x) => x.id === Number(ctx.params.path.sprintId));
      if (!s) throw new TrackerHttpError(404, 'Sprint does not exist.');
      // "Issues can only be moved to open or active sprints."
      if (s.state === 'closed') throw this.bad({}, ['Cannot move issues to a closed sprint.']);
      const keys = (ctx.body as { issues: string[] }).issues;
      const found = keys.map((k) => this.issue(k));
      if (found.some((i) => !i)) throw this.bad({}, ['Issue does not exist or you do not have permission to see it.']);
      for (const i of found) {
        i!.sprintId = s.id;
        this.touch(i!);
      }
      return { status: 204 };
    });
    this.route('POST /rest/agile/1.0/backlog/issue', (ctx) => {
      // "Equivalent to remove future and active sprints from a given set of issues":
      // https://developer.atlassian.com/cloud/jira/software/rest/api-group-backlog/#api-rest-agile-1-0-backlog-issue-post
      const keys = (ctx.body as { issues: string[] }).issues;
      const found = keys.map((k) => this.issue(k));
      if (found.some((i) => !i)) throw this.bad({}, ['Issue does not exist or you do not have permission to see it.']);
      for (const i of found) {
        const sprint = this.sprints.find((s) => s.id === i!.sprintId);
        // A closed sprint is history: the issue keeps it.
        if (!sprint || sprint.state === 'closed') continue;
        i!.sprintId = null;
        this.touch(i!);
      }
      return { status: 204 };
    });
  }
}
