import * as assert from 'node:assert/strict';
import { fetchHttpClient } from '../../src/engine/adapters/fetchHttpClient';
import type { HttpClient, Logger } from '../../src/engine/ports';
import { createGitHubClient, ticketMarker, type GitHubClientOptions, type TicketDraft, type TrackerClient } from '../../src/engine/trackers';
import { FakeClock, GitHubFake, type GitHubFakeOptions } from '../trackers/fake';
import { bystander, rejection } from '../trackers/support';

// The GitHub client driven against the contract fake: every request it sends and every answer
// it reads is checked against GitHub's OpenAPI description, time is the fake's (waits move the
// fake clock; nothing sleeps), and each test ends with no contract violation.

const TOKEN = 'ghp_paydownFakeToken';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The n-th valid item id: PD-0000, PD-0001, … */
const itemId = (n: number): string => `PD-${[3, 2, 1, 0].map((p) => CROCKFORD[Math.floor(n / 32 ** p) % 32]).join('')}`;

const draft = (id: string, more: Partial<TicketDraft> = {}): TicketDraft => ({
  itemId: id,
  title: `Debt ${id}`,
  body: `Replace the retry loop.\n\n${ticketMarker(id)}`,
  labels: [],
  assignees: [],
  milestone: null,
  estimate: null,
  ...more,
}) as TicketDraft;

interface Harness {
  client: TrackerClient;
  slept: number[];
  logs: string[];
}

/**
 * A client for `fake` whose sleeps move the fake's clock, once the requests already on their way
 * are answered (as they would be long before a real wait ends), so concurrent callers see time
 * pass in the order a real run would.
 */
function harness(fake: GitHubFake, options: Partial<GitHubClientOptions> = {}): Harness {
  const slept: number[] = [];
  const logs: string[] = [];
  const log = (level: string) => (m: string) => void logs.push(`${level}: ${m}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const inner = options.http ?? fetchHttpClient();
  let inFlight = 0;
  const http: HttpClient = {
    request: async (request) => {
      inFlight++;
      try {
        return await inner.request(request);
      } finally {
        inFlight--;
      }
    },
  };
  const client = createGitHubClient({
    repo: 'paydown-dev/sample',
    apiUrl: fake.url,
    token: TOKEN,
    labels: ['tech-debt'],
    clock: { now: () => new Date(fake.clock.now()) },
    sleep: async (ms) => {
      while (inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
      slept.push(ms);
      fake.clock.advance(ms);
    },
    random: () => 0.5,
    logger,
    maxWaitMs: 10 * 60_000,
    ...options,
    http,
  });
  return { client, slept, logs };
}



const statuses = (fake: GitHubFake, operation: string): Array<number | undefined> => fake.requests.filter((r) => r.operation === operation).map((r) => r.status);

describe('GitHub client against the contract fake', function () {
  this.timeout(60_000);
  let fake: GitHubFake;
  const start = async (options: GitHubFakeOptions = {}): Promise<GitHubFake> => {
    fake = await new GitHubFake(options).start();
    return fake;
  };
  afterEach(async () => {
    await fake?.stop();
  });

  it('creates a ticket with labels, assignee and milestone by name, and finds it by its marker while search still lags', async () => {
    await start({ searchLag: { requests: 1000 } });
    fake.addMilestone('Sprint 11');
    fake.addMilestone('Sprint 12');
    const { client } = harness(fake);
    const created = await client.create(draft('PD-7Q2K', { labels: ['perf'], assignees: ['alice'], milestone: 'Sprint 12' }));
    assert.deepEqual(
      [created.key, created.reference, created.state, created.assignees, created.milestone, created.itemId],
      ['paydown-dev/sample#1', 'GH-1', 'open', ['alice'], 'Sprint 12', 'PD-7Q2K'],
    );
    assert.deepEqual(fake.issue(1)!.labels, ['tech-debt', 'perf']);

    const found = await client.findByMarkers(['PD-7Q2K', 'PD-0000']);
    assert.deepEqual([...found.keys()], ['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')!.key, 'paydown-dev/sample#1');

    // A sprint without a milestone of that name: the ticket gets none; milestones are read once.
    const other = await client.create(draft('PD-7Q2M', { milestone: 'Sprint 99' }));
    assert.equal(other.milestone, null);
    assert.equal(fake.requests.filter((r) => r.operation === 'issues/list-milestones').length, 1);
    fake.assertNoViolations();
  });

  it('finds a ticket whose label was removed through search, once the index caught up', async () => {
    await start({ searchLag: { requests: 4 } });
    const { client } = harness(fake);
    await client.create(draft('PD-7Q2K'));
    const issue = fake.issue(1)!;
    issue.labels = [];
    fake.index.put('1', issue); // the user's edit, which search sees late

    assert.equal((await client.findByMarkers(['PD-7Q2K'])).size, 0);
    let found = new Map();
    for (let i = 0; i < 5 && found.size === 0; i++) found = await client.findByMarkers(['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')?.key, 'paydown-dev/sample#1');
    assert.ok(fake.requests.some((r) => r.operation === 'search/issues-and-pull-requests' && /-label/.test(decodeURIComponent(r.url))));
    fake.assertNoViolations();
  });

  it('follows Link pagination beyond 100 issues', async () => {
    await start();
    for (let n = 0; n < 150; n++) fake.seedIssue({ title: `Debt ${n}`, body: ticketMarker(itemId(n)), labels: ['tech-debt'] });
    const { client } = harness(fake);
    const found = await client.findByMarkers([itemId(0), itemId(120), itemId(149)]);
    assert.deepEqual([...found.values()].map((t) => t.reference).sort(), ['GH-1', 'GH-121', 'GH-150']);
    assert.equal(fake.requests.filter((r) => r.operation === 'issues/list-for-repo').length, 2);
    fake.assertNoViolations();
  });

  it('creates the ticket without an assignee GitHub cannot assign, and says so', async () => {
    await start();
    const { client, logs } = harness(fake);
    const created = await client.create(draft('PD-7Q2K', { assignees: ['mallory'] }));
    assert.deepEqual(created.assignees, []);
    assert.deepEqual(statuses(fake, 'issues/create'), [422, 201]);
    assert.ok(logs.some((l) => l.startsWith('warn:') && l.includes('mallory')));
    assert.equal(fake.issues.size, 1);
    fake.assertNoViolations();
  });

  it('reports a lost create answer as outcome-unknown without resending it, and finds the stored ticket afterwards', async () => {
    await start({ searchLag: { requests: 1000 } });
    const { client } = harness(fake);
    fake.inject({ kind: 'lostResponse' }, { operation: 'issues/create' });
    const err = await rejection(client.create(draft('PD-7Q2K')));
    assert.equal(err.reason, 'outcome-unknown');
    assert.match(err.message, /POST 127\.0\.0\.1:\d+\/repos\/paydown-dev\/sample\/issues/);
    assert.equal(fake.requests.filter((r) => r.operation === 'issues/create').length, 1);
    const found = await client.findByMarkers(['PD-7Q2K']);
    assert.equal(found.get('PD-7Q2K')?.reference, 'GH-1');
    assert.equal(fake.issues.size, 1);
    fake.assertNoViolations();
  });

  it('does not resend a write after a 5xx or a dropped connection', async () => {
    await start();
    const { client } = harness(fake);
    fake.inject({ kind: 'status', status: 502 }, { operation: 'issues/create' });
    assert.equal((await rejection(client.create(draft('PD-7Q2K')))).reason, 'outcome-unknown');
    fake.inject({ kind: 'drop' }, { operation: 'issues/create' });
    assert.equal((await rejection(client.create(draft('PD-7Q2K')))).reason, 'outcome-unknown');
    assert.deepEqual(statuses(fake, 'issues/create'), [502, undefined]);
    fake.assertNoViolations();
  });

  it('gives a hanging create up as outcome-unknown, and retries a hanging read', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', body: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    const { client } = harness(fake, { timeoutMs: 300 });
    fake.inject({ kind: 'hang' }, { operation: 'issues/create' });
    assert.equal((await rejection(client.create(draft('PD-7Q2M')))).reason, 'outcome-unknown');
    fake.inject({ kind: 'hang' }, { operation: 'issues/get' });
    assert.equal((await client.get('GH-1'))?.itemId, 'PD-7Q2K');
    assert.equal(fake.requests.filter((r) => r.operation === 'issues/create').length, 1);
    fake.assertNoViolations();
  });

  it('paces concurrent creations too', async () => {
    await start({ clock: new FakeClock(undefined, 0) });
    const { client } = harness(fake);
    await Promise.all(Array.from({ length: 90 }, (_, n) => client.create(draft(itemId(n)))));
    assert.equal(fake.issues.size, 90);
    assert.deepEqual([...new Set(statuses(fake, 'issues/create'))], [201]);
    fake.assertNoViolations();
  });

  it('retries a GET after 5xx answers and a dropped connection, with growing waits', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', body: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    const { client, slept } = harness(fake);
    fake.inject({ kind: 'status', status: 503 }, { operation: 'issues/get' });
    fake.inject({ kind: 'drop' }, { operation: 'issues/get' });
    fake.inject({ kind: 'status', status: 500 }, { operation: 'issues/get' });
    const ticket = await client.get('paydown-dev/sample#1');
    assert.equal(ticket?.itemId, 'PD-7Q2K');
    assert.equal(slept.length, 3);
    assert.ok(slept[0]! < slept[1]! && slept[1]! < slept[2]!, `backoff grows: ${slept.join(', ')}`);
    fake.inject({ kind: 'status', status: 500 }, { operation: 'issues/get' }, 10);
    assert.equal((await rejection(client.get('GH-1'))).reason, 'failed');
    fake.assertNoViolations();
  });

  it('waits for the primary limit to reset instead of running into it, and waits out a 403 with x-ratelimit-remaining: 0', async () => {
    await start({ coreLimit: 3 });
    fake.seedIssue({ title: 'Debt', body: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    const { client, slept } = harness(fake, { maxWaitMs: 2 * 3_600_000 });
    for (let i = 0; i < 5; i++) assert.ok(await client.get('GH-1'));
    assert.deepEqual(statuses(fake, 'issues/get'), [200, 200, 200, 200, 200]);
    assert.equal(slept.length, 1);
    assert.ok(slept[0]! > 3_000_000, `waited until the hourly reset: ${slept[0]} ms`);

    fake.inject({ kind: 'rateLimit' }, { operation: 'issues/get' });
    assert.ok(await client.get('GH-1'));
    assert.deepEqual(statuses(fake, 'issues/get').slice(5), [403, 200]);
    fake.assertNoViolations();
  });

  it('waits out a secondary limit by its retry-after and then creates the ticket once', async () => {
    await start();
    const { client, slept } = harness(fake);
    fake.inject({ kind: 'secondaryRateLimit', retryAfterSeconds: 90 }, { operation: 'issues/create' });
    const created = await client.create(draft('PD-7Q2K'));
    assert.equal(created.reference, 'GH-1');
    assert.deepEqual(statuses(fake, 'issues/create'), [403, 201]);
    assert.ok(slept.some((ms) => ms >= 90_000));
    assert.equal(fake.issues.size, 1);
    fake.assertNoViolations();
  });

  it('gives up with rate-limited and a retryAt when the wait is longer than allowed', async () => {
    await start();
    const { client, slept } = harness(fake, { maxWaitMs: 30_000 });
    fake.inject({ kind: 'secondaryRateLimit', retryAfterSeconds: 600 }, { operation: 'issues/create' });
    const before = fake.clock.now();
    const err = await rejection(client.create(draft('PD-7Q2K')));
    assert.equal(err.reason, 'rate-limited');
    const retryAt = Date.parse(err.details.retryAt!);
    assert.ok(retryAt >= before + 600_000 && retryAt <= before + 620_000, err.details.retryAt);
    assert.deepEqual(slept, []);
    assert.equal(fake.issues.size, 0);
    fake.assertNoViolations();
  });

  it('paces 100 creations under the secondary content limit: no 403 at all', async () => {
    // Time moves only by the client's waits, so only pacing keeps it under 80 writes a minute.
    await start({ clock: new FakeClock(undefined, 0) });
    const { client } = harness(fake);
    for (let n = 0; n < 100; n++) await client.create(draft(itemId(n)));
    assert.equal(fake.issues.size, 100);
    assert.deepEqual([...new Set(statuses(fake, 'issues/create'))], [201]);
    fake.assertNoViolations();
  });

  it('closes with a comment, adds nothing to a closed ticket, and does not repeat the comment on replay', async () => {
    await start();
    fake.seedIssue({ title: 'Debt', body: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    fake.seedIssue({ title: 'Debt 2', body: ticketMarker('PD-7Q2M'), labels: ['tech-debt'] });
    const { client } = harness(fake);
    const closed = await client.close('GH-1', 'Removed from the code in abc1234.');
    assert.deepEqual([closed.state, closed.stateReason], ['closed', 'completed']);
    assert.deepEqual(fake.issue(1)!.comments.map((c) => c.body), ['Removed from the code in abc1234.']);
    await client.close('paydown-dev/sample#1', 'Removed from the code in abc1234.');
    assert.equal(fake.issue(1)!.comments.length, 1);

    fake.inject({ kind: 'lostResponse' }, { operation: 'issues/update' });
    assert.equal((await rejection(client.close('GH-2', 'Removed in def5678.'))).reason, 'outcome-unknown');
    fake.issue(2)!.state = 'open'; // as if the close had not happened: only the comment was stored
    await client.close('GH-2', 'Removed in def5678.');
    assert.equal(fake.issue(2)!.comments.length, 1);
    fake.assertNoViolations();
  });

  it('reads one ticket (null once gone) and lists what changed since a time', async () => {
    await start();
    fake.seedIssue({ title: 'Old', body: ticketMarker('PD-7Q2K'), labels: ['tech-debt'] });
    fake.seedIssue({ title: 'Not ours', body: 'no marker' });
    const { client } = harness(fake);
    assert.equal(await client.get('GH-404'), null);
    fake.clock.advance(60_000);
    const since = new Date(fake.clock.now()).toISOString();
    const created = await client.create(draft('PD-7Q2M'));
    const changed = await client.changedSince(since);
    assert.deepEqual(changed.map((t) => t.key), [created.key]);
    assert.deepEqual((await client.changedSince(null)).map((t) => t.itemId), ['PD-7Q2K', 'PD-7Q2M']);
    fake.assertNoViolations();
  });

  it('says unauthorized on 401, naming method, host and path, never the token', async () => {
    await start();
    const secret = 'ghp_notTheRightTokenAtAll';
    const { client, logs } = harness(fake, { token: secret });
    const err = await rejection(client.get('GH-1'));
    assert.equal(err.reason, 'unauthorized');
    assert.match(err.message, /GitHub GET 127\.0\.0\.1:\d+\/repos\/paydown-dev\/sample\/issues\/1: answered 401: Bad credentials/);
    assert.ok(!`${err.message} ${err.details.hint} ${logs.join('\n')}`.includes(secret));
    fake.assertNoViolations();
  });

  it('keeps the token out of messages and logs even when the tracker echoes it', async () => {
    await start();
    const { client, logs } = harness(fake);
    fake.inject({ kind: 'status', status: 422, message: `token ${TOKEN} is not allowed here` }, { operation: 'issues/create' });
    const err = await rejection(client.create(draft('PD-7Q2K')));
    assert.equal(err.reason, 'invalid');
    assert.match(err.message, /token \*\*\* is not allowed/);
    fake.inject({ kind: 'status', status: 503, message: `upstream said ${TOKEN}` }, { operation: 'issues/get' });
    await client.get('GH-1');
    assert.ok(logs.length > 0);
    assert.ok(![err.message, err.details.hint ?? '', ...logs].some((t) => t.includes(TOKEN)));
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

    it('refuses a Link to another host', async () => {
      await start();
      for (let n = 0; n < 3; n++) fake.seedIssue({ title: `Debt ${n}`, body: ticketMarker(itemId(n)), labels: ['tech-debt'] });
      // A proxy (or a compromised server) answers with a next-page link to another host.
      const real = fetchHttpClient();
      const rewrite: HttpClient = {
        request: async (request) => {
          const response = await real.request(request);
          return request.url.includes('/issues?') ? { ...response, headers: { ...response.headers, link: `<${other.url}/repos/paydown-dev/sample/issues?page=2>; rel="next"` } } : response;
        },
      };
      const err = await rejection(harness(fake, { http: rewrite }).client.findByMarkers([itemId(0)]));
      assert.equal(err.reason, 'untrusted-host');
      assert.match(err.message, new RegExp(`belongs to ${fake.url.replace('http://', '').replace(/\./g, '\\.')}, not ${other.url.replace('http://', '').replace(/\./g, '\\.')}`));
      assert.equal(other.seen.filter((h) => h.authorization !== undefined).length, 0);
      assert.equal(other.seen.length, 0);
      fake.assertNoViolations();
    });

    it('refuses a redirect to another host', async () => {
      await start();
      const { client } = harness(fake);
      fake.inject({ kind: 'status', status: 307, headers: { location: `${other.url}/repos/paydown-dev/sample/issues/1` } }, { operation: 'issues/get' });
      assert.equal((await rejection(client.get('GH-1'))).reason, 'untrusted-host');
      assert.equal(other.seen.length, 0);
      fake.takeViolations(); // a 307 is outside the contract of issues/get: the point of the test
    });

    it('sends nothing with the token to an apiUrl on another host than the one the token was given for', async () => {
      await start();
      const { client } = harness(fake, { apiUrl: other.url, tokenHost: fake.url });
      assert.equal((await rejection(client.findByMarkers(['PD-7Q2K']))).reason, 'untrusted-host');
      assert.equal(other.seen.length, 0);
      assert.ok(fake.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`));
      fake.assertNoViolations();
    });
  });

  it('says offline when nothing answers, and retries reads before that', async () => {
    await start();
    const url = fake.url;
    await fake.stop();
    const { client, slept } = harness(fake, { apiUrl: url });
    assert.equal((await rejection(client.get('GH-1'))).reason, 'offline');
    assert.equal(slept.length, 3);
    // Nothing was sent (connection refused): a write can be queued and replayed safely.
    assert.equal((await rejection(client.create(draft('PD-7Q2K')))).reason, 'offline');
  });
});
