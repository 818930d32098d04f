import * as assert from 'node:assert/strict';
import { fetchHttpClient } from '../../src/engine/adapters/fetchHttpClient';
import { createGitHubSprintSource, githubGraphqlUrl, type GitHubSprintSourceOptions, type SprintSource } from '../../src/engine/trackers';
import { GitHubGraphqlFake, type GitHubGraphqlFakeOptions, type GitHubIteration } from '../trackers/fake';
import { bystander, rejection } from '../support/trackerClient';

// GitHub Projects v2 iterations as a sprint source, driven against the GitHub GraphQL contract
// fake: every query is validated against GitHub's schema (built from @octokit/graphql-schema's
// schema.json), time is the fake's (waits move its clock), and each test ends with no violation.

const TOKEN = 'ghp_paydownFakeToken';
const it14 = (id: string, title: string, startDate: string): GitHubIteration => ({ id, title, startDate, duration: 14 });

let fake: GitHubGraphqlFake;
async function start(options: GitHubGraphqlFakeOptions = {}): Promise<void> {
  fake = await new GitHubGraphqlFake(options).start();
  // The fake's clock starts at 2026-03-02T09:00:00Z: iteration 2 is the current one.
  fake.seedProject({
    owner: 'paydown-dev',
    number: 3,
    title: 'Platform',
    fields: [
      { kind: 'text', id: 'F_title', name: 'Title' },
      { kind: 'single-select', id: 'F_status', name: 'Status' },
      { kind: 'iteration', id: 'F_sprint', name: 'Sprint', completedIterations: [it14('it-1', 'Sprint 1', '2026-02-16')], iterations: [it14('it-2', 'Sprint 2', '2026-03-02'), it14('it-3', 'Sprint 3', '2026-03-16')] },
      { kind: 'iteration', id: 'F_release', name: 'Release', completedIterations: [], iterations: [{ id: 'r-1', title: 'R1', startDate: '2026-03-01', duration: 30 }] },
    ],
  });
}

function source(options: Partial<GitHubSprintSourceOptions> = {}): { source: SprintSource; slept: number[] } {
  const slept: number[] = [];
  const src = createGitHubSprintSource({
    graphqlUrl: fake.endpoint,
    token: TOKEN,
    owner: 'paydown-dev',
    number: 3,
    field: null,
    http: fetchHttpClient(),
    clock: { now: () => new Date(fake.clock.now()) },
    sleep: async (ms) => {
      slept.push(ms);
      fake.clock.advance(ms);
    },
    random: () => 0.5,
    maxWaitMs: 2 * 3_600_000,
    ...options,
  });
  return { source: src, slept };
}



describe('GitHub Projects v2 iterations against the GraphQL contract fake', function () {
  afterEach(async () => {
    await fake.stop();
  });

  it('lists the first iteration field’s iterations, past, current and future, with inclusive end days', async () => {
    await start();
    const { source: src } = source();
    assert.deepEqual([src.kind, src.scope, src.host], ['github', "paydown-dev's project 3", new URL(fake.url).host]);
    assert.deepEqual(await src.listSprints(), [
      { id: 'it-1', name: 'Sprint 1', start: '2026-02-16', end: '2026-03-01', capacity: null, state: 'closed' },
      { id: 'it-2', name: 'Sprint 2', start: '2026-03-02', end: '2026-03-15', capacity: null, state: 'active' },
      { id: 'it-3', name: 'Sprint 3', start: '2026-03-16', end: '2026-03-29', capacity: null, state: 'future' },
    ]);
    assert.match(String(fake.requests[0]!.headers.authorization), /^Bearer ghp_/);
    fake.assertNoViolations();
  });

  it('reads the named iteration field, and says so when the name is not an iteration field or does not exist', async () => {
    await start();
    assert.deepEqual((await source({ field: 'Release' }).source.listSprints()).map((s) => [s.name, s.start, s.end]), [['R1', '2026-03-01', '2026-03-30']]);
    const notIteration = await rejection(source({ field: 'Status' }).source.listSprints());
    assert.equal(notIteration.reason, 'invalid');
    assert.match(notIteration.message, /the field "Status" of paydown-dev's project 3 is not an iteration field/);
    const missing = await rejection(source({ field: 'Cycle' }).source.listSprints());
    assert.match(missing.message, /has no field named "Cycle"/);
    fake.assertNoViolations();
  });

  it('pages through the fields until it finds an iteration field', async () => {
    await start();
    const fields = Array.from({ length: 120 }, (_, i) => ({ kind: 'text' as const, id: `F_${i}`, name: `Text ${i}` }));
    fake.seedProject({ owner: 'alice', number: 1, title: 'Mine', fields: [...fields, { kind: 'iteration', id: 'F_it', name: 'Iteration', completedIterations: [], iterations: [it14('a-1', 'Iteration 1', '2026-03-02')] }] });
    const sprints = await source({ owner: 'alice', number: 1 }).source.listSprints();
    assert.deepEqual(sprints.map((s) => s.name), ['Iteration 1'], 'a user’s project, its iteration field on the third page');
    assert.equal(fake.requests.length, 3);
    fake.assertNoViolations();
  });

  it('a missing owner or project is `forbidden` with a hint about the token’s scope; a project without iteration field is `invalid`', async () => {
    await start();
    const noProject = await rejection(source({ number: 99 }).source.listSprints());
    assert.equal(noProject.reason, 'forbidden');
    assert.match(noProject.message, /Could not resolve to a ProjectV2 with the number 99/);
    assert.match(noProject.details.hint!, /read:project/);
    const noOwner = await rejection(source({ owner: 'nobody' }).source.listSprints());
    assert.equal(noOwner.reason, 'forbidden');
    assert.match(noOwner.message, /no user or organisation nobody/);
    fake.seedProject({ owner: 'alice', number: 2, title: 'Plain', fields: [{ kind: 'text', id: 'F_t', name: 'Title' }] });
    assert.equal((await rejection(source({ owner: 'alice', number: 2 }).source.listSprints())).reason, 'invalid');
    fake.assertNoViolations();
  });

  it('a wrong token is `unauthorized`, and the token is in no message', async () => {
    await start();
    const err = await rejection(source({ token: 'ghp_wrongToken123' }).source.listSprints());
    assert.equal(err.reason, 'unauthorized');
    assert.doesNotMatch(`${err.message} ${err.details.hint ?? ''}`, /ghp_wrongToken123/);
    fake.assertNoViolations();
  });

  it('waits out a spent points budget (200 with RATE_LIMITED, remaining 0) until its reset, then reads', async () => {
    await start();
    fake.inject({ kind: 'rateLimit' });
    const { source: src, slept } = source();
    const sprints = await src.listSprints();
    assert.equal(sprints.length, 3);
    assert.equal(fake.requests[0]!.status, 200);
    assert.equal(slept.length, 1);
    assert.ok(slept[0]! > 50 * 60_000, `waited until the hour's reset, not ${slept[0]} ms`);
    fake.assertNoViolations();
  });

  it('a reset further off than the wait allowed is `rate-limited` with retryAt, after one request', async () => {
    await start();
    fake.inject({ kind: 'rateLimit' });
    const err = await rejection(source({ maxWaitMs: 60_000 }).source.listSprints());
    assert.equal(err.reason, 'rate-limited');
    assert.match(err.details.retryAt!, /^2026-03-02T10:00:00/, 'the hour’s reset (plus jitter)');
    assert.equal(fake.requests.length, 1);
    fake.assertNoViolations();
  });

  it('waits out a secondary limit by its retry-after', async () => {
    await start();
    fake.inject({ kind: 'secondaryRateLimit', retryAfterSeconds: 90 });
    const { source: src, slept } = source();
    assert.equal((await src.listSprints()).length, 3);
    assert.equal(slept[0], 90_500);
    fake.assertNoViolations();
  });

  it('retries a 502 on the query (a read), and is `offline` when nothing answers', async () => {
    await start();
    fake.inject({ kind: 'status', status: 502 });
    assert.equal((await source().source.listSprints()).length, 3);
    const url = fake.endpoint;
    await fake.stop();
    const err = await rejection(source({ graphqlUrl: url }).source.listSprints());
    assert.equal(err.reason, 'offline');
    await start();
  });

  describe('the token goes only to its host', () => {
    let other: Awaited<ReturnType<typeof bystander>>;
    beforeEach(async () => {
      other = await bystander('{"data":null}');
    });
    afterEach(async () => {
      await other.stop();
    });

    it('refuses a redirect to another host before sending anything there', async () => {
      await start();
      fake.inject({ kind: 'status', status: 307, headers: { location: `${other.url}/graphql` } });
      const err = await rejection(source().source.listSprints());
      assert.equal(err.reason, 'untrusted-host');
      assert.equal(other.seen.length, 0);
      fake.assertNoViolations();
    });

    it('sends no token to a GraphQL URL on another host than the one the token was given for', async () => {
      await start();
      const err = await rejection(source({ graphqlUrl: `${other.url}/graphql`, tokenHost: fake.endpoint }).source.listSprints());
      assert.equal(err.reason, 'untrusted-host');
      assert.equal(other.seen.length, 0);
    });
  });
});

describe('the GitHub GraphQL fake keeps GitHub’s contract', function () {
  afterEach(async () => {
    await fake.stop();
  });

  const post = (query: string, variables: Record<string, unknown> = {}): Promise<Response> =>
    fetch(fake.endpoint, { method: 'POST', headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

  it('records a query the schema refuses and a connection without `first` or `last`', async () => {
    await start();
    await post('{ repositoryOwner(login: "paydown-dev") { ... on ProjectV2Owner { projectV2(number: 3) { iterations { id } } } } }');
    await post('{ repositoryOwner(login: "paydown-dev") { ... on ProjectV2Owner { projectV2(number: 3) { fields { totalCount } } } } }');
    const violations = fake.takeViolations();
    assert.match(violations[0]!.message, /Cannot query field "iterations" on type "ProjectV2"/);
    assert.match(violations[1]!.message, /`first` or `last` value between 1 and 100/);
  });

  it('answers NOT_FOUND as GitHub does: 200, the error’s type beside its message, the data that resolved', async () => {
    await start();
    const r = await post('query($n: Int!) { organization(login: "paydown-dev") { login projectV2(number: $n) { title } } }', { n: 9 });
    const body = (await r.json()) as { data: unknown; errors: { type: string; message: string }[] };
    assert.equal(r.status, 200);
    assert.deepEqual(body.data, { organization: { login: 'paydown-dev', projectV2: null } });
    assert.deepEqual([body.errors[0]!.type, body.errors[0]!.message], ['NOT_FOUND', 'Could not resolve to a ProjectV2 with the number 9.']);
    assert.equal(r.headers.get('x-ratelimit-resource'), 'graphql');
    fake.assertNoViolations();
  });
});

describe('githubGraphqlUrl', () => {
  it('maps the REST base to the GraphQL endpoint, for github.com and GitHub Enterprise Server', () => {
    assert.equal(githubGraphqlUrl('https://api.github.com'), 'https://api.github.com/graphql');
    assert.equal(githubGraphqlUrl('https://api.github.com/'), 'https://api.github.com/graphql');
    assert.equal(githubGraphqlUrl('https://ghe.example.com/api/v3'), 'https://ghe.example.com/api/graphql');
    assert.equal(githubGraphqlUrl('https://ghe.example.com/api/v3/'), 'https://ghe.example.com/api/graphql');
  });
});
