import * as assert from 'node:assert/strict';
import { createLinearClient, createLinearSprintSource, ticketMarker, type LinearClientOptions, type TrackerClient } from '../../src/engine/trackers';
import { parse, validate } from 'graphql';
import * as queries from '../../src/engine/trackers/linear/queries';
import { MAX_OPERATION_COMPLEXITY } from '../../src/engine/trackers/linear/queries';
import { bystander, draft, fakeTimeEnvironment, itemId, rejection } from '../support/trackerClient';
import { LINEAR_SCHEMA, LinearFake, loadSchema, type LinearFakeOptions } from '../trackers/fake';

// The Linear client driven against the contract fake: every operation it sends is parsed and
// validated against Linear's published schema and executed by the fake, time is the fake's
// (waits move the fake clock; nothing sleeps), and each test ends with no contract violation.

const KEY = 'lin_api_paydownFakeKey';

interface Harness {
  client: TrackerClient;
  slept: number[];
  logs: string[];
  /** `x-complexity` of every answer. */
  complexities: number[];
}

function harness(fake: LinearFake, options: Partial<LinearClientOptions> = {}): Harness {
  const complexities: number[] = [];
  const env = fakeTimeEnvironment(fake.clock, { onResponse: (r) => void (r.headers['x-complexity'] && complexities.push(Number(r.headers['x-complexity']))) });
  const client = createLinearClient({ apiUrl: fake.endpoint, token: KEY, team: 'PAY', labels: ['tech-debt'], ...env, ...options });
  return { client, slept: env.slept, logs: env.logs, complexities };
}

const sent = (fake: LinearFake, operation: string): number => fake.requests.filter((r) => r.operation === operation).length;

/** The `input` of every `issueUpdate` sent, in order. */
const updateInputs = (fake: LinearFake): unknown[] => fake.requests.filter((r) => r.operation === 'issueUpdate').map((r) => (JSON.parse(r.body) as { variables: { input: unknown } }).variables.input);

describe('Linear client against the contract fake', function () {
  this.timeout(60_000);
  let fake: LinearFake;
  const start = async (options: LinearFakeOptions = {}): Promise<LinearFake> => {
    fake = await new LinearFake(options).start();
    return fake;
  };
  afterEach(async () => {
    await fake?.stop();
  });

  it('creates an issue with labels (made when missing), assignee, estimate and cycle, and finds it again by its marker', async () => {
    await start();
    const { client, logs } = harness(fake);
    // Another team's label of the same name is not this team's: Paydown makes its own.
    fake.teams.push({ id: 'team-ops', key: 'OPS', name: 'Operations' });
    fake.labels.push({ id: 'label-ops-perf', name: 'perf', color: '#000000', teamId: 'team-ops' });
    const created = await client.create(draft('PD-7Q2K', { labels: ['perf', 'Tech-Debt'], assignees: ['nobody', 'Alice@Example.com'], milestone: 'Cycle 2', estimate: 4 }));
    assert.deepEqual(
      [created.key, created.reference, created.state, created.stateReason, created.assignees, created.milestone, created.itemId],
      ['PAY-1', 'PAY-1', 'open', 'Todo', ['alice'], 'Cycle 2', 'PD-7Q2K'],
    );
    const issue = fake.issues[0]!;
    // The description is stored as given, marker included; 4 points is not on the team's
    // Fibonacci scale: it goes up to 5.
    // Linear's editor would show an HTML comment as text: the marker is a quiet last line there.
    assert.equal(issue.description, 'Replace the retry loop.\n\npaydown:PD-7Q2K');
    assert.equal(issue.estimate, 5);
    assert.deepEqual(issue.labelIds.map((id) => fake.labels.find((l) => l.id === id)!.name), ['tech-debt', 'perf']);
    assert.deepEqual(issue.labelIds.map((id) => fake.labels.find((l) => l.id === id)!.teamId), ['team-pay', 'team-pay']);

    const found = await client.findByMarkers(['PD-7Q2K', 'PD-0000']);
    assert.deepEqual([...found.keys()], ['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')!.url, 'https://linear.app/paydown/issue/pay-1');

    // A second ticket: the team, labels and each name's users are read once; an unknown cycle is
    // left out; a user's full name works too.
    const other = await client.create(draft('PD-7Q2M', { labels: ['perf'], assignees: ['alice@example.com', 'Pat Paydown'], milestone: 'Cycle 99' }));
    assert.equal(other.milestone, null);
    assert.deepEqual(other.assignees, ['alice']);
    assert.deepEqual((await client.create(draft('PD-7Q2N', { assignees: ['pat paydown'] }))).assignees, ['pat']);
    assert.deepEqual([sent(fake, 'teams'), sent(fake, 'users'), sent(fake, 'issueLabelCreate'), sent(fake, 'issueLabels')], [1, 3, 1, 1]);
    assert.ok(logs.some((l) => /no cycle "Cycle 99"/.test(l)));
    fake.assertNoViolations();
  });

  it('makes a missing label once when creates run concurrently', async () => {
    await start();
    const { client } = harness(fake);
    await Promise.all([0, 1, 2].map((n) => client.create(draft(itemId(n), { labels: ['perf'] }))));
    assert.equal(sent(fake, 'issueLabelCreate'), 1);
    assert.ok(fake.issues.every((i) => i.labelIds.length === 2));
    fake.assertNoViolations();
  });

  it('leaves a label out when the workspace does not let the token create it, and uses a workspace label of that name', async () => {
    await start({ labelCreateForbidden: true, estimation: { type: 'notUsed' } });
    fake.labels.push({ id: 'label-ws-perf', name: 'perf', color: '#000000', teamId: null });
    const { client, logs } = harness(fake);
    await client.create(draft('PD-7Q2K', { labels: ['perf', 'security'], estimate: 3 }));
    assert.deepEqual(fake.issues[0]!.labelIds, ['label-debt', 'label-ws-perf']);
    assert.equal(fake.issues[0]!.estimate, null);
    assert.ok(logs.some((l) => /"security" .*cannot be created/.test(l)));
    fake.assertNoViolations();
  });

  it('finds a ticket whose label was removed, and the oldest of two tickets for one item', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    fake.issues[0]!.labelIds = [];
    // A copy made by hand later, with the label: the older one stays the item's ticket.
    fake.seedIssue({ title: 'copy', description: `copy\n\n${ticketMarker('PD-7Q2K')}`, labelIds: ['label-debt'], createdAt: '2026-03-05T09:00:00.000Z', updatedAt: '2026-03-05T09:00:00.000Z' });
    // A marker an editor round trip escaped still counts.
    fake.seedIssue({ title: 'escaped', description: 'text\n\n\\<!-- paydown:PD-7Q2M --\\>' });

    const found = await client.findByMarkers(['PD-7Q2K', 'PD-7Q2M']);
    assert.equal(found.get('PD-7Q2K')?.key, 'PAY-1');
    assert.equal(found.get('PD-7Q2M')?.key, 'PAY-3');
    fake.assertNoViolations();
  });

  it('reads every page of a listing longer than one page', async () => {
    await start();
    for (let n = 0; n < 230; n++) fake.seedIssue({ title: `t${n}`, description: ticketMarker(itemId(n)), labelIds: ['label-debt'] });
    const { client, complexities } = harness(fake);
    const ids = Array.from({ length: 230 }, (_, n) => itemId(n));
    const found = await client.findByMarkers(ids);
    assert.equal(found.size, 230);
    assert.equal(sent(fake, 'issues'), 3);
    assert.equal((await client.changedSince(null)).length, 230);
    // Each operation stays within the complexity the rate-limit bookkeeping budgets for one.
    assert.ok(Math.max(...complexities) <= MAX_OPERATION_COMPLEXITY, `complexity ${Math.max(...complexities)}`);
    fake.assertNoViolations();
  });

  it('does not resend a create whose answer was lost: outcome-unknown, then the marker finds it', async () => {
    await start();
    const { client } = harness(fake);
    fake.inject({ kind: 'lostResponse' }, { operation: 'issueCreate' });
    const err = await rejection(client.create(draft('PD-7Q2K')));
    assert.equal(err.reason, 'outcome-unknown');
    assert.equal(sent(fake, 'issueCreate'), 1);
    const found = await client.findByMarkers(['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')?.key, 'PAY-1');
    assert.equal(fake.issues.length, 1);
    fake.assertNoViolations();
  });

  it("closes with one comment into the team's first completed state, also when replayed after a lost answer", async () => {
    await start();
    // A second completed state before Done: the first by position wins.
    fake.states.push({ id: 'state-merged', name: 'Merged', type: 'completed', teamId: 'team-pay', position: 3.5 });
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    fake.inject({ kind: 'lostResponse' }, { operation: 'issueUpdate' });
    assert.equal((await rejection(client.close('PAY-1', 'Resolved in abc123.'))).reason, 'outcome-unknown');
    fake.issues[0]!.stateId = 'state-unstarted'; // as if the lost update had not been applied
    // Linear gives Markdown back re-serialised from its rich text: escapes and spacing may differ.
    fake.issues[0]!.comments[0]!.body = 'Resolved  in abc123\\.\n';

    const closed = await client.close('pay-01', 'Resolved in abc123.');
    assert.deepEqual([closed.state, closed.stateReason], ['closed', 'Merged']);
    assert.equal(fake.issues[0]!.comments.length, 1);

    // Closed already (or canceled by a user): nothing is sent.
    const writes = sent(fake, 'commentCreate') + sent(fake, 'issueUpdate');
    assert.equal((await client.close('PAY-1', 'Resolved in abc123.')).state, 'closed');
    fake.issues[0]!.stateId = 'state-canceled';
    assert.equal((await client.close('PAY-1', 'Resolved in abc123.')).stateReason, 'Canceled');
    assert.equal(sent(fake, 'commentCreate') + sent(fake, 'issueUpdate'), writes);
    assert.equal((await rejection(client.close('PAY-9', 'x'))).reason, 'not-found');
    fake.assertNoViolations();
  });

  it("edits title, cycle and estimate in one issueUpdate and answers the issue as Linear has it then; the same patch again sends nothing", async () => {
    await start();
    const { client } = harness(fake);
    const created = await client.create(draft('PD-7Q2K', { milestone: 'Cycle 1', estimate: 2 }));
    fake.clock.advance(60_000);

    const edited = await client.update('PAY-1', { title: 'Replace the retry loop with backoff', milestone: 'Cycle 2', estimate: 4 });
    // 4 points is not on the team's Fibonacci scale: it goes up to 5, as a create sends it.
    assert.deepEqual(updateInputs(fake), [{ title: 'Replace the retry loop with backoff', cycleId: 'cycle-2', estimate: 5 }]);
    const issue = fake.issues[0]!;
    assert.deepEqual([issue.title, issue.cycleId, issue.estimate], ['Replace the retry loop with backoff', 'cycle-2', 5]);
    assert.deepEqual(
      [edited.key, edited.title, edited.milestone, edited.state, edited.itemId],
      ['PAY-1', 'Replace the retry loop with backoff', 'Cycle 2', 'open', 'PD-7Q2K'],
    );
    assert.ok(edited.updatedAt > created.updatedAt, `${edited.updatedAt} after ${created.updatedAt}`);

    // A replay (after a lost answer, or an unchanged second sync) finds Linear already there.
    const again = await client.update('pay-01', { title: 'Replace the retry loop with backoff', milestone: 'Cycle 2', estimate: 5 });
    assert.equal(sent(fake, 'issueUpdate'), 1);
    assert.deepEqual([again.title, again.milestone, again.updatedAt], [edited.title, edited.milestone, edited.updatedAt]);
    fake.assertNoViolations();
  });

  it("takes the issue out of its cycle when the team has no cycle of the sprint's name (and logs it), or when the item left its sprint", async () => {
    await start();
    const { client, logs } = harness(fake);
    await client.create(draft('PD-7Q2K', { milestone: 'Cycle 1' }));
    await client.create(draft('PD-7Q2M', { milestone: 'Cycle 1' }));

    const unknown = await client.update('PAY-1', { milestone: 'Sprint 99' });
    assert.deepEqual(updateInputs(fake), [{ cycleId: null }]);
    assert.equal(fake.issues[0]!.cycleId, null);
    assert.equal(unknown.milestone, null);
    assert.ok(logs.some((l) => /^info: Linear: team PAY has no cycle "Sprint 99"; PAY-1 leaves its cycle$/.test(l)), logs.join('\n'));

    const left = await client.update('PAY-2', { milestone: null });
    assert.equal(fake.issues[1]!.cycleId, null);
    assert.equal(left.milestone, null);
    assert.equal(sent(fake, 'issueUpdate'), 2);
    fake.assertNoViolations();
  });

  it('clears the estimate when the item lost it, and leaves it to a team that does not estimate', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K', { estimate: 3 }));
    assert.equal(fake.issues[0]!.estimate, 3);
    await client.update('PAY-1', { estimate: null });
    assert.deepEqual(updateInputs(fake), [{ estimate: null }]);
    assert.equal(fake.issues[0]!.estimate, null);
    fake.assertNoViolations();
    await fake.stop();

    await start({ estimation: { type: 'notUsed' } });
    const notUsed = harness(fake);
    await notUsed.client.create(draft('PD-7Q2K'));
    await notUsed.client.update('PAY-1', { estimate: 8 });
    assert.equal(sent(fake, 'issueUpdate'), 0);
    assert.equal(fake.issues[0]!.estimate, null);
    assert.ok(notUsed.logs.some((l) => /does not use estimates; PAY-1's 8 points are left out/.test(l)), notUsed.logs.join('\n'));
    fake.assertNoViolations();
  });

  it('sends no issueUpdate for a patch with nothing to send, answers the issue as it is, and says not-found for a gone one', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K', { milestone: 'Cycle 1', estimate: 2 }));
    fake.issues[0]!.title = 'Renamed in Linear';
    const untouched = await client.update('PAY-1', {});
    assert.deepEqual([untouched.title, untouched.milestone], ['Renamed in Linear', 'Cycle 1']);
    // A patch of what Linear already has sends nothing either.
    await client.update('PAY-1', { milestone: 'Cycle 1', estimate: 2 });
    assert.equal(sent(fake, 'issueUpdate'), 0);
    assert.equal((await rejection(client.update('PAY-9', { title: 'x' }))).reason, 'not-found');
    assert.equal((await rejection(client.update('ENG-1', { title: 'x' }))).reason, 'invalid');
    fake.assertNoViolations();
  });

  it('says outcome-unknown when the answer to an edit is lost, and a replay sends only what did not land', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    fake.inject({ kind: 'lostResponse' }, { operation: 'issueUpdate' });
    assert.equal((await rejection(client.update('PAY-1', { title: 'New title', estimate: 8 }))).reason, 'outcome-unknown');
    assert.equal(sent(fake, 'issueUpdate'), 1);
    const replayed = await client.update('PAY-1', { title: 'New title', estimate: 8 });
    assert.equal(sent(fake, 'issueUpdate'), 1);
    assert.deepEqual([replayed.title, fake.issues[0]!.estimate], ['New title', 8]);
    fake.assertNoViolations();
  });

  it('reads issues changed at or after an instant, the boundary included', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    fake.clock.advance(60_000);
    const second = await client.create(draft('PD-7Q2M'));
    const changed = await client.changedSince(second.updatedAt);
    assert.deepEqual(changed.map((t) => t.key), ['PAY-2']);
    assert.deepEqual((await client.changedSince(null)).map((t) => t.key).sort(), ['PAY-1', 'PAY-2']);
    fake.assertNoViolations();
  });

  it('gets an issue by identifier (archived too), null when it is gone or deleted, and refuses another team', async () => {
    await start();
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    await client.create(draft('PD-7Q2M'));
    assert.equal((await client.get('PAY-1'))?.itemId, 'PD-7Q2K');
    assert.equal(await client.get('PAY-3'), null);
    // Linear archives closed issues after a while: still the item's ticket. A deleted issue sits
    // archived in the trash: gone.
    Object.assign(fake.issues[0]!, { stateId: 'state-completed', archivedAt: '2026-03-02T10:00:00.000Z' });
    Object.assign(fake.issues[1]!, { archivedAt: '2026-03-02T10:00:00.000Z', trashed: true });
    assert.equal((await client.get('PAY-1'))?.state, 'closed');
    assert.equal(await client.get('PAY-2'), null);
    assert.deepEqual([...(await client.findByMarkers(['PD-7Q2K', 'PD-7Q2M'])).keys()], ['PD-7Q2K']);
    assert.equal((await rejection(client.get('ENG-1'))).reason, 'invalid');
    fake.assertNoViolations();
  });

  for (const rateLimitStatus of [400, 429] as const) {
    it(`waits out a RATELIMITED answer (HTTP ${rateLimitStatus}), or says rate-limited with retryAt when the wait is too long`, async () => {
      await start({ rateLimitStatus });
      const patient = harness(fake, { maxWaitMs: 2 * 3_600_000 });
      fake.inject({ kind: 'rateLimit' }, { operation: 'teams' });
      const found = await patient.client.findByMarkers(['PD-7Q2K']);
      assert.equal(found.size, 0);
      assert.ok(patient.slept.some((ms) => ms >= 60_000), `slept ${patient.slept.join(', ')}`);

      const hasty = harness(fake);
      fake.inject({ kind: 'rateLimit' }, { operation: 'teams' });
      const err = await rejection(hasty.client.findByMarkers(['PD-7Q2K']));
      assert.equal(err.reason, 'rate-limited');
      assert.ok(err.details.retryAt && Date.parse(err.details.retryAt) > fake.clock.now());
      fake.assertNoViolations();
    });
  }

  for (const [budget, limits] of [
    ['requests', { requestsLimit: 3 }],
    ['complexity points', { complexityLimit: 2500 }],
  ] as const) {
    it(`stops before a spent budget of ${budget} instead of running into it`, async () => {
      await start(limits);
      const { client, slept } = harness(fake, { maxWaitMs: 2 * 3_600_000 });
      for (let i = 0; i < 4; i++) await client.findByMarkers(['PD-7Q2K']);
      assert.ok(slept.some((ms) => ms >= 60_000), `slept ${slept.join(', ')}`);
      assert.equal(fake.requests.filter((r) => r.status === 400 || r.status === 429).length, 0);
      fake.assertNoViolations();
    });
  }

  it('sends the API key bare, only to its own origin: never after a redirect, never to a configured other host', async () => {
    await start();
    const other = await bystander('{"data":{}}');
    try {
      const { client } = harness(fake);
      await client.findByMarkers(['PD-7Q2K']);
      assert.equal(fake.requests[0]!.headers.authorization, KEY);

      fake.inject({ kind: 'status', status: 307, headers: { location: `${other.url}/graphql` } }, { operation: 'issues' });
      const redirected = await rejection(client.findByMarkers(['PD-7Q2K']));
      assert.equal(redirected.reason, 'untrusted-host');
      assert.ok(!redirected.message.includes(KEY));

      const elsewhere = harness(fake, { apiUrl: `${other.url}/graphql`, tokenHost: fake.endpoint });
      assert.equal((await rejection(elsewhere.client.findByMarkers(['PD-7Q2K']))).reason, 'untrusted-host');
      assert.deepEqual(other.seen, []);
    } finally {
      await other.stop();
    }
    fake.assertNoViolations();
  });

  it("names Linear's refusals: a wrong key is unauthorized, an unknown team forbidden, and no message holds the key", async () => {
    await start();
    const wrong = harness(fake, { token: 'lin_api_wrongKey' });
    const unauthorized = await rejection(wrong.client.findByMarkers(['PD-7Q2K']));
    assert.equal(unauthorized.reason, 'unauthorized');
    assert.ok(!unauthorized.message.includes('lin_api_wrongKey'));
    const team = harness(fake, { team: 'NOPE' });
    assert.equal((await rejection(team.client.create(draft('PD-7Q2K')))).reason, 'forbidden');
    assert.equal(fake.issues.length, 0);
    fake.assertNoViolations();
  });
});

describe("Linear operations against Linear's published schema", () => {
  it('every operation the client can send is valid, also those a test did not drive', () => {
    const documents = Object.entries(queries as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && /^(query|mutation) /.test(e[1]));
    assert.ok(documents.length >= 10);
    for (const [name, text] of documents) assert.deepEqual(validate(loadSchema(LINEAR_SCHEMA), parse(text)).map((e) => e.message), [], name);
  });
});

describe('Linear cycles as sprints against the contract fake', function () {
  this.timeout(60_000);
  let fake: LinearFake;
  afterEach(async () => {
    await fake?.stop();
  });

  it('lists every cycle (all pages) in start order, named and dated as Linear shows them', async () => {
    fake = await new LinearFake().start();
    fake.cycles[1]!.name = null;
    // A cycle ending at noon covers that day; one ending at midnight ends the day before.
    fake.cycles[0]!.endsAt = '2026-03-09T12:00:00.000Z';
    for (let n = 4; n <= 130; n++) fake.cycles.push({ id: `cycle-${n}`, number: n, name: `Sprint ${n}`, teamId: 'team-pay', startsAt: new Date(Date.parse('2026-04-13T00:00:00Z') + (n - 4) * 7 * 86_400_000).toISOString(), endsAt: new Date(Date.parse('2026-04-20T00:00:00Z') + (n - 4) * 7 * 86_400_000).toISOString() });
    const source = createLinearSprintSource({ apiUrl: fake.endpoint, token: KEY, team: 'pay', ...fakeTimeEnvironment(fake.clock) });
    assert.deepEqual([source.kind, source.scope], ['linear', 'team PAY']);
    const sprints = await source.listSprints();
    assert.equal(sprints.length, 130);
    assert.deepEqual(sprints.slice(0, 3), [
      { id: 'cycle-1', name: 'Cycle 1', start: '2026-02-23', end: '2026-03-09', capacity: null, state: 'active' },
      { id: 'cycle-2', name: 'Cycle 2', start: '2026-03-09', end: '2026-03-23', capacity: null, state: 'future' },
      { id: 'cycle-3', name: 'Cycle 3', start: '2026-03-23', end: '2026-04-06', capacity: null, state: 'future' },
    ]);
    assert.deepEqual(sprints[3], { id: 'cycle-4', name: 'Sprint 4', start: '2026-04-13', end: '2026-04-19', capacity: null, state: 'future' });
    assert.equal(sent(fake, 'cycles'), 2);
    fake.assertNoViolations();
  });
});
