/**
 * `paydown sync --tracker gitlab|jira|linear` as a user runs it: the built CLI, spawned, against
 * each tracker's contract fake on 127.0.0.1, credentials from the environment only. One story per
 * tracker: the sprints come from the tracker (`"sprints": { "from": … }`) and are cached by the
 * first sync; an item scheduled in the current one gets a ticket (dry run first), with the
 * tracker's reference written back; a reworded, re-estimated comment updates the ticket; `budget`
 * then counts it in that sprint, offline.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GitLabFake, JiraFake, LinearFake, type ContractFake } from '../trackers/fake';
import { buildOnce, gitWorkspace, paydown, runPaydown } from './runCli';

const run = runPaydown;

interface Story {
  name: string;
  fake: () => Promise<ContractFake>;
  /** The workspace's `trackers` and `sprints` sections. */
  config: (fake: ContractFake) => string;
  env: (fake: ContractFake) => NodeJS.ProcessEnv;
  heading: RegExp;
  /** The reference written into the comment. */
  reference: RegExp;
  /** The sprints the first sync caches: text of `sprint list`. */
  sprints: RegExp;
  /** The ticket the tracker holds, as its fake says: [title, description, estimate]. */
  ticket: (fake: ContractFake) => { title: string; description: string; estimate: number | null; sprint: string | null } | undefined;
}

const stories: Story[] = [
  {
    name: 'GitLab',
    fake: () => new GitLabFake().start(),
    config: () => '"trackers": { "gitlab": { "project": "paydown-dev/sample" } }, "sprints": { "from": "gitlab", "project": "paydown-dev/sample", "capacity": 20, "debtBudget": "25%" }',
    env: (fake) => ({ GITLAB_URL: (fake as GitLabFake).apiUrl, PAYDOWN_GITLAB_TOKEN: 'glpat-paydownFakeToken' }),
    heading: /^GitLab paydown-dev\/sample \(127\.0\.0\.1:\d+\)/m,
    reference: /GL-1\)/,
    sprints: /Iteration 2/,
    ticket: (fake) => {
      const g = fake as GitLabFake;
      const i = g.issues[0];
      return i && { title: i.title, description: i.description ?? '', estimate: i.weight, sprint: g.iterations.find((it) => it.id === i.iterationId) ? `Iteration ${g.iterations.find((it) => it.id === i.iterationId)!.sequence}` : null };
    },
  },
  {
    name: 'Jira Cloud',
    fake: () => new JiraFake({ flavour: 'cloud' }).start(),
    config: (fake) => `"trackers": { "jira": { "url": "${fake.url}", "deployment": "cloud", "project": "PAY", "storyPointsField": "customfield_10016", "board": 1 } }, "sprints": { "from": "jira", "board": 1, "capacity": 20, "debtBudget": "25%" }`,
    env: (fake) => ({ JIRA_URL: fake.url, JIRA_EMAIL: 'pat@example.com', JIRA_API_TOKEN: 'atlassian-api-token' }),
    heading: /^Jira PAY \(127\.0\.0\.1:\d+\)/m,
    reference: /PAY-1\)/,
    sprints: /PAY Sprint 2/,
    ticket: (fake) => jiraTicket(fake as JiraFake),
  },
  {
    name: 'Jira Data Center',
    fake: () => new JiraFake({ flavour: 'dc' }).start(),
    config: (fake) => `"trackers": { "jira": { "url": "${fake.url}", "project": "PAY", "storyPointsField": "customfield_10002", "board": 1 } }, "sprints": { "from": "jira", "board": 1, "capacity": 20, "debtBudget": "25%" }`,
    env: (fake) => ({ JIRA_URL: fake.url, JIRA_PAT: 'dc-personal-access-token' }),
    heading: /^Jira PAY \(127\.0\.0\.1:\d+\)/m,
    reference: /PAY-1\)/,
    sprints: /PAY Sprint 2/,
    ticket: (fake) => jiraTicket(fake as JiraFake),
  },
  {
    name: 'Linear',
    fake: () => new LinearFake().start(),
    config: () => '"trackers": { "linear": { "team": "PAY" } }, "sprints": { "from": "linear", "team": "PAY", "capacity": 20, "debtBudget": "25%" }',
    env: (fake) => ({ LINEAR_API_URL: (fake as LinearFake).endpoint, LINEAR_API_KEY: 'lin_api_paydownFakeKey' }),
    heading: /^Linear PAY \(127\.0\.0\.1:\d+\)/m,
    reference: /PAY-1\)/,
    sprints: /Cycle 1/,
    ticket: (fake) => {
      const l = fake as LinearFake;
      const i = l.issues[0];
      return i && { title: i.title, description: i.description ?? '', estimate: i.estimate, sprint: l.cycles.find((c) => c.id === i.cycleId)?.name ?? null };
    },
  },
];

function jiraTicket(fake: JiraFake): ReturnType<Story['ticket']> {
  const i = fake.issues[0];
  if (!i) return undefined;
  const description = typeof i.description === 'string' ? i.description : JSON.stringify(i.description ?? '');
  return { title: i.summary, description, estimate: i.storyPoints, sprint: fake.sprints.find((s) => s.id === i.sprintId)?.name ?? null };
}

describe('paydown sync with GitLab, Jira and Linear (the built CLI)', function () {
  this.timeout(180_000);
  before(() => buildOnce());

  it('Jira or Linear named on the command line but not configured: exit 2 saying what to add, no request', async () => {
    const root = gitWorkspace({ '.paydown/config.jsonc': '{}', 'src/pay.ts': '// DEBT: x\n' });
    for (const [tracker, env, example] of [
      ['linear', { LINEAR_API_KEY: 'lin_api_x', LINEAR_API_URL: 'http://127.0.0.1:9/graphql' }, /"trackers": \{ "linear": \{ "team": "ENG" \} \}/],
      ['jira', { JIRA_URL: 'http://127.0.0.1:9', JIRA_PAT: 'pat' }, /"trackers": \{ "jira": \{ "url": .*"project": "PAY" \} \}/],
    ] as const) {
      const result = await run(['sync', '--tracker', tracker, '--dry-run'], root, { XDG_STATE_HOME: mkdtempSync(path.join(tmpdir(), 'paydown-state-')), ...env });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /is not configured for this workspace/);
      assert.match(result.stderr, example);
    }
  });

  it('a tracker named only for its sprints: `paydown sync` refreshes them and touches no ticket', async () => {
    const linear = await new LinearFake().start();
    try {
      const root = gitWorkspace({
        '.paydown/config.jsonc': '{ "sprints": { "from": "linear", "team": "PAY", "capacity": 20, "debtBudget": "25%" } }',
        'src/pay.ts': '// DEBT: Replace the retry loop effort:3\n',
      });
      const env = { PAYDOWN_TODAY: '2026-03-03', XDG_STATE_HOME: mkdtempSync(path.join(tmpdir(), 'paydown-state-')), LINEAR_API_URL: linear.endpoint, LINEAR_API_KEY: 'lin_api_paydownFakeKey' };
      const result = await run(['sync'], root, env);
      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /^Linear PAY \(127\.0\.0\.1:\d+\)$/m);
      assert.match(result.stdout, /Sprints from Linear team PAY: 3 added; 3 in all\./);
      assert.doesNotMatch(result.stdout, /ticket|done/);
      assert.equal(linear.issues.length, 0);
      assert.match(paydown(['sprint', 'list'], { cwd: root, env }).stdout, /Cycle 2/);
      linear.assertNoViolations();
    } finally {
      await linear.stop();
    }
  });

  for (const story of stories) {
    it(`${story.name}: sprints cached from the tracker, a dry run's readable plan, one ticket with its sprint and estimate, its reference written back, its edits sent, the budget counting it`, async () => {
      const fake = await story.fake();
      try {
        const state = mkdtempSync(path.join(tmpdir(), 'paydown-state-'));
        const root = gitWorkspace({
          '.paydown/config.jsonc': `{ ${story.config(fake)} }`,
          'src/pay.ts': '// DEBT: Replace the retry loop effort:3\nexport const a = 1;\n',
        });
        const env = { PAYDOWN_TODAY: '2026-03-03', XDG_STATE_HOME: state, ...story.env(fake) };

        // The first sync: no item is scheduled yet, the sprints come in and are cached.
        const first = await run(['sync'], root, env);
        assert.equal(first.status, 0, `${first.stdout}\n${first.stderr}`);
        assert.match(first.stdout, story.heading);
        assert.match(first.stdout, /Sprints from \w+ .+: \d+ added; \d+ in all\. \.paydown\/tracker-sprints\.json updated: commit it/);
        const list = paydown(['sprint', 'list'], { cwd: root, env });
        assert.equal(list.status, 0, list.stderr);
        assert.match(list.stdout, story.sprints);

        // Schedule the item in the current sprint (a tracker sprint), then the dry run's plan.
        const current = (JSON.parse(paydown(['sprint', 'list', '--format', 'json'], { cwd: root, env }).stdout) as { sprints: { sprint: string; current: boolean }[] }).sprints.find((s) => s.current);
        assert.ok(current, `a current sprint from ${story.name}`);
        const id = readdirSync(path.join(root, '.paydown', 'ledger'))[0]!.replace('.json', '');
        const assigned = paydown(['sprint', 'assign', id, '--sprint', current.sprint], { cwd: root, env });
        assert.equal(assigned.status, 0, assigned.stderr);
        const writesBefore = fake.requests.filter((r) => r.method !== 'GET' && !/search|graphql/.test(r.path)).length;
        const dry = await run(['sync', '--dry-run'], root, env);
        assert.equal(dry.status, 0, dry.stderr);
        assert.match(dry.stdout, /dry run, nothing was changed/);
        assert.match(dry.stdout, new RegExp(`Would create 1 ticket\\n {2}· ${id} {2}Replace the retry loop \\(src/pay\\.ts:1, scheduled\\)`));
        assert.equal(story.ticket(fake), undefined, 'a dry run created nothing');
        assert.ok(fake.requests.filter((r) => r.method !== 'GET' && !/search|graphql/.test(r.path)).length === writesBefore || story.name === 'Linear', 'a dry run sent no write');

        const real = await run(['sync', '--apply'], root, env);
        assert.equal(real.status, 0, real.stdout + real.stderr);
        const ticket = story.ticket(fake);
        assert.ok(ticket, `${story.name} holds the ticket`);
        assert.equal(ticket.title, 'Replace the retry loop');
        assert.match(ticket.description, new RegExp(`paydown:${id}`));
        assert.equal(ticket.estimate, 3);
        assert.equal(ticket.sprint, current.sprint);
        assert.match(readFileSync(path.join(root, 'src/pay.ts'), 'utf8').split('\n')[0]!, story.reference);

        const again = await run(['sync'], root, env);
        assert.equal(again.status, 0, again.stderr);
        assert.match(again.stdout, /Nothing to do: every ticket is in sync \(1 of 1 item has a ticket\)/);
        assert.match(again.stdout, /Sprints from \w+ .+: unchanged \(\d+ sprints?, as read \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);

        // Reworded and re-estimated in the code: the dry run names both changes, the sync sends them.
        const source = path.join(root, 'src/pay.ts');
        writeFileSync(source, readFileSync(source, 'utf8').replace('Replace the retry loop effort:3', 'Replace the retry loop with backoff effort:5'));
        const preview = await run(['sync', '--dry-run'], root, env);
        assert.equal(preview.status, 0, preview.stderr);
        assert.match(preview.stdout, new RegExp(`Would update 1 ticket with what changed in Paydown\\n {2}· ${id} {2}\\S+: title "Replace the retry loop" → "Replace the retry loop with backoff", estimate 3 pts → 5 pts`));
        assert.equal(story.ticket(fake)?.title, 'Replace the retry loop', 'a dry run changed nothing');
        const updated = await run(['sync'], root, env);
        assert.equal(updated.status, 0, updated.stdout + updated.stderr);
        const edited = story.ticket(fake);
        assert.deepEqual([edited?.title, edited?.estimate, edited?.sprint], ['Replace the retry loop with backoff', 5, current.sprint]);
        const settled = await run(['sync'], root, env);
        assert.match(settled.stdout, /Nothing to do: every ticket is in sync/);

        // Offline: the budget reads the cached tracker sprint and counts the item in it.
        const budget = JSON.parse(paydown(['budget', '--format', 'json'], { cwd: root, env: { PAYDOWN_TODAY: '2026-03-03' } }).stdout) as { sprint: string; allocated: number };
        assert.deepEqual([budget.sprint, budget.allocated], [current.sprint, 5]);
        fake.assertNoViolations();
      } finally {
        await fake.stop();
      }
    });
  }
});
