import * as assert from 'node:assert/strict';
import { fetchHttpClient } from '../../src/engine/adapters/fetchHttpClient';
import type { HttpClient } from '../../src/engine/ports';
import { TrackerError, createGitLabClient, createGitLabSprintSource, ticketMarker, type GitLabClientOptions, type GitLabSprintOptions, type TrackerClient } from '../../src/engine/trackers';
import { FakeClock, GitLabFake, type GitLabFakeOptions } from '../trackers/fake';
import { bystander, draft, fakeTimeEnvironment, itemId, rejection } from '../support/trackerClient';

// The GitLab client driven against the contract fake: every request it sends and every answer
// it reads is checked against the hand-written description of GitLab's REST v4 API, time is the
// fake's (waits move the fake clock; nothing sleeps), and each test ends with no violation.

const TOKEN = 'glpat-paydownFakeToken';

function harness(fake: GitLabFake, options: Partial<GitLabClientOptions> = {}): { client: TrackerClient; slept: number[]; logs: string[] } {
  const env = fakeTimeEnvironment(fake.clock, { http: options.http });
  const { slept, logs } = env;
  const client = createGitLabClient({ project: fake.projectPath, apiUrl: fake.apiUrl, token: TOKEN, labels: ['tech-debt'], ...env, ...options, http: env.http });
  return { client, slept, logs };
}

const calls = (fake: GitLabFake, operation: string) => fake.requests.filter((r) => r.operation === operation);
const statuses = (fake: GitLabFake, operation: string): Array<number | undefined> => calls(fake, operation).map((r) => r.status);

describe('GitLab client against the contract fake', function () {
  this.timeout(60_000);
  let fake: GitLabFake;
  const start = async (options: GitLabFakeOptions = {}): Promise<GitLabFake> => {
    fake = await new GitLabFake(options).start();
    return fake;
  };
  afterEach(async () => {
    await fake?.stop();
  });

  it('creates a ticket with labels, assignee, milestone, iteration and weight, and finds it by its marker', async () => {
    await start({ projectPath: 'paydown-dev/backend/sample' });
    fake.iterations[2]!.title = 'Sprint 12';
    fake.milestones.push({ id: 12, iid: 2, title: 'Sprint 12', state: 'active', dueDate: null });
    const { client } = harness(fake);

    const created = await client.create(draft('PD-7Q2K', { labels: ['perf'], assignees: ['alice'], milestone: 'Sprint 12', estimate: 2.5 }));
    assert.deepEqual(
      [created.key, created.reference, created.url, created.state, created.stateReason, created.assignees, created.milestone, created.itemId],
      ['paydown-dev/backend/sample#1', 'GL-1', 'https://gitlab.example.com/paydown-dev/backend/sample/-/issues/1', 'open', null, ['alice'], 'Sprint 12', 'PD-7Q2K'],
    );
    const issue = fake.issue(1)!;
    assert.deepEqual([issue.labels, issue.assigneeIds, issue.milestoneId, issue.iterationId, issue.weight], [['tech-debt', 'perf'], [2], 12, 73, 3]);
    assert.ok(calls(fake, 'createIssue').every((r) => r.path.includes('/projects/paydown-dev%2Fbackend%2Fsample/')));
    assert.match(issue.description!, /<!-- paydown:PD-7Q2K -->$/);

    // An untitled cadence iteration is matched by the name the sprint source gives it.
    const second = await client.create(draft('PD-7Q2M', { milestone: 'Iteration 2', estimate: 0 }));
    assert.deepEqual([fake.issue(2)!.iterationId, fake.issue(2)!.milestoneId, fake.issue(2)!.weight, second.milestone], [72, null, 0, 'Iteration 2']);
    assert.equal(calls(fake, 'listProjectIterations').length, 1, 'iterations are read once');

    const found = await client.findByMarkers(['PD-7Q2K', 'PD-7Q2M', 'PD-0000']);
    assert.deepEqual([...found.keys()].sort(), ['PD-7Q2K', 'PD-7Q2M']);
    assert.equal(found.get('PD-7Q2K')!.key, 'paydown-dev/backend/sample#1');
    assert.equal((await client.get('GL-2'))?.milestone, 'Iteration 2');
    fake.assertNoViolations();
  });

  it('creates the ticket without an assignee GitLab does not know, and says so', async () => {
    await start();
    const { client, logs } = harness(fake);
    const created = await client.create(draft('PD-7Q2K', { assignees: ['mallory', 'pat'], milestone: 'No such sprint' }));
    assert.deepEqual(created.assignees, ['pat']);
    assert.equal(created.milestone, null);
    assert.ok(logs.some((l) => l.startsWith('warn:') && l.includes('mallory')));
    await client.create(draft('PD-7Q2M', { assignees: ['mallory'] }));
    assert.equal(calls(fake, 'listUsers').length, 2, 'each username is looked up once');
    assert.equal(fake.issues.length, 2);
    fake.assertNoViolations();
  });

  it('on a tier without iterations (404), sets the milestone and nothing fails', async () => {
    await start();
    const { client } = harness(fake);
    fake.inject({ kind: 'status', status: 404 }, { operation: 'listProjectIterations' });
    const created = await client.create(draft('PD-7Q2K', { milestone: 'v1.0' }));
    assert.deepEqual([created.milestone, fake.issue(1)!.milestoneId, fake.issue(1)!.iterationId], ['v1.0', 11, null]);
    assert.equal(calls(fake, 'createIssueNote').length, 0);
    fake.assertNoViolations();
  });

  it('finds a ticket whose label was removed, through search in descriptions without the label', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    fake.seedIssue({ title: 'Unrelated', description: 'mentions paydown but carries no marker' });
    fake.issue(1)!.labels = [];

    const found = await client.findByMarkers(['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')?.key, 'paydown-dev/sample#1');
    const search = calls(fake, 'listProjectIssues').find((r) => r.url.includes('search='))!;
    assert.ok(search, 'searched');
    assert.equal(new URL(search.url, fake.url).searchParams.get('not[labels]'), 'tech-debt');
    fake.assertNoViolations();
  });

  it('the oldest of two tickets for one item wins', async () => {
    await start();
    fake.seedIssue({ title: 'First', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    fake.seedIssue({ title: 'Copy', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    const { client } = harness(fake);
    assert.equal((await client.findByMarkers(['PD-7Q2K'])).get('PD-7Q2K')?.reference, 'GL-1');
    fake.assertNoViolations();
  });

  it('pages beyond 100 issues by keyset, and by offset where GitLab has no keyset pagination', async () => {
    await start();
    for (let n = 0; n < 250; n++) fake.seedIssue({ title: `Debt ${n}`, description: ticketMarker(itemId(n)), labels: ['tech-debt'] });
    const { client } = harness(fake);
    const found = await client.findByMarkers([itemId(0), itemId(120), itemId(249)]);
    assert.deepEqual([...found.values()].map((t) => t.reference).sort(), ['GL-1', 'GL-121', 'GL-250']);
    const keyset = calls(fake, 'listProjectIssues');
    assert.equal(keyset.length, 3);
    assert.ok(keyset.slice(1).every((r) => r.url.includes('cursor=')));

    // GitLab before 18.3 answers 405 to keyset pagination of project issues.
    await fake.stop();
    await start();
    for (let n = 0; n < 250; n++) fake.seedIssue({ title: `Debt ${n}`, description: ticketMarker(itemId(n)), labels: ['tech-debt'] });
    const old = harness(fake).client;
    fake.inject({ kind: 'status', status: 405, message: 'Keyset pagination is not yet available for this type of request' }, { operation: 'listProjectIssues' });
    const again = await old.findByMarkers([itemId(0), itemId(249)]);
    assert.deepEqual([...again.values()].map((t) => t.reference).sort(), ['GL-1', 'GL-250']);
    assert.deepEqual(calls(fake, 'listProjectIssues').map((r) => new URL(r.url, fake.url).searchParams.get('page')), [null, null, '2', '3']);
    fake.takeViolations(); // the injected 405 is outside the contract of listProjectIssues: the point of the test
  });

  it('follows X-Next-Page when an answer carries no Link header', async () => {
    await start();
    for (let n = 0; n < 150; n++) fake.seedIssue({ title: `Debt ${n}`, description: ticketMarker(itemId(n)), labels: ['tech-debt'] });
    // A proxy that drops Link headers (GitLab itself omits them on some large listings).
    const real = fetchHttpClient();
    const noLink: HttpClient = {
      request: async (request) => {
        const response = await real.request(request);
        const { link: _link, ...headers } = response.headers;
        return { ...response, headers };
      },
    };
    const { client } = harness(fake, { http: noLink });
    fake.inject({ kind: 'status', status: 405 }, { operation: 'listProjectIssues' });
    const found = await client.changedSince(null);
    assert.equal(found.length, 150);
    assert.deepEqual(found.slice(0, 2).map((t) => t.reference), ['GL-1', 'GL-2']);
    fake.takeViolations();
  });

  it('reports a lost create answer as outcome-unknown without resending it, and finds the stored ticket afterwards', async () => {
    await start();
    const { client } = harness(fake);
    fake.inject({ kind: 'lostResponse' }, { operation: 'createIssue' });
    const err = await rejection(client.create(draft('PD-7Q2K')));
    assert.equal(err.reason, 'outcome-unknown');
    assert.match(err.message, /POST 127\.0\.0\.1:\d+\/api\/v4\/projects\/paydown-dev%2Fsample\/issues/);
    assert.equal(calls(fake, 'createIssue').length, 1);
    const found = await client.findByMarkers(['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')?.reference, 'GL-1');
    assert.equal(fake.issues.length, 1);

    fake.inject({ kind: 'status', status: 502 }, { operation: 'createIssue' });
    assert.equal((await rejection(client.create(draft('PD-7Q2M')))).reason, 'outcome-unknown');
    assert.deepEqual(statuses(fake, 'createIssue').slice(1), [502], 'each sent once');
    fake.assertNoViolations();
  });

  it('keeps a created ticket when its iteration cannot be set, and says so', async () => {
    await start();
    const { client, logs } = harness(fake);
    fake.inject({ kind: 'status', status: 500 }, { operation: 'createIssueNote' });
    const created = await client.create(draft('PD-7Q2K', { milestone: 'Iteration 1' }));
    assert.deepEqual([created.reference, created.milestone, fake.issue(1)!.iterationId], ['GL-1', null, null]);
    assert.ok(logs.some((l) => l.startsWith('warn:') && l.includes('Iteration 1')));
    fake.assertNoViolations();
  });

  it('updates the title, milestone, iteration and weight of a ticket, and sends the same patch again as no write', async () => {
    await start();
    fake.iterations[2]!.title = 'Sprint 12';
    fake.milestones.push({ id: 12, iid: 2, title: 'Sprint 12', state: 'active', dueDate: null });
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'], milestoneId: 11, iterationId: 72, weight: 1 });
    const { client } = harness(fake);

    const updated = await client.update('GL-1', { title: 'Debt: replace the retry loop', milestone: 'Sprint 12', estimate: 2.5 });
    assert.deepEqual([updated.key, updated.title, updated.milestone, updated.state, updated.itemId], ['paydown-dev/sample#1', 'Debt: replace the retry loop', 'Sprint 12', 'open', 'PD-7Q2K']);
    const issue = fake.issue(1)!;
    assert.deepEqual([issue.title, issue.milestoneId, issue.iterationId, issue.weight], ['Debt: replace the retry loop', 12, 73, 3], 'a fractional estimate rounds up, as on create');
    assert.deepEqual(calls(fake, 'editIssue').map((r) => JSON.parse(r.body)), [{ title: 'Debt: replace the retry loop', milestone_id: 12, weight: 3 }]);
    assert.deepEqual(calls(fake, 'createIssueNote').map((r) => JSON.parse(r.body)), [{ body: '/iteration *iteration:73' }]);

    const updatedAt = issue.updatedAt;
    const again = await client.update('paydown-dev/sample#1', { title: 'Debt: replace the retry loop', milestone: 'Sprint 12', estimate: 2.5 });
    assert.equal(again.milestone, 'Sprint 12');
    assert.equal(calls(fake, 'editIssue').length, 1, 'GitLab already holds it: no second edit');
    assert.equal(calls(fake, 'createIssueNote').length, 1, 'nor a second quick action');
    assert.equal(issue.updatedAt, updatedAt);
    fake.assertNoViolations();
  });

  it('takes a ticket out of its milestone and iteration for a sprint the project lacks, and says so', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'], milestoneId: 11, iterationId: 72 });
    fake.seedIssue({ title: 'Debt 2', description: ticketMarker('PD-7Q2M'), labels: ['tech-debt'], milestoneId: 11, iterationId: 72 });
    const { client, logs } = harness(fake);

    const moved = await client.update('GL-1', { milestone: 'Sprint 99' });
    assert.equal(moved.milestone, null);
    assert.deepEqual([fake.issue(1)!.milestoneId, fake.issue(1)!.iterationId], [null, null]);
    assert.deepEqual(calls(fake, 'editIssue').map((r) => JSON.parse(r.body)), [{ milestone_id: 0 }]);
    assert.deepEqual(calls(fake, 'createIssueNote').map((r) => JSON.parse(r.body)), [{ body: '/remove_iteration' }]);
    assert.ok(logs.some((l) => l.startsWith('info:') && l.includes('"Sprint 99"') && l.includes('paydown-dev/sample#1')), logs.join('\n'));

    // Leaving its sprint in Paydown (null) does the same, without a word.
    const left = await client.update('GL-2', { milestone: null });
    assert.equal(left.milestone, null);
    assert.deepEqual([fake.issue(2)!.milestoneId, fake.issue(2)!.iterationId], [null, null]);
    assert.equal(logs.filter((l) => l.startsWith('info:')).length, 1);
    fake.assertNoViolations();
  });

  it('sends no write for an update that changes nothing, and says not-found for a ticket gone', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'], milestoneId: 11, weight: 2 });
    const { client } = harness(fake);
    const unchanged = await client.update('GL-1', {});
    assert.deepEqual([unchanged.title, unchanged.milestone], ['Debt', 'v1.0']);
    const same = await client.update('GL-1', { title: 'Debt', milestone: 'v1.0', estimate: 1.5 });
    assert.equal(same.milestone, 'v1.0');
    assert.deepEqual(fake.requests.filter((r) => r.method !== 'GET'), [], 'no write');
    assert.equal((await rejection(client.update('GL-404', { title: 'Gone' }))).reason, 'not-found');
    fake.assertNoViolations();
  });

  it('clears the weight when the item loses its estimate', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'], weight: 5 });
    const { client } = harness(fake);
    await client.update('GL-1', { estimate: null });
    assert.equal(fake.issue(1)!.weight, null);
    assert.deepEqual(calls(fake, 'editIssue').map((r) => JSON.parse(r.body)), [{ weight: null }]);
    await client.update('GL-1', { estimate: 0 });
    assert.equal(fake.issue(1)!.weight, 0, 'zero is a weight, not none');
    fake.assertNoViolations();
  });

  it('reports a 5xx or a lost answer on an edit as outcome-unknown, sent once, and a replay converges', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'], weight: 1 });
    const { client } = harness(fake);
    fake.inject({ kind: 'status', status: 502 }, { operation: 'editIssue' });
    assert.equal((await rejection(client.update('GL-1', { title: 'Renamed' }))).reason, 'outcome-unknown');
    assert.deepEqual(statuses(fake, 'editIssue'), [502], 'not retried as a write');

    fake.inject({ kind: 'lostResponse' }, { operation: 'editIssue' });
    assert.equal((await rejection(client.update('GL-1', { title: 'Renamed', estimate: 3 }))).reason, 'outcome-unknown');
    assert.deepEqual([fake.issue(1)!.title, fake.issue(1)!.weight], ['Renamed', 3], 'stored before the answer was lost');
    const replayed = await client.update('GL-1', { title: 'Renamed', estimate: 3 });
    assert.equal(replayed.title, 'Renamed');
    assert.equal(calls(fake, 'editIssue').length, 2, 'the replay finds the edit done and sends nothing');
    fake.assertNoViolations();
  });

  it('closes with a note, adds nothing to a closed ticket, and does not repeat the note on replay', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    fake.seedIssue({ title: 'Debt 2', description: ticketMarker('PD-7Q2M'), labels: ['tech-debt'] });
    const { client } = harness(fake);
    const closed = await client.close('GL-1', 'Removed from the code in abc1234.');
    assert.deepEqual([closed.state, closed.stateReason], ['closed', null]);
    assert.deepEqual(fake.issue(1)!.notes.map((n) => n.body), ['Removed from the code in abc1234.']);
    await client.close('paydown-dev/sample#1', 'Removed from the code in abc1234.');
    assert.equal(fake.issue(1)!.notes.length, 1);

    fake.inject({ kind: 'lostResponse' }, { operation: 'editIssue' });
    assert.equal((await rejection(client.close('GL-2', 'Removed in def5678.'))).reason, 'outcome-unknown');
    fake.issue(2)!.state = 'opened'; // as if the close had not happened: only the note was stored
    const replayed = await client.close('GL-2', 'Removed in def5678.');
    assert.equal(replayed.state, 'closed');
    assert.equal(fake.issue(2)!.notes.length, 1);
    assert.equal((await rejection(client.close('GL-404', 'gone'))).reason, 'not-found');
    fake.assertNoViolations();
  });

  it('reads one ticket (null once gone) and lists what changed since a time', async () => {
    await start();
    fake.seedIssue({ title: 'Old', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    fake.seedIssue({ title: 'Not ours', description: 'no marker' });
    const { client } = harness(fake);
    assert.equal(await client.get('GL-404'), null);
    assert.equal((await client.get('#1'))?.itemId, 'PD-7Q2K');
    await assert.rejects(client.get('other/project#1'), (e: unknown) => TrackerError.is(e, 'invalid'));
    // A project the token cannot see answers 404 too: that is no ticket gone, but the project out of reach.
    const elsewhere = harness(fake, { project: 'paydown-dev/private' }).client;
    assert.equal((await rejection(elsewhere.get('GL-1'))).reason, 'forbidden');
    fake.clock.advance(60_000);
    const since = new Date(fake.clock.now()).toISOString();
    const created = await client.create(draft('PD-7Q2M'));
    const changed = await client.changedSince(since);
    assert.deepEqual(changed.map((t) => t.key), [created.key]);
    assert.ok(calls(fake, 'listProjectIssues').some((r) => new URL(r.url, fake.url).searchParams.get('updated_after') === since));
    assert.deepEqual((await client.changedSince(null)).map((t) => t.itemId), ['PD-7Q2K', 'PD-7Q2M']);
    fake.assertNoViolations();
  });

  it('waits for the limit to reset instead of running into it, and waits out a 429 by its Retry-After', async () => {
    await start({ requestsPerMinute: 3 });
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    const { client, slept } = harness(fake);
    for (let i = 0; i < 5; i++) assert.ok(await client.get('GL-1'));
    assert.deepEqual(statuses(fake, 'getProjectIssue'), [200, 200, 200, 200, 200], 'RateLimit-Remaining: 0 is waited out, not run into');
    assert.equal(slept.length, 1);
    assert.ok(slept[0]! > 50_000 && slept[0]! < 62_000, `waited until the minute's reset: ${slept[0]} ms`);

    fake.limit.limit = 2000;
    fake.inject({ kind: 'rateLimit' }, { operation: 'createIssue' });
    const created = await client.create(draft('PD-7Q2M'));
    assert.equal(created.reference, 'GL-2');
    assert.deepEqual(statuses(fake, 'createIssue'), [429, 201], 'a refused write did nothing, so it is sent again');
    assert.equal(fake.issues.length, 2);
    fake.assertNoViolations();
  });

  it('gives up with rate-limited and a retryAt when the wait is longer than allowed', async () => {
    await start();
    const { client, slept } = harness(fake, { maxWaitMs: 5_000 });
    fake.inject({ kind: 'rateLimit' }, { operation: 'createIssue' });
    const before = fake.clock.now();
    const err = await rejection(client.create(draft('PD-7Q2K')));
    assert.equal(err.reason, 'rate-limited');
    const retryAt = Date.parse(err.details.retryAt!);
    assert.ok(retryAt > before + 5_000 && retryAt <= before + 62_000, err.details.retryAt);
    assert.deepEqual(slept, []);
    assert.equal(fake.issues.length, 0);
    fake.assertNoViolations();
  });

  it('paces writes one a second, issues and notes alike', async () => {
    await start({ clock: new FakeClock(undefined, 0) });
    const times: number[] = [];
    const real = fetchHttpClient();
    const timed = harness(fake, {
      http: {
        request: async (request) => {
          if (request.method !== 'GET') times.push(fake.clock.now());
          return real.request(request);
        },
      },
    }).client;
    for (let n = 0; n < 5; n++) await timed.create(draft(itemId(n), { milestone: 'Iteration 1' }));
    assert.equal(times.length, 10, 'five issues and five iteration notes');
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1000, `writes ${i - 1} and ${i}: ${times[i]! - times[i - 1]!} ms apart`);
    fake.assertNoViolations();
  });

  it('retries a read after 5xx answers and a dropped connection, with growing waits', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', description: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    const { client, slept } = harness(fake);
    fake.inject({ kind: 'status', status: 503 }, { operation: 'getProjectIssue' });
    fake.inject({ kind: 'drop' }, { operation: 'getProjectIssue' });
    fake.inject({ kind: 'status', status: 500 }, { operation: 'getProjectIssue' });
    assert.equal((await client.get('paydown-dev/sample#1'))?.itemId, 'PD-7Q2K');
    assert.equal(slept.length, 3);
    assert.ok(slept[0]! < slept[1]! && slept[1]! < slept[2]!, `backoff grows: ${slept.join(', ')}`);
    fake.inject({ kind: 'status', status: 500 }, { operation: 'getProjectIssue' }, 10);
    assert.equal((await rejection(client.get('GL-1'))).reason, 'failed');
    fake.assertNoViolations();
  });

  it('says unauthorized on 401, never the token, even when the tracker echoes it', async () => {
    await start();
    const secret = 'glpat-notTheRightTokenAtAll';
    const { client, logs } = harness(fake, { token: secret });
    const err = await rejection(client.get('GL-1'));
    assert.equal(err.reason, 'unauthorized');
    assert.match(err.message, /GitLab GET 127\.0\.0\.1:\d+\/api\/v4\/projects\/paydown-dev%2Fsample\/issues\/1: answered 401/);
    assert.ok(!`${err.message} ${err.details.hint} ${logs.join('\n')}`.includes(secret));

    const ok = harness(fake);
    fake.inject({ kind: 'status', status: 400, message: `token ${TOKEN} is not allowed here` }, { operation: 'createIssue' });
    const echoed = await rejection(ok.client.create(draft('PD-7Q2K')));
    assert.equal(echoed.reason, 'invalid');
    assert.ok(![echoed.message, ...ok.logs].some((t) => t.includes(TOKEN)));
    fake.assertNoViolations();
  });

  describe('the token goes only to its host', () => {
    let other: Awaited<ReturnType<typeof bystander>>;
    beforeEach(async () => {
      other = await bystander();
    });
    afterEach(async () => {
      await other.stop();
    });
    const credentialsSeen = (): number => other.seen.filter((h) => h.authorization !== undefined || h['private-token'] !== undefined).length;

    it('refuses a next-page Link to another host', async () => {
      await start();
      for (let n = 0; n < 3; n++) fake.seedIssue({ title: `Debt ${n}`, description: ticketMarker(itemId(n)), labels: ['tech-debt'] });
      const real = fetchHttpClient();
      const rewrite: HttpClient = {
        request: async (request) => {
          const response = await real.request(request);
          return request.url.includes('/issues?') ? { ...response, headers: { ...response.headers, link: `<${other.url}/api/v4/projects/paydown-dev%2Fsample/issues?cursor=x>; rel="next"` } } : response;
        },
      };
      const err = await rejection(harness(fake, { http: rewrite }).client.findByMarkers([itemId(0)]));
      assert.equal(err.reason, 'untrusted-host');
      assert.equal(credentialsSeen(), 0);
      assert.equal(other.seen.length, 0);
      fake.assertNoViolations();
    });

    it('refuses a redirect to another host', async () => {
      await start();
      const { client } = harness(fake);
      fake.inject({ kind: 'status', status: 307, headers: { location: `${other.url}/api/v4/projects/paydown-dev%2Fsample/issues/1` } }, { operation: 'getProjectIssue' });
      assert.equal((await rejection(client.get('GL-1'))).reason, 'untrusted-host');
      assert.equal(other.seen.length, 0);
      fake.takeViolations(); // a 307 is outside the contract: the point of the test
    });

    it('sends nothing with the token to an apiUrl on another host than the one the token was given for', async () => {
      await start();
      const { client } = harness(fake, { apiUrl: `${other.url}/api/v4`, tokenHost: fake.apiUrl });
      assert.equal((await rejection(client.findByMarkers(['PD-7Q2K']))).reason, 'untrusted-host');
      const env = fakeTimeEnvironment(fake.clock);
      const sprints = createGitLabSprintSource({ ...env, apiUrl: `${other.url}/api/v4`, token: TOKEN, tokenHost: fake.apiUrl, group: 'paydown-dev' });
      assert.equal((await rejection(sprints.listSprints())).reason, 'untrusted-host');
      assert.equal(other.seen.length, 0);
      fake.assertNoViolations();
    });
  });

  describe('iterations as sprints', () => {
    const source = (options: Partial<GitLabSprintOptions>) => createGitLabSprintSource({ ...fakeTimeEnvironment(fake.clock), apiUrl: fake.apiUrl, token: TOKEN, ...options });

    it('lists a group\'s iterations, every page, as sprints with inclusive dates, named as the client matches them', async () => {
      await start({ projectPath: 'paydown-dev/backend/sample' });
      for (let n = 4; n <= 130; n++) fake.iterations.push({ id: 70 + n, iid: n, sequence: n, title: null, startDate: `2027-${String(((n - 4) % 12) + 1).padStart(2, '0')}-01`, dueDate: `2027-${String(((n - 4) % 12) + 1).padStart(2, '0')}-14` });
      fake.iterations[1]!.title = 'Sprint 12';
      const sprints = source({ group: 'paydown-dev/backend' });
      assert.deepEqual([sprints.kind, sprints.scope], ['gitlab', 'group paydown-dev/backend']);
      const list = await sprints.listSprints();
      assert.equal(list.length, 130);
      assert.deepEqual(list.slice(0, 3), [
        { id: '71', name: 'Iteration 1', start: fake.iterations[0]!.startDate, end: fake.iterations[0]!.dueDate, capacity: null, state: 'closed' },
        { id: '72', name: 'Sprint 12', start: fake.iterations[1]!.startDate, end: fake.iterations[1]!.dueDate, capacity: null, state: 'active' },
        { id: '73', name: 'Iteration 3', start: fake.iterations[2]!.startDate, end: fake.iterations[2]!.dueDate, capacity: null, state: 'future' },
      ]);
      assert.ok(list.every((s, i) => i === 0 || list[i - 1]!.start <= s.start), 'in start order');
      assert.equal(calls(fake, 'listGroupIterations').length, 2);
      assert.ok(calls(fake, 'listGroupIterations').every((r) => r.path.includes('/groups/paydown-dev%2Fbackend/iterations')));

      // The client matches a draft's sprint name against the same names.
      const { client } = harness(fake);
      await client.create(draft('PD-7Q2K', { milestone: list[2]!.name }));
      assert.equal(fake.issue(1)!.iterationId, 73);
      fake.assertNoViolations();
    });

    it('lists a project\'s iterations (its groups\'), and needs a group or a project', async () => {
      await start();
      const list = await source({ project: 'paydown-dev/sample' }).listSprints();
      assert.deepEqual(list.map((s) => s.name), ['Iteration 1', 'Iteration 2', 'Iteration 3']);
      assert.equal(calls(fake, 'listProjectIterations').length, 1);
      assert.throws(() => source({}), (e: unknown) => TrackerError.is(e, 'invalid'));
      fake.assertNoViolations();
    });
  });

  it('says offline when nothing answers, and retries reads before that', async () => {
    await start();
    const url = fake.apiUrl;
    await fake.stop();
    const { client, slept } = harness(fake, { apiUrl: url });
    assert.equal((await rejection(client.get('GL-1'))).reason, 'offline');
    assert.equal(slept.length, 3);
    assert.equal((await rejection(client.create(draft('PD-7Q2K')))).reason, 'offline');
  });
});
