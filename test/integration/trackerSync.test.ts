/**
 * `paydown sync` end to end in the engine: real git repositories in temp folders (with an
 * `origin` whose default branch decides what closes), the real GitHub client over real HTTP,
 * against the contract-checked GitHub fake (every request and answer checked against GitHub's
 * OpenAPI description). No test sleeps: rate-limit waits advance the fake's clock.
 */
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeAction, nodePorts, openWorkspace, PaydownError, syncTracker, type Logger, type TrackerSyncOptions, type TrackerSyncResult } from '../../src/engine';
import { ISOLATED_GIT_ENV } from '../support/git';
import { TempRepo } from '../support/tempRepo';
import { GitHubFake } from '../trackers/fake';

const TOKEN = 'ghp_paydownFakeToken';
const CONFIG = (extra = ''): string => `{
  "sprints": [{ "name": "Sprint 12", "start": "2026-03-02", "end": "2026-03-13", "capacity": 20, "debtBudget": "20%" }],
  "trackers": { "github": { "repo": "paydown-dev/sample", "assignees": { "alice": "alice" }${extra} } }
}`;

describe('tracker sync with GitHub (the real client against the contract fake)', function () {
  this.timeout(60_000);
  let github: GitHubFake;
  let repo: TempRepo;
  let origin: TempRepo;
  let stateDir: string;
  const logged: string[] = [];
  const logger: Logger = { debug: (m) => logged.push(m), info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };

  beforeEach(async () => {
    github = await new GitHubFake({ searchLag: { requests: 3 } }).start();
    github.addMilestone('Sprint 12');
    origin = new TempRepo(false, 'paydown-origin-');
    origin.git('init', '-q', '--bare', '-b', 'main');
    repo = new TempRepo();
    repo.write('.paydown/config.jsonc', CONFIG());
    repo.write('src/pay.ts', 'export function pay() {\r\n  // DEBT: Replace the retry loop @alice effort:3\r\n  return 1;\r\n}\r\n');
    repo.write('src/log.py', '# TODO: log failures\n');
    repo.commit('initial');
    repo.git('remote', 'add', 'origin', origin.root);
    repo.git('push', '-q', '-u', 'origin', 'main');
    repo.git('remote', 'set-head', 'origin', 'main');
    stateDir = mkdtempSync(path.join(tmpdir(), 'paydown-state-'));
    logged.length = 0;
  });

  afterEach(async () => {
    github.assertNoViolations();
    await github.stop();
    repo.dispose();
    origin.dispose();
  });

  async function workspace(): Promise<Awaited<ReturnType<typeof openWorkspace>>> {
    const ports = nodePorts(repo.root, { env: { ...process.env, ...ISOLATED_GIT_ENV }, logger, clock: { now: () => new Date(github.clock.iso()) } });
    return openWorkspace(repo.root, ports);
  }

  async function sync(options: Partial<TrackerSyncOptions> = {}): Promise<TrackerSyncResult> {
    const ws = await workspace();
    return syncTracker(ws, {
      credentials: { github: { apiUrl: github.url, token: TOKEN, hints: { token: 'set PAYDOWN_GITHUB_TOKEN', host: 'set GITHUB_API_URL' } } },
      stateDir,
      sleep: (ms) => Promise.resolve(github.clock.advance(ms)),
      maxWaitMs: 120_000,
      ...options,
    });
  }

  /** Records the debt and schedules the DEBT item into Sprint 12; returns its id. */
  async function scheduled(): Promise<string> {
    const ws = await workspace();
    await ws.sync();
    const { items } = await ws.items();
    const debt = items.find((i) => i.item.tag === 'DEBT')!.item.id;
    await ws.assign([debt], 'Sprint 12', { today: '2026-03-03' });
    return debt;
  }

  const issues = (): { number: number; state: string; body: string; labels: string[]; assignees: string[]; milestone: string | null }[] =>
    [...github.issues.values()].map((i) => ({ number: i.number, state: i.state, body: i.body ?? '', labels: i.labels, assignees: i.assignees, milestone: i.milestone === null ? null : (github.milestones.find((m) => m.number === i.milestone)?.title ?? null) }));

  const ledgerText = (): string =>
    readdirSync(path.join(repo.root, '.paydown', 'ledger'))
      .map((f) => readFileSync(path.join(repo.root, '.paydown', 'ledger', f), 'utf8'))
      .join('\n');

  it('creates one ticket for the scheduled item, with its marker, labels, assignee and milestone; re-running creates nothing', async () => {
    const id = await scheduled();
    const first = await sync();
    assert.deepEqual(first.results.filter((r) => r.action.kind === 'create').map((r) => [r.action.itemId, r.outcome]), [[id, 'done']]);
    const [ticket] = issues();
    assert.ok(ticket && ticket.body.includes(`<!-- paydown:${id} -->`));
    assert.match(ticket.body, /```typescript\n\/\/ DEBT: Replace the retry loop @alice effort:3\n```/);
    assert.match(ticket.body, new RegExp(`/paydown-dev/sample/blob/[0-9a-f]{40}/src/pay\\.ts#L2\\)`));
    assert.deepEqual([ticket.labels, ticket.assignees, ticket.milestone], [['tech-debt'], ['alice'], 'Sprint 12']);
    assert.match(ledgerText(), /"tracker":"github","key":"paydown-dev\/sample#1"/);

    const second = await sync();
    assert.equal(github.issues.size, 1);
    assert.ok(second.results.every((r) => r.action.kind !== 'create'), JSON.stringify(second.results.map((r) => r.action.kind)));
  });

  it('a create whose answer was lost is queued, and the next run finds the stored ticket by its marker instead of creating a second', async () => {
    await scheduled();
    github.inject({ kind: 'lostResponse' }, { operation: 'issues/create' });
    const first = await sync();
    assert.deepEqual(first.results.filter((r) => r.action.kind === 'create').map((r) => r.outcome), ['queued']);
    assert.equal(github.issues.size, 1, 'GitHub stored it');
    assert.equal(first.queue.length, 1);
    const second = await sync();
    assert.equal(github.issues.size, 1, 'no duplicate');
    assert.deepEqual(second.results.map((r) => r.action.kind).filter((k) => k === 'link'), ['link']);
    assert.deepEqual(second.queue, []);
    assert.match(ledgerText(), /paydown-dev\/sample#1/);
  });

  it('--apply writes the reference into the comment, keeping CRLF line endings and indentation', async () => {
    const id = await scheduled();
    await sync({ apply: true });
    const text = readFileSync(path.join(repo.root, 'src/pay.ts'), 'utf8');
    assert.equal(text, `export function pay() {\r\n  // DEBT(${id}, GH-1): Replace the retry loop @alice effort:3\r\n  return 1;\r\n}\r\n`);
    const again = await sync({ apply: true });
    assert.equal(readFileSync(path.join(repo.root, 'src/pay.ts'), 'utf8'), text, 'written once');
    assert.equal(github.issues.size, 1);
    assert.ok(again.results.every((r) => r.outcome !== 'failed'));
  });

  it("a Sphinx .. todo:: gets its ticket and the ledger link; --apply writes nothing into the directive, and no run fails on it", async () => {
    const guide = 'Guide\n=====\n\n.. todo:: write the upgrade section\n';
    repo.write('docs/guide.rst', guide);
    repo.commit('docs');
    const ws = await workspace();
    await ws.sync();
    const todo = (await ws.items()).items.find((i) => i.item.title === 'write the upgrade section')!.item.id;
    await ws.assign([todo], 'Sprint 12', { today: '2026-03-03' });
    const first = await sync({ apply: true });
    const mine = (results: TrackerSyncResult) => results.results.filter((r) => r.action.itemId === todo).map((r) => [r.action.kind, r.outcome]);
    assert.deepEqual(mine(first), [['create', 'done']]);
    const ticket = issues().find((i) => i.body.includes(`<!-- paydown:${todo} -->`));
    assert.ok(ticket, 'a ticket with the marker');
    assert.match(ticket.body, /\.\. todo:: write the upgrade section/);
    assert.match(ledgerText(), new RegExp(`"tracker":"github","key":"paydown-dev/sample#${ticket.number}"`));
    assert.equal(readFileSync(path.join(repo.root, 'docs/guide.rst'), 'utf8'), guide, 'the directive is left as written');
    const again = await sync({ apply: true });
    assert.deepEqual(mine(again), []);
    assert.ok(again.results.every((r) => r.outcome !== 'failed'), JSON.stringify(again.results.map((r) => [r.action.kind, r.outcome, r.message])));
  });

  it('closes the ticket when the removal reached origin/main, with a comment naming the commit; not while it sits on a branch', async () => {
    await scheduled();
    await sync();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/pay.ts', 'export function pay() {\r\n  return 1;\r\n}\r\n');
    const removal = repo.commit('pay down the retry loop');
    const onBranch = await sync();
    assert.deepEqual(onBranch.results.filter((r) => r.action.kind === 'hold').map((r) => r.message), [`paydown-dev/sample#1 stays open: its removal (${removal.slice(0, 7)}) has not reached the default branch`]);
    assert.equal(github.issue(1)!.state, 'open');

    repo.git('push', '-q', 'origin', 'feature:main');
    repo.git('fetch', '-q', 'origin');
    const merged = await sync();
    assert.deepEqual(merged.results.filter((r) => r.action.kind === 'close').map((r) => r.outcome), ['done']);
    assert.equal(github.issue(1)!.state, 'closed');
    assert.match(github.issue(1)!.comments.at(-1)!.body, new RegExp(removal.slice(0, 7)));
    assert.match(ledgerText(), /"state":"closed"/);
    const quiet = await sync();
    assert.deepEqual(quiet.results, []);
  });

  it('a title changed in the code and a new sprint go to the ticket; a title edited on GitHub since then stays', async () => {
    repo.write('.paydown/config.jsonc', CONFIG().replace('"debtBudget": "20%" }]', '"debtBudget": "20%" }, { "name": "Sprint 13", "start": "2026-03-16", "end": "2026-03-27", "capacity": 20, "debtBudget": "20%" }]'));
    github.addMilestone('Sprint 13');
    const id = await scheduled();
    await sync();
    assert.equal(github.issue(1)!.title, 'Replace the retry loop');

    repo.write('src/pay.ts', 'export function pay() {\r\n  // DEBT: Replace the retry loop with backoff @alice effort:3\r\n  return 1;\r\n}\r\n');
    // Not recorded in the ledger yet: the dry run plans from the ledger as a sync would leave it.
    await (await workspace()).assign([id], 'Sprint 13', { today: '2026-03-03' });
    const before = ledgerText();
    const preview = await sync({ dryRun: true });
    assert.equal(ledgerText(), before, 'a dry run writes no ledger');
    assert.deepEqual(preview.results.filter((r) => r.action.kind === 'update').map((r) => describeAction(r.action)), ['paydown-dev/sample#1: title "Replace the retry loop" → "Replace the retry loop with backoff", sprint Sprint 12 → Sprint 13']);
    assert.equal(github.issue(1)!.title, 'Replace the retry loop', 'a dry run sends nothing');

    const pushed = await sync();
    assert.deepEqual(pushed.results.filter((r) => r.action.kind === 'update').map((r) => r.outcome), ['done']);
    assert.deepEqual(issues().map((i) => i.milestone), ['Sprint 13']);
    assert.equal(github.issue(1)!.title, 'Replace the retry loop with backoff');
    assert.match(ledgerText(), /"pushed":\{"estimate":null,"sprint":"Sprint 13","title":"Replace the retry loop with backoff"\}/);

    github.issue(1)!.title = 'Retry loop: use the platform backoff';
    github.issue(1)!.updatedAt = github.clock.iso();
    const quiet = await sync();
    assert.ok(quiet.results.every((r) => r.action.kind !== 'update'), JSON.stringify(quiet.results.map((r) => r.action.kind)));
    assert.equal(github.issue(1)!.title, 'Retry loop: use the platform backoff');
  });

  it('a ticket closed upstream while the debt is still in the code: pulled into the ledger, then resolved in the code with --apply', async () => {
    const id = await scheduled();
    await sync();
    github.issue(1)!.state = 'closed';
    github.issue(1)!.stateReason = 'completed';
    github.issue(1)!.updatedAt = github.clock.iso();
    const pulled = await sync();
    assert.deepEqual(pulled.results.map((r) => [r.action.kind, r.outcome]), [['pull', 'done'], ['closed-upstream', 'skipped']]);
    assert.match(pulled.results[1]!.message, /still in the code/);
    const applied = await sync({ apply: true });
    assert.deepEqual(applied.results.map((r) => [r.action.kind, r.outcome]), [['closed-upstream', 'done']]);
    assert.equal(readFileSync(path.join(repo.root, 'src/pay.ts'), 'utf8'), 'export function pay() {\r\n  return 1;\r\n}\r\n');
    const ws = await workspace();
    const { items } = await ws.items();
    assert.equal(items.find((i) => i.item.id === id)!.item.status, 'resolved');
  });

  it('offline: everything is queued and said; when GitHub is back the queue replays in order and empties', async () => {
    await scheduled();
    const url = github.url;
    await github.stop();
    const offline = await sync({ credentials: { github: { apiUrl: url, token: TOKEN, hints: { token: 't', host: 'h' } } } });
    assert.equal(offline.checked, false);
    assert.match(offline.notice ?? '', /could not be reached/);
    assert.deepEqual(offline.results.map((r) => [r.action.kind, r.outcome]), [['create', 'queued']]);
    const dry = await sync({ dryRun: true, credentials: { github: { apiUrl: url, token: TOKEN, hints: { token: 't', host: 'h' } } } });
    assert.equal(dry.queue.length, 1, 'a dry run lists the queue');

    github = await new GitHubFake().start(Number(new URL(url).port));
    // The editor's replay at start-up: only what the queue holds, and nothing at all once it is empty.
    const back = await sync({ onlyQueued: true });
    assert.deepEqual(back.results.filter((r) => r.action.kind === 'create').map((r) => r.outcome), ['done']);
    assert.deepEqual(back.queue, []);
    assert.equal(github.issues.size, 1);
    const requests = github.requests.length;
    assert.deepEqual((await sync({ onlyQueued: true })).results, []);
    assert.equal(github.requests.length, requests, 'an empty queue asks nothing');
  });

  it('takes the repository from the origin remote when the config names none (https and ssh forms)', async () => {
    repo.write('.paydown/config.jsonc', CONFIG().replace('"repo": "paydown-dev/sample", ', ''));
    for (const url of ['https://github.com/paydown-dev/sample.git', 'git@github.com:paydown-dev/sample.git']) {
      repo.git('remote', 'set-url', 'origin', url);
      assert.equal((await sync({ dryRun: true })).project, 'paydown-dev/sample');
    }
    repo.git('remote', 'remove', 'origin');
    await assert.rejects(sync({ dryRun: true }), (err: unknown) => PaydownError.is(err, 'tracker-config') && /no origin remote/.test(err.message) && /"repo": "owner\/name"/.test(err.hint ?? ''));
  });

  it('a dry run sends only GET requests and writes nothing', async () => {
    await scheduled();
    const before = ledgerText();
    const dry = await sync({ dryRun: true, apply: true });
    assert.deepEqual(dry.results.map((r) => [r.action.kind, r.outcome]), [['create', 'planned']]);
    assert.ok(github.requests.every((r) => r.method === 'GET'), github.requests.map((r) => `${r.method} ${r.path}`).join(', '));
    assert.equal(github.issues.size, 0);
    assert.equal(ledgerText(), before);
  });

  it('secondary rate limits are waited out on the fake clock: 30 tickets, no 403 left unanswered, no duplicate', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `// DEBT: item ${i} effort:1`).join('\n');
    repo.write('src/many.ts', `${lines}\n`);
    repo.commit('many');
    const ws = await workspace();
    await ws.sync();
    const ids = (await ws.items()).items.filter((i) => i.item.title.startsWith('item ')).map((i) => i.item.id);
    await ws.assign(ids, 'Sprint 12', { today: '2026-03-03' });
    github.inject({ kind: 'secondaryRateLimit', retryAfterSeconds: 30 }, { operation: 'issues/create' });
    const result = await sync();
    assert.equal(result.results.filter((r) => r.action.kind === 'create' && r.outcome === 'done').length, 30);
    assert.equal(github.issues.size, 30);
  });

  describe('secrets', () => {
    let other: Server;
    let seen: IncomingHttpHeaders[];
    beforeEach(async () => {
      seen = [];
      other = createServer((req, res) => {
        seen.push(req.headers);
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    });
    afterEach(() => new Promise<void>((resolve) => other.close(() => resolve())));

    it('a config naming another host gets no token: sync stops naming both hosts, and that host sees no request', async () => {
      const port = (other.address() as AddressInfo).port;
      repo.write('.paydown/config.jsonc', CONFIG(`, "apiUrl": "http://localhost:${port}"`));
      await scheduled();
      for (const dryRun of [false, true]) {
        await assert.rejects(sync({ dryRun }), (err: unknown) => {
          assert.ok(PaydownError.is(err, 'tracker-untrusted-host'));
          assert.match(err.message, new RegExp(`localhost:${port}`));
          assert.match(err.message, new RegExp(new URL(github.url).host.replace(/\./g, '\\.')));
          assert.match(err.hint ?? '', /GITHUB_API_URL/);
          return true;
        });
      }
      assert.deepEqual(seen, []);
    });

    it('the token is in no ledger file, queue file, log line, result or error', async () => {
      await scheduled();
      github.inject({ kind: 'status', status: 500 }, { operation: 'issues/create' });
      const result = await sync();
      await github.stop();
      const offline = await sync({ credentials: { github: { apiUrl: github.url, token: TOKEN, hints: { token: 't', host: 'h' } } } });
      github = await new GitHubFake().start();
      const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
      for (const file of [...files(repo.root).filter((f) => !f.includes(`${path.sep}.git${path.sep}`)), ...files(stateDir)]) {
        assert.ok(!readFileSync(file, 'utf8').includes(TOKEN), `the token is in ${file}`);
      }
      assert.ok(files(stateDir).length > 0, 'the queue was written');
      for (const text of [JSON.stringify(result), JSON.stringify(offline), logged.join('\n')]) assert.ok(!text.includes(TOKEN));
    });
  });
});
