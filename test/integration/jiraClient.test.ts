import * as assert from 'node:assert/strict';
import { fetchHttpClient } from '../../src/engine/adapters/fetchHttpClient';
import type { HttpClient } from '../../src/engine/ports';
import { createJiraClient, createJiraSprintSource, markdownToAdf, markdownToWiki, ticketMarker, type JiraClientOptions, type TicketDraft, type TrackerClient } from '../../src/engine/trackers';
import { bystander, fakeTimeEnvironment, rejection } from '../support/trackerClient';
import { FakeClock, JiraFake, type JiraFakeOptions } from '../trackers/fake';

// The Jira client, Cloud (REST v3) and Data Center (REST v2), driven against the contract fake:
// every request and answer is checked against Atlassian's OpenAPI descriptions, time is the
// fake's (waits move the fake clock; nothing sleeps), and each test ends with no violation.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The n-th valid item id: PD-0000, PD-0001, … */
const itemId = (n: number): string => `PD-${[3, 2, 1, 0].map((p) => CROCKFORD[Math.floor(n / 32 ** p) % 32]).join('')}`;

const BODY = (id: string): string =>
  [
    'Technical debt found at [`src/pay.ts:12`](https://github.com/acme/pay/blob/abc1234/src/pay.ts#L12).',
    '',
    '```ts',
    'while (retry--) { await charge(); }',
    '```',
    '',
    '| | |',
    '| --- | --- |',
    `| Item | \`${id}\` |`,
    '| Effort | 3 pts |',
    '',
    `_Created by [Paydown](https://github.com/paydown-dev/paydown): removing the comment from the code closes this ticket on the next sync._`,
    '',
    ticketMarker(id),
  ].join('\n');

const draft = (id: string, more: Partial<TicketDraft> = {}): TicketDraft => ({
  itemId: id,
  title: `Debt ${id}`,
  body: BODY(id),
  labels: [],
  assignees: [],
  milestone: null,
  estimate: null,
  ...more,
});

interface Harness {
  client: TrackerClient;
  slept: number[];
  logs: string[];
}

const FLAVOURS = [
  { flavour: 'cloud', deployment: 'cloud', auth: { kind: 'basic', email: 'pat@example.com', token: 'atlassian-api-token' }, token: 'atlassian-api-token', search: 'POST /rest/api/3/search/jql', api: '/rest/api/3' },
  { flavour: 'dc', deployment: 'datacenter', auth: { kind: 'bearer', token: 'dc-personal-access-token' }, token: 'dc-personal-access-token', search: 'POST /rest/api/2/search', api: '/rest/api/2' },
] as const;

for (const F of FLAVOURS) {
  describe(`Jira ${F.flavour === 'cloud' ? 'Cloud' : 'Data Center'} client against the contract fake`, function () {
    this.timeout(60_000);
    let fake: JiraFake;
    const start = async (options: JiraFakeOptions = {}): Promise<JiraFake> => {
      fake = await new JiraFake({ flavour: F.flavour, ...options }).start();
      return fake;
    };
    afterEach(async () => {
      await fake?.stop();
    });

    /** Another board ("Other team") with an active sprint of the same name as the board's sprint 3: its id. */
    function otherBoardsSprint3(): number {
      fake.boards.push({ id: 2, name: 'Other team', type: 'scrum' });
      fake.sprints.push({ id: 10, name: 'PAY Sprint 3', state: 'active', boardId: 2 });
      return 10;
    }

    /** A client for the fake, on the fake's time. */
    function harness(options: Partial<JiraClientOptions> = {}): Harness {
      const env = fakeTimeEnvironment(fake.clock, { http: options.http });
      const client = createJiraClient({
        apiUrl: fake.url,
        deployment: F.deployment,
        auth: F.auth,
        project: 'PAY',
        issueType: 'Task',
        labels: ['tech-debt'],
        storyPointsField: fake.storyPointsField,
        board: 1,
        doneTransition: null,
        ...env,
        ...options,
        http: env.http,
      });
      return { client, slept: env.slept, logs: env.logs };
    }

    /** A ticket as if Paydown had made it earlier: labelled, its description in the flavour's format. */
    const seed = (n: number, more: { labels?: string[]; storyPoints?: number | null; sprintId?: number | null } = {}): string => {
      const body = BODY(itemId(n));
      return fake.seedIssue({ summary: `Debt ${n}`, description: F.flavour === 'cloud' ? (markdownToAdf(body) as never) : markdownToWiki(body), ...more, labels: more.labels ?? ['tech-debt'] }).key;
    };
    const searches = (): Array<{ jql: string; status: number | undefined }> =>
      fake.requests.filter((r) => r.operation !== undefined && `${r.method} ${r.path}` === F.search).map((r) => ({ jql: String((JSON.parse(r.body) as { jql: string }).jql), status: r.status }));
    const statuses = (operation: string): Array<number | undefined> => fake.requests.filter((r) => r.operation === operation || `${r.method} ${r.path}` === operation).map((r) => r.status);

    it('creates a ticket with labels (spaces made dashes), assignee, story points and the sprint by name, and reads it back with its marker', async () => {
      await start();
      const { client } = harness();
      const created = await client.create(draft('PD-7Q2K', { labels: ['perf', 'needs review'], assignees: ['alice'], estimate: 3, milestone: 'PAY Sprint 2' }));
      assert.deepEqual(
        [created.key, created.reference, created.url, created.state, created.assignees, created.milestone, created.itemId],
        ['PAY-1', 'PAY-1', `${fake.url}/browse/PAY-1`, 'open', ['alice'], 'PAY Sprint 2', 'PD-7Q2K'],
      );
      const stored = fake.issue('PAY-1')!;
      assert.deepEqual([stored.labels, stored.assignee, stored.storyPoints, stored.sprintId, stored.issueType], [['tech-debt', 'perf', 'needs-review'], 'alice', 3, 2, 'Task']);
      if (F.flavour === 'cloud') {
        const doc = stored.description as { type: string; content: Array<{ type: string; attrs?: { language?: string } }> };
        assert.equal(doc.type, 'doc');
        assert.deepEqual(
          doc.content.map((n) => n.type),
          ['paragraph', 'codeBlock', 'table', 'paragraph', 'paragraph'],
        );
        assert.equal(doc.content[1]!.attrs?.language, 'ts');
      } else {
        const wiki = stored.description as string;
        assert.match(wiki, /^Technical debt found at \[\{\{src\/pay\.ts:12\}\}\|https:\/\/github\.com\/acme\/pay\/blob\/abc1234\/src\/pay\.ts#L12\]\./);
        assert.ok(wiki.includes('{code:ts}\nwhile (retry--) { await charge(); }\n{code}'), wiki);
        assert.ok(wiki.includes('|Item|{{PD-7Q2K}}|'), wiki);
        assert.ok(wiki.endsWith('{color:#97a0af}paydown:PD-7Q2K{color}'), wiki);
      }

      const again = await client.get('pay-1');
      assert.deepEqual([again?.itemId, again?.milestone, again?.assignees, again?.stateReason, again?.title], ['PD-7Q2K', 'PAY Sprint 2', ['alice'], 'To Do', 'Debt PD-7Q2K']);
      const found = await client.findByMarkers(['PD-7Q2K', 'PD-0000']);
      assert.deepEqual([...found.keys()], ['PD-7Q2K']);
      assert.equal(found.get('PD-7Q2K')!.key, 'PAY-1');

      // A sprint name the board has no open sprint of: no sprint; the board is read once.
      const other = await client.create(draft('PD-7Q2M', { milestone: 'PAY Sprint 1' }));
      assert.equal(other.milestone, null);
      assert.equal(fake.issue('PAY-2')!.sprintId, null);
      assert.equal(statuses('agile.getAllSprints').length, 1);
      assert.deepEqual(statuses('agile.moveIssuesToSprint'), [204]);

      // A board that does not exist (or is out of reach) costs the sprint, not the ticket.
      const { client: lost, logs } = harness({ board: 99 });
      const third = await lost.create(draft('PD-7Q2N', { milestone: 'PAY Sprint 2' }));
      assert.deepEqual([third.key, third.milestone], ['PAY-3', null]);
      assert.ok(logs.some((l) => l.startsWith('warn:') && l.includes('board 99')), logs.join('\n'));
      fake.assertNoViolations();
    });

    it('creates the ticket without an assignee Jira refuses, and says so', async () => {
      await start();
      fake.inject({ kind: 'status', status: 400, message: "User 'mallory' cannot be assigned issues." }, { operation: 'createIssue' });
      // The fake's 400 names no field; Jira's does (`errors.assignee`): rewrite it to Jira's shape.
      const real = fetchHttpClient();
      const http: HttpClient = {
        request: async (request) => {
          const response = await real.request(request);
          return response.status === 400 && request.url.endsWith('/issue') ? { ...response, body: JSON.stringify({ errorMessages: [], errors: { assignee: "User 'mallory' cannot be assigned issues." } }) } : response;
        },
      };
      const { client, logs } = harness({ http });
      const created = await client.create(draft('PD-7Q2K', { assignees: ['mallory'] }));
      assert.deepEqual(created.assignees, []);
      assert.deepEqual(statuses('createIssue'), [400, 201]);
      assert.equal(fake.issue('PAY-1')!.assignee, null);
      assert.equal(fake.issues.length, 1);
      assert.ok(logs.some((l) => l.startsWith('warn:') && l.includes('assignee') && l.includes('PD-7Q2K')), logs.join('\n'));
      fake.assertNoViolations();
    });

    it('finds a ticket whose label a user removed through a text search', async () => {
      await start();
      const { client } = harness();
      const key = seed(0, { labels: ['frontend'] });
      seed(1);
      const found = await client.findByMarkers([itemId(0), itemId(1)]);
      assert.deepEqual([...found].map(([id, t]) => [id, t.key]).sort(), [[itemId(0), key], [itemId(1), 'PAY-2']]);
      assert.deepEqual(
        searches().map((s) => s.jql),
        ['project = "PAY" AND labels = "tech-debt" ORDER BY created ASC', 'project = "PAY" AND text ~ "paydown" AND (labels is EMPTY OR labels not in ("tech-debt")) ORDER BY created ASC'],
      );
      fake.assertNoViolations();
    });

    it(`reads every page of a search (${F.flavour === 'cloud' ? 'nextPageToken' : 'startAt and total'})`, async () => {
      await start();
      for (let n = 0; n < 250; n++) seed(n);
      const { client } = harness();
      const found = await client.findByMarkers([itemId(0), itemId(120), itemId(249)]);
      assert.deepEqual([...found.values()].map((t) => t.reference).sort(), ['PAY-1', 'PAY-121', 'PAY-250']);
      assert.equal(searches().length, 3);
      const pages = fake.requests.filter((r) => `${r.method} ${r.path}` === F.search).map((r) => JSON.parse(r.body) as Record<string, unknown>);
      if (F.flavour === 'cloud') assert.deepEqual(pages.map((p) => typeof p.nextPageToken), ['undefined', 'string', 'string']);
      else assert.deepEqual(pages.map((p) => p.startAt), [0, 100, 200]);
      assert.deepEqual(pages[0]!.fields, ['summary', 'description', 'status', 'resolution', 'labels', 'assignee', 'updated', fake.sprintField]);
      fake.assertNoViolations();
    });

    it('reports a lost create answer as outcome-unknown without resending it, and finds the stored ticket afterwards', async () => {
      await start();
      const { client } = harness();
      fake.inject({ kind: 'lostResponse' }, { operation: 'createIssue' });
      const err = await rejection(client.create(draft('PD-7Q2K')));
      assert.equal(err.reason, 'outcome-unknown');
      assert.match(err.message, new RegExp(`Jira POST 127\\.0\\.0\\.1:\\d+${F.api}/issue`));
      assert.equal(statuses('createIssue').length, 1);
      const found = await client.findByMarkers(['PD-7Q2K']);
      assert.equal(found.get('PD-7Q2K')?.key, 'PAY-1');
      assert.equal(fake.issues.length, 1);
      fake.assertNoViolations();
    });

    if (F.flavour === 'cloud') {
      it('sees its own new tickets while the search index lags (reconcileIssues)', async () => {
        await start({ searchLag: { requests: 1000 } });
        const { client } = harness();
        await client.create(draft('PD-7Q2K'));
        assert.equal((await client.findByMarkers(['PD-7Q2K'])).get('PD-7Q2K')?.key, 'PAY-1');
        const body = JSON.parse(fake.requests.find((r) => `${r.method} ${r.path}` === F.search)!.body) as { reconcileIssues?: number[] };
        assert.deepEqual(body.reconcileIssues, [Number(fake.issue('PAY-1')!.id)]);
        fake.assertNoViolations();
      });
    }

    it('closes with one comment through the transition into "done", adds nothing to a done ticket, and does not repeat the comment on replay', async () => {
      await start();
      seed(0);
      seed(1);
      const { client } = harness();
      const comment = 'Paydown: the debt this ticket tracks (`PD-0000`) left the code in abc1234 (https://github.com/acme/pay/commit/abc1234). Closing.';
      const closed = await client.close('PAY-1', comment);
      assert.deepEqual([closed.state, closed.stateReason], ['closed', 'Done']);
      const issue = fake.issue('PAY-1')!;
      assert.equal(issue.statusId, '10001');
      assert.equal(issue.comments.length, 1);
      if (F.flavour === 'cloud') assert.equal((issue.comments[0]!.body as { type: string }).type, 'doc');
      else assert.equal(issue.comments[0]!.body, 'Paydown: the debt this ticket tracks ({{PD-0000}}) left the code in abc1234 (https://github.com/acme/pay/commit/abc1234). Closing.');
      assert.deepEqual(fake.requests.filter((r) => r.operation === 'doTransition').map((r) => JSON.parse(r.body)), [{ transition: { id: '31' } }]);

      await client.close('PAY-1', comment);
      assert.equal(issue.comments.length, 1);
      assert.equal(statuses('doTransition').length, 1);

      fake.inject({ kind: 'lostResponse' }, { operation: 'doTransition' });
      assert.equal((await rejection(client.close('PAY-2', comment))).reason, 'outcome-unknown');
      fake.issue('PAY-2')!.statusId = '10000'; // as if only the comment had been stored
      const replayed = await client.close('PAY-2', comment);
      assert.equal(replayed.state, 'closed');
      assert.equal(fake.issue('PAY-2')!.comments.length, 1);
      fake.assertNoViolations();
    });

    /** The bodies of every edit (PUT issue) and sprint move the fake saw, in order. */
    const writes = (): Array<[string, unknown]> =>
      fake.requests.filter((r) => ['editIssue', 'agile.moveIssuesToSprint', 'agile.moveIssuesToBacklog'].includes(r.operation ?? '')).map((r) => [`${r.method} ${r.path}`, JSON.parse(r.body)]);

    it('updates the summary and story points in one edit, answers the ticket as Jira has it, and sends nothing on replay', async () => {
      await start();
      const key = seed(0, { storyPoints: 2, sprintId: 2 });
      const { client } = harness();
      const updated = await client.update(key, { title: 'Replace the retry loop\nwith backoff', estimate: 5 });
      assert.deepEqual(writes(), [[`PUT ${F.api}/issue/${key}`, { fields: { summary: 'Replace the retry loop with backoff', [fake.storyPointsField]: 5 } }]]);
      const stored = fake.issue(key)!;
      assert.deepEqual([stored.summary, stored.storyPoints, stored.sprintId], ['Replace the retry loop with backoff', 5, 2]);
      assert.deepEqual([updated.key, updated.title, updated.milestone, updated.itemId, updated.updatedAt], [key, 'Replace the retry loop with backoff', 'PAY Sprint 2', itemId(0), new Date(stored.updated).toISOString()]);

      // A lost answer: the edit may have happened; the replay finds it did and writes nothing.
      fake.inject({ kind: 'lostResponse' }, { operation: 'editIssue' });
      assert.equal((await rejection(client.update(key, { title: 'Back off' }))).reason, 'outcome-unknown');
      assert.equal(stored.summary, 'Back off');
      const replayed = await client.update(key, { title: 'Back off' });
      assert.equal(replayed.title, 'Back off');
      assert.equal(statuses('editIssue').length, 2);
      fake.assertNoViolations();
    });

    it('moves the ticket into another open sprint of the board by name', async () => {
      await start();
      const key = seed(0, { sprintId: 2 });
      const { client, logs } = harness();
      const moved = await client.update(key, { milestone: 'pay sprint 3' });
      assert.deepEqual(writes(), [['POST /rest/agile/1.0/sprint/3/issue', { issues: [key] }]]);
      assert.equal(fake.issue(key)!.sprintId, 3);
      assert.equal(moved.milestone, 'PAY Sprint 3');
      assert.deepEqual(logs.filter((l) => !l.startsWith('debug:')), []);
      fake.assertNoViolations();
    });

    it("moves a ticket out of another board's sprint of the same name into the board's own", async () => {
      await start();
      const key = seed(0, { sprintId: otherBoardsSprint3() });
      const { client } = harness();
      const moved = await client.update(key, { milestone: 'PAY Sprint 3' });
      assert.deepEqual(writes(), [['POST /rest/agile/1.0/sprint/3/issue', { issues: [key] }]]);
      assert.equal(fake.issue(key)!.sprintId, 3);
      assert.equal(moved.milestone, 'PAY Sprint 3');
      // Now in the board's own sprint: a replay sends nothing.
      await client.update(key, { milestone: 'PAY Sprint 3' });
      assert.equal(writes().length, 1);
      fake.assertNoViolations();
    });

    it("reads a ticket in another board's sprint as in none of the board's, whatever the name; any open sprint when the board cannot be read", async () => {
      await start();
      const elsewhere = seed(0, { sprintId: otherBoardsSprint3() });
      const here = seed(1, { sprintId: 3 });
      const { client, logs } = harness();
      assert.equal((await client.get(elsewhere))!.milestone, null);
      assert.equal((await client.get(here))!.milestone, 'PAY Sprint 3');
      const found = await client.changedSince(null);
      assert.deepEqual(found.map((t) => [t.key, t.milestone]).sort(), [[elsewhere, null], [here, 'PAY Sprint 3']]);
      // Leaving the board's sprints asks for no move: the other board's sprint is not Paydown's to empty.
      await client.update(elsewhere, { milestone: null });
      assert.equal(fake.issue(elsewhere)!.sprintId, 10);
      assert.deepEqual(writes(), []);
      // Nor is it for a sprint the board lacks; the log says where the ticket stays.
      await client.update(elsewhere, { milestone: 'PAY Sprint 9' });
      assert.equal(fake.issue(elsewhere)!.sprintId, 10);
      assert.deepEqual(writes(), []);
      assert.ok(logs.some((l) => l.startsWith('info:') && l.includes(`${elsewhere} stays in sprint "PAY Sprint 3" of another board`)), logs.join('\n'));
      // A board out of reach: a ticket is read in its open sprint, not as moved out of it.
      const { client: lost } = harness({ board: 99 });
      assert.equal((await lost.get(elsewhere))!.milestone, 'PAY Sprint 3');
      fake.assertNoViolations();
    });

    it('takes the ticket to the backlog for a sprint name the board lacks (and says so) or for no sprint', async () => {
      await start();
      const lacking = seed(0, { sprintId: 2 });
      const left = seed(1, { sprintId: 3 });
      const { client, logs } = harness();
      const moved = await client.update(lacking, { milestone: 'PAY Sprint 9' });
      assert.equal(moved.milestone, null);
      assert.equal(fake.issue(lacking)!.sprintId, null);
      assert.ok(logs.some((l) => l.startsWith('info:') && l.includes('board 1 has no open sprint "PAY Sprint 9"') && l.includes(`${lacking} leaves sprint "PAY Sprint 2" for the backlog`)), logs.join('\n'));
      const out = await client.update(left, { milestone: null });
      assert.equal(out.milestone, null);
      assert.equal(fake.issue(left)!.sprintId, null);
      assert.deepEqual(writes(), [
        ['POST /rest/agile/1.0/backlog/issue', { issues: [lacking] }],
        ['POST /rest/agile/1.0/backlog/issue', { issues: [left] }],
      ]);
      fake.assertNoViolations();
    });

    it('clears the story points for an estimate of null', async () => {
      await start();
      const key = seed(0, { storyPoints: 3 });
      const { client } = harness();
      await client.update(key, { estimate: null });
      assert.deepEqual(writes(), [[`PUT ${F.api}/issue/${key}`, { fields: { [fake.storyPointsField]: null } }]]);
      assert.equal(fake.issue(key)!.storyPoints, null);
      fake.assertNoViolations();
    });

    it('sends no write when nothing in the patch differs from the ticket, and not-found for a ticket that is gone', async () => {
      await start();
      const key = seed(0, { storyPoints: 3, sprintId: 2 });
      const backlog = seed(1);
      const { client } = harness();
      const same = await client.update(key, { title: 'Debt 0', milestone: 'PAY Sprint 2', estimate: 3 });
      assert.deepEqual([same.title, same.milestone], ['Debt 0', 'PAY Sprint 2']);
      await client.update(key, {});
      await client.update(backlog, { milestone: null, title: ' \n ' });
      // Without a story points field or a board, estimates and sprints are not Paydown's to send.
      await harness({ storyPointsField: null, board: null }).client.update(key, { estimate: 8, milestone: null });
      assert.deepEqual(writes(), []);
      assert.equal((await rejection(client.update('PAY-404', { title: 'Gone' }))).reason, 'not-found');
      assert.deepEqual(fake.issue(key)!.updated, fake.issue(key)!.created);
      fake.assertNoViolations();
    });

    it('edits the summary without the story points field Jira refuses, and says so', async () => {
      await start();
      const key = seed(0);
      const { client, logs } = harness({ storyPointsField: 'customfield_99999' });
      const updated = await client.update(key, { title: 'Back off', estimate: 5 });
      assert.equal(updated.title, 'Back off');
      assert.deepEqual(statuses('editIssue'), [400, 204]);
      assert.deepEqual(writes().map(([, body]) => body), [{ fields: { summary: 'Back off', customfield_99999: 5 } }, { fields: { summary: 'Back off' } }]);
      assert.ok(logs.some((l) => l.startsWith('warn:') && l.includes('customfield_99999') && l.includes(key)), logs.join('\n'));
      fake.assertNoViolations();
    });

    it('closes through the configured transition name, and says which ones exist when it is missing', async () => {
      await start();
      seed(0);
      seed(1);
      const named = harness({ doneTransition: 'in progress' }).client;
      const moved = await named.close('PAY-1', 'Removed.');
      assert.deepEqual([moved.state, moved.stateReason], ['open', 'In Progress']);
      const err = await rejection(harness({ doneTransition: 'Ship it' }).client.close('PAY-2', 'Removed.'));
      assert.equal(err.reason, 'invalid');
      assert.match(err.message, /no transition named "Ship it" \(it offers "To Do" → To Do, "In Progress" → In Progress, "Done" → Done\)/);
      fake.assertNoViolations();
    });

    it('reads one ticket (null once gone, invalid for another project) and lists what changed since a time', async () => {
      await start();
      seed(0);
      fake.seedIssue({ summary: 'Not ours', labels: [] });
      const { client } = harness();
      assert.equal(await client.get('PAY-404'), null);
      assert.equal((await rejection(client.get('OPS-1'))).reason, 'invalid');
      fake.clock.advance(3_600_000);
      const since = new Date(fake.clock.now()).toISOString();
      const created = await client.create(draft('PD-7Q2M'));
      const changed = await client.changedSince(since);
      assert.deepEqual(
        changed.map((t) => t.key),
        [created.key],
      );
      assert.match(searches().at(-1)!.jql, /^project = "PAY" AND labels = "tech-debt" AND updated >= "-\d+m" ORDER BY updated ASC$/);
      assert.deepEqual((await client.changedSince(null)).map((t) => t.itemId), [itemId(0), 'PD-7Q2M']);
      assert.ok(changed[0]!.updatedAt.endsWith('Z'));
      fake.assertNoViolations();
    });

    it('retries a search after a 5xx (a read, though a POST), and never resends a create after one', async () => {
      await start();
      seed(0);
      const { client, slept } = harness();
      fake.inject({ kind: 'status', status: 502 }, { operation: F.search });
      fake.inject({ kind: 'drop' }, { operation: F.search });
      assert.equal((await client.findByMarkers([itemId(0)])).size, 1);
      assert.deepEqual(searches().map((s) => s.status), [502, undefined, 200]);
      assert.equal(slept.length, 2);
      fake.inject({ kind: 'status', status: 503 }, { operation: 'createIssue' });
      assert.equal((await rejection(client.create(draft('PD-7Q2M')))).reason, 'outcome-unknown');
      assert.deepEqual(statuses('createIssue'), [503]);
      fake.assertNoViolations();
    });

    it('paces concurrent creates a quarter second apart, and leaves searches unpaced', async () => {
      await start({ clock: new FakeClock(undefined, 0) });
      const { client, slept } = harness();
      await Promise.all(Array.from({ length: 8 }, (_, n) => client.create(draft(itemId(n)))));
      const created = fake.issues.map((i) => i.created - fake.issues[0]!.created);
      assert.deepEqual(created, [0, 250, 500, 750, 1000, 1250, 1500, 1750]);
      const before = slept.length;
      await client.findByMarkers([itemId(0)]);
      await client.changedSince(null);
      assert.equal(slept.length, before);
      fake.assertNoViolations();
    });

    it('waits out a 429 by its Retry-After, then searches', async () => {
      await start();
      seed(0);
      const { client, slept } = harness();
      fake.inject({ kind: 'rateLimit' }, { operation: F.search });
      const found = await client.findByMarkers([itemId(0)]);
      assert.equal(found.size, 1);
      assert.deepEqual(searches().map((s) => s.status), [429, 200]);
      const limited = fake.requests.find((r) => r.status === 429)!;
      assert.ok(limited);
      assert.ok(slept.length >= 1 && slept[0]! >= 1000, `waited: ${slept.join(', ')}`);
      fake.assertNoViolations();
    });

    it('backs off after a 429 without Retry-After, and resends a refused create once', async () => {
      await start();
      const { client, slept } = harness();
      fake.inject({ kind: 'status', status: 429, message: 'Rate limit exceeded.' }, { operation: 'createIssue' }, 2);
      const created = await client.create(draft('PD-7Q2K'));
      assert.equal(created.key, 'PAY-1');
      assert.deepEqual(statuses('createIssue'), [429, 429, 201]);
      assert.equal(fake.issues.length, 1);
      assert.equal(slept.length, 2);
      assert.ok(slept[0]! >= 5000 && slept[1]! >= 10_000 && slept[1]! < 60_000, `doubling backoff: ${slept.join(', ')}`);
      fake.assertNoViolations();
    });

    if (F.flavour === 'dc') {
      it("waits for the token bucket's next fill after a 429 that says Remaining: 0 and no Retry-After", async () => {
        await start();
        seed(0);
        const { client, slept } = harness();
        fake.inject({ kind: 'status', status: 429, message: 'Rate limit exceeded.', headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-interval-seconds': '30', 'x-ratelimit-fillrate': '10' } }, { operation: F.search });
        assert.equal((await client.findByMarkers([itemId(0)])).size, 1);
        assert.deepEqual(searches().map((s) => s.status), [429, 200]);
        assert.ok(slept.length === 1 && slept[0]! >= 30_000 && slept[0]! < 32_000, `waited: ${slept.join(', ')}`);
        fake.assertNoViolations();
      });
    }

    it('says unauthorized on 401 and never shows the token or its Basic form', async () => {
      await start();
      const secret = 'not-the-right-token-at-all';
      const auth = F.flavour === 'cloud' ? ({ kind: 'basic', email: 'pat@example.com', token: secret } as const) : ({ kind: 'bearer', token: secret } as const);
      const { client, logs } = harness({ auth });
      const err = await rejection(client.get('PAY-1'));
      assert.equal(err.reason, 'unauthorized');
      // What the Authorization header carries besides the scheme: Cloud's base64 of `email:token`, DC's token.
      const basic = F.flavour === 'cloud' ? Buffer.from(`pat@example.com:${F.token}`).toString('base64') : F.token;
      fake.inject({ kind: 'status', status: 400, message: `bad header ${basic} for ${F.token}` }, { operation: 'createIssue' });
      const echoed = await rejection(harness().client.create(draft('PD-7Q2K')));
      assert.equal(echoed.reason, 'invalid');
      const text = [err.message, err.details.hint ?? '', echoed.message, ...logs].join('\n');
      for (const s of [secret, F.token, basic, ...(F.flavour === 'cloud' ? [Buffer.from(`pat@example.com:${secret}`).toString('base64')] : [])]) assert.ok(!text.includes(s), `${s} leaked: ${text}`);
      assert.match(echoed.message, /bad header \*\*\* for \*\*\*/);
      fake.assertNoViolations();
    });

    describe('the credentials go only to their own server', () => {
      let other: Awaited<ReturnType<typeof bystander>>;
      beforeEach(async () => {
        other = await bystander();
      });
      afterEach(async () => {
        await other.stop();
      });

      it('refuses a redirect to another host', async () => {
        await start();
        seed(0);
        const { client } = harness();
        fake.inject({ kind: 'status', status: 307, headers: { location: `${other.url}${F.api}/issue/PAY-1` } }, { operation: 'getIssue' });
        assert.equal((await rejection(client.get('PAY-1'))).reason, 'untrusted-host');
        assert.equal(other.seen.length, 0);
        fake.takeViolations(); // a 307 is outside getIssue's contract: the point of the test
      });

      it('sends nothing to an apiUrl on another host than the one the credentials were given for', async () => {
        await start();
        const { client } = harness({ apiUrl: other.url, tokenHost: fake.url });
        assert.equal((await rejection(client.findByMarkers(['PD-7Q2K']))).reason, 'untrusted-host');
        assert.equal(other.seen.length, 0);
        fake.assertNoViolations();
      });
    });

    it("lists the board's sprints with inclusive UTC dates, leaving out a future sprint without dates", async () => {
      await start({ clock: new FakeClock(Date.parse('2026-03-02T00:00:00Z')) });
      for (let n = 4; n < 60; n++) fake.sprints.push({ id: n, name: `PAY Sprint ${n}`, state: 'future', boardId: 1, startDate: new Date(Date.UTC(2026, 3, n)).toISOString(), endDate: new Date(Date.UTC(2026, 3, n + 7)).toISOString() });
      const logs: string[] = [];
      const source = createJiraSprintSource({
        apiUrl: fake.url,
        deployment: F.deployment,
        auth: F.auth,
        board: 1,
        http: fetchHttpClient(),
        clock: { now: () => new Date(fake.clock.now()) },
        logger: { debug: () => undefined, info: (m) => void logs.push(m), warn: (m) => void logs.push(m), error: (m) => void logs.push(m) },
      });
      assert.deepEqual([source.kind, source.scope], ['jira', 'board 1']);
      const sprints = await source.listSprints();
      assert.equal(sprints.length, 2 + 56);
      assert.deepEqual(sprints.slice(0, 2), [
        { id: '1', name: 'PAY Sprint 1', start: '2026-02-09', end: '2026-02-22', capacity: null, state: 'closed' },
        { id: '2', name: 'PAY Sprint 2', start: '2026-02-23', end: '2026-03-08', capacity: null, state: 'active' },
      ]);
      assert.equal(fake.requests.filter((r) => r.operation === 'agile.getAllSprints').length, 2);
      assert.ok(logs.some((l) => l.includes('PAY Sprint 3') && l.includes('no dates')));
      fake.assertNoViolations();
    });
  });
}
