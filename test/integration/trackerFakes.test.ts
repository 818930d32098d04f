import * as assert from 'node:assert/strict';
import { parse, validate } from 'graphql';
import { GITHUB_GRAPHQL_SCHEMA, GitHubFake, GitLabFake, JiraFake, LinearFake, adf, loadSchema, type ContractFake } from '../trackers/fake';

// The contract fakes the tracker clients will be tested against, driven with plain fetch the
// way a client would: each proves its round trip (create, find by the Paydown marker, update or
// close, list what changed since) and that a request or response outside the tracker's
// published contract is caught even when the client shrugs the answer off.

const MARKER = '<!-- paydown:PD-7Q2K2M -->';

/** Waits (without a timer) until the fake has recorded `n` requests. */
async function recorded(fake: ContractFake, n: number): Promise<void> {
  while (fake.requests.length < n) await new Promise((r) => setImmediate(r));
}

describe('tracker contract fakes', function () {
  this.timeout(30_000);
  const running: ContractFake[] = [];
  const start = async <T extends ContractFake>(fake: T): Promise<T> => {
    running.push(fake);
    return fake.start();
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((f) => f.stop()));
  });

  describe('GitHubFake (REST, @octokit/openapi subset)', () => {
    const TOKEN = { authorization: 'Bearer ghp_paydownFakeToken', accept: 'application/vnd.github+json', 'content-type': 'application/json' };
    const gh = (fake: GitHubFake, method: string, path: string, body?: unknown, headers: Record<string, string> = TOKEN): Promise<Response> =>
      fetch(`${fake.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const repo = '/repos/paydown-dev/sample';
    const search = (q: string): string => `/search/issues?q=${encodeURIComponent(q)}`;

    it('creates, finds by the marker once search catches up, closes as not planned, lists what changed since', async () => {
      const fake = await start(new GitHubFake({ searchLag: { requests: 2 } }));
      fake.addMilestone('Sprint 12', '2026-03-13T00:00:00Z');
      fake.seedIssue({ title: 'Older debt', labels: ['tech-debt'] });

      let r = await gh(fake, 'POST', `${repo}/issues`, { title: 'Replace the retry loop', body: `Debt item\n\n${MARKER}`, labels: ['tech-debt', 'paydown'], milestone: 1, assignees: ['alice'] });
      assert.equal(r.status, 201);
      const created = (await r.json()) as { number: number; state: string; labels: Array<{ name: string }>; milestone: { title: string } };
      assert.deepEqual([created.number, created.state, created.labels.map((l) => l.name), created.milestone.title], [2, 'open', ['tech-debt', 'paydown'], 'Sprint 12']);
      assert.equal(r.headers.get('location'), `${fake.url}${repo}/issues/2`);

      // Search has not indexed it yet: a "search before create" would miss it now.
      r = await gh(fake, 'GET', search(`repo:paydown-dev/sample is:issue in:body "paydown:PD-7Q2K2M"`));
      assert.equal(((await r.json()) as { total_count: number }).total_count, 0);
      r = await gh(fake, 'GET', search(`repo:paydown-dev/sample is:issue in:body "paydown:PD-7Q2K2M"`));
      const found = (await r.json()) as { total_count: number; items: Array<{ number: number }> };
      assert.deepEqual([found.total_count, found.items[0]!.number], [1, 2]);

      fake.clock.advance(60_000);
      const since = fake.clock.iso();
      r = await gh(fake, 'PATCH', `${repo}/issues/2`, { state: 'closed', state_reason: 'not_planned' });
      const closed = (await r.json()) as { state: string; state_reason: string; closed_at: string };
      assert.deepEqual([closed.state, closed.state_reason, typeof closed.closed_at], ['closed', 'not_planned', 'string']);

      r = await gh(fake, 'GET', `${repo}/issues?state=all&since=${since}&sort=updated&direction=asc`);
      assert.deepEqual(((await r.json()) as Array<{ number: number }>).map((i) => i.number), [2]);
      r = await gh(fake, 'GET', `${repo}/issues?state=all&per_page=1`);
      assert.match(r.headers.get('link') ?? '', /[?&]page=2>; rel="next"/);
      fake.assertNoViolations();
    });

    it('records a request outside the contract even when the client ignores the 422', async () => {
      const fake = await start(new GitHubFake());
      fake.seedIssue({ title: 'Debt' });
      const answers = [
        await gh(fake, 'GET', `${repo}/issues?labels[]=tech-debt`), // GitHub takes labels=a,b
        await gh(fake, 'PATCH', `${repo}/issues/1`, { state: 'done' }),
        await gh(fake, 'POST', `${repo}/issues`, { body: 'no title' }),
        await gh(fake, 'GET', `${repo}/issues?since=yesterday`),
        await gh(fake, 'PUT', `${repo}/issues/1/lock`),
      ].map((r) => r.status);
      assert.deepEqual(answers, [422, 422, 422, 422, 404]);
      const v = fake.takeViolations();
      assert.deepEqual(
        v.map((x) => [x.kind, x.message]),
        [
          ['request', 'query parameter "labels[]" is not in the contract of issues/list-for-repo'],
          ['request', 'request body/state must be equal to one of the allowed values (["open","closed"])'],
          ['request', "request body must have required property 'title'"],
          ['request', 'query parameter "since" must match format "date-time"'],
          ['unknown-operation', 'PUT /repos/paydown-dev/sample/issues/1/lock is not an operation of the contract'],
        ],
      );
      // assertNoViolations is what fails a client test; prove it would have.
      fake.violations.push(v[0]!);
      assert.throws(() => fake.assertNoViolations(), /labels\[\]/);
      fake.takeViolations();
    });

    it('catches a response that breaks the contract', async () => {
      const fake = await start(new GitHubFake());
      fake.seedIssue({ title: 'Debt' });
      fake.inject({ kind: 'transformResponse', transform: (body) => ({ ...(body as object), number: '1', state_reason: 'fixed' }) }, { operation: 'issues/get' });
      const r = await gh(fake, 'GET', `${repo}/issues/1`);
      assert.equal(r.status, 200);
      assert.deepEqual(
        fake.takeViolations().map((v) => [v.kind, v.message]),
        [
          ['response', 'response body (200)/number must be integer'],
          ['response', 'response body (200)/state_reason must be equal to one of the allowed values (["completed","reopened","not_planned","duplicate",null])'],
        ],
      );
    });

    it('answers primary and secondary rate limits with the headers GitHub documents', async () => {
      const fake = await start(new GitHubFake({ coreLimit: 2 }));
      let r = await gh(fake, 'GET', repo);
      assert.deepEqual([r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining'), r.headers.get('x-ratelimit-resource')], ['2', '1', 'core']);
      await gh(fake, 'GET', repo);
      r = await gh(fake, 'GET', repo);
      assert.equal(r.status, 403);
      assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
      const reset = Number(r.headers.get('x-ratelimit-reset'));
      assert.match(((await r.json()) as { message: string }).message, /^API rate limit exceeded/);
      // /rate_limit itself does not count, and tells the same reset.
      r = await gh(fake, 'GET', '/rate_limit');
      assert.equal(((await r.json()) as { resources: { core: { reset: number; remaining: number } } }).resources.core.reset, reset);
      fake.clock.advance(reset * 1000 - fake.clock.now());
      assert.equal((await gh(fake, 'GET', repo)).status, 200);

      fake.inject({ kind: 'secondaryRateLimit', retryAfterSeconds: 30 }, { method: 'POST' });
      r = await gh(fake, 'POST', `${repo}/issues`, { title: 'Debt' });
      assert.deepEqual([r.status, r.headers.get('retry-after')], [403, '30']);
      assert.match(((await r.json()) as { message: string }).message, /secondary rate limit/);
      assert.equal(fake.issues.size, 0);
      fake.assertNoViolations();
    });

    it('injects 5xx, hangs until the client gives up, and loses a create answer after storing it', async () => {
      const fake = await start(new GitHubFake());
      fake.inject({ kind: 'status', status: 503 }, { operation: 'issues/create' });
      let r = await gh(fake, 'POST', `${repo}/issues`, { title: 'Debt' });
      assert.equal(r.status, 503);
      assert.equal(fake.issues.size, 0);

      fake.inject({ kind: 'hang' }, { operation: 'issues/get' });
      const abort = new AbortController();
      const hung = fetch(`${fake.url}${repo}/issues/1`, { headers: TOKEN, signal: abort.signal });
      await recorded(fake, 2);
      abort.abort();
      await assert.rejects(hung, { name: 'AbortError' });

      fake.inject({ kind: 'lostResponse' }, { operation: 'issues/create' });
      await assert.rejects(gh(fake, 'POST', `${repo}/issues`, { title: 'Debt', body: MARKER }), TypeError);
      assert.deepEqual([...fake.issues.values()].map((i) => i.body), [MARKER], 'the create was stored although its answer was lost');
      r = await gh(fake, 'GET', `${repo}/issues/1`);
      assert.equal(r.status, 200);
      fake.assertNoViolations();
    });

    it('records every request, so a test can prove a token never reached another host', async () => {
      const given = await start(new GitHubFake());
      const other = await start(new GitHubFake());
      await gh(given, 'GET', repo);
      await gh(other, 'GET', repo, undefined, { accept: 'application/vnd.github+json' });
      assert.equal(given.requests[0]!.headers.authorization, TOKEN.authorization);
      assert.deepEqual(other.requests.map((q) => [q.method, q.path, q.status, q.headers.authorization]), [['GET', repo, 401, undefined]]);
    });
  });

  describe('GitLabFake (REST v4, hand-written from the docs)', () => {
    const gl = (fake: GitLabFake, method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${fake.apiUrl}${path}`, { method, headers: { 'private-token': 'glpat-paydownFakeToken', 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const P = '/projects/paydown-dev%2Fsample';

    it('creates, finds by the marker, closes, sets an iteration, and pages what changed since by keyset', async () => {
      const fake = await start(new GitLabFake());
      for (const n of [1, 2, 3]) fake.seedIssue({ title: `Old debt ${n}` });
      let r = await gl(fake, 'POST', `${P}/issues`, { title: 'Replace the retry loop', description: `Debt item\n\n${MARKER}`, labels: 'tech-debt,paydown', milestone_id: 11 });
      assert.equal(r.status, 201);
      const iid = ((await r.json()) as { iid: number }).iid;

      r = await gl(fake, 'GET', `${P}/issues?search=${encodeURIComponent('paydown:PD-7Q2K2M')}&in=description`);
      assert.deepEqual(((await r.json()) as Array<{ iid: number }>).map((i) => i.iid), [iid]);

      fake.clock.advance(60_000);
      const since = new Date(fake.clock.now()).toISOString();
      r = await gl(fake, 'PUT', `${P}/issues/${iid}`, { state_event: 'close' });
      assert.equal(((await r.json()) as { state: string }).state, 'closed');
      r = await gl(fake, 'POST', `${P}/issues/2/notes`, { body: '/iteration *iteration:72' });
      assert.equal(r.status, 201);
      assert.equal(fake.issue(2)!.iterationId, 72);

      const seen: number[] = [];
      let url = `${P}/issues?state=all&updated_after=${since}&pagination=keyset&order_by=updated_at&sort=asc&per_page=1`;
      for (;;) {
        r = await gl(fake, 'GET', url);
        seen.push(...((await r.json()) as Array<{ iid: number }>).map((i) => i.iid));
        const next = /<([^>]+)>; rel="next"/.exec(r.headers.get('link') ?? '');
        if (!next) break;
        url = next[1]!.slice(fake.apiUrl.length);
      }
      assert.deepEqual(seen, [iid, 2]);
      r = await gl(fake, 'GET', `${P}/issues?state=all&per_page=2&page=2`);
      assert.deepEqual([r.headers.get('x-total'), r.headers.get('x-total-pages'), r.headers.get('x-page')], ['4', '2', '2']);
      fake.assertNoViolations();
    });

    it('records a request outside the contract', async () => {
      const fake = await start(new GitLabFake());
      fake.seedIssue({ title: 'Debt' });
      const r = await gl(fake, 'PUT', `${P}/issues/1`, { state: 'closed' }); // GitLab closes with state_event
      assert.equal(r.status, 400);
      assert.deepEqual(fake.takeViolations().map((v) => v.message), ['request body must NOT have additional properties ("state")']);
    });
  });

  describe('JiraFake', () => {
    const basic = `Basic ${Buffer.from('pat@example.com:atlassian-api-token').toString('base64')}`;
    const jira = (fake: JiraFake, method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${fake.url}${path}`, { method, headers: { authorization: fake.flavour === 'cloud' ? basic : 'Bearer dc-personal-access-token', 'content-type': 'application/json', accept: 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

    it('Cloud: ADF create, search/jql by the marker (lagging, reconciled), transition to done, sprint, nextPageToken', async () => {
      const fake = await start(new JiraFake({ flavour: 'cloud', searchLag: { requests: 100 } }));
      fake.seedIssue({ summary: 'Older debt', labels: ['tech-debt'] });
      let r = await jira(fake, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Replace the retry loop', description: adf(`Debt item PD-7Q2K2M`), labels: ['tech-debt'], [fake.storyPointsField]: 3 } });
      assert.equal(r.status, 201);
      const { id, key } = (await r.json()) as { id: string; key: string };
      assert.equal(key, 'PAY-2');

      const jql = encodeURIComponent('project = PAY AND text ~ "PD-7Q2K2M"');
      r = await jira(fake, 'GET', `/rest/api/3/search/jql?jql=${jql}`);
      assert.deepEqual((await r.json()) as object, { issues: [], isLast: true }, 'the index has not seen the new issue');
      r = await jira(fake, 'GET', `/rest/api/3/search/jql?jql=${jql}&reconcileIssues=${id}&fields=summary,status`);
      const hit = (await r.json()) as { issues: Array<{ key: string; fields: { summary: string; status: { statusCategory: { key: string } } } }> };
      assert.deepEqual([hit.issues[0]!.key, hit.issues[0]!.fields.status.statusCategory.key], [key, 'new']);

      fake.clock.advance(120_000);
      const since = new Date(fake.clock.now()).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');
      r = await jira(fake, 'GET', `/rest/api/3/issue/${key}/transitions`);
      const done = ((await r.json()) as { transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }).transitions.find((t) => t.to.statusCategory.key === 'done')!;
      assert.equal((await jira(fake, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done.id } })).status, 204);
      r = await jira(fake, 'GET', '/rest/agile/1.0/board/1/sprint?state=active');
      const sprint = ((await r.json()) as { values: Array<{ id: number }> }).values[0]!;
      assert.equal((await jira(fake, 'POST', `/rest/agile/1.0/sprint/${sprint.id}/issue`, { issues: [key] })).status, 204);

      fake.index.lag = {};
      const changed: string[] = [];
      let token: string | undefined;
      do {
        r = await jira(fake, 'POST', '/rest/api/3/search/jql', { jql: `project = PAY AND updated >= "${since}" ORDER BY updated ASC`, fields: ['status', fake.sprintField, fake.storyPointsField], maxResults: 1, ...(token ? { nextPageToken: token } : {}) });
        const page = (await r.json()) as { issues: Array<{ key: string; fields: Record<string, unknown> }>; nextPageToken?: string; isLast: boolean };
        changed.push(...page.issues.map((i) => `${i.key}:${(i.fields.status as { name: string }).name}:${(i.fields[fake.sprintField] as Array<{ id: number }>)[0]!.id}:${String(i.fields[fake.storyPointsField])}`));
        token = page.nextPageToken;
      } while (token);
      assert.deepEqual(changed, [`${key}:Done:${sprint.id}:3`]);
      fake.assertNoViolations();
    });

    it('Cloud: a plain-text description breaks the v3 contract (ADF only)', async () => {
      const fake = await start(new JiraFake({ flavour: 'cloud' }));
      const r = await jira(fake, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Debt', description: 'plain text' } });
      assert.equal(r.status, 400);
      assert.deepEqual(fake.takeViolations().map((v) => [v.kind, v.operation]), [['request', 'createIssue']]);
      assert.equal(fake.issues.length, 0);
      // The removed /rest/api/3/search is not in the contract any more.
      await jira(fake, 'GET', '/rest/api/3/search?jql=project%20%3D%20PAY');
      assert.deepEqual(fake.takeViolations().map((v) => v.kind), ['unknown-operation']);
    });

    it('Data Center: wiki-text create, search with startAt/total, transition, and ADF refused on v2', async () => {
      const fake = await start(new JiraFake({ flavour: 'dc' }));
      let r = await jira(fake, 'POST', '/rest/api/2/issue', { fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Replace the retry loop', description: `Debt item {noformat}${MARKER}{noformat}` } });
      assert.equal(r.status, 201);
      const { key } = (await r.json()) as { key: string };
      r = await jira(fake, 'GET', `/rest/api/2/search?jql=${encodeURIComponent('text ~ "paydown:PD-7Q2K2M"')}&startAt=0&maxResults=10`);
      const page = (await r.json()) as { total: number; startAt: number; issues: Array<{ key: string }> };
      assert.deepEqual([page.total, page.startAt, page.issues.map((i) => i.key)], [1, 0, [key]]);
      assert.equal((await jira(fake, 'POST', `/rest/api/2/issue/${key}/transitions`, { transition: { id: '31' } })).status, 204);
      r = await jira(fake, 'GET', `/rest/api/2/issue/${key}?fields=status`);
      assert.equal(((await r.json()) as { fields: { status: { statusCategory: { key: string } } } }).fields.status.statusCategory.key, 'done');
      fake.assertNoViolations();

      r = await jira(fake, 'PUT', `/rest/api/2/issue/${key}`, { fields: { description: adf('ADF is Cloud v3 only') } });
      assert.equal(r.status, 400);
      assert.deepEqual(fake.takeViolations().map((v) => v.message), ['request body/fields/description must be string']);
    });

    it('Data Center: an edit changes summary and story points or, refused, nothing; the backlog takes an issue out of its open sprint only', async () => {
      const fake = await start(new JiraFake({ flavour: 'dc' }));
      const open = fake.seedIssue({ summary: 'Debt', storyPoints: 3, sprintId: 2 });
      const done = fake.seedIssue({ summary: 'Old debt', sprintId: 1 });
      assert.equal((await jira(fake, 'PUT', `/rest/api/2/issue/${open.key}`, { fields: { summary: 'Back off', [fake.storyPointsField]: null } })).status, 204);
      assert.deepEqual([open.summary, open.storyPoints], ['Back off', null]);
      const refused = await jira(fake, 'PUT', `/rest/api/2/issue/${open.key}`, { fields: { summary: 'Never', [fake.storyPointsField]: 'five' } });
      assert.equal(refused.status, 400);
      assert.deepEqual(((await refused.json()) as { errors: object }).errors, { [fake.storyPointsField]: 'Operation value must be a number' });
      assert.deepEqual([open.summary, open.storyPoints], ['Back off', null]);
      assert.equal((await jira(fake, 'POST', '/rest/agile/1.0/backlog/issue', { issues: [open.key, done.key] })).status, 204);
      assert.deepEqual([open.sprintId, done.sprintId], [null, 1]);
      fake.assertNoViolations();
    });

    it('answers 429 with Retry-After and the reset time', async () => {
      const fake = await start(new JiraFake({ flavour: 'cloud', requestsPerMinute: 1 }));
      assert.equal((await jira(fake, 'GET', '/rest/api/3/myself')).status, 200);
      const r = await jira(fake, 'GET', '/rest/api/3/myself');
      assert.deepEqual([r.status, r.headers.get('retry-after'), r.headers.get('x-ratelimit-reset')], [429, '58', '2026-03-02T09:01Z']);
      fake.assertNoViolations();
    });
  });

  describe('LinearFake (GraphQL, Linear SDL)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are shaped by each query
    type Data = Record<string, any>;
    const gql = async (fake: LinearFake, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; headers: Headers; body: { data?: Data; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } }> => {
      const r = await fetch(fake.endpoint, { method: 'POST', headers: { authorization: 'lin_api_paydownFakeKey', 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return { status: r.status, headers: r.headers, body: (await r.json()) as never };
    };
    const ISSUES = `query Changed($filter: IssueFilter, $after: String) { issues(filter: $filter, first: 1, after: $after, orderBy: updatedAt) { nodes { identifier title state { type } cycle { number } } pageInfo { hasNextPage endCursor } } }`;

    it('creates, finds by the marker, completes, and pages what changed since by cursor', async () => {
      const fake = await start(new LinearFake());
      fake.seedIssue({ title: 'Older debt' });
      let r = await gql(fake, `mutation($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier } } }`, { input: { teamId: 'team-pay', title: 'Replace the retry loop', description: `Debt item\n\n${MARKER}`, labelIds: ['label-debt'] } });
      const { id, identifier } = r.body.data!.issueCreate.issue;
      assert.equal(identifier, 'PAY-2');
      assert.equal(Number(r.headers.get('x-complexity')) > 0, true);
      assert.match(r.headers.get('x-ratelimit-requests-remaining') ?? '', /^\d+$/);

      r = await gql(fake, `query($m: String!) { issues(filter: { description: { contains: $m } }) { nodes { id } } }`, { m: 'paydown:PD-7Q2K2M' });
      assert.deepEqual(r.body.data!.issues.nodes, [{ id }]);

      r = await gql(fake, `{ workflowStates(filter: { type: { eq: "completed" } }) { nodes { id } } cycles(filter: { isActive: { eq: true } }) { nodes { id number } } }`);
      const done = r.body.data!.workflowStates.nodes[0].id;
      const cycle = r.body.data!.cycles.nodes[0];
      fake.clock.advance(60_000);
      const since = new Date(fake.clock.now()).toISOString();
      r = await gql(fake, `mutation($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success } }`, { id, input: { stateId: done, cycleId: cycle.id } });
      assert.equal(r.body.data!.issueUpdate.success, true);
      await gql(fake, `mutation($input: CommentCreateInput!) { commentCreate(input: $input) { success } }`, { input: { issueId: 'PAY-1', body: 'still here' } });

      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        r = await gql(fake, ISSUES, { filter: { updatedAt: { gt: since } }, after });
        seen.push(...r.body.data!.issues.nodes.map((n: { identifier: string; state: { type: string }; cycle: { number: number } | null }) => `${n.identifier}:${n.state.type}:${n.cycle?.number ?? '-'}`));
        if (!r.body.data!.issues.pageInfo.hasNextPage) break;
        after = r.body.data!.issues.pageInfo.endCursor;
      }
      assert.deepEqual(seen, ['PAY-1:unstarted:-', `PAY-2:completed:${cycle.number}`]);
      fake.assertNoViolations();
    });

    it('records a query the schema refuses, a response it does not allow, and a filter the fake lacks', async () => {
      const fake = await start(new LinearFake());
      fake.seedIssue({ title: 'Debt' });
      assert.equal((await gql(fake, `{ issues { nodes { id estimatePoints } } }`)).status, 400);
      fake.inject({ kind: 'transformResponse', transform: () => ({ data: { issues: { nodes: [{ id: null }] } } }) }, { operation: 'issues' });
      await gql(fake, `{ issues { nodes { id } } }`);
      await gql(fake, `{ issues(filter: { priority: { eq: 1 } }) { nodes { id } } }`);
      assert.deepEqual(
        fake.takeViolations().map((v) => [v.kind, v.message]),
        [
          ['request', 'Cannot query field "estimatePoints" on type "Issue". Did you mean "estimate"?'],
          ['response', 'data.issues.nodes.0.id is null but ID! is non-null'],
          ['unsupported', 'the fake does not implement IssueFilter.priority'],
        ],
      );
    });

    it('answers RATELIMITED with the budget headers once the requests budget is spent', async () => {
      const fake = await start(new LinearFake({ requestsLimit: 1 }));
      await gql(fake, `{ viewer { id } }`);
      const r = await gql(fake, `{ viewer { id } }`);
      assert.deepEqual([r.status, r.body.errors![0]!.extensions.code, r.headers.get('x-ratelimit-requests-remaining')], [400, 'RATELIMITED', '0']);
      assert.equal(Number(r.headers.get('x-ratelimit-requests-reset')), Date.parse('2026-03-02T10:00:00Z'));
      fake.assertNoViolations();
    });
  });

  it('GitHub GraphQL schema (Projects v2 iterations) validates queries against the committed SDL', () => {
    const schema = loadSchema(GITHUB_GRAPHQL_SCHEMA);
    const ok = parse(`query($p: ID!) { node(id: $p) { ... on ProjectV2 { fields(first: 20) { nodes { ... on ProjectV2IterationField { id name configuration { iterations { id title startDate duration } } } } } } } }`);
    assert.deepEqual(validate(schema, ok), []);
    const wrong = parse(`query($p: ID!) { node(id: $p) { ... on ProjectV2 { iterations { id } } } }`);
    assert.match(validate(schema, wrong)[0]!.message, /Cannot query field "iterations" on type "ProjectV2"/);
  });
});
