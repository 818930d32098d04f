import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { contractValidator } from './jsonSchemas';
import { buildOnce, paydown, workspace } from './runCli';

// Sprints read from a tracker, as the CLI shows them: a workspace whose committed cache
// (.paydown/tracker-sprints.json) holds Jira sprints plans exactly as one listing them in its
// config, and says where each sprint comes from.

const env = { PAYDOWN_TODAY: '2026-03-18' };

const CODE = ['// DEBT: Replace the retry loop effort:3 impact:high sprint:PAY-Sprint-2', '// TODO: log failures effort:1 sprint:PAY-Sprint-2', '// FIXME: quadratic merge effort:5', ''].join('\n');

/** What `paydown sync` writes for Jira board 12 (three sprints; the second has its own capacity). */
const CACHE = `${JSON.stringify(
  {
    schema: '1.0',
    tracker: 'jira',
    scope: 'board 12',
    host: 'acme.atlassian.net',
    fetchedAt: '2026-03-17T08:00:00.000Z',
    sprints: [
      { id: '1', name: 'PAY-Sprint-1', start: '2026-03-02', end: '2026-03-13', capacity: null, state: 'closed' },
      { id: '2', name: 'PAY-Sprint-2', start: '2026-03-16', end: '2026-03-27', capacity: 30, state: 'active' },
      { id: '3', name: 'PAY-Sprint-3', start: '2026-03-30', end: '2026-04-10', capacity: null, state: 'future' },
    ],
  },
  null,
  2,
)}\n`;

const TRACKER_CONFIG = `{
  "sprints": { "from": "jira", "board": 12, "capacity": 40, "debtBudget": "20%",
    "sprints": [{ "name": "Hardening", "start": "2026-04-13", "end": "2026-04-17", "debtBudget": "50%" }] }
}`;

/** The same sprints, listed in the config. */
const LISTED_CONFIG = `{
  "sprints": [
    { "name": "PAY-Sprint-1", "start": "2026-03-02", "end": "2026-03-13", "capacity": 40, "debtBudget": "20%" },
    { "name": "PAY-Sprint-2", "start": "2026-03-16", "end": "2026-03-27", "capacity": 30, "debtBudget": "20%" },
    { "name": "PAY-Sprint-3", "start": "2026-03-30", "end": "2026-04-10", "capacity": 40, "debtBudget": "20%" },
    { "name": "Hardening", "start": "2026-04-13", "end": "2026-04-17", "capacity": 40, "debtBudget": "50%" }
  ]
}`;

function synced(files: Record<string, string>): string {
  const root = workspace({ 'src/pay.ts': CODE, ...files });
  const sync = paydown(['ledger', 'sync', '--no-cache'], { cwd: root, env });
  assert.equal(sync.status, 0, sync.stderr);
  return root;
}

describe('sprints from a tracker (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('sprint list says where each sprint comes from and when the tracker’s were read, in text and JSON', () => {
    const root = synced({ '.paydown/config.jsonc': TRACKER_CONFIG, '.paydown/tracker-sprints.json': CACHE });
    const list = paydown(['sprint', 'list', '--no-cache'], { cwd: root, env });
    assert.equal(list.status, 0, list.stderr);
    assert.equal(
      list.stdout,
      [
        // The ledger's first assignment is from PAY-Sprint-2: PAY-Sprint-1 ended before planning began.
        '  sprint        squad  dates                    phase    budget  allocated  paid         kept  from',
        '  PAY-Sprint-1         2026-03-02 → 2026-03-13  ended         8          0     0  not planned  Jira',
        '▸ PAY-Sprint-2         2026-03-16 → 2026-03-27  active        6          4     0           0%  Jira',
        '  PAY-Sprint-3         2026-03-30 → 2026-04-10  planned       8          0     0            –  Jira',
        '  Hardening            2026-04-13 → 2026-04-17  planned      20          0     0            –  config',
        'Points; kept = paid ÷ budget; ▸ the current sprint.',
        'Sprints from Jira board 12, read 2026-03-17 08:00 UTC; `paydown sync` refreshes them.',
        '',
      ].join('\n'),
    );
    const json = paydown(['sprint', 'list', '--format', 'json', '--no-cache'], { cwd: root, env });
    const doc = JSON.parse(json.stdout) as { sprints: { sprint: string; source: string }[]; tracker: unknown };
    const validate = contractValidator('sprint-list');
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.deepEqual(
      doc.sprints.map((s) => `${s.sprint}:${s.source}`),
      ['PAY-Sprint-1:jira', 'PAY-Sprint-2:jira', 'PAY-Sprint-3:jira', 'Hardening:config'],
    );
    assert.deepEqual(doc.tracker, { from: 'jira', scope: 'board 12', state: 'loaded', fetchedAt: '2026-03-17T08:00:00.000Z', problem: null, unmatched: [] });
  });

  it('budget on cached tracker sprints gives the same figures as the same sprints listed in the config', () => {
    const tracked = synced({ '.paydown/config.jsonc': TRACKER_CONFIG, '.paydown/tracker-sprints.json': CACHE });
    const listed = synced({ '.paydown/config.jsonc': LISTED_CONFIG });
    for (const sprint of ['current', 'PAY-Sprint-1', 'PAY-Sprint-3', 'Hardening']) {
      // Everything but the items' ids and first-seen times (each workspace mints its own), so lists in any order.
      const budget = (root: string): Record<string, unknown> => {
        const run = paydown(['budget', '--sprint', sprint, '--format', 'json', '--no-cache'], { cwd: root, env });
        assert.equal(run.status, 0, run.stderr);
        const sorted = (v: unknown): unknown =>
          Array.isArray(v) ? v.map(sorted).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sorted(x)])) : v;
        return sorted(JSON.parse(run.stdout.replace(/PD-[0-9A-Z]{4,8}/g, 'PD-?').replace(/"at": "[^"]+"/g, '"at": "…"'))) as Record<string, unknown>;
      };
      const fromTracker = budget(tracked);
      assert.deepEqual(fromTracker, budget(listed), sprint);
      if (sprint === 'current') assert.deepEqual([fromTracker.budget, fromTracker.allocated], [6, 4], 'the tracker’s capacity (30) × the config’s 20%');
    }
  });

  it('with `from` and no cache yet, budget and list say plainly to run `paydown sync`', () => {
    const root = synced({ '.paydown/config.jsonc': TRACKER_CONFIG });
    const budget = paydown(['budget', '--no-cache'], { cwd: root, env });
    assert.equal(budget.status, 2);
    assert.match(budget.stderr, /^paydown: no sprints from Jira yet: run `paydown sync`$/m);
    assert.match(budget.stderr, /^hint: run `paydown sync` with a Jira token: it reads board 12's sprints into \.paydown\/tracker-sprints\.json/m);
    const list = paydown(['sprint', 'list', '--no-cache'], { cwd: root, env });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^ {2}Hardening .* config$/m);
    assert.match(list.stdout, /^no sprints from Jira yet: run `paydown sync`$/m);
  });

  it('a corrupt cache fails budget with the file named, and is left as it was', () => {
    const root = synced({ '.paydown/config.jsonc': TRACKER_CONFIG, '.paydown/tracker-sprints.json': CACHE });
    const corrupt = CACHE.replace('"2026-03-27"', '"2026-03-02"');
    writeFileSync(path.join(root, '.paydown/tracker-sprints.json'), corrupt);
    const budget = paydown(['budget', '--no-cache'], { cwd: root, env });
    assert.equal(budget.status, 2);
    assert.match(budget.stderr, /^paydown: \.paydown\/tracker-sprints\.json: sprints\[1\]\.end 2026-03-02 is before its start 2026-03-16$/m);
    assert.match(budget.stderr, /Paydown will not overwrite it/);
    assert.equal(paydown(['sprint', 'list', '--no-cache'], { cwd: root, env }).status, 2);
    assert.equal(readFileSync(path.join(root, '.paydown/tracker-sprints.json'), 'utf8'), corrupt);
  });

  it('the HTML report’s sprint picker says which sprints come from Jira', () => {
    const root = synced({ '.paydown/config.jsonc': TRACKER_CONFIG, '.paydown/tracker-sprints.json': CACHE });
    const run = paydown(['report', '--format', 'html', '--no-cache'], { cwd: root, env });
    assert.equal(run.status, 0, run.stderr);
    const data = /<script type="application\/json" id="paydown-report">([\s\S]*?)<\/script>/.exec(run.stdout)?.[1];
    const report = JSON.parse(data!) as { pages: { sprints: { name: string; from?: string }[]; trackerSprints?: unknown }[] };
    assert.deepEqual(
      report.pages[0]!.sprints.map((s) => [s.name, s.from ?? null]),
      [['PAY-Sprint-1', 'Jira'], ['PAY-Sprint-2', 'Jira'], ['PAY-Sprint-3', 'Jira'], ['Hardening', null]],
    );
    assert.equal(report.pages[0]!.trackerSprints, undefined);
  });

  it('sprint list warns of an override naming no tracker sprint (a typo overrides nothing)', () => {
    const config = TRACKER_CONFIG.replace('"sprints": [', '"sprints": [{ "name": "PAY-Sprint-22", "capacity": 10 }, ');
    const root = synced({ '.paydown/config.jsonc': config, '.paydown/tracker-sprints.json': CACHE });
    const list = paydown(['sprint', 'list', '--no-cache'], { cwd: root, env });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^sprints\.sprints names "PAY-Sprint-22" without dates, and Jira board 12 has no sprint of that name: nothing overridden\.$/m);
  });
});
