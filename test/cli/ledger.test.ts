import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOnce, paydown, workspace } from './runCli';
import { git } from '../support/git';
import { contractValidator } from './jsonSchemas';

/** A git repository with two annotated files and one configured sprint, committed by Alice. */
function repository(config: object = { sprints: [{ name: '2026-S24', start: '2026-11-02', end: '2026-11-13', capacity: 40, debtBudget: '20%' }] }): string {
  const root = workspace({
    '.paydown/config.jsonc': JSON.stringify(config),
    'pay.ts': '// DEBT: Replace the retry loop @alice effort:3 impact:high #payments\nexport const a = 1;\n// TODO: log failures\n',
    'run.py': '# FIXME(bob): drop the v1 fallback effort:1\n',
  });
  git(root, 'init', '-q');
  git(root, 'config', 'user.name', 'Alice');
  git(root, 'config', 'user.email', 'alice@example.com');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return root;
}

interface ListedJson {
  id: string;
  status: string;
  tag: string;
  title: string;
  file: string;
  line: number;
  effort: number | null;
  impact: string | null;
  sprint: string | null;
  outcome: string | null;
  owners: string[];
  labels: string[];
  trackers: unknown[];
  resolved: { commit: string | null; author: string | null } | null;
}

function list(root: string, ...args: string[]): ListedJson[] {
  const run = paydown(['ledger', 'list', '--format', 'json', '--no-cache', ...args], { cwd: root });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).items;
}

describe('paydown ledger (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('sync records every annotation once, with a random id, and a second sync changes nothing', () => {
    const root = repository();
    const first = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^Synced the ledger: 3 new, 0 updated, 0 resolved, 0 reopened, 0 unchanged$/m);
    const files = readdirSync(path.join(root, '.paydown', 'ledger')).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 3);
    for (const file of files) assert.match(file, /^PD-[0-9A-HJKMNP-TV-Z]{6}\.json$/);
    const before = files.map((f) => readFileSync(path.join(root, '.paydown', 'ledger', f), 'utf8'));
    // The first recording in a git repository: dated today, unless history dates it.
    assert.match(first.stdout, /dated today, so a sprint review would count them all as added this sprint: `paydown ledger backfill` dates each/);
    const second = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.match(second.stdout, /0 new, 0 updated, 0 resolved, 0 reopened, 3 unchanged/);
    assert.doesNotMatch(second.stdout, /backfill/);
    assert.deepEqual(files.map((f) => readFileSync(path.join(root, '.paydown', 'ledger', f), 'utf8')), before, 'byte-identical');
  });

  it('--dry-run shows what would change and writes nothing', () => {
    const root = repository();
    const run = paydown(['ledger', 'sync', '--dry-run', '--no-cache'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Would sync the ledger: 3 new/m);
    assert.match(run.stdout, /\+ PD-\w+ +DEBT +pay\.ts:1 +Replace the retry loop/);
    assert.throws(() => readdirSync(path.join(root, '.paydown', 'ledger')));
  });

  it('list --format json carries the documented fields, and filters by status, tag, owner and label', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const items = list(root);
    assert.deepEqual(
      items.map((i) => [i.tag, i.file, i.line, i.effort, i.impact, i.status]).sort(),
      [
        ['DEBT', 'pay.ts', 1, 3, 'high', 'open'],
        ['FIXME', 'run.py', 1, 1, 'medium', 'open'],
        ['TODO', 'pay.ts', 3, null, 'low', 'open'],
      ],
    );
    for (const item of items) {
      assert.deepEqual(Object.keys(item).slice(0, 14), ['id', 'status', 'tag', 'title', 'body', 'file', 'line', 'column', 'effort', 'impact', 'sprint', 'outcome', 'edited', 'owners']);
      assert.deepEqual(item.trackers, []);
    }
    assert.deepEqual(list(root, '--owner', '@alice').map((i) => i.tag), ['DEBT']);
    assert.deepEqual(list(root, '--label', 'payments').map((i) => i.tag), ['DEBT']);
    assert.deepEqual(list(root, '--tag', 'FIXME,TODO').map((i) => i.tag).sort(), ['FIXME', 'TODO']);
    assert.deepEqual(list(root, '--status', 'resolved'), []);
  });

  it('list --sort interest puts debt in the files the team keeps changing first, with the window and each item\'s interest', () => {
    const root = repository();
    for (let i = 1; i <= 3; i++) {
      writeFileSync(path.join(root, 'run.py'), `# FIXME(bob): drop the v1 fallback effort:1\nx = ${i}\n`);
      git(root, 'commit', '-qam', `run ${i}`);
    }
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const text = paydown(['ledger', 'list', '--sort', 'interest'], { cwd: root });
    assert.equal(text.status, 0, text.stderr);
    const lines = text.stdout.split('\n');
    assert.match(lines[0]!, /^PD-\w+ +open +FIXME +run\.py:1 .* 4× top 33% +drop the v1 fallback$/);
    assert.match(lines.at(-2)!, /most interest first: commits to the item's file in the 90 days since \d{4}-\d\d-\d\d \(first-parent\), as a share of the repository's 3 files/);
    const json = paydown(['ledger', 'list', '--sort', 'interest', '--format', 'json'], { cwd: root });
    const doc = JSON.parse(json.stdout) as { items: { id: string; file: string }[]; interest: { days: number; items: Record<string, { commits: number; score: number }> } };
    const validate = contractValidator('ledger-list');
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.deepEqual(doc.items.map((i) => [i.file, doc.interest.items[i.id]!.commits]), [['run.py', 4], ['pay.ts', 1], ['pay.ts', 1]]);
    assert.equal(doc.interest.days, 90);
    const plain = JSON.parse(paydown(['ledger', 'list', '--format', 'json'], { cwd: root }).stdout) as { interest?: unknown };
    assert.equal(plain.interest, undefined, 'measured only when asked');
  });

  it('list shows live lines even though a line that only shifted is not rewritten in the ledger', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    writeFileSync(path.join(root, 'run.py'), 'import os\nimport sys\n# FIXME(bob): drop the v1 fallback effort:1\n');
    const sync = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.match(sync.stdout, /0 updated/);
    assert.equal(list(root, '--tag', 'FIXME')[0]!.line, 3);
  });

  it('set edits status, effort (2h in points), impact and sprint with history; the edit wins over the comment', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const todo = list(root, '--tag', 'TODO')[0]!;
    const set = paydown(['ledger', 'set', todo.id, '--effort', '2h', '--impact', 'critical', '--sprint', '2026-S24'], { cwd: root });
    assert.equal(set.status, 0, set.stderr);
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const after = list(root, '--tag', 'TODO')[0]!;
    assert.deepEqual([after.effort, after.impact, after.sprint, after.status], [0.5, 'critical', '2026-S24', 'scheduled']);
    const show = paydown(['ledger', 'show', todo.id.toLowerCase(), '--format', 'json'], { cwd: root });
    const history = JSON.parse(show.stdout).history.map((e: { type: string; field?: string }) => e.field ?? e.type);
    assert.deepEqual(history, ['created', 'sprint', 'status', 'effort', 'impact']);
  });

  it('a removed comment resolves its item with the commit and author that removed it; a restored one reopens', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    writeFileSync(path.join(root, 'pay.ts'), '// DEBT: Replace the retry loop @alice effort:3 impact:high #payments\nexport const a = 1;\n');
    git(root, 'commit', '-qam', 'log failures');
    const removal = git(root, 'rev-parse', 'HEAD').trim();
    const sync = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.match(sync.stdout, /1 resolved/);
    const resolved = list(root, '--status', 'resolved');
    assert.equal(resolved.length, 1);
    assert.equal(resolved[0]!.title, 'log failures');
    assert.deepEqual([resolved[0]!.resolved?.commit, resolved[0]!.resolved?.author], [removal, 'Alice']);
    writeFileSync(path.join(root, 'pay.ts'), '// TODO: log failures\n');
    const back = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.match(back.stdout, /1 reopened/);
    assert.equal(list(root, '--tag', 'TODO')[0]!.status, 'open');
  });

  it('debt in files the scan did not read stays open, and sync says how many and why (text and JSON)', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    // pay.ts grows past the limit; run.py is newly excluded.
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), '{ "scan": { "maxFileSize": 2048, "exclude": ["*.py"] } }\n');
    writeFileSync(path.join(root, 'pay.ts'), readFileSync(path.join(root, 'pay.ts'), 'utf8') + '// filler\n'.repeat(300));
    const text = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^Synced the ledger: 0 new, 0 updated, 0 resolved, 0 reopened, 0 unchanged$/m);
    assert.match(text.stdout, /^ {2}! 3 not checked: 2 in files over the size limit \(scan\.maxFileSize\), 1 in excluded files \(scan\.include\/scan\.exclude\); left as they were$/m);
    const json = JSON.parse(paydown(['ledger', 'sync', '--no-cache', '--dry-run', '--format', 'json'], { cwd: root }).stdout);
    assert.deepEqual([json.counts.resolved, json.counts.notChecked, json.counts.notCheckedBy], [0, 3, { 'too-large': 2, excluded: 1 }]);
    assert.deepEqual(json.notChecked.map((n: { file: string; reason: string }) => `${n.file} ${n.reason}`).sort(), ['pay.ts too-large', 'pay.ts too-large', 'run.py excluded']);
    assert.deepEqual(list(root).map((it) => it.status), ['open', 'open', 'open']);
  });

  it('refuses to sync over an unreadable ledger file, names it, and leaves it untouched', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const dir = path.join(root, '.paydown', 'ledger');
    const victim = path.join(dir, readdirSync(dir).filter((f) => f.endsWith('.json'))[0]!);
    writeFileSync(victim, '{ "schema": "1.0", "id": broken\n');
    const run = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /paydown: 1 ledger file cannot be read: .*PD-\w+\.json:\d+/);
    assert.match(run.stderr, /hint: run `paydown ledger doctor`/);
    assert.equal(readFileSync(victim, 'utf8'), '{ "schema": "1.0", "id": broken\n');
  });

  it('show and set fail with exit 2 and a hint for an unknown or malformed id', () => {
    const root = repository();
    const unknown = paydown(['ledger', 'show', 'PD-ZZZZZZ'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^paydown: no item PD-ZZZZZZ in the ledger\nhint: /);
    const malformed = paydown(['ledger', 'set', 'banana', '--status', 'open'], { cwd: root });
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /"banana" is not an item id/);
  });

  it('show of a corrupt item names the file and line and points at the doctor (not "no item")', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const dir = path.join(root, '.paydown', 'ledger');
    const name = readdirSync(dir).filter((f) => f.endsWith('.json'))[0]!;
    const id = name.slice(0, -'.json'.length);
    const file = path.join(dir, name);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"status": "open"', '"status": "someday"'));
    const run = paydown(['ledger', 'show', id, '--no-cache'], { cwd: root });
    assert.equal(run.status, 2);
    const lines = run.stderr.trim().split('\n');
    assert.match(lines.at(-2)!, new RegExp(`^paydown: ${id} cannot be read: \\.paydown/ledger/${id}\\.json:\\d+: "status" must be one of`));
    assert.equal(lines.at(-1), 'hint: run `paydown ledger doctor` to repair what is safely repairable; it says what needs a human');
  });

  it('doctor --dry-run says once what it would do, and counts as healthy only the files that read cleanly now', () => {
    const root = workspace({ '.paydown/.gitignore': '' });
    const fixture = path.join(__dirname, '..', 'fixtures', 'ledger', 'corrupt');
    const dir = path.join(root, '.paydown', 'ledger');
    mkdirSync(dir);
    copyFileSync(path.join(fixture, 'conflict-markers', '.paydown', 'ledger', 'PD-7Q2K9A.json'), path.join(dir, 'PD-7Q2K9A.json'));
    copyFileSync(path.join(fixture, 'conflict-markers', '.paydown', 'ledger', 'PD-GOOD01.json'), path.join(dir, 'PD-GOOD01.json'));
    copyFileSync(path.join(fixture, 'newer-major', '.paydown', 'ledger', 'PD-7Q2K9A.json'), path.join(dir, 'PD-NEWER1.json'));
    writeFileSync(path.join(dir, '.PD-GOOD01.json.1.ab.tmp'), '{"half":');
    const run = paydown(['ledger', 'doctor', '--dry-run', '--root', root], { cwd: root });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stdout,
      [
        'Checked 3 ledger files: 1 healthy.',
        '  ✓ .paydown/ledger/.PD-GOOD01.json.1.ab.tmp: leftover temp file of an interrupted write — would remove it',
        '  ✓ .paydown/ledger/PD-7Q2K9A.json: git conflict markers (1 region): two branches changed this item — would merge both versions: 3 history events kept, newer fields won',
        '  ✗ .paydown/ledger/PD-NEWER1.json:2: written by a newer Paydown (ledger schema 2.0; this version reads 1.x)',
        '2 repairable, 1 needs a human.',
        '',
      ].join('\n'),
    );
  });

  for (const args of [['ledger', 'doctor'], ['ledger', 'set', 'PD-AAAAAA', '--status', 'open'], ['sprint', 'unassign', 'PD-AAAAAA']]) {
    it(`${args.slice(0, 2).join(' ')} --root with a folder that does not exist: a usage error (exit 2), nothing created`, () => {
      const parent = workspace({});
      const missing = path.join(parent, 'does', 'not', 'exist');
      const run = paydown([...args, '--root', missing], { cwd: parent });
      assert.equal(run.status, 2);
      assert.equal(run.stderr, `paydown: --root ${missing}: no such folder\nhint: pass the folder of an existing workspace (the one holding .paydown/ or .git)\n`);
      assert.deepEqual(readdirSync(parent), []);
    });
  }

  it('set takes only a known sprint (by its configured name), and no control characters or formulas', () => {
    const root = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const todo = list(root, '--tag', 'TODO')[0]!;
    const ledgerFile = path.join(root, '.paydown', 'ledger', `${todo.id}.json`);
    const before = readFileSync(ledgerFile, 'utf8');
    for (const sprint of ['2026-S24\n=HYPERLINK("http://x")', 'S\u001b[2J', '=cmd|"/c calc"!A1', 'no-such-sprint']) {
      const run = paydown(['ledger', 'set', todo.id, '--sprint', sprint], { cwd: root });
      assert.equal(run.status, 2, sprint);
      assert.match(run.stderr, /^paydown: (--sprint ".*" holds control characters or line breaks|no sprint named ".*")\nhint: /, sprint);
      assert.ok(!run.stderr.includes('\u001b'), 'the escape is shown, not sent');
    }
    assert.equal(readFileSync(ledgerFile, 'utf8'), before, 'the ledger is untouched');
    assert.equal(paydown(['ledger', 'set', todo.id, '--sprint', '2026-s24'], { cwd: root }).status, 0);
    assert.equal(list(root, '--tag', 'TODO')[0]!.sprint, '2026-S24', 'stored as configured');
  });

  it('set takes a configured outcome when outcomes are configured, else only a plain outcome name', () => {
    const plain = repository();
    paydown(['ledger', 'sync', '--no-cache'], { cwd: plain });
    const id = list(plain, '--tag', 'TODO')[0]!.id;
    for (const outcome of ['=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', 'two words', 'line\nbreak']) {
      const run = paydown(['ledger', 'set', id, '--outcome', outcome], { cwd: plain });
      assert.equal(run.status, 2, outcome);
      assert.match(run.stderr, /--outcome ".*" (is not an outcome name|holds control characters)/, outcome);
    }
    assert.equal(paydown(['ledger', 'set', id, '--outcome', 'retention'], { cwd: plain }).status, 0);
    assert.equal(list(plain, '--tag', 'TODO')[0]!.outcome, 'retention');

    const configured = repository({ outcomes: [{ name: 'reliability' }] });
    paydown(['ledger', 'sync', '--no-cache'], { cwd: configured });
    const other = list(configured, '--tag', 'TODO')[0]!.id;
    const unknown = paydown(['ledger', 'set', other, '--outcome', 'retention'], { cwd: configured });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--outcome "retention" is not a configured outcome\nhint: use one of reliability/);
    assert.equal(paydown(['ledger', 'set', other, '--outcome', 'RELIABILITY'], { cwd: configured }).status, 0);
    assert.equal(list(configured, '--tag', 'TODO')[0]!.outcome, 'reliability');
  });
});
