/**
 * `paydown sync` as a user runs it: the built CLI, spawned, against the contract-checked GitHub
 * fake on 127.0.0.1 (in this process: the CLI is started without blocking so the fake can answer),
 * with credentials from the environment only.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GitHubFake } from '../trackers/fake';
import { buildOnce, gitWorkspace, paydown, repoRoot, runPaydown } from './runCli';
import { jupyterText } from '../support/jupyter';
import { contractValidator } from './jsonSchemas';

const TOKEN = 'ghp_paydownFakeToken';

const run = runPaydown;

describe('paydown sync (the built CLI)', function () {
  this.timeout(120_000);
  let github: GitHubFake;
  let state: string;
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PAYDOWN_TODAY: '2026-03-03', XDG_STATE_HOME: state, GITHUB_API_URL: github.url, PAYDOWN_GITHUB_TOKEN: TOKEN, GITHUB_TOKEN: undefined, ...extra });

  before(() => buildOnce());
  beforeEach(async () => {
    github = await new GitHubFake().start();
    state = mkdtempSync(path.join(tmpdir(), 'paydown-state-'));
  });
  afterEach(async () => {
    github.assertNoViolations();
    await github.stop();
  });

  function repo(): string {
    const root = gitWorkspace({
      '.paydown/config.jsonc': '{ "sprints": [{ "name": "Sprint 12", "start": "2026-03-02", "end": "2026-03-13", "capacity": 20, "debtBudget": 4 }], "trackers": { "github": { "repo": "paydown-dev/sample" } } }',
      'src/pay.ts': '// DEBT: Replace the retry loop effort:3\nexport const a = 1;\n',
      'src/log.ts': '// TODO: log failures\n',
    });
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }).status, 0);
    const id = readdirSync(path.join(root, '.paydown', 'ledger')).map((f) => f.replace('.json', '')).find((id) => (JSON.parse(readFileSync(path.join(root, '.paydown', 'ledger', `${id}.json`), 'utf8')) as { tag: string }).tag === 'DEBT')!;
    assert.equal(paydown(['sprint', 'assign', id, '--sprint', 'Sprint 12'], { cwd: root, env: { PAYDOWN_TODAY: '2026-03-03' } }).status, 0);
    return root;
  }

  it('creates the scheduled item\'s ticket, says so, exits 0; a second run has nothing to do', async () => {
    const root = repo();
    const first = await run(['sync'], root, env());
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^GitHub paydown-dev\/sample \(127\.0\.0\.1:\d+\)$/m);
    assert.match(first.stdout, /Create 1 ticket\n {2}✓ PD-\w+ {2}Replace the retry loop \(src\/pay\.ts:1, scheduled\) → paydown-dev\/sample#1/);
    assert.equal(github.issues.size, 1);
    const second = await run(['sync'], root, env());
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /Create/);
    // Without --apply the reference is only named, not written, and that is no failure.
    assert.match(second.stdout, /Write 1 reference into comments\n {2}– PD-\w+ {2}GH-1 into src\/pay\.ts:1 {2}run with --apply to write GH-1 into the comment/);
    assert.equal(github.issues.size, 1);
    assert.equal((await run(['sync', '--apply'], root, env())).status, 0);
    const quiet = await run(['sync'], root, env());
    assert.match(quiet.stdout, /Nothing to do: every ticket is in sync \(1 of 2 items have a ticket; 1 open item has none \(they get one when scheduled in a sprint, or with --create ID\)\)\./);
  });

  it('--format json writes the sync document; --apply writes the reference into the comment', async () => {
    const root = repo();
    const result = await run(['sync', '--apply', '--format', 'json'], root, env());
    assert.equal(result.status, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as { kind: string; actions: { kind: string; outcome: string; reference: string | null }[]; summary: { done: number } };
    assert.equal(doc.kind, 'sync');
    assert.deepEqual(doc.actions.map((a) => [a.kind, a.outcome]), [['create', 'done'], ['write-reference', 'done']]);
    assert.match(readFileSync(path.join(root, 'src/pay.ts'), 'utf8'), /^\/\/ DEBT\(PD-\w+, GH-1\): Replace the retry loop effort:3\n/);
  });

  it('exit 1 when operations are queued (GitHub unreachable), with the reason; the queue runs first next time', async () => {
    const root = repo();
    const url = github.url;
    await github.stop();
    const offline = await run(['sync'], root, env({ GITHUB_API_URL: url }));
    assert.equal(offline.status, 1, offline.stderr);
    assert.match(offline.stdout, /could not be reached/);
    assert.match(offline.stdout, /1 queued for the next sync/);
    github = await new GitHubFake().start(Number(new URL(url).port));
    const back = await run(['sync', '--dry-run'], root, env());
    assert.match(back.stdout, /1 queued for the next sync\n {2}PD-\w+ {2}create {2}since /);
    const replayed = await run(['sync'], root, env());
    assert.equal(replayed.status, 0, replayed.stdout + replayed.stderr);
    assert.doesNotMatch(replayed.stdout, /queued/);
    assert.equal(github.issues.size, 1);
  });

  it('exit 2: no token, no tracker configured, a config naming another host (which gets no request)', async () => {
    const root = repo();
    const noToken = await run(['sync'], root, env({ PAYDOWN_GITHUB_TOKEN: undefined }));
    assert.equal(noToken.status, 2);
    assert.match(noToken.stderr, /no GitHub token/);
    assert.match(noToken.stderr, /PAYDOWN_GITHUB_TOKEN/);

    const bare = gitWorkspace({ 'a.ts': '// TODO: x\n' });
    const none = await run(['sync', '--dry-run'], bare, env());
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no tracker is configured/);

    const other = await new GitHubFake().start();
    try {
      const config = path.join(root, '.paydown', 'config.jsonc');
      const text = readFileSync(config, 'utf8').replace('"repo": "paydown-dev/sample"', `"repo": "paydown-dev/sample", "apiUrl": "${other.url.replace('127.0.0.1', 'localhost')}"`);
      writeFileSync(config, text);
      const refused = await run(['sync', '--dry-run'], root, env());
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /localhost:\d+/);
      assert.match(refused.stderr, /GITHUB_API_URL/);
      assert.doesNotMatch(refused.stderr + refused.stdout, new RegExp(TOKEN));
      assert.equal(other.requests.length, 0);
    } finally {
      await other.stop();
    }
  });

  it('a notebook item: the plan and the JSON name its cell, the ticket quotes the cell, --apply writes the reference there', async () => {
    const root = gitWorkspace({
      '.paydown/config.jsonc': '{ "sprints": [{ "name": "Sprint 12", "start": "2026-03-02", "end": "2026-03-13", "capacity": 20, "debtBudget": 4 }], "trackers": { "github": { "repo": "paydown-dev/sample" } } }',
      'reconcile.ipynb': jupyterText([['markdown', ['# Reconciliation']], ['code', ['totals = ledger.sum()\n', '# DEBT: reconcile by currency effort:2\n', '#   the totals mix EUR and USD\n', 'totals']]]),
    });
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }).status, 0);
    const id = readdirSync(path.join(root, '.paydown', 'ledger'))[0]!.replace('.json', '');
    assert.equal(paydown(['sprint', 'assign', id, '--sprint', 'Sprint 12'], { cwd: root, env: { PAYDOWN_TODAY: '2026-03-03' } }).status, 0);
    const dry = await run(['sync', '--dry-run', '--format', 'json'], root, env());
    const plan = JSON.parse(dry.stdout) as { actions: { kind: string; cell?: unknown }[] };
    const validate = contractValidator('sync');
    assert.ok(validate(plan), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(plan.actions.map((a) => [a.kind, a.cell]), [['create', { index: 1, line: 2, column: 3 }]]);
    const synced = await run(['sync', '--apply'], root, env());
    assert.equal(synced.status, 0, synced.stderr);
    assert.match(synced.stdout, /✓ PD-\w+ {2}reconcile by currency \(reconcile\.ipynb, cell 2, line 2, scheduled\) → paydown-dev\/sample#1/);
    const body = github.issues.get(1)!.body!;
    // Placed by its cell; linked to the notebook's source lines (a rendered notebook has no line anchors).
    assert.match(body, /^Technical debt found at \[`reconcile\.ipynb, cell 2, line 2`\]\(http:\/\/127\.0\.0\.1:\d+\/paydown-dev\/sample\/blob\/\w+\/reconcile\.ipynb\?plain=1#L\d+-L\d+\)\./);
    assert.match(body, /```python\n# DEBT: reconcile by currency effort:2\n# {3}the totals mix EUR and USD\n```/);
    const cell = (JSON.parse(readFileSync(path.join(root, 'reconcile.ipynb'), 'utf8')) as { cells: { source: string[] }[] }).cells[1]!;
    assert.equal(cell.source[1], `# DEBT(${id}, GH-1): reconcile by currency effort:2\n`);
  });

  it('a dry run on the sample workspace prints a readable plan without a token', async () => {
    const sample = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-sample-')), 'acme-payments');
    cpSync(path.join(repoRoot, 'test/fixtures/sample-workspace'), sample, { recursive: true });
    const dry = await run(['sync', '--dry-run', '--no-cache'], sample, env({ PAYDOWN_GITHUB_TOKEN: undefined, GITHUB_API_URL: undefined, PAYDOWN_TODAY: '2026-11-26' }));
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^GitHub acme\/payments \(api\.github\.com\): dry run, nothing was changed$/m);
    assert.match(dry.stdout, /not checked against api\.github\.com, no token: set PAYDOWN_GITHUB_TOKEN/);
    assert.match(dry.stdout, /^Would create \d+ tickets?$/m);
    assert.match(dry.stdout, /^\d+ planned; run without --dry-run to do it \(code edits need --apply\)\.$/m);
  });
});
